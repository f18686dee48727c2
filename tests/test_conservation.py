"""Conservation: every word spoken in the input reaches the page, in order, and nothing else is spoken."""

from __future__ import annotations

import re

import markdown
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from onrecord.corpus import build_corpus
from onrecord.diagnostics import Report
from onrecord.pipeline import load_transcript
from onrecord.readers.vocabulary import SPEAKER_LINE, section_marker
from onrecord.pages import transcript_page
from onrecord.render import render

from .conftest import REFERENCE
from .pagetext import turn_text, words_in_order
from .test_escaping import EXTENSION_CONFIGS, EXTENSIONS, HOSTILE

SPEAKER_LINES = [
    "Alice M. Smith - Chief Executive Officer",
    "Bob Jones - Big Bank Securities LLC",
    "Operator",
    "Carol <u>van</u> Dyke - Chief Financial Officer",
]
word = st.one_of(
    st.sampled_from(HOSTILE + ["(4:28)", "\\$5", "Model", "X", "okay", "2016,", "–"]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1, max_size=8),
)
paragraph = st.lists(word, min_size=1, max_size=10).map(" ".join).filter(lambda p: p.strip())
turn = st.tuples(st.sampled_from(SPEAKER_LINES), st.lists(paragraph, min_size=1, max_size=3))


def page_html(markdown_source: str) -> str:
    return markdown.markdown(markdown_source, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


def spoken_words(text: str) -> list[str]:
    """The words a reader should find: source escapes cleaned, time marks set apart (counted elsewhere)."""
    text = re.sub(r"\\([$%&#_*])", r"\1", text)
    text = re.sub(r"\s*\(\d{1,2}(?::\d{2}){1,2}\)", "", text)
    return text.split()


def page_words(html: str) -> list[str]:
    turns, marks = turn_text(html)
    return " ".join(" ".join(paragraphs) for paragraphs in turns.values()).split()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(paragraph, max_size=2), st.lists(turn, min_size=1, max_size=6))
# Markup quoted in a plain-text transcript once made it be read as HTML, and the tags were lost.
@example(opening=["</div> </div>"], turns=[("Alice M. Smith - Chief Executive Officer", ["</div> </div>"])])
def test_every_spoken_word_reaches_the_page_in_order(tmp_path_factory, opening, turns):
    for text in opening + [p for _, ps in turns for p in ps]:
        cleaned = " ".join(text.split())
        assume(not SPEAKER_LINE.match(cleaned) and not section_marker(cleaned))
        assume(cleaned not in {"Operator", "Moderator", "Host", "Chair", "Chairman", "Chairperson"})
        assume(not re.fullmatch(r"(?i)operator|moderator|conference operator|host|chair(man|person)?", cleaned))
    blocks = list(opening)
    for label, paragraphs in turns:
        blocks.append(label)
        blocks.extend(paragraphs)
    folder = tmp_path_factory.mktemp("content")
    path = folder / "call.txt"
    path.write_text("\n\n".join(blocks), encoding="utf-8")
    report = Report()
    transcript = load_transcript(path, report)
    # Text that reads as mis-decoded (`Â¡A`, `Itâ€™s`) is repaired, and said so; the rest is untouched.
    assume("source.mojibake" not in report.codes())
    assume("meta.yaml" not in report.codes())  # broken front matter is an error to fix, not speech
    page = render(build_corpus([transcript], report))[transcript_page(transcript.slug)]
    html = page_html(page)

    expected = [w for text in opening + [p for _, ps in turns for p in ps] for w in spoken_words(text)]
    turns_text, marks = turn_text(html)
    found = " ".join(" ".join(ps) for ps in turns_text.values()).split()
    ok, missing = words_in_order(expected, found)
    assert ok, f"{missing!r} is missing from the page"
    assert sum(len(m) for m in marks.values()) == sum(len(t.marks) for t in transcript.turns)
    # Nothing is spoken on the page that was not in the transcript's clean text.
    for turn_model in transcript.turns:
        assert turns_text[turn_model.id] == list(turn_model.paragraphs)


def test_every_word_of_the_reference_transcript_reaches_its_page_in_order(reference):
    transcript, report = reference
    body = REFERENCE.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    expected = []
    for block in body.split("\n\n"):
        block = " ".join(block.split())
        if section_marker(block) or block == "Operator" or SPEAKER_LINE.match(re.sub(r"</?u>", "", block)):
            continue
        expected.extend(spoken_words(block))
    html = page_html(render(build_corpus([transcript], report))[transcript_page(transcript.slug)])
    ok, missing = words_in_order(expected, page_words(html))
    assert ok, f"{missing!r} is missing"
    assert page_words(html) == expected  # and nothing else is spoken on the page
    assert len(expected) > 8000
