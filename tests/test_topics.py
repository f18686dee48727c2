"""Topics: found in the text or curated, folded, assigned to what is about them, and the pages that show them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord.cli import main
from onrecord.corpus import build_corpus
from onrecord.diagnostics import Report
from onrecord.pipeline import generate, load, load_transcript
from onrecord.topics import TopicsFile, load_topics_file, phrase_key
from onrecord.topics.finding import find_topics
from onrecord.topics.words import COMMON_WORD_ZIPF, COMPOUND_PARTS

from .conftest import CONTENT, REAL, REFERENCE, ROOT, write_transcript
from .topics_labels import LABELLED, LABELLED_REAL

sys.path.insert(0, str(ROOT))
from bench.topics import labelled_corpus, score  # noqa: E402

needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus/real/ is not beside the clone")

# The target is precision 0.80 and recall 0.70 on every genre; reached on the reference only (the podcast
# is 0.797/0.75). Reached (bench/topics.py, the six labelled files as one corpus; P/R): reference 0.88/0.73,
# Senate debate 0.73/0.65, Refinitiv REIT call 0.68/0.45, court argument 0.75/0.43, Motley Fool call (held out:
# labelled before any tuning) 0.81/0.46, podcast 0.797/0.75. Before this round: 0.86/0.71, 0.70/0.65, 0.59/0.39,
# 0.75/0.43, 0.76/0.43, 0.75/0.72 (of which the scorer's matching of "label plus one word", "Occupancy rate" for
# "occupancy", gave the REIT call 0.05/0.03 and the podcast 0.04/0.02). A unit ranks first what its question asks
# about, and of topics as central the one it names first; a noun of talk (case, level, line, issue) heads a
# subject after a noun ("splice case"); a noun that only ends like a description opens one ("interest expense"); a
# common word or place the title names needs the mentions any common word needs. A title's topic heads the
# transcript and tags the units where it is central (asked about, or said twice), not those naming it in passing;
# names listed together ("Gatsby, Nuxt, React and Vue") are examples, not subjects; a phrase opening on a bare
# verb ("anticipate cap rates") is a fragment; one said whole in three units is a term ("continuing operations");
# a unit keeps four topics, five with the transcript's own subject (precision first: the fifth was wrong 9 times
# in 16, and recall fell for it: the reference 0.75 -> 0.71, the REIT call 0.45 -> 0.39; a sixth for units of
# 1,000 words and more was wrong 6 times in 7). A plain word alone (Zipf 4.0 and up: battery, inventory, recall)
# is a topic only as a name; places listed together are where, not what; a show's own name ("the Ladybug podcast")
# is the talk, not its subject.
# Session 24: the Senate debate 0.73 -> 0.83 and the REIT call 0.68 -> 0.71 in precision, recall unchanged: an
# adjective before an abstraction is a description ("fair process", "constitutional principles"); a phrase ending
# on a word mostly said as a compound's first word is that compound cut short ("sub-6 cap" of "cap rate"); a word
# stands for a longer phrase ending in it only where the phrase is said in a third as many units ("deadline" is
# not "dead deadline"); a place's people or adjective ("American"), a clause after "to", a modal or a
# pronoun ("I use Notion"), an amount in words ("five slides") and a phrase opening on an adjective of sameness,
# degree or judgement ("different culture", "slight shift") are no topics; "Judiciary Committee" folds into
# "Senate Judiciary Committee". Measured and left out: tagging a long remarks block by passage (the outline's cuts,
# scored on the union of the passages' topics) took the court argument to 0.33/0.57, the REIT call to 0.48/0.45 and
# the Senate debate to 0.61/0.65; a clipped word ("comp", "dev") never a topic took the podcast to 0.788/0.76.
# Session 25: the REIT call 0.71/0.45 -> 0.76/0.48: a word of three hyphenated parts ("mark-to-market") is a
# fixed expression, not as common as wordfreq's figure for its parts; the others unchanged. A clipped word
# ("comp", "dev") and a lower-case word before a name of several words ("total Urban Outfitters") are no
# topics: junk of the real-corpus site's index, on no labelled unit (this clipping rule is narrower than the one
# measured above: the podcast is unchanged).
# The floors hold what is reached (rounded down); the gap is the work left.
PRECISION_FLOOR, RECALL_FLOOR = 0.87, 0.72
REAL_FLOORS = {  # file: (precision, recall) floors
    "crec/CREC-2005-07-20-pt1-PgS8504-2.htm": (0.82, 0.64),
    "refinitiv/Q3-2022-Brandywine-Realty-Trust-Earnings-Call.txt": (0.76, 0.48),
    "court/youngstown-v-sawyer-1952.md": (0.75, 0.42),  # one long unit: one topic moves it by 0.2
    "motleyfool/Clearfield_CLFD_Q4_2025_Earnings_Call_Transcript_11.txt": (0.80, 0.45),
    "ladybug/17-technical-portfolios.md": (0.79, 0.74),
}


@pytest.fixture(scope="module")
def corpus():
    report = Report(root=ROOT)
    return build_corpus([load_transcript(REFERENCE, report)], report)


def names(corpus) -> set[str]:
    return {t.name.lower() for t in corpus.topics}


def topic(corpus, name: str):
    return next(t for t in corpus.topics if t.name.lower() == name.lower() or name.lower() in map(str.lower, t.aliases))


def _one_transcript(tmp_path, text: str):
    """The corpus of one transcript of this text."""
    report = Report(root=tmp_path)
    return build_corpus([load_transcript(write_transcript(tmp_path, "a.txt", text), report)], report)


def _named(corpus) -> set[tuple[str, ...]]:
    """Every name and alias of the corpus's topics, as topics compare phrases."""
    return {phrase_key(name) for t in corpus.topics for name in (t.name, *t.aliases)}


def test_the_labels_cover_every_exchange_of_the_reference_transcript(corpus):
    assert set(LABELLED) == {e.id for e in corpus.transcripts[0].exchanges}


def test_automatic_topics_reach_the_precision_and_recall_floor(corpus):
    result = score(corpus)
    assert result["precision"] >= PRECISION_FLOOR, result
    assert result["recall"] >= RECALL_FLOOR, result


