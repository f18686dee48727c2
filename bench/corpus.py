"""A seeded synthetic archive of N distinct earnings calls, in the layouts the readers read, for the benchmarks.

    .venv/bin/python bench/corpus.py 100 /tmp/synthetic     # writes /tmp/synthetic/transcripts/*.txt|*.vtt

Copies of one transcript (the same 20 people N times) flatter some steps (few speakers, the same
topics) and punish others (one person's page holds every call). This archive looks more like a
publisher's: many organisations with a call a quarter each, executives whose titles change across
quarters, analysts who cover several organisations, an operator per call, calls of 5 to 90 minutes,
topics that recur across calls (the industry's, an organisation's own) and some said once. Layouts:
the block layout of content/transcripts/tesla-2015-q3.txt (`Name - Title` lines), the inline
`Name: text` layout with the people in front matter, and WebVTT with `<v Name>` voices.

The same N and seed always give the same files (one `random.Random`, nothing from the clock).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

import yaml

WORDS_PER_MINUTE = 150
LAYOUTS = ("block", "inline", "vtt")

_SYLLABLES = ("ar", "bel", "cor", "dan", "el", "fen", "gal", "hor", "is", "jun", "kel", "lum", "mar", "nor",
              "ol", "pra", "quin", "ros", "sol", "tav", "ul", "ven", "wes", "xan", "yor", "zel")
_SUFFIXES = ("Systems", "Industries", "Holdings", "Energy", "Networks", "Foods", "Motors", "Health", "Logistics",
             "Materials", "Software", "Bank", "Retail", "Robotics", "Pharma", "Semiconductor")
_FIRST = ("Ada", "Ben", "Carla", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Luis", "Maya",
          "Nils", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tara", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zoe")
_LAST = ("Abbott", "Brandt", "Castillo", "Dube", "Eriksen", "Fontaine", "Gupta", "Haddad", "Ivanova", "Jensen",
         "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quiroga", "Rahman", "Sato", "Tanaka",
         "Umarov", "Vargas", "Whitfield", "Xu", "Yilmaz", "Zhou")
_BANKS = ("Morgan Stanley", "Goldman Sachs", "UBS Securities LLC", "Barclays Capital", "JPMorgan Securities LLC",
          "Deutsche Bank", "Jefferies LLC", "Bernstein", "Cowen & Co. LLC", "Baird", "Piper Sandler", "Evercore ISI",
          "RBC Capital Markets", "Wells Fargo Securities", "Citigroup", "Oppenheimer & Co.")
# Titles climb: the same person is named differently a few quarters later.
_LADDERS = (
    ("Chief Executive Officer", "Chairman & Chief Executive Officer"),
    ("Chief Financial Officer", "Executive Vice President & Chief Financial Officer"),
    ("Vice President, Investor Relations", "Senior Vice President, Investor Relations"),
    ("Chief Operating Officer", "President & Chief Operating Officer"),
    ("Head of Sales", "Chief Commercial Officer"),
)
# Said across the industry, so topics recur across organisations.
_INDUSTRY_TOPICS = (
    "gross margin", "supply chain", "free cash flow", "capital expenditure", "operating leverage", "pricing power",
    "order backlog", "inventory levels", "share buyback", "foreign exchange", "raw material costs", "customer churn",
    "production ramp", "data center demand", "interest rates", "working capital", "recurring revenue",
    "regulatory approval", "market share", "unit economics", "labor costs", "channel inventory", "warranty reserve",
    "cloud migration", "energy storage", "battery cells", "freight costs", "software subscriptions",
)
_VERBS = ("expect", "see", "continue to drive", "are investing in", "remain focused on", "are encouraged by",
          "will update you on", "have improved", "are watching", "plan to expand")
_FILLER = ("the quarter", "the second half", "next year", "our guidance", "the long term", "each region",
           "the core business", "our customers", "the new plant", "the balance sheet", "the pipeline")
_QUESTIONS = ("Can you talk about {t}?", "How should we think about {t} into next year?",
              "Any update on {t}?", "What is driving {t} this quarter?", "Could you size {t} for us?")
_OPENERS = ("Thanks for taking my question.", "Good afternoon, everyone.", "Congrats on the quarter.",
            "Great, thank you.", "Hi, thanks.")


@dataclass(frozen=True)
class Person:
    name: str
    organisation: str
    ladder: tuple[str, ...] = ()  # titles over time; analysts have none

    def title(self, quarter: int) -> str:
        return self.ladder[min(len(self.ladder) - 1, quarter // 6)] if self.ladder else self.organisation


@dataclass(frozen=True)
class Organisation:
    name: str
    ticker: str
    executives: tuple[Person, ...]
    own_topics: tuple[str, ...]  # its products: recur in its own calls only
    layout: str


@dataclass(frozen=True)
class SyntheticTranscript:
    filename: str
    text: str  # the file as written: front matter, then the body in its layout
    title: str
    plain: str  # the same speech as plain paragraphs, for the naive baseline


def _word(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


class Archive:
    """The organisations and people of one seeded archive; `transcripts()` gives its N calls."""

    def __init__(self, n: int, seed: int = 14):
        self.n, self.rng = n, random.Random(seed)
        rng = self.rng
        count = max(3, n // 10)  # about ten calls each: two and a half years of quarters
        names: set[str] = set()
        self.organisations: list[Organisation] = []
        for index in range(count):
            name = f"{_word(rng, 2)} {_word(rng, 1)} {rng.choice(_SUFFIXES)}"
            while name in names:
                name = f"{_word(rng, 3)} {rng.choice(_SUFFIXES)}"
            names.add(name)
            executives = tuple(Person(self._person_name(), name, ladder)
                               for ladder in rng.sample(_LADDERS, rng.randint(2, 4)))
            own = tuple(f"{_word(rng, 2)} {rng.choice(('platform', 'line', 'program', 'chip', 'service'))}"
                        for _ in range(rng.randint(2, 4)))
            self.organisations.append(Organisation(name, f"{name[:3].upper()}{index}", executives, own,
                                                   LAYOUTS[index % len(LAYOUTS)]))
        # Fewer analysts than calls: each covers several organisations.
        self.analysts = [Person(self._person_name(), rng.choice(_BANKS)) for _ in range(max(6, n // 4))]
        self.coverage = {o.name: rng.sample(self.analysts, min(len(self.analysts), rng.randint(4, 9)))
                         for o in self.organisations}

    def _person_name(self) -> str:
        return f"{self.rng.choice(_FIRST)} {self.rng.choice(_LETTERS)}. {self.rng.choice(_LAST)}"

    def transcripts(self):
        start = dt.date(2012, 1, 20)
        for i in range(self.n):
            organisation = self.organisations[i % len(self.organisations)]
            quarter = i // len(self.organisations)
            date = start + dt.timedelta(days=91 * quarter + (i % len(self.organisations)) % 60)
            yield self._call(i, organisation, quarter, date)

    def _call(self, i: int, organisation: Organisation, quarter: int, date: dt.date) -> SyntheticTranscript:
        rng = self.rng
        year, q = 2012 + quarter // 4, quarter % 4 + 1
        title = f"{organisation.name} Q{q} {year} Earnings Call"
        minutes = rng.randint(5, 90)
        budget = minutes * WORDS_PER_MINUTE
        said_once = [f"{_word(rng, 3)} {rng.choice(('initiative', 'deal', 'facility'))}" for _ in range(2)]
        topics = rng.sample(_INDUSTRY_TOPICS, 6) + list(organisation.own_topics) + said_once
        executives = organisation.executives
        turns: list[tuple[Person | None, str]] = []  # None: the operator
        for executive in executives[: rng.randint(1, len(executives))]:
            turns.append((executive, self._remarks(topics, rng.randint(120, 400))))
            budget -= 250
        turns.append((None, "We will now begin the question-and-answer session."))
        analysts = self.coverage[organisation.name]
        while budget > 0:
            analyst = rng.choice(analysts)
            turns.append((None, f"Our next question comes from the line of {analyst.name} with {analyst.organisation}. "
                                "Your line is now open."))
            topic = rng.choice(topics)
            turns.append((analyst, f"{rng.choice(_OPENERS)} {rng.choice(_QUESTIONS).format(t=topic)}"))
            for _ in range(rng.randint(1, 3)):
                length = rng.randint(40, 260)
                turns.append((rng.choice(executives), self._remarks([topic, *rng.sample(topics, 2)], length)))
                budget -= length
            if rng.random() < 0.3:
                turns.append((analyst, f"Okay. And a follow-up on {rng.choice(topics)}?"))
                turns.append((rng.choice(executives), self._remarks(topics, rng.randint(30, 120))))
        turns.append((None, "That concludes today's conference call. You may now disconnect."))
        meta = {"title": title, "date": date.isoformat(), "company": organisation.name, "ticker": organisation.ticker,
                "slug": f"{organisation.ticker.lower()}-{year}-q{q}-{i:05d}", "genre": "earnings-call"}
        layout = organisation.layout
        body = {"block": _block, "inline": _inline, "vtt": _vtt}[layout](turns, quarter)
        if layout != "block":  # these layouts name no titles: the front matter does
            meta["participants"] = _participants(turns, quarter)
        front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
        suffix = ".vtt" if layout == "vtt" else ".txt"
        text = f"---\n{front}---\n{body}"
        plain = "\n\n".join(f"{_name(p)}: {said}" for p, said in turns) + "\n"
        return SyntheticTranscript(f"{meta['slug']}{suffix}", text, title, plain)

    def _remarks(self, topics: list[str], words: int) -> str:
        rng, out, count = self.rng, [], 0
        while count < words:
            sentence = (f"We {rng.choice(_VERBS)} {rng.choice(topics)} across {rng.choice(_FILLER)}, "
                        f"and {rng.choice(_VERBS)} {rng.choice(_FILLER)} by {rng.randint(2, 40)}%.")
            out.append(sentence)
            count += len(sentence.split())
        paragraphs, step = [], rng.randint(3, 6)
        for start in range(0, len(out), step):
            paragraphs.append(" ".join(out[start : start + step]))
        return "\n\n".join(paragraphs)


_LETTERS = tuple("ABCDEFGHJKLMNPRSTW")


def _name(person: Person | None) -> str:
    return person.name if person else "Operator"


def _block(turns, quarter: int) -> str:
    """The reference's layout: a `Name - Title` line, a blank line, the paragraphs."""
    out, asked = [], False
    for person, said in turns:
        if person is None and not asked and "question-and-answer" in said:
            out.append("Question-and-Answer Session")
            asked = True
        out.append(f"{person.name} - {person.title(quarter)}" if person else "Operator")
        out.append(said)
    return "\n\n".join(out) + "\n"


