"""Incremental rendering: a build renders again only the pages whose inputs changed, and writes what a cold
build writes; an entry that is stale or damaged is rendered again, never trusted."""

from __future__ import annotations

import pickle
import shutil

import pytest

from onrecord import page_memo, readers
from onrecord.cache import Cache
from onrecord.diagnostics import Report
from onrecord.pipeline import generate, generate_with_corpus

from .test_cache import CASES, content_of


def build(content, folder):
    """(pages, diagnostics, cache) of one build with the cache in `folder`."""
    cache = Cache(folder)
    report = Report(root=content.parent)
    pages = generate(content, report, cache=cache)
    return pages, [str(d) for d in report.diagnostics], cache


def cold(content):
    report = Report(root=content.parent)
    return generate(content, report), [str(d) for d in report.diagnostics]


def rendered(cache: Cache, kind: str) -> set[str]:
    return {name for what, name in cache.pages.rendered if what == kind}


@pytest.fixture
def warm(tmp_path):
    """A content folder built once with a cache: (content, cache folder, pages)."""
    content = content_of(tmp_path)
    pages, _, first = build(content, tmp_path / "cache")
    assert rendered(first, "transcript") == set(CASES) and not first.pages.reused
    return content, tmp_path / "cache", pages


def test_a_second_build_renders_no_page_again_and_generates_what_a_cold_build_does(warm):
    content, folder, pages = warm
    again, said, cache = build(content, folder)
    assert cache.pages.rendered == [] and len(cache.pages.reused) >= len(CASES)
    assert (again, said) == cold(content) and again == pages


def test_a_changed_transcript_renders_again_its_pages_and_its_speakers_and_nothing_else(warm):
    content, folder, pages = warm
    changed = content / "transcripts" / "otter.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Happy to be here.", "Happy to be here today."),
                       encoding="utf-8")
    again, said, cache = build(content, folder)
    assert rendered(cache, "transcript") == {"otter"}
    # Dana Whitfield hosts the show; Priya Raman says nothing in the changed turn's transcript that changed.
    assert rendered(cache, "speaker") == {"dana-whitfield"}
    assert (again, said) == cold(content) and again != pages


def test_a_changed_speakers_file_renders_again_only_the_page_of_the_person_it_changes(warm):
    content, folder, _ = warm
    (content / "speakers.yml").write_text(
        "people:\n- id: deepak-ahuja\n  name: Deepak Ahuja\n  bio: Finance chief until 2015.\n", encoding="utf-8")
    again, said, cache = build(content, folder)
    assert cache.pages.rendered == [("speaker", "deepak-ahuja")]
    assert "Finance chief until 2015." in again["speakers/deepak-ahuja.md"]
    assert (again, said) == cold(content)


def _topics_of(transcript, corpus) -> list:
    names = {t.id: t.name for t in corpus.topics}
    return [(unit.id, [(t, names.get(t)) for t in unit.topics]) for unit in (*transcript.exchanges, *transcript.turns)]


def test_a_changed_topics_file_renders_again_the_transcripts_whose_topics_it_changes_and_no_other(warm):
    content, folder, _ = warm
    before, _ = generate_with_corpus(content, Report(), cache=Cache(folder))
    (content / "topics.yml").write_text("topics:\n- id: model-x\n  name: Model X\n  aliases: [the X]\n",
                                        encoding="utf-8")
    cache = Cache(folder)
    after, again = generate_with_corpus(content, Report(), cache=cache)
    changed = {t.slug for t, u in zip(before.transcripts, after.transcripts) if _topics_of(t, before) != _topics_of(u, after)}
    assert "reference" in changed and len(changed) < len(CASES)  # the court argument has no Model X in it
    assert rendered(cache, "transcript") == changed
    assert again == cold(content)[0]


def test_a_changed_reader_version_reads_its_files_again_but_renders_no_page_that_reads_the_same(warm, monkeypatch):
    content, folder, pages = warm
    monkeypatch.setattr(readers.READERS["otter"], "VERSION", readers.READERS["otter"].VERSION + 1)
    again, _, cache = build(content, folder)
    assert {path.name for path in cache.read} == {"otter.txt", "otter-damaged-prefix.txt"}
    assert cache.pages.rendered == [] and again == pages


def test_an_added_transcript_renders_its_pages_and_those_whose_topics_it_joins_and_no_other(warm):
    content, folder, _ = warm
    reference = (content / "transcripts" / "reference.txt").read_text(encoding="utf-8")
    (content / "transcripts" / "later.txt").write_text(
        reference.replace("date: 2015-11-03", "date: 2016-02-10\nslug: later"), encoding="utf-8")
    again, said, cache = build(content, folder)
    assert [path.name for path in cache.read] == ["later.txt"]
    touched = rendered(cache, "transcript")
    # A copy of the reference makes its phrases recur, so the reference's own topics change (its earlier-on-
    # these-topics lines cannot: the later call is not before it).
    assert {"later", "reference"} <= touched
    assert {"court", "motley-fool"}.isdisjoint(touched)  # no topic of theirs is the later call's
    assert (again, said) == cold(content)