@pytest.fixture(scope="module")
def archive():
    """The reference transcript and the labelled real files of other genres, as one corpus."""
    return labelled_corpus()


@needs_real
@pytest.mark.parametrize("name", sorted(LABELLED_REAL))
def test_topics_across_genres_reach_their_floor(archive, name):
    corpus, labels = archive
    slug = next(t.slug for t in corpus.transcripts if t.source and t.source.path.name == Path(name).name)
    result = score(corpus, slug, labels[slug])
    precision, recall = REAL_FLOORS[name]
    assert result["precision"] >= precision and result["recall"] >= recall, (name, result["precision"], result["recall"])


@needs_real
def test_no_unit_carries_more_than_six_topics(archive):
    corpus, _ = archive
    for transcript in corpus.transcripts:
        assert all(len(e.topics) <= 6 for e in transcript.exchanges), transcript.slug
        assert all(len(t.topics) <= 6 for t in transcript.turns), transcript.slug


@needs_real
def test_no_topic_name_is_a_common_word_alone_unless_the_text_writes_it_as_a_name(archive):
    from wordfreq import zipf_frequency

    corpus, _ = archive
    paragraphs = {(t.slug, turn.id): turn.paragraphs for t in corpus.transcripts for turn in t.turns}
    for topic in corpus.topics:
        words = re.findall(r"[\w'-]+", topic.name)
        # wordfreq rates a compound of three hyphenated parts ("mark-to-market") by its parts: no word alone.
        if len(words) != 1 or words[0].count("-") + 1 >= COMPOUND_PARTS or zipf_frequency(words[0], "en") < COMMON_WORD_ZIPF:
            continue
        said = [paragraphs[(m.slug, m.turn)][m.paragraph][m.start : m.end] for m in topic.mentions]
        assert any(text[:1].isupper() for text in said), (topic.name, said[:5])


@needs_real
def test_roles_abstractions_and_measures_are_never_topics_alone(archive):
    from onrecord.topics.finding import _MEASURES
    from onrecord.topics.words import is_generic_noun

    corpus, _ = archive
    for topic in corpus.topics:
        key = phrase_key(topic.name)
        assert not (len(key) == 1 and is_generic_noun(key[0]) and topic.name.islower()), topic.name
        assert not (len(key) > 1 and key[-1] in _MEASURES), topic.name


AMERICANS = """---
title: Working across cultures
---
ANA RUIZ: As an American, I say what I think. Americans are direct; the Americans I work with say no plainly.
BEN COLE: My German colleagues are more direct than any American. An American would soften it.
ANA RUIZ: Americans praise first. The French do not, and a German manager never does.
BEN COLE: So an American and a German on one team have to talk about feedback. Feedback is the hard part.
"""


def test_the_people_or_adjective_of_a_place_is_never_a_topic_alone(tmp_path):
    """ "American", "German", "French" say who or where, not what a unit is about, however often said as a name."""
    from onrecord.topics.places import is_demonym

    assert all(map(is_demonym, ("american", "german", "french", "canadian", "japanese", "european", "texan")))
    assert not any(map(is_demonym, ("gatsby", "github", "nestor", "sawyer", "dieselgate", "indiana", "roman")))
    corpus = _one_transcript(tmp_path, AMERICANS)
    assert not {"american", "americans", "german", "french"} & {t.name.lower() for t in corpus.topics}


@needs_real
def test_a_description_named_in_most_units_tags_no_exchange(archive):
    """A phrase that is not a name and is said in most units ("production ramp") is the transcript's
    setting, not what one exchange is about; a name ("Model X") or the title's subject may be."""
    from onrecord.topics import units_of
    from onrecord.topics.assigning import WIDESPREAD_SHARE, WIDESPREAD_UNITS

    corpus, _ = archive
    by_id = {t.id: t for t in corpus.topics}
    paragraphs = {(t.slug, turn.id): turn.paragraphs for t in corpus.transcripts for turn in t.turns}
    checked = 0
    for transcript in corpus.transcripts:
        units = len(units_of(transcript))
        if units < WIDESPREAD_UNITS:
            continue
        title = phrase_key(transcript.title or "")
        for topic_id in {i for e in transcript.exchanges for i in e.topics}:
            mentions = [m for m in by_id[topic_id].mentions if m.slug == transcript.slug]
            said = [paragraphs[(m.slug, m.turn)][m.paragraph][m.start : m.end] for m in mentions]
            written_as_name = all(text[:1].isupper() for text in said)
            in_title = all(k in title for k in phrase_key(by_id[topic_id].name))
            checked += 1
            assert len({m.unit for m in mentions}) <= WIDESPREAD_SHARE * units or written_as_name or in_title, \
                (transcript.slug, by_id[topic_id].name, units)
    assert checked


@needs_real
def test_an_acronym_of_letters_never_folds_into_lower_case_words_with_its_initials(archive):
    """ "CSS" is not "creating static sites", nor "FFO" "flexible financing options": only a name written
    as one (capitalised) spells letters out."""
    corpus, _ = archive
    for topic in corpus.topics:
        forms = [topic.name, *topic.aliases]
        for acronym in (f for f in forms if re.fullmatch(r"[A-Z]{2,}s?", f)):
            letters = acronym.rstrip("s").lower()
            spelled = [f for f in forms if f.islower() and len(f.split()) == len(letters)
                       and "".join(w[0] for w in f.split()) == letters]
            assert not spelled, (topic.name, acronym, spelled)


@needs_real
def test_words_alone_never_fold_into_phrases_of_another_transcript(archive):
    corpus, _ = archive
    for topic in corpus.topics:
        slugs = {m.slug for m in topic.mentions}
        assert not (topic.name == "Technical portfolio" and len(slugs) > 1), topic


def _grown(paths: list[Path]):
    report = Report(root=ROOT)
    transcripts = [load_transcript(p, report) for p in paths]
    return build_corpus(transcripts[:3], report), build_corpus(transcripts, report)


def _names_of(topic) -> set[tuple[str, ...]]:
    return {phrase_key(name) for name in (topic.name, *topic.aliases)}


