"""Precision and recall of the automatic topics on the reference transcript, against a labelled list.

    .venv/bin/python bench/topics.py [--yake]

The labels (tests/topics_labels.py) say what each of the 15 exchanges of
content/transcripts/tesla-2015-q3.txt is about, written by reading it, before any tuning. A topic
assigned to an exchange is right when one of the exchange's labels is its name or one of its aliases
(compared as topics compare phrases: case, plurals and hyphens aside). Micro-averaged over the
exchanges: precision = right assignments / assignments, recall = labels matched / labels.

With --yake, the same figures for YAKE 0.7.3 (pip install yake==0.7.3), taking its top keyphrases
of the transcript as topics and the same assignment rule, to show why we do not use it.
A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.corpus import build_corpus  # noqa: E402
from generator.diagnostics import Report  # noqa: E402
from generator.model import Corpus  # noqa: E402
from generator.pipeline import load_transcript  # noqa: E402
from generator.topics import TopicsFile, assign_topics, phrase_key  # noqa: E402
from tests.topics_labels import LABELLED  # noqa: E402

REFERENCE = ROOT / "content" / "transcripts" / "tesla-2015-q3.txt"


def score(corpus: Corpus) -> dict:
    """Per exchange: matched, missed and wrong; and the micro-averaged figures."""
    transcript = corpus.transcripts[0]
    topics = {t.id: t for t in corpus.topics}
    rows, right, assigned, labels, matched = [], 0, 0, 0, 0
    for exchange in transcript.exchanges:
        wanted = {phrase_key(label): label for label in LABELLED.get(exchange.id, set())}
        hit_labels, wrong, hits = set(), [], []
        for topic_id in exchange.topics:
            topic = topics[topic_id]
            names = {phrase_key(n) for n in (topic.name, *topic.aliases)}
            match = sorted(k for k in wanted if k in names and k not in hit_labels)
            if match:
                hit_labels.add(match[0])
                hits.append(topic.name)
            else:
                wrong.append(topic.name)
        assigned += len(exchange.topics)
        right += len(hits)
        labels += len(wanted)
        matched += len(hit_labels)
        missed = sorted(wanted[k] for k in wanted if k not in hit_labels)
        rows.append((exchange.id, hits, wrong, missed))
    precision = right / assigned if assigned else 0.0
    recall = matched / labels if labels else 0.0
    return {"rows": rows, "precision": precision, "recall": recall, "assigned": assigned, "labels": labels,
            "right": right, "matched": matched}


def reference_corpus(settings: TopicsFile = TopicsFile()) -> Corpus:
    report = Report(root=ROOT)
    corpus = build_corpus([load_transcript(REFERENCE, report)], report, topics=settings)
    return corpus


def show(title: str, corpus: Corpus) -> None:
    result = score(corpus)
    print(f"## {title}\n")
    for exchange_id, hits, wrong, missed in result["rows"]:
        print(f"{exchange_id:>4}  right: {', '.join(hits) or '-'}")
        if wrong:
            print(f"      wrong: {', '.join(wrong)}")
        if missed:
            print(f"      missed: {', '.join(missed)}")
    print(f"\nprecision {result['precision']:.2f} ({result['right']}/{result['assigned']} assignments)"
          f"   recall {result['recall']:.2f} ({result['matched']}/{result['labels']} labels)\n")
    print(f"topics ({len(corpus.topics)}), by exchanges about them:")
    for topic in corpus.topics:
        aliases = f"  [{'; '.join(topic.aliases)}]" if topic.aliases else ""
        print(f"  {topic.name}: {len(topic.exchanges)} exchanges, {len(topic.remarks)} remarks, "
              f"{len(topic.mentions)} mentions{aliases}")
    print()


def yake_corpus(top: int = 40) -> Corpus:
    import yake  # only for the comparison

    from generator.topics import CuratedTopic, units_of, _spoken
    from generator.source import slugify

    base = reference_corpus(TopicsFile(automatic=False))
    transcript = base.transcripts[0]
    text = "\n".join(p for unit in units_of(transcript) for turn in unit.turns for _, p in _spoken(turn))
    phrases = [k for k, _ in yake.KeywordExtractor(lan="en", n=3, top=top).extract_keywords(text)]
    curated, seen = [], set()
    for phrase in phrases:
        if slugify(phrase) and slugify(phrase) not in seen:
            seen.add(slugify(phrase))
            curated.append(CuratedTopic(phrase, slugify(phrase)))
    return assign_topics(base, TopicsFile(topics=tuple(curated), automatic=False), Report())


def main() -> None:
    show("onrecord automatic topics", reference_corpus())
    if "--yake" in sys.argv:
        show("YAKE 0.7.3, top 40 keyphrases of the transcript, same assignment rule", yake_corpus())


if __name__ == "__main__":
    main()
