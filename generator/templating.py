"""The Jinja2 environment for files that are not Markdown (feeds, share pages): HTML/XML autoescape."""

from __future__ import annotations

import jinja2

ESCAPED = jinja2.Environment(
    loader=jinja2.PackageLoader("onrecord", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    auto_reload=False,  # the templates ship with the package: no stat of the file on every page
)