def _ids_that_moved_or_changed(small, large) -> list:
    """Each topic of the small archive: at its id in the large one naming the same subject, or its id a
    former id of the topic it went to (whose page then points there), naming all it named."""
    by_id = {t.id: t for t in large.topics}
    went = {old: t for t in large.topics for old in t.former_ids}
    wrong = []
    for t in small.topics:
        if t.id in by_id:
            if not _names_of(t) & _names_of(by_id[t.id]):
                wrong.append((t.id, t.name, "now", by_id[t.id].name))
        elif t.id not in went or not _names_of(t) <= _names_of(went[t.id]):
            wrong.append((t.id, t.name, "gone"))
    return wrong


def _unit_topics(corpus) -> dict:
    tagged = {(t.slug, e.id): set(e.topics) for t in corpus.transcripts for e in t.exchanges}
    tagged.update({(t.slug, turn.id): set(turn.topics) for t in corpus.transcripts for turn in t.turns if turn.topics})
    return tagged


@needs_real
def test_topics_keep_their_ids_and_subjects_as_the_archive_grows():
    """Three real transcripts, then ten more of other families: every topic keeps its id and subject (or its
    old page points to where it went), and the units of the three keep their topics."""
    paths = sorted(p for folder in ("refinitiv", "motleyfool", "ladybug") for p in (REAL / folder).iterdir())[:13]
    small, large = _grown(paths)
    assert len(large.topics) > len(small.topics) and not _ids_that_moved_or_changed(small, large)
    went = {old: t.id for t in large.topics for old in t.former_ids}
    before, after = _unit_topics(small), _unit_topics(large)
    kept = sum(1 for unit, ids in before.items() for i in ids if i in after.get(unit, set()) or went.get(i) in after.get(unit, set()))
    total = sum(len(ids) for ids in before.values())
    assert kept >= 0.95 * total, (kept, total)  # 211 of 213 today


ARGUMENT = """---
title: Argument on the seizure
genre: court
---
JUSTICE PRICE: Counsel, the Wage Stabilization Board made its report in March. What did the Board recommend?
MS. OKAFOR: The Board recommended a wage increase. The Secretary of Commerce then took possession of the mills, and the Secretary of Commerce ran them.
JUSTICE PRICE: Under what authority did the Secretary of Commerce act? The Wage Stabilization Board had no power to order it.
MS. OKAFOR: None, Justice. The Board only advises; the Wage Stabilization Board cannot seize anything.
"""


def _argument_topics(tmp_path, text: str = ARGUMENT) -> dict[str, int]:
    corpus = _one_transcript(tmp_path, text)
    return {t.name: len(t.mentions) for t in corpus.topics}


def test_of_between_capitalised_words_is_part_of_a_name(tmp_path):
    assert _argument_topics(tmp_path).get("Secretary of Commerce") == 3


def test_the_board_is_the_one_board_the_text_names(tmp_path):
    """ "the Board", after "the Wage Stabilization Board" and no other board, is that board: one topic."""
    assert _argument_topics(tmp_path) == {"Wage Stabilization Board": 6, "Secretary of Commerce": 3}


def test_the_board_stays_apart_where_the_text_names_two_boards(tmp_path):
    two = ARGUMENT.replace("None, Justice.", "None, Justice. The Federal Reserve Board agreed, and the Federal Reserve Board said so to the Federal Reserve Board.")
    found = _argument_topics(tmp_path, two)
    assert found["Wage Stabilization Board"] == 3 and found["Federal Reserve Board"] == 3, found


def test_a_topic_keeps_its_id_when_its_display_name_changes(tmp_path):
    """The id is the canonical phrase's ("gross-margin"), not the name the text happens to use most."""
    text = REFERENCE.read_text(encoding="utf-8")
    report = Report(root=ROOT)
    alone = build_corpus([load_transcript(write_transcript(tmp_path, "a.txt", text), report)], report)
    others = [text.replace("slug: tesla-2015-q3", f"slug: plural-{n}").replace("gross margin", "gross margins")
              for n in range(2)]
    paths = [write_transcript(tmp_path, "a.txt", text)] + [write_transcript(tmp_path, f"p{n}.txt", o) for n, o in enumerate(others)]
    grown = build_corpus([load_transcript(p, report) for p in paths], report)
    before, after = topic(alone, "gross margin"), topic(grown, "gross margins")
    assert (before.name, after.name) == ("Gross margin", "Gross margins") and before.id == after.id == "gross-margin"


def test_variants_ids_point_to_the_topic_they_fold_into(corpus):
    """The acronym is the topic in its own right; its spelled-out words joined it, and their id points to it."""
    capex = topic(corpus, "CapEx")
    assert capex.id == "capex" and "capital-expenditure" in capex.former_ids


def test_single_words_that_are_never_nouns_are_not_topics(archive):
    from onrecord.topics.words import can_be_noun

    corpus, _ = archive
    assert not can_be_noun("solve") and not can_be_noun("strict") and can_be_noun("inventory") and can_be_noun("dieselgate")
    for t in corpus.topics:
        words = phrase_key(t.name)
        said_lower = all(corpus_text(corpus, m) == corpus_text(corpus, m, lower=False) for m in t.mentions)
        assert len(words) > 1 or not said_lower or can_be_noun(words[0]) or words[0].endswith("ing"), t.name
    assert not {"deserve", "strict", "evolving", "rolling", "solve"} & {t.name.lower() for t in corpus.topics}


def test_a_word_means_the_longer_phrase_only_in_the_transcript_saying_both(archive):
    corpus, _ = archive
    gross = topic(corpus, "gross margin")
    assert any(corpus_text(corpus, m) == "margin" for m in gross.mentions)
    # The REIT's "margin" (hotel, NOI margins) is not gross margin; the held-out call says "gross margin" too.
    said_alone = {m.slug for m in gross.mentions if corpus_text(corpus, m) in ("margin", "margins")}
    assert "tesla-2015-q3" in said_alone and not any(slug.startswith("q3-2022") for slug in said_alone)
    assert "margin" not in {t.name.lower() for t in corpus.topics if any(m.slug == "tesla-2015-q3" for m in t.mentions)}


