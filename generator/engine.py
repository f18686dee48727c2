"""Which engine builds the site: MkDocs, or ProperDocs (its continuation) when it is installed alone.

ProperDocs answers to `mkdocs.*` imports once `properdocs.replacement` is imported, as its own command
does; `onrecord build` does the same when MkDocs itself is not there, so one plugin serves both."""

from __future__ import annotations

import importlib.util


def use() -> str:
    """Make `import mkdocs` work; the engine's name. Raises ImportError, said plainly, when there is none."""
    if importlib.util.find_spec("mkdocs") is not None:
        return "mkdocs"
    if importlib.util.find_spec("properdocs") is not None:
        import properdocs.replacement  # noqa: F401 (aliases mkdocs.* to properdocs.*)

        return "properdocs"
    raise ImportError("neither MkDocs nor ProperDocs is installed: pip install 'onrecord[mkdocs]' "
                      "(or 'onrecord[properdocs]')")
