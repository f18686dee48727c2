"""The Jinja2 environments: the settings they share, and the HTML/XML one for feeds and share pages."""

from __future__ import annotations

import jinja2

def environment(**escaping) -> jinja2.Environment:
    """An environment over the package's templates; `escaping` says how its values are escaped (and any
    setting one output kind needs)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("onrecord", "templates"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # the templates ship with the package: no stat of the file on every page
        **escaping,
    )


ESCAPED = environment(autoescape=True, keep_trailing_newline=True)