def _inline(turns, quarter: int) -> str:
    """`Name: text`, a turn a line, and the Q&A's heading on a line of its own."""
    out = []
    for person, said in turns:
        if person is None and "question-and-answer" in said:
            out.append("QUESTION-AND-ANSWER SESSION")  # a marker in capitals, as court and hearing records write them
        out.append(f"{_name(person)}: {said.replace(chr(10) * 2, ' ')}")
    return "\n\n".join(out) + "\n"


def _vtt(turns, quarter: int) -> str:
    """WebVTT with a `<v Name>` voice on every cue, a cue per paragraph, six seconds a cue."""
    cues, second = [], 0
    for person, said in turns:
        for paragraph in said.split("\n\n"):
            length = max(2, len(paragraph.split()) * 60 // WORDS_PER_MINUTE)
            cues.append(f"{_clock(second)} --> {_clock(second + length)}\n<v {_name(person)}>{paragraph}")
            second += length
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}.000"


def _participants(turns, quarter: int) -> list[dict[str, str]]:
    seen: dict[str, dict[str, str]] = {}
    for person, _ in turns:
        if person is None:
            seen.setdefault("Operator", {"name": "Operator", "role": "moderator"})
        elif person.ladder:
            seen.setdefault(person.name, {"name": person.name, "role": "company", "title": person.title(quarter),
                                          "organisation": person.organisation})
        else:
            seen.setdefault(person.name, {"name": person.name, "role": "questioner",
                                          "organisation": person.organisation})
    return list(seen.values())


def write(folder: Path, n: int, seed: int = 14) -> list[SyntheticTranscript]:
    """Write N synthetic transcripts into folder/transcripts/; return them."""
    target = folder / "transcripts"
    target.mkdir(parents=True, exist_ok=True)
    written = list(Archive(n, seed).transcripts())
    for transcript in written:
        (target / transcript.filename).write_text(transcript.text, encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args(argv)
    written = write(args.folder, args.n, args.seed)
    size = sum(len(t.text.encode()) for t in written)
    print(f"{len(written)} transcripts, {size / 1e6:.1f} MB, in {args.folder / 'transcripts'}")


if __name__ == "__main__":
    main()
