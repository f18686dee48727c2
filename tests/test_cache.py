"""The per-transcript cache: a build reads again only what changed, says what a cold build says, and
never trusts an entry that is stale or damaged."""

from __future__ import annotations

import hashlib
import json
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from onrecord import cache as cache_module
from onrecord import readers
from onrecord.cache import MAGIC, Cache, folder_for
from onrecord.diagnostics import Report
from onrecord.pipeline import generate

from .conftest import FIXTURES

BIN = Path(sys.executable).parent
# Several layouts, three of them with `acknowledge:` in their front matter.
CASES = ("reference", "otter", "otter-damaged-prefix", "podcast-srt", "vtt-no-voices", "motley-fool",
         "podcast-json", "html-transcript", "markdown-bold-speakers", "court")


def content_of(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    (content / "transcripts").mkdir(parents=True)
    for case in CASES:
        source = next((FIXTURES / case).glob("input.*"))
        shutil.copyfile(source, content / "transcripts" / f"{case}{source.suffix}")
    (content / "index.md").write_text("# An archive\n", encoding="utf-8")
    return content


def built(content: Path, cache: Cache | None) -> tuple[dict, list[str]]:
    report = Report(root=content.parent)
    pages = generate(content, report, cache=cache)
    return pages, [str(d) for d in report.diagnostics]


def read_names(cache: Cache) -> set[str]:
    return {path.name for path in cache.read}


@pytest.fixture
def warm(tmp_path):
    """A content folder built once with a cache: (content, cache folder, pages, diagnostics)."""
    content = content_of(tmp_path)
    folder = tmp_path / "cache"
    first = Cache(folder)
    pages, said = built(content, first)
    assert len(first.read) == len(CASES) and not first.reused
    return content, folder, pages, said


def test_a_second_build_reads_no_file_and_says_the_same_in_the_same_order(warm):
    content, folder, pages, said = warm
    second = Cache(folder)
    assert built(content, second) == (pages, said)
    assert second.read == [] and len(second.reused) == len(CASES)
    assert any("(acknowledged)" in line for line in said)  # front matter `acknowledge:` survives the replay


def test_a_cached_build_generates_what_a_build_without_cache_does(warm):
    content, _, pages, said = warm
    assert built(content, None) == (pages, said)


def test_a_changed_transcript_is_the_only_file_read_again(warm):
    content, folder, pages, _ = warm
    changed = content / "transcripts" / "otter.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nKim Lee  1:02:03\nOne more thing.\n", encoding="utf-8")
    again = Cache(folder)
    cached = built(content, again)
    assert read_names(again) == {"otter.txt"}
    assert cached == built(content, None) and cached[0] != pages


@pytest.mark.parametrize("settings", ["speakers.yml", "topics.yml"])
def test_a_changed_speakers_or_topics_file_reads_no_transcript_again(warm, settings):
    content, folder, pages, _ = warm
    text = {"speakers.yml": "people:\n- id: deepak-ahuja\n  name: Deepak Ahuja\n  bio: Finance chief until 2015.\n",
            "topics.yml": "topics:\n- id: model-x\n  name: Model X\n  aliases: [the X]\n"}[settings]
    (content / settings).write_text(text, encoding="utf-8")
    again = Cache(folder)
    cached = built(content, again)
    assert again.read == [] and len(again.reused) == len(CASES)
    assert cached == built(content, None)
    assert cached[0] != pages  # the corpus stage did take the change


def test_a_changed_reader_version_reads_again_the_files_that_reader_read(warm, monkeypatch):
    content, folder, _, _ = warm
    by_reader = {}
    for entry in folder.glob("*.entry"):
        header = json.loads(entry.read_bytes()[len(MAGIC):].split(b"\n", 1)[0])
        by_reader.setdefault(header["reader"], set()).add(entry.name.removesuffix(".entry"))
    assert len(by_reader) >= 4
    before = readers.version_of("otter")
    monkeypatch.setattr(readers.READERS["otter"], "VERSION", readers.READERS["otter"].VERSION + 1)
    assert readers.version_of("otter") != before
    again = Cache(folder)
    built(content, again)
    assert read_names(again) == by_reader["otter"] and len(by_reader["otter"]) >= 2


def test_a_files_key_changes_with_its_bytes_and_name_and_the_stages_code(monkeypatch):
    key = cache_module.entry_key("call.txt", b"Kim: Hello.")
    assert key == cache_module.entry_key("call.txt", b"Kim: Hello.")
    assert key != cache_module.entry_key("call.txt", b"Kim: Hello!")
    assert key != cache_module.entry_key("call.md", b"Kim: Hello.")  # the suffix can choose the reader
    monkeypatch.setattr(cache_module, "__version__", "999")
    assert key != cache_module.entry_key("call.txt", b"Kim: Hello.")


