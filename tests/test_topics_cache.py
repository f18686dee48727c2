"""The topic phrases cache: a build finds topics again only in the transcripts that changed, and builds what a
cold build does; a stale or damaged entry is computed again, never trusted."""

from __future__ import annotations

import ast
import hashlib
import pickle
from pathlib import Path

import pytest

from onrecord import entries, topic_memo
from onrecord.cache import Cache
from onrecord.diagnostics import Report
from onrecord.pipeline import generate_with_corpus

from .test_cache import content_of


def build(content: Path, folder: Path | None):
    """(corpus, pages, diagnostics, memo) of one build, with the cache in `folder` (None: no cache)."""
    cache = Cache(folder) if folder else None
    report = Report(root=content.parent)
    corpus, pages = generate_with_corpus(content, report, cache=cache)
    return corpus, pages, [str(d) for d in report.diagnostics], cache.topics if cache else None


def cold(content: Path):
    return build(content, None)[:3]


@pytest.fixture
def warm(tmp_path):
    """A content folder built once with a cache: (content, cache folder, slugs of its transcripts)."""
    content = content_of(tmp_path)
    corpus, _, _, memo = build(content, tmp_path / "cache")
    slugs = {t.slug for t in corpus.transcripts}
    assert set(memo.computed) == slugs and memo.reused == [] and len(slugs) > 5
    return content, tmp_path / "cache", slugs


def test_a_second_build_finds_no_transcripts_phrases_again_and_builds_what_a_cold_build_does(warm):
    content, folder, slugs = warm
    *again, memo = build(content, folder)
    assert memo.computed == [] and set(memo.reused) == slugs
    assert tuple(again) == cold(content)


def test_a_changed_transcript_finds_again_its_own_phrases_and_no_others(warm):
    content, folder, slugs = warm
    changed = content / "transcripts" / "otter.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Happy to be here.", "Happy to be here today."),
                       encoding="utf-8")
    corpus, pages, said, memo = build(content, folder)
    otter = next(t.slug for t in corpus.transcripts if t.source.path == changed)
    assert memo.computed == [otter] and set(memo.reused) == slugs - {otter}
    assert (corpus, pages, said) == cold(content)


def test_a_changed_topics_file_finds_no_phrases_again_and_builds_what_a_cold_build_does(warm):
    content, folder, _ = warm
    # The phrases of a transcript are its own text's: curated topics and exclusions act in the join.
    (content / "topics.yml").write_text("automatic: true\nexclude: [gross margin]\ntopics:\n- name: Autopilot\n",
                                        encoding="utf-8")
    corpus, pages, said, memo = build(content, folder)
    assert memo.computed == []
    assert "gross-margin" not in {t.id for t in corpus.topics} and "autopilot" in {t.id for t in corpus.topics}
    assert (corpus, pages, said) == cold(content)


def test_a_changed_speakers_file_finds_again_the_phrases_of_the_transcripts_whose_people_it_renames(warm):
    content, folder, slugs = warm
    # A speaker's name is no topic in the transcripts they speak in: renaming them changes those phrases.
    (content / "speakers.yml").write_text(
        "people:\n- id: deepak-ahuja\n  name: Deepak Ahuja Jr\n  aliases: [Deepak Ahuja]\n", encoding="utf-8")
    corpus, pages, said, memo = build(content, folder)
    renamed = {t.slug for t in corpus.transcripts if any(s.name == "Deepak Ahuja Jr" for s in t.speakers)}
    assert renamed and set(memo.computed) == renamed and set(memo.reused) == slugs - renamed
    assert (corpus, pages, said) == cold(content)


def test_a_change_to_the_topics_code_finds_every_transcripts_phrases_again(warm, monkeypatch):
    content, folder, slugs = warm
    monkeypatch.setattr(topic_memo, "fingerprint", lambda: "another version of the topics step")
    *again, memo = build(content, folder)
    assert set(memo.computed) == slugs and memo.reused == []
    assert tuple(again) == cold(content)


