"""Conservation in every layout the real files come in: any talk, written out in that layout, loses no word.

Each layout below writes the same generated talk (speakers and their paragraphs) the way its
publisher does; the transcript read back must hold every spoken word in order, as speech, and give
each turn to the speaker who said it.
"""

from __future__ import annotations

import textwrap

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.diagnostics import Report
from onrecord.pipeline import load_transcript

from .pagetext import words_in_order

PEOPLE = [  # (name, firm, title)
    ("Dana Whitfield", "Northwind Robotics", "Chief Executive Officer"),
    ("Omar Haddad", "Northwind Robotics", "Chief Financial Officer"),
    ("Priya Raman", "Harbour Securities", "Analyst"),
]
WORDS = ["revenue", "grew", "the", "quarter", "and", "margins", "we", "expect", "more", "orders", "from", "europe",
         "about", "percent", "12", "2025", "it's", "next", "year", "demand", "costs", "fell", "slightly", "robots"]
sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=14).map(
    lambda ws: " ".join(ws).capitalize() + st_end(ws)
)


def st_end(words: list[str]) -> str:
    return "?" if len(words) % 4 == 0 else "."


paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
turn = st.tuples(st.integers(0, len(PEOPLE) - 1), st.lists(paragraph, min_size=1, max_size=3))
talk = st.lists(turn, min_size=2, max_size=8).filter(lambda ts: all(a[0] != b[0] for a, b in zip(ts, ts[1:])))


def motley_fool(turns) -> str:
    listed = "\n".join(f"{title} — {name}" for name, _, title in PEOPLE[:2])
    said = "\n".join(f"{PEOPLE[who][0]}: " + "\n".join(ps) for who, ps in turns)  # later paragraphs unlabelled
    return (f"Title: Northwind Robotics (NWRB) Q4 2024 Earnings Call Transcript\nSource: https://example.org/x\n"
            f"Date: 2025-02-07\n\nDATE\nWednesday, Feb. 5, 2025 at 5 p.m. ET\nCALL PARTICIPANTS\n{listed}\n"
            f"Full Conference Call Transcript\n{said}\n")


def refinitiv(turns) -> str:
    corporate = "\n \n".join(f"{name}\n{firm} - {title}" for name, firm, title in PEOPLE[:2])
    analysts = f"{PEOPLE[2][0]}\n{PEOPLE[2][1]} - {PEOPLE[2][2]}"
    body = []
    for who, ps in turns:
        name, firm, title = PEOPLE[who]
        wrapped = "\n".join(textwrap.fill(p, 70) for p in ps)  # a paragraph ends at a single newline
        body.append(f"{name}\n{firm} - {title}\n{wrapped}")
    separator = "\n" + "-" * 70 + "\n"
    return (f"CORPORATE PARTICIPANTS\n \n{corporate}\n \nCONFERENCE CALL PARTICIPANTS\n \n{analysts}\n \n"
            f"PRESENTATION{separator}" + separator.join(body) + "\n")


def congressional(turns) -> str:
    members = ["Mr. WHITFIELD", "Mr. HADDAD", "Ms. RAMAN of Ohio"]
    body = []
    for who, ps in turns:
        first, *rest = ps
        lines = [textwrap.fill(f"  {members[who]}. {first}", 70)] + [textwrap.fill("  " + p, 70) for p in rest]
        body.append("\n".join(lines))
    return ("<html>\n<head>\n<title>Congressional Record, Volume 151 Issue 99 (Wednesday, July 20, 2005)</title>\n"
            "</head>\n<body><pre>\n[Congressional Record Volume 151, Number 99 (Wednesday, July 20, 2005)]\n"
            "[House]\n[Page H6175]\nFrom the Congressional Record Online through the Government Publishing Office "
            "[<a href=\"http://www.gpo.gov\">www.gpo.gov</a>]\n\n\n                                ROBOTS\n\n"
            + "\n".join(body) + "\n\n</pre></body>\n</html>\n")


def court(turns) -> str:
    labels = ["MR. JUSTICE WHITFIELD", "MR. HADDAD", "MR. JUSTICE RAMAN"]
    body = "\n".join(f"<p><b>{labels[who]}</b>: {ps[0]}</p>" + "".join(f"\n<p>{p}</p>" for p in ps[1:])
                     for who, ps in turns)
    return f'---\ntitle: "Whitfield v. Haddad"\nlayout: page\n---\n\n## Tuesday, December 9, 1952\n\n{body}\n'


def otter_markdown(turns) -> str:
    return "\n".join(f"**{PEOPLE[who][0]}** {i}:{i % 60:02d}  \n" + "\n\n".join(ps) + "\n"
                     for i, (who, ps) in enumerate(turns))


LAYOUTS = {"motleyfool.txt": motley_fool, "refinitiv.txt": refinitiv, "crec.htm": congressional,
           "court.md": court, "ladybug.md": otter_markdown}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(talk)
def test_any_talk_in_any_real_layout_keeps_every_spoken_word_in_order_with_its_speaker(tmp_path, turns):
    for name, write in LAYOUTS.items():
        path = tmp_path / name
        path.write_text(write(turns), encoding="utf-8")
        transcript = load_transcript(path, Report())
        said = [t for t in transcript.turns if t.speaker]
        spoken = " ".join(p for t in said for i, p in enumerate(t.paragraphs) if i not in t.directions).split()
        expected = " ".join(p for _, ps in turns for p in ps).split()
        ok, missing = words_in_order(expected, spoken)
        assert ok, f"{name}: {missing!r} is not spoken"
        assert len(spoken) == len(expected), f"{name}: more is spoken than was said"
        surnames = [PEOPLE[who][0].split()[-1].lower() for who, _ in turns]
        names = [transcript.speaker(t.speaker).name.lower() for t in said]
        assert _same_sequence(surnames, names), f"{name}: {names} for {surnames}"


def _same_sequence(surnames: list[str], names: list[str]) -> bool:
    """One turn per change of speaker, each of the right person (`Ms. Raman of Ohio` is Raman)."""
    return len(names) == len(surnames) and all(s in n.split() for s, n in zip(surnames, names))