def _damage(entry: Path, how: str) -> None:
    data = entry.read_bytes()
    if how == "truncated":
        entry.write_bytes(data[: len(data) // 2])
    elif how == "a flipped byte":
        entry.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
    elif how == "no header":
        entry.write_bytes(MAGIC)
    elif how == "not an entry":
        entry.write_bytes(b"\x00" * 64)


@pytest.mark.parametrize("how", ["truncated", "a flipped byte", "no header", "not an entry"])
def test_a_damaged_entry_is_said_and_the_file_read_again(warm, how):
    content, folder, pages, said = warm
    _damage(folder / "court.txt.entry", how)
    again = Cache(folder)
    cached_pages, cached_said = built(content, again)
    assert read_names(again) == {"court.txt"}
    assert cached_pages == pages
    notes = [line for line in cached_said if line.endswith("[cache.corrupt]")]
    assert len(notes) == 1 and "court.txt" in notes[0] and ": info: " in notes[0]
    assert [line for line in cached_said if line not in notes] == said
    assert built(content, Cache(folder))[1] == said  # and rebuilt: the next build trusts it again


def test_an_entry_that_would_make_anything_but_the_model_is_refused_unread(warm, tmp_path):
    content, folder, pages, _ = warm
    entry = folder / "court.txt.entry"
    header = json.loads(entry.read_bytes()[len(MAGIC):].split(b"\n", 1)[0])
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (Path.touch, (marker,))

    payload = pickle.dumps(Payload())
    header.update(length=len(payload), sha256=hashlib.sha256(payload).hexdigest())  # a valid checksum
    entry.write_bytes(MAGIC + json.dumps(header).encode() + b"\n" + payload)
    again = Cache(folder)
    cached_pages, cached_said = built(content, again)
    assert not marker.exists()
    assert read_names(again) == {"court.txt"} and cached_pages == pages
    assert any(line.endswith("[cache.corrupt]") for line in cached_said)


def test_a_removed_transcript_leaves_no_entry_behind(warm):
    content, folder, _, _ = warm
    (content / "transcripts" / "court.txt").unlink()
    built(content, Cache(folder))
    assert sorted(p.name for p in folder.glob("*.entry")) == sorted(
        f"{p.name}.entry" for p in (content / "transcripts").iterdir())


def test_a_cache_that_cannot_be_written_is_said_once_and_the_build_goes_on(tmp_path):
    content = content_of(tmp_path)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    pages, said = built(content, Cache(blocked))
    assert pages == built(content, None)[0]
    assert sum(line.endswith("[cache.unwritable]") for line in said) == 1


def test_the_cache_lives_beside_the_content_folder_unless_told_otherwise(tmp_path):
    content = tmp_path / "site" / "content"
    assert folder_for(True, content, tmp_path) == (tmp_path / "site" / ".onrecord-cache").resolve()
    assert folder_for("build/cache", content, tmp_path) == tmp_path / "build" / "cache"
    assert folder_for(False, content, tmp_path) is None


def _site(folder: Path) -> dict[str, bytes]:
    # Pagefind's index differs between two builds of the same site, cache or none: it is left out.
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.relative_to(folder).as_posix().startswith("pagefind/")}


def _build(content: Path, site_dir: Path, *options: str) -> list[str]:
    done = subprocess.run([str(BIN / "onrecord"), "build", "--content", str(content), "--site-dir", str(site_dir),
                           *options], capture_output=True, text=True, cwd=content.parent)
    assert done.returncode == 0, done.stderr
    return [line for line in done.stderr.splitlines() if line.rstrip().endswith("]")]  # the diagnostics


def test_a_cached_build_and_a_cold_build_write_byte_identical_sites(tmp_path):
    content = content_of(tmp_path)
    cold = _build(content, tmp_path / "cold")
    entries = {p.name: p.stat().st_mtime_ns for p in (tmp_path / ".onrecord-cache").glob("*.entry")}
    assert len(entries) == len(CASES)
    cached = _build(content, tmp_path / "cached")
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / ".onrecord-cache").glob("*.entry")} == entries
    assert cached == cold
    assert _site(tmp_path / "cached") == _site(tmp_path / "cold")
    assert any(p.startswith("transcripts/court/") for p in _site(tmp_path / "cold"))


def test_build_without_cache_neither_reads_nor_writes_it(tmp_path):
    content = content_of(tmp_path)
    _build(content, tmp_path / "site", "--no-cache")
    assert not (tmp_path / ".onrecord-cache").exists()


@pytest.mark.parametrize("setting, where", [("false", None), ("build/cache", "build/cache")])
def test_the_plugins_cache_option_turns_it_off_or_puts_it_beside_mkdocs_yml(tmp_path, setting, where):
    content = tmp_path / "content"
    (content / "transcripts").mkdir(parents=True)
    shutil.copyfile(FIXTURES / "court" / "input.txt", content / "transcripts" / "court.txt")
    project = tmp_path / "project"
    project.mkdir()
    (project / "mkdocs.yml").write_text(
        f"site_name: T\ndocs_dir: {content}\nsite_dir: {tmp_path / 'site'}\ntheme: {{name: null, custom_dir: "
        f"{Path(__file__).resolve().parent.parent / 'theme'}}}\n"
        f"plugins:\n  - onrecord:\n      search: false\n      cache: {setting}\n")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "site" / "transcripts" / "court" / "index.html").is_file()
    assert not (tmp_path / ".onrecord-cache").exists()  # not where it would be by default
    if where:
        assert sorted(p.name for p in (project / where).iterdir()) == ["court.txt.entry", "html", "pages", "topics"]
    else:
        assert [p.name for p in project.iterdir()] == ["mkdocs.yml"]


def test_a_reader_whose_changed_sniff_now_claims_a_file_reads_it_again_and_only_it(warm, monkeypatch):
    content, folder, _, _ = warm
    otter = readers.READERS["otter"]
    claimed = otter.sniff
    monkeypatch.setattr(otter, "VERSION", otter.VERSION + 1)
    monkeypatch.setattr(otter, "sniff", lambda source: 1.0 if source.path.name == "court.txt" else claimed(source))
    again = Cache(folder)
    built(content, again)
    assert read_names(again) == {"court.txt", "otter.txt", "otter-damaged-prefix.txt"}
    settled = Cache(folder)
    built(content, settled)
    assert settled.read == []  # the entries it trusted were rewritten with today's versions