DEADLINES = """---
title: Working to a date
---
ANA RUIZ: My client had a dead deadline for the launch, a dead deadline nobody could move.
BEN COLE: Most deadlines move. I tell my team a deadline is a target, and we talk about the deadline early.
ANA RUIZ: When a deadline slips, I say so the day I know the deadline is at risk.
BEN COLE: Some people work best with a deadline; others set their own deadlines and keep them.
ANA RUIZ: Teaching, my deadline was the lesson itself, and that deadline never moved.
BEN COLE: A deadline a week out changes how I plan; a deadline a month out, less.
ANA RUIZ: Then there was the dead deadline for the conference, the one dead deadline of the year.
"""


OTHER_DEADLINES = """---
title: Filing on time
---
CARA DIAZ: The filing deadline is in May. Every deadline of the agency is in the rules.
DAN FOX: We met the deadline last year, and the deadline before.
"""


def test_a_word_said_mostly_alone_is_not_the_short_form_of_a_rarer_phrase(tmp_path):
    """ "deadline" in seven turns beside "dead deadline" in two (another transcript saying "deadline" too) is
    every deadline, not that one: the phrase keeps its own mentions, and the word's are none of its."""
    report = Report(root=tmp_path)
    paths = [write_transcript(tmp_path, "a.txt", DEADLINES), write_transcript(tmp_path, "b.txt", OTHER_DEADLINES)]
    corpus = build_corpus([load_transcript(p, report) for p in paths], report)
    for t in corpus.topics:
        said = {corpus_text(corpus, m).lower() for m in t.mentions}
        if "dead deadline" in said:
            assert said <= {"dead deadline"}, (t.name, said)
    assert any(t.name.lower() == "dead deadline" for t in corpus.topics), [t.name for t in corpus.topics]


CAP_RATES = """---
title: Selling two buildings
---
EVA LIND: Cap rates moved this quarter. Where are the cap rates on the two sales, and is a sub-6 cap still right?
OMAR HALE: We are selling both at a sub-6 cap rate. Cap rates on the suburban buildings are higher.
EVA LIND: So a sub-6 cap on both, and cap rates may rise next year?
OMAR HALE: The cap rate on the second is lower still; cap rates follow the ten-year.
"""


def test_a_phrase_ending_on_the_first_word_of_a_compound_is_that_compound_cut_short(tmp_path):
    """ "sub-6 cap", where "cap" is mostly "cap rate", is "sub-6 cap rate" said short: no topic of its own."""
    corpus = _one_transcript(tmp_path, CAP_RATES)
    found = {t.name.lower() for t in corpus.topics}
    assert "cap rates" in found or "cap rate" in found, found
    assert not {"sub-6 cap", "sub-6 caps"} & found, found


CASH_FLOW = """---
title: The quarter
---
EVA LIND: Free cash flow was strong. How much free cash flow goes to the dividend, and what is the weighted average lease term?
OMAR HALE: Free cash flow covers it twice. The weighted average cost of debt is five percent, and our executive vice president will say more.
EVA LIND: And the weighted average unit size? Will free cash flow grow next year?
OMAR HALE: The weighted average lease term is ten years; free cash flow grows with it, as our executive vice president said.
"""


def test_a_phrase_said_mostly_before_another_word_is_a_modifier_not_a_topic(tmp_path):
    """ "free cash", always before "flow", is free cash flow cut short; "weighted average", an adjective's phrase
    said before "lease term", "cost" and "unit size", modifies them: neither is a topic; "free cash flow" is."""
    corpus = _one_transcript(tmp_path, CASH_FLOW)
    named = _named(corpus)
    assert not {phrase_key("free cash"), phrase_key("weighted average"), phrase_key("executive vice")} & named, named
    assert phrase_key("free cash flow") in named, named


FREE_CASH_FLOW = """---
title: The cash call
---
EVA LIND: Free cash flow was strong. How much free cash flow goes to the dividend?
OMAR HALE: Free cash flow covers it twice, and free cash flow grows next year.
EVA LIND: And free cash flow per share?
OMAR HALE: Free cash flow per share rose too.
"""
FREE_CASH_ONCE = """---
title: Call {n}
---
EVA LIND: What about the margin on the {n} new stores?
OMAR HALE: The margin was ten percent, and free cash paid the dividend.
"""


def test_a_phrase_two_transcripts_each_say_once_is_cut_short_on_the_archives_counts(tmp_path):
    """ "free cash" said once in each of two calls is a topic of the archive, no call's own; beside the "free
    cash flow" a third call says throughout, the archive's counts show it cut short: no topic."""
    report = Report(root=tmp_path)
    paths = [write_transcript(tmp_path, f"{n}.txt", FREE_CASH_ONCE.format(n=n)) for n in ("one", "two")]
    paths.append(write_transcript(tmp_path, "flow.txt", FREE_CASH_FLOW))
    found = find_topics([load_transcript(p, report) for p in paths])
    assert ("free", "cash") not in {key for f in found for key in f.keys}, [f.name for f in found]


DIGITS = """---
title: The quarter
---
EVA LIND: Revenue grew double digits again. Will it grow double digits next year, or single-digit?
OMAR HALE: Double digits in storage, single-digit in servers. Servers grew double digits once.
EVA LIND: So single-digit for servers, and double digits for storage? And margins in the high teens?
OMAR HALE: Yes: single-digit servers, double digits storage, and margins in the high teens, as the high teens last year.
"""


def test_digits_of_growth_are_an_amount_not_a_topic(tmp_path):
    """ "double digits", "single-digit", "high teens" say how much, as "ten percent" does: no topic; what grew ("storage") may be one."""
    corpus = _one_transcript(tmp_path, DIGITS)
    named = _named(corpus)
    assert not {phrase_key("double digits"), phrase_key("single-digit"), phrase_key("high teens")} & named, named


DEMAND = """---
title: The quarter
---
EVA LIND: We saw double digit demand growth in servers. Is double digit demand growth in servers still the plan?
OMAR HALE: Double digit demand growth, yes, and high single-digit storage growth; high single-digit storage growth is fine.
EVA LIND: So double digit demand growth next year too? And the two minute rule for the plan?
OMAR HALE: The two minute rule, yes: the two minute rule of our planners.
"""


