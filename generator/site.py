"""Build or serve a site with MkDocs, for any content folder, with the project's theme and settings.

A build never destroys what was published: it is written into a new folder beside the site and put
in the site's place only once it is complete (pages, downloads and search index), so a failed build
leaves the previous site exactly as it was, and nothing of an earlier build can remain. A lock file
beside the site makes a second build into the same folder wait for the first. A plain `mkdocs build`
gets the same through the plugin's events (`Publishing`): MkDocs itself empties site_dir first.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Callable, Iterator

from . import engine
from .diagnostics import ERROR, Report

DEFAULTS = Path(__file__).resolve().parent / "defaults.yml"  # for a folder without a mkdocs.yml
_BESIDE: set[Path] = set()  # the folders building_beside is building in now: a build into one is already kept


class BuildFailed(Exception):
    """A build that did not finish; the site it was meant to replace is untouched."""


class NoSite(Exception):
    """The folder has neither a mkdocs.yml nor a content folder: nothing to build."""


def project_config() -> Path | None:
    """The mkdocs.yml (or ProperDocs' properdocs.yml) of the current folder, or None: never the package's own."""
    names = ("mkdocs.yml", "mkdocs.yaml", "properdocs.yml", "properdocs.yaml")
    return next((Path(name).resolve() for name in names if Path(name).is_file()), None)


def _overrides(content: Path | None, site_dir: Path | None) -> dict:
    overrides = {}
    if content is not None:
        overrides["docs_dir"] = str(content.resolve())
    if site_dir is not None:
        overrides["site_dir"] = str(site_dir.resolve())
    return overrides


def _config_and_overrides(content: Path | None, site_dir: Path | None) -> tuple[str, dict]:
    """The config file to load and what the command sets over it: the folder's own mkdocs.yml, or the
    built-in defaults with ./content and ./site (the defaults' own folder is the installed package)."""
    config = project_config()
    if config is not None:
        return str(config), _overrides(content, site_dir)
    content = content if content is not None else Path("content")
    if not content.is_dir():
        raise NoSite(f"no mkdocs.yml in {Path.cwd()} and no content folder {content}/: "
                     "add transcripts under content/transcripts/, or give --content")
    overrides = _overrides(content, site_dir or Path("site"))
    return str(DEFAULTS), {"site_name": Path.cwd().name or "Transcripts", **overrides}


def build(content: Path | None = None, site_dir: Path | None = None, strict: bool = False,
          waiting: Callable[[str], None] | None = None, cache: bool = True, shard=None) -> None:
    """Build the site into site_dir (mkdocs.yml's when None), replacing the old one only if the build succeeds."""
    engine.use()
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config_file, overrides = _config_and_overrides(content, site_dir)
    config = load_config(config_file, strict=strict, **overrides)
    target = Path(config.site_dir)
    if not cache and "onrecord" in config.plugins:
        config.plugins["onrecord"].config.cache = False  # every transcript read afresh, the cache left as it is
    if shard is not None:  # its own pages only, and a search bundle of its own transcripts
        from .shards import quiet_links

        config.plugins["onrecord"].shard = shard
        config.plugins["onrecord"].config.search = False
        quiet_links(config)
    with locked(target, waiting), building_beside(target) as fresh:
        config.site_dir = str(fresh)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()


@contextlib.contextmanager
def building_beside(target: Path) -> Iterator[Path]:
    """A new empty folder beside `target`, put in its place when the block succeeds, removed when it fails."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    _BESIDE.add(fresh.resolve())
    try:
        yield fresh
    except BaseException as error:
        shutil.rmtree(fresh, ignore_errors=True)
        if not isinstance(error, Exception):
            raise  # interrupted: nothing to say but that
        kept = "the previous site is unchanged" if target.exists() else "no site was written"
        raise BuildFailed(f"the build failed, so {target} was not replaced: {kept}") from error
    finally:
        _BESIDE.discard(fresh.resolve())
    os.chmod(fresh, 0o777 & ~_umask())  # mkdtemp makes it private; a site is for a web server to read
    _swap(fresh, target)
    logging.getLogger("mkdocs.commands.build").info(f"The site is in {target}")


class Publishing:
    """`building_beside` and `locked` for a build MkDocs runs itself (`mkdocs build`, `gh-deploy`), held across
    the plugin's events: begun in on_config, swapped in by the last on_post_build, dropped on a build error.

    Left alone: a build already beside its site (`onrecord build`), `mkdocs serve` (its own temporary folder),
    a `--dirty` build (it keeps the old files on purpose), and builds nested in one being kept (i18n's)."""

    def __init__(self) -> None:
        self._held: contextlib.ExitStack | None = None
        self._config = None
        self._target: Path | None = None
        self._nested = 0  # builds run inside the one held (i18n builds each language so): they write into it

    def begin(self, config) -> None:
        if self._held is not None:
            self._nested += 1
            return
        if not _wants_keeping(Path(config.site_dir)):
            return
        target = Path(config.site_dir)
        log = logging.getLogger("mkdocs.plugins.onrecord")
        with contextlib.ExitStack() as stack:
            stack.enter_context(locked(target, log.info))  # said, not a warning: --strict would fail for it
            config.site_dir = str(stack.enter_context(building_beside(target)))
            self._held, self._config, self._target = stack.pop_all(), config, target
        atexit.register(self._interrupted)

    def finish(self, config) -> None:
        """The build is complete: it becomes the site, unless --strict will fail it for a warning said."""
        if self._held is None or self._went_in():
            return
        if warned := _strict_warnings(config):
            self.fail(RuntimeError(f"{warned} warnings in strict mode"))
            return
        held, self._held = self._held, None
        held.close()
        config.site_dir = str(self._target)  # gh-deploy publishes config.site_dir next

    def fail(self, error: BaseException) -> None:
        """The build failed: its folder goes, the published site stays, and the log says so."""
        if self._held is None or self._went_in():
            return
        held, self._held = self._held, None
        try:
            held.__exit__(type(error), error, error.__traceback__)
        except BuildFailed as failed:
            logging.getLogger("mkdocs.plugins.onrecord").info(str(failed))  # said, not counted as one more error
        finally:
            self._config.site_dir = str(self._target)

    def _went_in(self) -> bool:
        """Whether a nested build is the one ending: the outer one still writes into the folder."""
        if self._nested:
            self._nested -= 1
            return True
        return False

    def _interrupted(self) -> None:
        # Ctrl-C: MkDocs runs no on_build_error for a KeyboardInterrupt, so the half-built folder goes here.
        if self._held is not None:
            self._nested = 0
            with contextlib.suppress(KeyboardInterrupt):  # building_beside says nothing but that, and neither do we
                self.fail(KeyboardInterrupt())


def _wants_keeping(site_dir: Path) -> bool:
    if site_dir.resolve() in _BESIDE:
        return False
    if site_dir.parent.resolve() == Path(tempfile.gettempdir()).resolve() and site_dir.name.startswith("mkdocs_"):
        return False  # mkdocs serve's own folder (serve.py: tempfile.mkdtemp(prefix="mkdocs_"))
    import click

    command = click.get_current_context(silent=True)
    if command is None:
        return True  # called as a library: a clean build
    return command.info_name != "serve" and command.params.get("clean", True)


def _strict_warnings(config) -> int:
    """The warnings MkDocs' strict mode has counted so far (it fails the build for them after on_post_build)."""
    if not config.strict:
        return 0
    from mkdocs.utils import CountHandler

    handlers = [h for name in ("mkdocs", "properdocs") for h in logging.getLogger(name).handlers]
    return sum(n for h in handlers if isinstance(h, CountHandler) for _, n in h.get_counts())


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _swap(fresh: Path, target: Path) -> None:
    """`fresh` becomes `target`: by two renames, so there is no moment with half a site."""
    if not target.exists():
        fresh.rename(target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    try:
        target.rename(old / target.name)
    except OSError:
        # A mount point or a folder we may not rename (a container volume): its contents are replaced instead.
        _replace_contents(fresh, target)
        shutil.rmtree(old, ignore_errors=True)
        return
    try:
        fresh.rename(target)
    except OSError:
        (old / target.name).rename(target)  # put the published site back
        raise
    shutil.rmtree(old, ignore_errors=True)


def _replace_contents(fresh: Path, target: Path) -> None:
    for entry in list(target.iterdir()):
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    for entry in list(fresh.iterdir()):
        entry.rename(target / entry.name)
    fresh.rmdir()


class Locked(Exception):
    """Another build holds the lock on this site folder."""


@contextlib.contextmanager
def locked(target: Path, waiting: Callable[[str], None] | None = None, wait: bool = True) -> Iterator[None]:
    """Hold `.<site>.lock` beside the site for the block: two builds into one folder run one after the other."""
    lock = target.parent / f".{target.name}.lock"
    target.parent.mkdir(parents=True, exist_ok=True)
    while True:
        handle = open(lock, "a+")  # noqa: SIM115 (closed below, or kept open while held)
        if not _try_lock(handle):
            handle.seek(0)
            holder = handle.read().strip() or "?"
            message = f"another build into {target} is running (process {holder})"
            if not wait:
                handle.close()
                raise Locked(message)
            if waiting:
                waiting(f"{message}; waiting for it to finish")
            _lock(handle)
        # The holder before us may have removed the file as it finished: then ours is a lock on nothing.
        if _same_file(handle, lock):
            break
        handle.close()
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()
        handle.close()


def _same_file(handle, path: Path) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino
    except OSError:
        return False


if sys.platform == "win32":  # pragma: no cover (the lock is advisory there as here)
    import msvcrt

    def _try_lock(handle) -> bool:
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _lock(handle) -> None:
        while not _try_lock(handle):
            import time

            time.sleep(0.2)
else:
    import fcntl

    def _try_lock(handle) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _lock(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)


def serve(content: Path | None = None, dev_addr: str | None = None) -> None:
    engine.use()
    from mkdocs.commands.serve import serve as mkdocs_serve

    config_file, options = _config_and_overrides(content, None)
    options.pop("site_dir", None)  # serve builds into a folder of its own
    if dev_addr:
        options["dev_addr"] = dev_addr
    mkdocs_serve(config_file=config_file, **options)


def merge(sites: list[Path], site_dir: Path, report: Report, waiting: Callable[[str], None] | None = None) -> None:
    """The sites of a sharded build as one site in site_dir, searching every shard's bundle; the old one replaced
    only then. What stops it is reported (then BuildFailed): files that differ, bundles missing, a file that
    cannot be read or written."""
    from .shards import merge as merge_sites

    with locked(site_dir, waiting), building_beside(site_dir) as fresh:
        try:
            merge_sites(sites, fresh, report, shown_as=site_dir)
        except OSError as error:  # a shard's file unreadable, the disk full: said of the file as the user names it
            where = Path(error.filename or site_dir)
            if where.is_relative_to(fresh):
                where = site_dir / where.relative_to(fresh)
            report.error(where, 0, error.strerror or str(error), "merge.io_error")
        if report.at_least(ERROR):
            raise ValueError("the shards do not make one site")