def test_the_fingerprint_holds_every_module_outside_the_topics_package_that_finding_phrases_imports():
    package = Path(topic_memo.__file__).parent
    imported = set()
    for name in ("finding.py", "units.py", "words.py"):
        for node in ast.walk(ast.parse((package / "topics" / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 2 and node.module:
                imported.add(node.module.replace(".", "/") + ".py")
    assert imported and imported <= set(topic_memo._MODULES)


def _entries(folder: Path) -> list[Path]:
    return sorted((folder / topic_memo.FOLDER).glob("*.phrases"))


def _damaged(data: bytes, how: str) -> bytes:
    if how == "truncated":
        return data[: len(data) * 2 // 3]
    if how == "altered":
        return data[:-20] + bytes(b ^ 1 for b in data[-20:])
    if how == "another format":
        header, payload = entries.split(data, topic_memo.MAGIC, "an entry")
        return entries.joined(topic_memo.MAGIC, {**header, "format": -1}, payload)
    return b"not an entry at all"


@pytest.mark.parametrize("how", ["truncated", "altered", "not an entry"])
def test_a_damaged_entry_is_said_and_its_phrases_found_again(warm, how):
    content, folder, slugs = warm
    entry = _entries(folder)[0]
    entry.write_bytes(_damaged(entry.read_bytes(), how))
    corpus, pages, said, memo = build(content, folder)
    assert len(memo.computed) == 1 and len(memo.reused) == len(slugs) - 1
    assert [d for d in said if "[cache.corrupt]" in d and "topic phrases" in d]
    assert (corpus, pages) == cold(content)[:2]
    *_, memo = build(content, folder)  # the entry was written again, whole
    assert memo.computed == []


def test_an_entry_of_another_format_is_stale_found_again_and_not_said(warm):
    content, folder, slugs = warm
    entry = _entries(folder)[0]
    entry.write_bytes(_damaged(entry.read_bytes(), "another format"))
    corpus, pages, said, memo = build(content, folder)
    assert len(memo.computed) == 1 and not [d for d in said if "[cache.corrupt]" in d]
    assert (corpus, pages, said) == cold(content)


def test_an_entry_that_would_make_an_object_is_refused_unread(warm):
    content, folder, slugs = warm
    entry = _entries(folder)[0]
    header, _ = entries.split(entry.read_bytes(), topic_memo.MAGIC, "an entry")
    payload = pickle.dumps(Path("/"))  # any class at all: a payload is plain values only
    entry.write_bytes(entries.joined(topic_memo.MAGIC, {**header, "length": len(payload),
                                                        "sha256": hashlib.sha256(payload).hexdigest()}, payload))
    corpus, pages, said, memo = build(content, folder)
    assert len(memo.computed) == 1 and [d for d in said if "[cache.corrupt]" in d and "pathlib" in d]
    assert (corpus, pages) == cold(content)[:2]


def test_a_removed_transcript_leaves_no_topics_entry_behind(warm):
    content, folder, slugs = warm
    assert len(_entries(folder)) == len(slugs) == len(list((folder / topic_memo.FOLDER).glob("*.assigned")))
    (content / "transcripts" / "otter.txt").unlink()
    *_, memo = build(content, folder)
    assert memo.computed == [] and len(_entries(folder)) == len(slugs) - 1
    assert len(list((folder / topic_memo.FOLDER).glob("*.assigned"))) == len(slugs) - 1


# --- the topics of each transcript's units -------------------------------------------------------------------

_NEW_SHOW = """Zora Quill  0:00
Welcome to Glimmerwick Radio. Today: the zorblaxian lattice, and why every zorblaxian lattice hums.

Mako Fenn  0:06
The zorblaxian lattice hums because its quillite struts resonate. Quillite struts are everywhere in it.

Zora Quill  0:12
So the quillite struts carry the zorblaxian lattice. Thank you, Mako.
"""


def test_a_second_build_assigns_no_transcripts_topics_again(warm):
    content, folder, slugs = warm
    *_, memo = build(content, folder)
    assert memo.assigned_again == [] and set(memo.assigned_reused) == slugs


def test_an_added_transcript_whose_words_no_other_says_assigns_only_itself_again(warm):
    content, folder, slugs = warm
    (content / "transcripts" / "glimmerwick.txt").write_text(_NEW_SHOW, encoding="utf-8")
    corpus, pages, said, memo = build(content, folder)
    new = {t.slug for t in corpus.transcripts} - slugs
    assert len(new) == 1 and [t.id for t in corpus.topics if "quillite" in t.id or "zorblaxian" in t.id]
    assert memo.assigned_again == list(new) and set(memo.assigned_reused) == slugs
    assert (corpus, pages, said) == cold(content)


def test_a_changed_transcript_assigns_again_itself_and_only_the_transcripts_that_say_a_word_of_what_changed(warm):
    content, folder, slugs = warm
    (content / "transcripts" / "glimmerwick.txt").write_text(_NEW_SHOW, encoding="utf-8")
    build(content, folder)
    # Its lattice becomes a "quillite lattice": a topic of words only it says, again.
    changed = content / "transcripts" / "glimmerwick.txt"
    changed.write_text(_NEW_SHOW.replace("zorblaxian", "quillite"), encoding="utf-8")
    corpus, pages, said, memo = build(content, folder)
    assert len(memo.assigned_again) == 1 and set(memo.assigned_reused) == slugs
    assert (corpus, pages, said) == cold(content)


def test_a_curated_topic_no_transcript_names_assigns_none_again_and_one_they_name_assigns_those_that_say_it(warm):
    content, folder, slugs = warm
    (content / "topics.yml").write_text("automatic: true\ntopics:\n- name: Zorblaxian lattice\n", encoding="utf-8")
    corpus, pages, said, memo = build(content, folder)
    assert memo.assigned_again == [] and (corpus, pages, said) == cold(content)
    (content / "topics.yml").write_text("automatic: true\ntopics:\n- name: Autopilot\n", encoding="utf-8")
    corpus, pages, said, memo = build(content, folder)
    saying = {t.slug for t in corpus.transcripts
              if any("autopilot" in p.lower() for turn in t.turns for p in turn.paragraphs)}
    assert saying and set(memo.assigned_again) == saying and set(memo.assigned_reused) == slugs - saying
    assert (corpus, pages, said) == cold(content)


def test_topics_with_patterns_are_assigned_afresh_every_build(warm):
    content, folder, _ = warm
    # A pattern runs on a time budget the whole build shares: what it finds is never taken from the cache.
    (content / "topics.yml").write_text("automatic: true\ntopics:\n- name: Cells\n  patterns: ['\\bcells?\\b']\n",
                                        encoding="utf-8")
    build(content, folder)
    corpus, pages, said, memo = build(content, folder)
    assert memo.assigned_reused == [] and (corpus, pages, said) == cold(content)


@pytest.mark.parametrize("how", ["truncated", "altered", "not an entry"])
def test_a_damaged_assignment_entry_is_said_and_assigned_again(warm, how):
    content, folder, slugs = warm
    entry = sorted((folder / topic_memo.FOLDER).glob("*.assigned"))[0]
    entry.write_bytes(_damaged(entry.read_bytes(), how))
    corpus, pages, said, memo = build(content, folder)
    assert len(memo.assigned_again) == 1 and len(memo.assigned_reused) == len(slugs) - 1
    assert [d for d in said if "[cache.corrupt]" in d and "topic assignment" in d]
    assert (corpus, pages) == cold(content)[:2]