def test_a_phrase_opening_on_an_amount_is_an_amount_of_something_not_a_topic(tmp_path):
    """ "double digit demand growth", "high single-digit storage growth" say how much of a thing, as "ten
    percent growth" does: what grew may be a topic, the amount of it is not."""
    corpus = _one_transcript(tmp_path, DEMAND)
    named = _named(corpus)
    assert not {phrase_key("double digit demand growth"), phrase_key("high single-digit storage growth")} & named, named
    assert phrase_key("two minute rule") in named, named


VIABLE = """---
title: Shipping early
---
ANA RUIZ: Ship the Minimum Viable thing first. A minimum viable plan beats a perfect one, and Dell Pro Essential laptops run it.
BEN COLE: My Minimum Viable week, yes: a minimum viable list, on a Dell Pro Essential.
ANA RUIZ: The Dell Pro Essential is cheap. Minimum Viable routines are the point.
"""


def test_a_name_never_ends_on_an_adjective_the_text_also_writes_in_lower_case(tmp_path):
    """ "Minimum Viable", written "minimum viable" too, is a description cut before its noun; "Dell Pro Essential",
    always capitalised, is a name ending on an adjective."""
    corpus = _one_transcript(tmp_path, VIABLE)
    named = _named(corpus)
    assert phrase_key("minimum viable") not in named, named
    assert phrase_key("dell pro essential") in named, named


COMMITTEES = """---
title: The nomination
---
SEN. HALE: The Senate Judiciary Committee meets on Tuesday. The Judiciary Committee has the nominee's papers.
SEN. LIND: The Judiciary Committee should have them all before the Senate Judiciary Committee votes.
SEN. HALE: The Judiciary Committee will ask for them; the Judiciary Committee always does.
"""


def test_a_name_and_a_longer_name_ending_in_it_in_the_same_transcript_are_one_topic(tmp_path):
    """ "Judiciary Committee" said only where "Senate Judiciary Committee" is said is that committee: one topic."""
    corpus = _one_transcript(tmp_path, COMMITTEES)
    holding = [t for t in corpus.topics if {("judiciary", "committee"), ("senate", "judiciary", "committee")} & _names_of(t)]
    assert len(holding) == 1 and ("senate", "judiciary", "committee") in _names_of(holding[0]), holding
    assert holding[0].id == "judiciary-committee"


NOTES = """---
title: Taking notes
---
ANA RUIZ: I use Notion for everything. We use Notion at work too, and my team has to use Notion daily.
BEN COLE: I tried to use Notion last year. You use Notion for the planner, right?
ANA RUIZ: The planner, yes. Notion has templates; I use Notion templates for the week.
"""


def test_a_phrase_said_after_to_a_modal_or_a_pronoun_is_a_clause_not_a_topic(tmp_path):
    """ "use Notion" after "I", "we", "to" and "you" is a clause's verb and object: Notion may be a topic, "use
    Notion" is not."""
    corpus = _one_transcript(tmp_path, NOTES)
    named = _named(corpus)
    assert ("use", "notion") not in named, [(t.name, t.aliases) for t in corpus.topics]


MORE_NOTES = """---
title: Taking notes
---
ANA RUIZ: I also use Notion for everything. We just use Notion at work, and I always use Notion daily.
BEN COLE: I still use Notion for the planner. You also use Notion templates, right?
ANA RUIZ: The planner, yes. Notion has templates; I really use Notion templates for the week.
"""


def test_a_phrase_said_after_a_pronoun_and_an_adverb_is_a_clause_not_a_topic(tmp_path):
    """ "use Notion" after "I also", "we just", "I always" is a clause's verb and object, as after "I" alone."""
    corpus = _one_transcript(tmp_path, MORE_NOTES)
    named = _named(corpus)
    assert ("use", "notion") not in named, [(t.name, t.aliases) for t in corpus.topics]


SLIDES = """---
title: Pitching
---
ANA RUIZ: I keep a pitch to five slides. Five slides is all an investor reads, and the five slides say the plan.
BEN COLE: We had five slides too, and twenty-seven questions after them. Twenty-seven!
ANA RUIZ: Five slides and twenty-seven questions: that is a good meeting. The two-minute rule helps, the two-minute rule of habits.
BEN COLE: The two-minute rule, yes: start anything for two minutes.
"""


def test_an_amount_said_in_words_is_not_a_topic(tmp_path):
    """ "five slides", "twenty-seven" count things, as "5 slides" would; "the two-minute rule" is a name of a rule."""
    corpus = _one_transcript(tmp_path, SLIDES)
    named = _named(corpus)
    assert not {phrase_key("five slides"), phrase_key("twenty-seven")} & named, named
    assert phrase_key("two-minute rule") in named, named


PROCESS = """---
title: The hearing
---
SEN. HALE: The nominee deserves a fair process. A fair process means hearings, and the fair process ends in a vote.
SEN. LIND: A fair process, yes, and the confirmation process has rules: the confirmation process is the Senate's.
SEN. HALE: The confirmation process will take a month. Strong momentum is behind it, strong momentum from both sides.
"""


def test_an_adjective_before_an_abstraction_or_a_role_is_a_description_not_a_topic(tmp_path):
    """ "fair process", "strong momentum" describe; "confirmation process" (a noun before the abstraction) is a subject."""
    corpus = _one_transcript(tmp_path, PROCESS)
    named = _named(corpus)
    assert not {phrase_key("fair process"), phrase_key("strong momentum")} & named, named
    assert phrase_key("confirmation process") in named, named


CULTURES = """---
title: Teams
---
ANA RUIZ: Every team has a different culture. A different culture means different habits, and a slight shift in habits.
BEN COLE: A slight shift, yes. We saw a slight shift when the team grew; a different culture took a year.
ANA RUIZ: And bad debt? The bad debt on the books fell, and bad debt reserves with it.
"""


