"""Precision and recall of the automatic topics, per labelled file, against labels written by reading.

    .venv/bin/python bench/topics.py [--yake] [--quiet]

The labels (tests/topics_labels.py) say what each unit is about: the 15 exchanges of the reference
transcript (content/transcripts/tesla-2015-q3.txt, by exchange id) and every unit of four real files
of other genres in ../shared/corpus/real/ (by turn id: a label set belongs to the unit holding that
turn; a unit with no label is about nothing, so any topic on it is wrong). The five files are one
corpus, as an archive is: topics are found across them. A topic assigned to a unit is right when one
of the unit's labels (or one of its "a|b" spellings) is its name or one of its aliases, compared as
topics compare phrases (case, plurals and hyphens aside), or is the head a spelling ends in ("Maturities"
for "bond maturity"), or is a spelling with one word more ("Occupancy rate" for "occupancy"); a label
is matched too by a topic of the transcript as a whole (`Transcript.topics`, shown above every unit),
which counts as one assignment, on the first unit naming it. Micro-averaged over the units of a file:
precision = right assignments / assignments, recall = labels matched / labels.

With --yake, the reference transcript's figures for YAKE 0.7.3 (pip install yake==0.7.3), taking its
top keyphrases of the transcript as topics and the same assignment rule, to show why we do not use it.
A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from onrecord.corpus import build_corpus  # noqa: E402
from onrecord.diagnostics import Report  # noqa: E402
from onrecord.model import Corpus, Transcript  # noqa: E402
from onrecord.pipeline import load_transcript  # noqa: E402
from onrecord.topics import TopicsFile, assign_topics, phrase_key, units_of  # noqa: E402
from onrecord.topics.finding import _plain_alone, find_topics, transcript_phrases  # noqa: E402
from tests.conftest import REAL  # noqa: E402
from tests.topics_labels import LABELLED, LABELLED_REAL  # noqa: E402

REFERENCE = ROOT / "content" / "transcripts" / "tesla-2015-q3.txt"


def unit_labels(transcript: Transcript, by_turn: dict[str, set[str]]) -> dict[str, set[str]]:
    """Labels keyed by turn id, gathered onto the unit (exchange or remarks block) holding each turn."""
    labels: dict[str, set[str]] = {}
    for unit in units_of(transcript):
        labels[unit.id] = set().union(*(by_turn.get(turn.id, set()) for turn in unit.turns))
    return labels


def unit_topics(transcript: Transcript) -> dict[str, tuple[str, ...]]:
    """Topic ids of every unit: exchanges, and remarks blocks (carried by their first turn)."""
    found = {turn.id: turn.topics for turn in transcript.turns if turn.topics}
    found.update({e.id: e.topics for e in transcript.exchanges})
    return found


def score(corpus: Corpus, slug: str | None = None, labels: dict[str, set[str]] | None = None) -> dict:
    """Per unit: matched, missed and wrong; and the micro-averaged figures. By default the reference."""
    transcript = next(t for t in corpus.transcripts if slug is None or t.slug == slug)
    if labels is None:
        labels = LABELLED
    topics = {t.id: t for t in corpus.topics}
    assigned_of = unit_topics(transcript)
    # The transcript's own topics head its page, above every unit: a unit's label they name is matched.
    subject_names = {phrase_key(n) for t in transcript.topics for n in (topics[t].name, *topics[t].aliases)}
    rows, right, assigned, wanted_total, matched = [], 0, 0, 0, 0
    for unit_id in sorted(set(labels) | set(assigned_of), key=_unit_order):
        wanted = {label: {phrase_key(s) for s in label.split("|")} for label in labels.get(unit_id, set())}
        hit_labels, wrong, hits = set(), [], []
        for topic_id in assigned_of.get(unit_id, ()):
            topic = topics[topic_id]
            names = {phrase_key(n) for n in (topic.name, *topic.aliases)}
            match = sorted(label for label, keys in wanted.items() if _names_label(keys, names) and label not in hit_labels)
            if match:
                hit_labels.add(match[0])
                hits.append(topic.name)
            else:
                wrong.append(topic.name)
        for label, keys in sorted(wanted.items()):
            if label not in hit_labels and keys & subject_names:
                hit_labels.add(label)
                hits.append(f"({label}: the transcript's)")
        assigned += len(assigned_of.get(unit_id, ()))
        right += len(hits) - sum(h.startswith("(") for h in hits)
        wanted_total += len(wanted)
        matched += len(hit_labels)
        missed = sorted(label for label in wanted if label not in hit_labels)
        rows.append((unit_id, hits, wrong, missed))
    precision = right / assigned if assigned else 0.0
    recall = matched / wanted_total if wanted_total else 0.0
    return {"rows": rows, "precision": precision, "recall": recall, "assigned": assigned,
            "labels": wanted_total, "right": right, "matched": matched}


def _names_label(label_keys: set, names: set) -> bool:
    """A topic names a label when one of its names is one of the label's spellings, or is the head the
    spelling ends in ("Maturities" for "bond maturity": the same subject, said without its modifier), or
    is the spelling with one word more after it ("Occupancy rate" for "occupancy", "Portfolio site" for
    "portfolio": the same subject, said with the facet the text names it by)."""
    return bool(label_keys & names) or any(
        (len(name) < len(key) and key[-len(name):] == name) or (len(name) == len(key) + 1 and name[:len(key)] == key)
        for key in label_keys for name in names)


def _unit_order(unit_id: str) -> tuple[int, str, int]:
    return (unit_id[:1] == "q", unit_id[:1], int(unit_id[1:]) if unit_id[1:].isdigit() else 0)


def labelled_corpus(settings: TopicsFile = TopicsFile(), real: bool = True) -> tuple[Corpus, dict[str, dict]]:
    """The reference transcript and the labelled real files as one corpus; labels per slug by unit."""
    report = Report(root=ROOT)
    transcripts = [load_transcript(REFERENCE, report)]
    paths = [REAL / name for name in LABELLED_REAL] if real and REAL.is_dir() else []
    transcripts += [load_transcript(path, report) for path in paths]
    corpus = build_corpus(transcripts, report, topics=settings)
    labels = {transcripts[0].slug: LABELLED}
    for transcript, name in zip(transcripts[1:], LABELLED_REAL):
        labels[transcript.slug] = unit_labels(transcript, LABELLED_REAL[name])
    return corpus, labels


def reference_corpus(settings: TopicsFile = TopicsFile()) -> Corpus:
    report = Report(root=ROOT)
    return build_corpus([load_transcript(REFERENCE, report)], report, topics=settings)


def show(title: str, corpus: Corpus, slug: str | None = None, labels: dict | None = None, quiet: bool = False) -> dict:
    result = score(corpus, slug, labels)
    print(f"## {title}\n")
    if not quiet:
        for unit_id, hits, wrong, missed in result["rows"]:
            if not (hits or wrong or missed):
                continue
            print(f"{unit_id:>4}  right: {', '.join(hits) or '-'}")
            if wrong:
                print(f"      wrong: {', '.join(wrong)}")
            if missed:
                print(f"      missed: {', '.join(missed)}")
    print(f"\nprecision {result['precision']:.2f} ({result['right']}/{result['assigned']} assignments)"
          f"   recall {result['recall']:.2f} ({result['matched']}/{result['labels']} labels)\n")
    return result


def show_topics(corpus: Corpus, slug: str) -> None:
    """The topics of one transcript, by units about them there."""
    transcript = next(t for t in corpus.transcripts if t.slug == slug)
    counts: dict[str, int] = {}
    for ids in unit_topics(transcript).values():
        for topic_id in ids:
            counts[topic_id] = counts.get(topic_id, 0) + 1
    names = {t.id: t for t in corpus.topics}
    listed = sorted(counts, key=lambda t: (-counts[t], names[t].name.lower()))
    whole = ", ".join(names[t].name for t in transcript.topics) or "-"
    print(f"topics of {slug} as a whole: {whole}; of its units ({len(listed)}): "
          + "; ".join(f"{names[t].name} ({counts[t]})" for t in listed) + "\n")


def classify_misses(corpus: Corpus, slug: str, labels: dict[str, set[str]]) -> Counter:
    """Why each missed label was missed: no candidate phrase of it formed in the transcript; formed but no
    topic found (by which rule: a common word alone, not specific, said too rarely); found, but no unit
    names it enough to be about it; a topic that this unit does not name (it says it otherwise); or one
    it names too little (or past the cap)."""
    transcript = next(t for t in corpus.transcripts if t.slug == slug)
    own = transcript_phrases(transcript)
    found = {k for f in find_topics(corpus.transcripts) for k in f.keys}
    topic_of = {phrase_key(n): t for t in corpus.topics for n in (t.name, *t.aliases)}
    causes: Counter = Counter()
    for unit_id, _, _, missed in score(corpus, slug, labels)["rows"]:
        for label in missed:
            keys = [phrase_key(s) for s in label.split("|")]
            topic = next((topic_of[k] for k in keys if k in topic_of), None)
            if topic is not None:
                named = sum(m.unit == unit_id for m in topic.mentions if m.slug == slug)
                causes["topic, not named in the unit" if not named else "topic, named too little here or cut"] += 1
            elif any(k in found for k in keys):
                causes["found, but no unit names it enough"] += 1
            elif not any(k in own.seen for k in keys):
                causes["candidate never formed"] += 1
            else:
                causes[_dropped_by(own, [k for k in keys if k in own.seen])] += 1
    return causes


def _dropped_by(own, keys: list) -> str:
    if any(len(k) == 1 and _plain_alone(k, own.seen) for k in keys):
        return "formed, dropped: a common word alone"
    if any(k in own.weak for k in keys):
        return "formed, specific, said too rarely"
    if any(k in own.strong for k in keys):
        return "formed, specific, dropped in the join"
    return "formed, dropped: not specific"


def yake_corpus(top: int = 40) -> Corpus:
    import yake  # only for the comparison

    from onrecord.source import slugify
    from onrecord.topics import CuratedTopic, spoken

    base = reference_corpus(TopicsFile(automatic=False))
    transcript = base.transcripts[0]
    text = "\n".join(p for unit in units_of(transcript) for turn in unit.turns for _, p in spoken(turn))
    phrases = [k for k, _ in yake.KeywordExtractor(lan="en", n=3, top=top).extract_keywords(text)]
    curated, seen = [], set()
    for phrase in phrases:
        if slugify(phrase) and slugify(phrase) not in seen:
            seen.add(slugify(phrase))
            curated.append(CuratedTopic(phrase, slugify(phrase)))
    return assign_topics(base, TopicsFile(topics=tuple(curated), automatic=False), Report())


def main() -> None:
    quiet = "--quiet" in sys.argv
    corpus, labels = labelled_corpus()
    print(f"{len(corpus.topics)} topics over {len(corpus.transcripts)} labelled transcripts\n")
    total: Counter = Counter()
    for slug, by_unit in labels.items():
        show(slug, corpus, slug, by_unit, quiet)
        show_topics(corpus, slug)
        causes = classify_misses(corpus, slug, by_unit)
        print("misses by cause: " + ("; ".join(f"{cause} {n}" for cause, n in causes.most_common()) or "-") + "\n")
        total.update(causes)
    print("all misses by cause: " + "; ".join(f"{cause} {n}" for cause, n in total.most_common()))
    if "--yake" in sys.argv:
        show("YAKE 0.7.3, top 40 keyphrases of the transcript, same assignment rule", yake_corpus())


if __name__ == "__main__":
    main()
