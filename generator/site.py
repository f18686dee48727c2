"""Build or serve a site with MkDocs, for any content folder, with the project's theme and settings."""

from __future__ import annotations

from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def project_config() -> Path:
    """The mkdocs.yml of the current folder if it has one, else the project's own."""
    here = Path("mkdocs.yml")
    return here.resolve() if here.is_file() else PACKAGE_ROOT / "mkdocs.yml"


def _overrides(content: Path | None, site_dir: Path | None) -> dict:
    overrides = {}
    if content is not None:
        overrides["docs_dir"] = str(content.resolve())
    if site_dir is not None:
        overrides["site_dir"] = str(site_dir.resolve())
    return overrides


def build(content: Path | None = None, site_dir: Path | None = None, strict: bool = False) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(str(project_config()), strict=strict, **_overrides(content, site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()


def serve(content: Path | None = None, dev_addr: str | None = None) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    options = _overrides(content, None)
    if dev_addr:
        options["dev_addr"] = dev_addr
    mkdocs_serve(config_file=str(project_config()), **options)