def test_an_adjective_of_sameness_degree_or_judgement_opens_no_topic(tmp_path):
    """ "different culture", "slight shift" say how a thing compares, not which thing; a term of a field that
    opens on an adjective ("bad debt") is a subject."""
    corpus = _one_transcript(tmp_path, CULTURES)
    named = _named(corpus)
    assert not {phrase_key("different culture"), phrase_key("slight shift")} & named, named
    assert phrase_key("bad debt") in named, named


def test_lease_and_leasing_are_one_topic(archive):
    corpus, _ = archive
    assert len([t for t in corpus.topics if t.name.lower() in {"lease", "leasing", "leases"}]) == 1


def corpus_text(corpus, mention, lower: bool = True) -> str:
    transcript = next(t for t in corpus.transcripts if t.slug == mention.slug)
    turn = next(t for t in transcript.turns if t.id == mention.turn)
    said = turn.paragraphs[mention.paragraph][mention.start : mention.end]
    return said.lower() if lower else said


def test_products_programmes_measures_and_events_become_topics(corpus):
    for expected in ("Model X", "Model S", "Model 3", "Autopilot", "Gross margin", "Free cash flow",
                     "ZEV credits", "Dieselgate", "Tesla Energy", "Drive unit", "Leasing"):
        assert expected.lower() in names(corpus), expected


def test_filler_and_speaker_names_never_become_topics(corpus):
    people = {w.lower() for s in corpus.speakers for name in (s.name, *s.aliases) for w in re.findall(r"\w+", name)}
    for t in corpus.topics:
        words = set(phrase_key(t.name))
        assert not words & {"yeah", "okay", "thank", "thanks", "question", "great", "lot", "guy"}, t.name
        assert not words & people, t.name
        assert t.name.lower() not in {"jason", "jon", "jb", "elon", "deepak", "tesla", "thank you"}, t.name


def test_the_talk_about_the_talk_is_never_a_topic(corpus):
    """ "As the press release says": where a call points its listeners, not what it is about."""
    assert not names(corpus) & {"press release", "press releases", "shareholder letter", "conference call"}


def test_firms_never_become_topics(corpus):
    firms = {s.organisation.lower() for s in corpus.speakers if s.organisation}
    assert not any(t.name.lower() in firm for t in corpus.topics for firm in firms)


def test_capex_variants_fold_into_one_topic(corpus):
    capex = topic(corpus, "CapEx")
    assert {"capex", "capital expenditures"} <= {capex.name.lower(), *map(str.lower, capex.aliases)}


def test_stationary_and_energy_storage_fold_into_one_topic(corpus):
    storage = topic(corpus, "stationary storage")
    assert "energy storage" in {storage.name.lower(), *map(str.lower, storage.aliases)}
    assert {"q1", "q15"} <= {e for _, e in storage.exchanges}


def test_plurals_fold_into_one_topic(corpus):
    credits = topic(corpus, "ZEV credits")
    assert phrase_key("ZEV credit") == phrase_key("ZEV credits")
    assert len([t for t in corpus.topics if phrase_key(t.name) == phrase_key("zev credit")]) == 1
    assert credits.exchanges == (("tesla-2015-q3", "q7"),)


def test_the_x_counts_as_a_mention_of_model_x(corpus):
    model_x = topic(corpus, "Model X")
    q15 = [m for m in model_x.mentions if m.unit == "q15"]
    assert q15, "q15 says 'the X' and 'on the X volume'"


def test_a_passing_mention_in_an_answer_does_not_make_an_exchange_about_it(corpus):
    # q6: "The CapEx in 2016 is primarily going to be for Model 3 and the Gigafactory" — once, in an answer.
    gigafactory = topic(corpus, "Gigafactory")
    assert any(m.unit == "q6" for m in gigafactory.mentions)
    assert ("tesla-2015-q3", "q6") not in gigafactory.exchanges
    assert ("tesla-2015-q3", "q12") in gigafactory.exchanges


def test_a_question_sets_the_subject(corpus):
    # q14 asks about quality on the Model X once; that is what the exchange is about.
    assert "model-x" in next(e for e in corpus.transcripts[0].exchanges if e.id == "q14").topics


def test_every_exchange_of_the_reference_transcript_is_tagged(corpus):
    assert all(e.topics for e in corpus.transcripts[0].exchanges)


def test_topics_are_deterministic():
    runs = []
    for _ in range(2):
        report = Report(root=ROOT)
        built = build_corpus([load_transcript(REFERENCE, report)], report)
        runs.append([(t.id, t.aliases, t.exchanges, t.related) for t in built.topics])
    assert runs[0] == runs[1]


def test_related_topics_share_exchanges_with_counts(corpus):
    model_x = topic(corpus, "Model X")
    assert model_x.related and all(n >= 1 for _, n in model_x.related)
    counts = [n for _, n in model_x.related]
    assert counts == sorted(counts, reverse=True)


# --- topics.yml ---


def write_topics(folder: Path, text: str) -> Path:
    path = folder / "topics.yml"
    path.write_text(text, encoding="utf-8")
    return path


def content_with_reference(tmp_path: Path) -> Path:
    write_transcript(tmp_path, REFERENCE.name, REFERENCE.read_text(encoding="utf-8"))
    return tmp_path


def test_topics_yml_overrides_automatic_topics(tmp_path):
    content = content_with_reference(tmp_path)
    write_topics(content, """topics:
  - name: Margins
    aliases: [gross margin, margin]
    description: What is left of revenue.
  - name: Self-driving
    patterns: ['autopilot|autonom\\w+']
""")
    corpus = load(content, Report())
    assert [t.name for t in corpus.topics] == ["Margins", "Self-driving"] or {t.name for t in corpus.topics} == {"Margins", "Self-driving"}
    margins = next(t for t in corpus.topics if t.id == "margins")
    assert margins.curated and margins.description == "What is left of revenue."
    assert ("tesla-2015-q3", "q9") in margins.exchanges
    driving = next(t for t in corpus.topics if t.id == "self-driving")
    assert {"q3", "q9"} <= {e for _, e in driving.exchanges}


