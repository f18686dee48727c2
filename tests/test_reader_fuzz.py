"""Fuzz every reader: talk written in each layout's shape keeps every spoken word, in order, with its speaker;
text of any shape, in any reader, never raises and loses no word the audit counts.

Each property runs twice: a fast run of a few hundred examples with the rest of the suite, and a `slow`
run of 10,000 examples (`pytest -m slow tests/test_reader_fuzz.py`: about 100 s and 30 s on 2 cores).
"""

from __future__ import annotations

import html
import json
import random
import re
import textwrap
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.audit import lost_words, placed, source_words, words_of
from onrecord.diagnostics import Report
from onrecord.pipeline import load_transcript

from .pagetext import words_in_order

# The same examples on every run (`derandomize`), so a run fails for the code it tests and never by chance.
FAST = settings(max_examples=150, deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
SLOW = settings(FAST, max_examples=10_000)

PEOPLE = [  # (name, firm, title, as a court or a hearing labels them)
    ("Dana Whitfield", "Northwind Robotics", "Chief Executive Officer", "MS. WHITFIELD"),
    ("Omar Haddad", "Northwind Robotics", "Chief Financial Officer", "MR. HADDAD"),
    ("Priya Raman", "Harbour Securities", "Analyst", "JUSTICE RAMAN"),
]
# Words of talk, and the shapes that once lost words: angle brackets, dashes, letters without case,
# numbers, quotes, words of other scripts.
WORDS = ["revenue", "grew", "the", "quarter", "and", "margins", "we", "expect", "more", "orders", "from", "about",
         "percent", "12", "2025", "it's", "next", "year", "demand", "costs", "fell", "slightly", "robots", "x", "y"]
TRICKY = ["<", ">", "x<y", "5>2", "3<4", "--", "-", "–", "—", "&", "50%", "$5", "co-op", "u.s.", "“quoted”",
          "(aside)", "مرحبا", "شكرا", "שלום", "תודה", "你好", "привет", "élan", "ødegaard", "#1", "a/b", "...", "'"]
# Made-up words of mixed scripts, drawn once: drawing each letter made generating the examples the slow part.
MIXED = ["".join(random.Random(n).choices("abcdefghijklmnopqrstuvwxyzéßøمرحבשל你好", k=1 + n % 8)) for n in range(200)]
word = st.sampled_from(WORDS + TRICKY + MIXED)
ordinary = st.lists(st.sampled_from(WORDS), min_size=2, max_size=8)
spoken = st.tuples(st.sampled_from(WORDS), st.lists(word, min_size=1, max_size=8), st.sampled_from(".?!")).map(
    lambda s: " ".join([s[0].capitalize(), *s[1]]) + s[2])
shouted = ordinary.map(lambda ws: " ".join(ws).upper() + ".")  # `I OBJECT TO THAT QUESTION.`
sentence = st.one_of(spoken, spoken, spoken, spoken, shouted)  # a sentence in five is shouted in capitals


paragraph = st.lists(sentence, min_size=1, max_size=2).map(" ".join)
turn = st.tuples(st.integers(0, len(PEOPLE) - 1), st.lists(paragraph, min_size=1, max_size=3))
talk = st.lists(turn, min_size=2, max_size=5).filter(lambda ts: all(a[0] != b[0] for a, b in zip(ts, ts[1:])))


# ---- the layouts, each as its publisher writes it -------------------------------------------------

def blocks(turns) -> str:
    return "\n\n".join(f"{PEOPLE[who][0]} - {PEOPLE[who][2]}\n\n" + "\n\n".join(ps) for who, ps in turns) + "\n"


def inline(turns) -> str:  # a court: the label opens the turn's first line, later paragraphs on lines of their own
    return "".join(f"{PEOPLE[who][3]}: " + "\n".join(ps) + "\n" for who, ps in turns)


def motley_fool(turns) -> str:
    listed = "\n".join(f"{title} — {name}" for name, _, title, _ in PEOPLE)
    said = "\n".join(f"{PEOPLE[who][0]}: " + "\n".join(ps) for who, ps in turns)
    return (f"Title: Northwind Robotics (NWRB) Q4 2024 Earnings Call Transcript\nSource: https://example.org/x\n"
            f"Date: 2025-02-07\n\nDATE\nWednesday, Feb. 5, 2025 at 5 p.m. ET\nCALL PARTICIPANTS\n{listed}\n"
            f"Full Conference Call Transcript\n{said}\n")


def motley_fool_old(turns) -> str:
    body = "\n\n".join(f"{PEOPLE[who][0]} -- {PEOPLE[who][1]} -- {PEOPLE[who][2]}\n\n" + "\n\n".join(ps)
                       for who, ps in turns)
    return f"Northwind Robotics (NWRB) Q4 2024 Earnings Call Transcript\n\nPrepared Remarks:\n\n{body}\n"


def streetevents(turns) -> str:
    listed = "\n \n".join(f"{name}\n{firm} - {title}" for name, firm, title, _ in PEOPLE)
    separator = "\n" + "-" * 70 + "\n"
    body = separator.join(f"{PEOPLE[who][0]}\n{PEOPLE[who][1]} - {PEOPLE[who][2]}\n"
                          + "\n".join(textwrap.fill(p, 70, break_on_hyphens=False) for p in ps) for who, ps in turns)
    return f"CORPORATE PARTICIPANTS\n \n{listed}\n \nPRESENTATION{separator}{body}\n"


def html_page(turns) -> str:
    body = "\n".join(f"<p><b>{PEOPLE[who][3]}</b>: {html.escape(ps[0])}</p>"
                     + "".join(f"\n<p>{html.escape(p)}</p>" for p in ps[1:]) for who, ps in turns)
    return f"<!DOCTYPE html>\n<html><head><title>Whitfield v. Haddad</title></head>\n<body>\n{body}\n</body></html>\n"


def markdown_bold(turns) -> str:
    escape = lambda text: html.escape(text, quote=False)  # noqa: E731  (`<y and z>` is raw HTML in Markdown)
    return "\n\n".join(f"**{PEOPLE[who][0]}:** " + "\n\n".join(escape(p) for p in ps) for who, ps in turns) + "\n"


def webvtt(turns) -> str:
    cues = [(who, p) for who, ps in turns for p in ps]
    return "WEBVTT\n\n" + "\n\n".join(f"00:{i // 60:02d}:{i % 60:02d}.000 --> 00:{(i + 1) // 60:02d}:{(i + 1) % 60:02d}.000"
                                      f"\n<v {PEOPLE[who][0]}>{p}" for i, (who, p) in enumerate(cues)) + "\n"


def subrip(turns) -> str:  # the speaker named on a turn's first cue only
    cues = [(f"{PEOPLE[who][0]}: " if first else "") + p for who, ps in turns for first, p in zip([True] + [False] * 9, ps)]
    return "\n\n".join(f"{i + 1}\n{_srt_time(i)} --> {_srt_time(i + 1)}\n{cue}" for i, cue in enumerate(cues)) + "\n"


def _srt_time(second: int) -> str:
    return f"00:{second // 60:02d}:{second % 60:02d},000"


def podcast_json(turns) -> str:
    segments = [{"speaker": PEOPLE[who][0], "startTime": float(i), "endTime": i + 1.0, "body": p}
                for i, (who, p) in enumerate((who, p) for who, ps in turns for p in ps)]
    return json.dumps({"segments": segments}, ensure_ascii=False)


def _labelled(turns, label) -> str:
    """Front matter naming each diarisation label, as a publisher names a speech recogniser's voices."""
    people = sorted({who for who, _ in turns})
    return "---\nparticipants:\n" + "".join(f"  - {{label: {label(who)}, name: {PEOPLE[who][0]}}}\n" for who in people) + "---\n"


def _said(turns):
    return [(i, who, p) for i, (who, p) in enumerate((who, p) for who, ps in turns for p in ps)]


def whisperx(turns) -> str:
    segments = [{"start": i + 0.5, "end": i + 1.0, "text": f" {p}", "speaker": f"SPEAKER_{who:02d}",
                 "words": [{"word": w, "start": i, "speaker": f"SPEAKER_{who:02d}"} for w in p.split()]}
                for i, who, p in _said(turns)]
    return _labelled(turns, lambda who: f"SPEAKER_{who:02d}") + json.dumps({"segments": segments}, ensure_ascii=False)


def assemblyai(turns) -> str:
    utterances = [{"speaker": "ABC"[who], "start": i * 1000, "end": i * 1000 + 900, "text": p,
                   "words": [{"text": w, "start": i * 1000, "end": i * 1000 + 900, "confidence": 0.9,
                              "speaker": "ABC"[who]} for w in p.split()]} for i, who, p in _said(turns)]
    text = " ".join(p for _, _, p in _said(turns))
    return _labelled(turns, lambda who: "ABC"[who]) + json.dumps({"text": text, "utterances": utterances}, ensure_ascii=False)


def deepgram(turns) -> str:
    paragraphs = [{"speaker": who, "sentences": [{"text": p, "start": float(i), "end": i + 0.9}]} for i, who, p in _said(turns)]
    words = [{"word": w.lower(), "punctuated_word": w, "start": float(i), "speaker": who}
             for i, who, p in _said(turns) for w in p.split()]
    alternative = {"transcript": " ".join(p for _, _, p in _said(turns)).lower(), "words": words,
                   "paragraphs": {"paragraphs": paragraphs}}
    return _labelled(turns, str) + json.dumps({"results": {"channels": [{"alternatives": [alternative]}]}}, ensure_ascii=False)


def rev(turns) -> str:
    monologues = [{"speaker": who, "elements": [e for j, w in enumerate(p.split()) for e in (
        [{"type": "punct", "value": " "}] if j else []) + [{"type": "text", "value": w, "ts": float(i), "end_ts": i + 0.5}]]}
        for i, who, p in _said(turns)]
    return _labelled(turns, str) + json.dumps({"monologues": monologues}, ensure_ascii=False)


def transcribe(turns) -> str:
    items = [{"start_time": f"{i}.{j}", "end_time": f"{i}.{j + 1}", "type": "pronunciation", "speaker_label": f"spk_{who}",
              "alternatives": [{"content": w, "confidence": "0.9"}]} for i, who, p in _said(turns) for j, w in enumerate(p.split())]
    return _labelled(turns, lambda who: f"spk_{who}") + json.dumps({"results": {"items": items}}, ensure_ascii=False)


def tei(turns) -> str:
    people = "".join(f'<person xml:id="p{who}"><persName>{PEOPLE[who][0]}</persName></person>'
                     for who in sorted({who for who, _ in turns}))  # a sitting's file lists who speaks in it
    us = "".join(f'<u who="#p{who}">' + "".join(f"<seg>{html.escape(p)}</seg>" for p in ps) + "</u>" for who, ps in turns)
    return (f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><profileDesc><particDesc><listPerson>{people}'
            f"</listPerson></particDesc></profileDesc></teiHeader><text><body><div>{us}</div></body></text></TEI>")


def akoma_ntoso(turns) -> str:
    people = "".join(f'<TLCPerson eId="p{who}" href="/p{who}" showAs="{PEOPLE[who][0]}"/>' for who in range(len(PEOPLE)))
    speeches = "".join(f'<speech by="#p{who}">' + "".join(f"<p>{html.escape(p)}</p>" for p in ps) + "</speech>"
                       for who, ps in turns)
    return (f'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><debate><meta><references>{people}'
            f"</references></meta><debateBody><debateSection>{speeches}</debateSection></debateBody></debate></akomaNtoso>")


def otter(turns) -> str:
    return "\n".join(f"{PEOPLE[who][0]}  {i}:{i % 60:02d}  \n" + " ".join(ps) + "\n" for i, (who, ps) in enumerate(turns))


LAYOUTS = {
    "blocks.txt": blocks, "court.txt": inline, "fool.txt": motley_fool, "fool-old.txt": motley_fool_old,
    "streetevents.txt": streetevents, "court.html": html_page, "talk.md": markdown_bold, "talk.vtt": webvtt,
    "talk.srt": subrip, "talk.json": podcast_json, "otter.txt": otter,
    "whisperx.json": whisperx, "assemblyai.json": assemblyai, "deepgram.json": deepgram, "rev.json": rev,
    "transcribe.json": transcribe, "parlamint.xml": tei, "debate.xml": akoma_ntoso,
}
# A layout's own furniture, on no page and said by no one.
FURNITURE = {"fool.txt": "Full Conference Call Transcript", "transcribe.json": "pronunciation", "rev.json": "text punct"}


def read(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = Report()
    return load_transcript(path, report), report


def check_talk_in_layout(tmp_path, name: str, turns) -> None:
    transcript, report = read(tmp_path, name, LAYOUTS[name](turns))
    assert "reader.bug" not in report.codes(), [str(d) for d in report.diagnostics]
    said = [t for t in transcript.turns if t.speaker]
    spoken = [w for t in said for i, p in enumerate(t.paragraphs) if i not in t.directions for w in words_of(p)]
    expected = [w for _, ps in turns for p in ps for w in words_of(p)]
    ok, missing = words_in_order(expected, spoken)
    assert ok, f"{name}: {missing!r} is not spoken"
    assert len(spoken) == len(expected), f"{name}: more is spoken than was said"
    names = [transcript.speaker(t.speaker).name.lower() for t in said]
    surnames = [PEOPLE[who][0].split()[-1].lower() for who, _ in turns]
    assert len(names) == len(surnames) and all(s in n for s, n in zip(surnames, names)), f"{name}: {names}"
    lost = lost_words(transcript) - Counter(words_of(FURNITURE.get(name, "")))
    assert not lost, f"{name}: lost {dict(lost)}"


layout = st.sampled_from(sorted(LAYOUTS))


@FAST
@given(layout, talk)
def test_talk_in_every_layout_keeps_every_spoken_word_in_order_with_its_speaker(tmp_path, name, turns):
    check_talk_in_layout(tmp_path, name, turns)


@pytest.mark.slow
@SLOW
@given(layout, talk)
def test_talk_in_every_layout_keeps_every_spoken_word_10_000_examples(tmp_path, name, turns):
    check_talk_in_layout(tmp_path, name, turns)


# ---- text of any shape, in every reader ----------------------------------------------------------

READERS = ["webvtt", "srt", "podcast-json", "streetevents", "motleyfool", "otter", "timed-text",
           "congressional-record", "html", "markdown", "blocks", "inline", "asr-json", "tei", "akoma-ntoso"]
# How each layout's files begin, so that the fuzzed text gets past the reader's first look.
OPENINGS = {"webvtt": "WEBVTT\n\n", "srt": "1\n00:00:01,000 --> 00:00:02,000\n", "podcast-json": "",
            "motleyfool": "Full Conference Call Transcript\n", "html": "<html><body>", "timed-text": "00:00:01 ",
            "asr-json": '{"segments": [{"start": 0, "speaker": "SPEAKER_00", "text": "',
            "tei": '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><u who="#a"><seg>',
            "akoma-ntoso": '<akomaNtoso><debate><debateBody><speech by="#a"><p>'}
# Characters that mean something to some layout: markup, labels, cue timings, dashes, line ends.
SYNTAX = st.sampled_from(list("<>/:-–—*#_[]()`&;\"'{}.,!?0123456789 \n\t") + [
    "-->", "<v ", "</v>", "<b>", "</b>", "<p>", "</p>", "<head>", "**", "##", "- ", "> ", "1. ", "\n\n",
    "MR. SMITH: ", "Dana Whitfield: ", "Operator", "Dana Whitfield - CEO", " -- ", "00:00:04", "00:01 --> 00:04",
    "&amp;", "&lt;", "\r\n", "\ufeff", "\u200b", "\x00", "PRESENTATION", "Questions and Answers:", "(Laughter.)",
])
any_text = st.one_of(
    st.lists(st.one_of(SYNTAX, st.sampled_from(WORDS + TRICKY), st.characters(codec="utf-8")), max_size=60).map("".join),
    st.lists(st.one_of(SYNTAX, st.sampled_from(WORDS + TRICKY)), max_size=80).map("".join),
    st.text(max_size=300),
    st.binary(max_size=300),
)


SUFFIXES = {"webvtt": ".vtt", "srt": ".srt", "podcast-json": ".json", "html": ".html", "markdown": ".md",
            "asr-json": ".json", "tei": ".xml", "akoma-ntoso": ".xml"}
# Words a layout shows as structure, not text: section markers, the markers of Markdown's numbered lists.
STRUCTURE = r"(?i)presentation|questions and answers|^(?:[ \t]*(?:\d{1,9}[.)]|[-+*>])(?=\s|$))+"


def letters(words: Counter) -> Counter:
    """The letters and digits of words: where a tag or a control character parts or joins words, the
    reader and the audit may cut them apart differently, and no letter is lost for it."""
    found: Counter = Counter()
    for word_, count in words.items():
        for letter in word_:
            found[letter] += count
    return found


def check_any_text(tmp_path, reader: str, text: str | bytes) -> None:
    path = tmp_path / ("any" + SUFFIXES.get(reader, ".txt"))
    head = f"---\nformat: {reader}\n---\n{OPENINGS.get(reader, '')}"
    if isinstance(text, bytes):  # bytes in no encoding at all: decoded as best as can be, and read from there
        path.write_bytes(head.encode() + text)
    else:
        path.write_text(head + text, encoding="utf-8")
    report = Report()
    transcript = load_transcript(path, report)
    body = transcript.source.text  # as decoded, its opening included
    assert "reader.bug" not in report.codes(), [str(d) for d in report.diagnostics if d.code == "reader.bug"]
    furniture = " ".join([OPENINGS.get(reader, ""), *re.findall(STRUCTURE, body, re.MULTILINE)])
    furniture += " ".join(re.findall(r"^\s*[\d:.,]*\s*-->\s*[\d:.,]*", body, re.MULTILINE))  # cue timings
    if reader in ("webvtt", "srt"):  # a cue's id, on the line above its timing line
        furniture += " " + " ".join(re.findall(r"^(.*)\n.*-->", body, re.MULTILINE))
    if reader in ("html", "congressional-record", "markdown"):  # `<y0 … >` is a tag to HTML, as to a browser
        furniture += " " + " ".join(re.findall(r"<[A-Za-z/!?][^>]*>", body))
    speech, notes, other = placed(transcript)
    lost = letters(source_words(transcript.source)) - letters(speech + notes + other) - letters(Counter(words_of(furniture)))
    assert not lost, f"lost {dict(lost)}"


@FAST
@given(st.sampled_from(READERS), any_text)
def test_text_of_any_shape_in_any_reader_never_raises_and_loses_no_word(tmp_path, reader, text):
    check_any_text(tmp_path, reader, text)


@pytest.mark.slow
@SLOW
@given(st.sampled_from(READERS), any_text)
def test_text_of_any_shape_in_any_reader_never_raises_10_000_examples(tmp_path, reader, text):
    check_any_text(tmp_path, reader, text)