def test_a_change_to_the_code_or_templates_renders_every_page_again(warm, monkeypatch):
    content, folder, pages = warm
    monkeypatch.setattr(page_memo, "_fingerprint", lambda: "another version of the templates")
    again, _, cache = build(content, folder)
    assert rendered(cache, "transcript") == set(CASES) and cache.pages.reused == []
    assert again == pages


def _entry_of(folder, kind, name):
    return folder / page_memo.FOLDER / page_memo._file_name((kind, name))


@pytest.mark.parametrize("how", ["truncated", "altered", "not an entry"])
def test_a_damaged_page_entry_is_said_and_rendered_again(warm, how):
    content, folder, pages = warm
    entry = _entry_of(folder, "transcript", "court")
    data = entry.read_bytes()
    entry.write_bytes({"truncated": data[: len(data) // 2], "altered": data[:-40] + b"x" * 40,
                       "not an entry": b"hello"}[how])
    again, said, cache = build(content, folder)
    assert rendered(cache, "transcript") == {"court"} and again == pages
    assert sum("[cache.corrupt]" in line and "court" in line for line in said) == 1
    assert build(content, folder)[2].pages.rendered == []  # rewritten whole


def test_a_page_entry_that_would_make_an_object_is_refused_unread(warm):
    content, folder, pages = warm
    entry = _entry_of(folder, "transcript", "court")
    header, _, _ = entry.read_bytes()[len(page_memo.MAGIC):].partition(b"\n")
    payload = pickle.dumps({"transcripts/court/index.md": shutil.rmtree}, protocol=5)  # names a function
    import hashlib
    import json
    fields = json.loads(header)
    fields.update(length=len(payload), sha256=hashlib.sha256(payload).hexdigest())
    entry.write_bytes(page_memo.MAGIC + json.dumps(fields).encode() + b"\n" + payload)
    again, said, cache = build(content, folder)
    assert rendered(cache, "transcript") == {"court"} and again == pages
    assert any("[cache.corrupt]" in line and "names shutil.rmtree" in line for line in said)


def test_a_removed_transcript_leaves_no_page_entry_behind(warm):
    content, folder, _ = warm
    entries = len(list((folder / page_memo.FOLDER).glob("*.page")))
    (content / "transcripts" / "court.txt").unlink()
    build(content, folder)
    left = {p.name for p in (folder / page_memo.FOLDER).glob("*.page")}
    assert _entry_of(folder, "transcript", "court").name not in left and 0 < len(left) < entries


class _Views:
    """Topic views that name topic `t` as the test says: what the archive around a page answers it."""

    def __init__(self, name: str) -> None:
        self.name = name

    def links(self, here, topic_ids):
        return [{"name": self.name, "href": f"topics/{t}.md"} for t in topic_ids]


def _page_of(views) -> dict[str, str]:
    return {"a.md": "On " + ", ".join(link["name"] for link in views.links("a.md", ("t",)))}


def test_a_page_whose_answer_from_the_topic_views_changed_is_rendered_again_and_only_then(tmp_path):
    first = page_memo.PageMemo(tmp_path)
    assert first.files(("transcript", "a"), ("same inputs",), _page_of, _Views("Model X")) == {"a.md": "On Model X"}
    same = page_memo.PageMemo(tmp_path)
    assert same.files(("transcript", "a"), ("same inputs",), _page_of, _Views("Model X")) == {"a.md": "On Model X"}
    assert same.rendered == [] and same.reused == [("transcript", "a")]
    renamed = page_memo.PageMemo(tmp_path)
    assert renamed.files(("transcript", "a"), ("same inputs",), _page_of, _Views("Model Y")) == {"a.md": "On Model Y"}
    assert renamed.rendered == [("transcript", "a")]


def test_a_page_that_asks_the_topic_views_what_no_question_notes_is_never_reused(tmp_path):
    class Views:
        def timeline(self, topic_id):
            return "bars"

    def page(views):
        return {"a.md": views.timeline("t")}

    assert page_memo.PageMemo(tmp_path).files(("topic", "t"), (), page, Views()) == {"a.md": "bars"}
    again = page_memo.PageMemo(tmp_path)
    assert again.files(("topic", "t"), (), page, Views()) == {"a.md": "bars"} and again.rendered == [("topic", "t")]


def _touching(corpus, slug: str) -> set[str]:
    return {t.id for t in corpus.topics
            if slug in {s for s, _ in (*t.exchanges, *t.remarks)} | {m.slug for m in t.mentions}}


def test_a_changed_transcript_renders_again_only_topic_pages_it_is_in(warm):
    content, folder, _ = warm
    before, _ = generate_with_corpus(content, Report(), cache=Cache(folder))
    changed = content / "transcripts" / "otter.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Happy to be here.", "Happy to be here today."),
                       encoding="utf-8")
    cache = Cache(folder)
    after, again = generate_with_corpus(content, Report(), cache=cache)
    topics = rendered(cache, "topic")
    assert topics and topics <= _touching(before, "otter") | _touching(after, "otter")
    assert len({name for what, name in cache.pages.reused if what == "topic"}) > len(topics)
    assert again == cold(content)[0]