def test_a_renamed_topics_old_page_says_where_it_went(tmp_path):
    """topics.yml `formerly:` keeps a link to the old id working: the old page points to the new one."""
    content = content_with_reference(tmp_path)
    write_topics(content, """topics:
  - name: Tooling
    aliases: [tools]
    formerly: [tool, Tools]
  - name: Model X
""")
    pages = generate(content, Report(root=tmp_path))
    moved = pages["topics/tool.md"]
    assert "moved_to: topics/tooling" in moved and "tooling.md" in moved, moved
    assert "topics/tools.md" in pages and "topics/tooling.md" in pages


def test_a_formerly_that_is_not_a_list_of_text_is_reported_with_its_line(tmp_path):
    path = write_topics(tmp_path, "topics:\n  - name: Tooling\n    formerly: {a: 1}\n")
    report = Report(root=tmp_path)
    settings = load_topics_file(path, report)
    assert settings.topics[0].former_ids == ()
    assert any(d.code == "topics.formerly" and d.line == 2 for d in report.diagnostics), report.diagnostics


def test_automatic_true_keeps_finding_topics_beside_the_curated_ones(tmp_path):
    content = content_with_reference(tmp_path)
    write_topics(content, "automatic: true\ntopics:\n  - name: Margins\n    aliases: [gross margin]\n")
    corpus = load(content, Report())
    found = {t.name.lower() for t in corpus.topics}
    assert "margins" in found and "model x" in found and "gross margin" not in found


def test_excluded_terms_never_become_topics(tmp_path):
    content = content_with_reference(tmp_path)
    write_topics(content, "exclude: [press release, Signature Series]\n")
    found = {t.name.lower() for t in load(content, Report()).topics}
    assert "press release" not in found and "signature series" not in found and "model x" in found


def test_bad_topics_yml_entries_are_reported_with_their_lines(tmp_path):
    path = write_topics(tmp_path, """topics:
  - name: Good
  - aliases: [no name]
  - name: Bad pattern
    patterns: ['(unclosed']
  - name: Good
  - name: Odd
    colour: blue
exclude: 7
""")
    report = Report()
    settings = load_topics_file(path, report)
    assert [t.name for t in settings.topics] == ["Good", "Bad pattern", "Odd"]
    lines = {(d.code, d.line) for d in report.diagnostics}
    assert ("topics.entry", 3) in lines
    assert ("topics.pattern", 4) in lines
    assert ("topics.duplicate", 6) in lines
    assert ("topics.key", 7) in lines
    assert any(code == "topics.exclude" for code, _ in lines)


def test_invalid_topics_yml_is_an_error_with_its_line_not_a_traceback(tmp_path):
    path = write_topics(tmp_path, "topics:\n  - name: [unclosed\n")
    report = Report()
    assert load_topics_file(path, report) == TopicsFile(path=path)
    assert [(d.level, d.code) for d in report.diagnostics] == [("error", "topics.yaml")]
    assert report.diagnostics[0].line >= 2


# --- pages ---


@pytest.fixture(scope="module")
def pages():
    return generate(CONTENT, Report(root=ROOT))


def test_exchange_headings_show_their_topics_linked_with_a_search_filter(pages):
    page = pages["transcripts/tesla-2015-q3/index.md"]
    heading = page.index("{: #q1 }")
    topics = page.index('<p class="topics"', heading)  # after the heading and who answered
    assert page.index("{: #q2 }") > topics and '<p class="answered-by"' in page[heading:topics]
    line = page[topics : page.index("</p>", topics)]
    # HTML, as the turns are: its links are the URLs MkDocs would write for the pages.
    assert '<p class="topics">Topics: <a href="../../topics/gross-margin/">Gross margin</a>' in line
    assert "### Q1 · Colin Michael Langan" in page  # the heading itself is unchanged


def test_topic_index_lists_topics_by_how_much_they_are_discussed(pages):
    index = pages["topics/index.md"]
    counts = [int(n) for n in re.findall(r'data-exchanges="(\d+)"', index)]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 5
    assert "[Model X](model-x.md)" in index


def test_topic_page_lists_exchanges_newest_first_with_deep_links(tmp_path):
    content = content_with_reference(tmp_path)
    older = REFERENCE.read_text(encoding="utf-8").replace("date: 2015-11-03", "date: 2014-11-05").replace(
        "slug: tesla-2015-q3", "slug: tesla-2014-q3")
    write_transcript(content, "tesla-2014-q3.txt", older)
    pages = generate(content, Report())
    page = pages["topics/gross-margin.md"]
    # The list is HTML: its links are the URLs MkDocs would write for the pages.
    newer, older_at = page.index('href="../../transcripts/tesla-2015-q3/#q1"'), page.index('href="../../transcripts/tesla-2014-q3/#q1"')
    assert newer < older_at
    assert "answered by Elon Reeve Musk" in page
    assert '<p class="passage">' in page and "<mark>gross margin</mark>" in page
    assert "## Who speaks about it" in page and "## Related topics" in page and "<svg" in page
    # Each exchange ends with links to exchanges on the same topics in the earlier transcript.
    transcript = pages["transcripts/tesla-2015-q3/index.md"]
    assert 'Earlier on these topics: <a href="../tesla-2014-q3/#q' in transcript


def test_no_earlier_on_these_topics_with_a_single_transcript(pages):
    assert "Earlier on these topics" not in pages["transcripts/tesla-2015-q3/index.md"]


def test_passages_are_escaped(tmp_path):
    content = tmp_path
    text = REFERENCE.read_text(encoding="utf-8").replace(
        "15% gross margin for that?", "15% gross margin <script>alert(1)</script> for that?")
    write_transcript(content, REFERENCE.name, text)
    page = generate(content, Report())["topics/gross-margin.md"]
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_speaker_pages_list_main_topics(pages):
    page = pages["speakers/elon-reeve-musk.md"]
    assert '<p class="speaker-topics" markdown="span">Talks most about: [' in page
    assert "../topics/model-x.md" in page


def test_export_and_topics_json_carry_the_topics(pages):
    exported = json.loads(pages["transcripts/tesla-2015-q3/transcript.json"])
    q1 = next(e for e in exported["exchanges"] if e["id"] == "q1")
    assert "gross-margin" in q1["topics"]
    corpus_json = json.loads(pages["topics/topics.json"])
    assert corpus_json["schema"] == "onrecord.topics/1"
    gross = next(t for t in corpus_json["topics"] if t["id"] == "gross-margin")
    assert {"transcript": "tesla-2015-q3", "exchange": "q1"} in gross["exchanges"]


def test_topics_command_lists_topics_with_counts_and_prints_a_starter_yml():
    runner = CliRunner()
    listed = runner.invoke(main, ["topics", str(CONTENT)])
    assert listed.exit_code == 0
    assert re.search(r"^model-x  Model X  \[found\]  \d+ exchanges", listed.output, re.M)
    starter = runner.invoke(main, ["topics", str(CONTENT), "--yml"])
    import yaml

    data = yaml.safe_load(starter.output)
    assert data["automatic"] is False and any(t["name"] == "Gross margin" for t in data["topics"])


@pytest.mark.slow
def test_content_builds_strict_with_topic_pages_and_working_links(tmp_path):
    site = tmp_path / "site"
    result = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    index = (site / "topics" / "index.html").read_text(encoding="utf-8")
    for href in set(re.findall(r'href="([a-z0-9-]+)/"', index)):
        assert (site / "topics" / href / "index.html").is_file(), href
    page = (site / "topics" / "gross-margin" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../transcripts/tesla-2015-q3/#q1"' in page
    transcript = (site / "transcripts" / "tesla-2015-q3" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../topics/gross-margin/">Gross margin</a>' in transcript
    assert (site / "topics" / "topics.json").is_file()


def test_a_topic_known_by_another_id_has_a_page_there_that_sends_readers_on(pages):
    texts = {path: text for path, text in pages.items() if isinstance(text, str)}
    moved = {path: text for path, text in texts.items() if "onrecord: moved" in text}
    assert moved, "the reference transcript's topics have variants with ids of their own"
    live = {path for path, text in texts.items() if "onrecord: topic\n" in text}
    for path, text in moved.items():
        target = re.search(r"moved_to: (topics/[a-z0-9-]+)", text).group(1)
        assert f"{target}.md" in live and path not in live
        assert re.search(r"\]\([a-z0-9-]+\.md\)", text), "a link MkDocs checks, readable without the redirect"


CLIPPED = """---
title: Pay and hiring
---
EVA LIND: How did comp change this year? Is the comp for a dev higher than last year, and does every dev get a vesting schedule?
OMAR HALE: Comp rose for every dev on the team. A dev earns more comp than a manager, and the comp includes vesting.
EVA LIND: So comp is up. Does each dev keep the same vesting?
OMAR HALE: Every dev keeps vesting. The vesting schedule is four years, and comp follows the market.
"""


def test_a_clipped_word_is_no_topic_alone(tmp_path):
    """ "comp" (compensation) and "dev" (developer), said often and in lower case, are words cut short that
    no dictionary lists: alone they name no subject a reader would know; "vesting", said as often, does."""
    from onrecord.topics.words import is_clipped

    assert all(map(is_clipped, ("comp", "dev", "admin", "info")))
    assert not any(map(is_clipped, ("blog", "capex", "nestor", "equity", "vue", "gatsby")))
    found = {t.name.lower() for t in _one_transcript(tmp_path, CLIPPED).topics}
    assert "vesting" in found or "vesting schedule" in found, found
    assert not {"comp", "dev"} & found, found


BEFORE_A_NAME = """---
title: The quarter at Lumen Outfitters
---
EVA LIND: How did Lumen Outfitters do? Did total Lumen Outfitters sales grow, and what did Lumen Outfitters spend?
OMAR HALE: Lumen Outfitters grew. For total Lumen Outfitters, margin held, and total Lumen Outfitters revenue rose.
EVA LIND: Will Lumen Outfitters open stores next year?
OMAR HALE: Lumen Outfitters will open ten, and we see total Lumen Outfitters growing again.
"""


def test_a_word_in_lower_case_before_a_name_is_that_name(tmp_path):
    """ "total Lumen Outfitters", said in lower case before a name said more often alone, is the name with a
    modifier: no topic of its own beside "Lumen Outfitters"."""
    named = _named(_one_transcript(tmp_path, BEFORE_A_NAME))
    assert phrase_key("Lumen Outfitters") in named, named
    assert phrase_key("total Lumen Outfitters") not in named, named


MARK_TO_MARKET = """---
title: Leases
---
EVA LIND: What is the mark-to-market on the leases signed this quarter? Is the mark-to-market positive?
OMAR HALE: The mark-to-market was nine percent on new leases. We expect the mark-to-market to stay positive.
EVA LIND: And next year, does the mark-to-market hold?
OMAR HALE: We see the same mark-to-market next year on renewals.
"""


def test_a_compound_of_three_words_is_as_rare_as_a_fixed_expression(tmp_path):
    """wordfreq gives "mark-to-market" about the figure of its rarest part (as common as "battery"), so it
    was dropped as a plain word alone; a compound of three parts is a fixed expression, rarer than that."""
    from onrecord.topics.words import PLAIN_WORD_ZIPF, _zipf

    assert _zipf("mark-to-market") < PLAIN_WORD_ZIPF and _zipf("follow-up") >= PLAIN_WORD_ZIPF
    assert phrase_key("mark-to-market") in _named(_one_transcript(tmp_path, MARK_TO_MARKET))


USE_PANDAS = """---
title: Data work
---
EVA LIND: Do you use pandas for the cleaning? I use it for everything, and we use notebooks to share the pandas code.
OMAR HALE: I use pandas every day. The pandas docs are good, and we use them when pandas changes.
EVA LIND: So everyone uses pandas? Do you use anything else beside pandas?
OMAR HALE: We use pandas and plain files; we use them because pandas reads both.
"""


def test_a_clause_opening_on_a_verb_does_not_name_the_topic_it_ends(tmp_path):
    """ "use pandas", where the text mostly says "use" as a verb, is a clause about pandas: the topic is
    named "Pandas", not "Use pandas", and the clause is no variant of it."""
    found = {t.name for t in _one_transcript(tmp_path, USE_PANDAS).topics}
    assert "Pandas" in found, found
    assert not any(name.lower().startswith("use") for name in found), found
