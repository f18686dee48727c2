"""The Jinja2 environments: the settings they share, and the HTML/XML one for feeds and share pages."""

from __future__ import annotations

import jinja2

_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    """Jinja's environment, finding `item.href` in a dict without an AttributeError raised and caught first.

    Jinja tries an attribute before a key, and three lookups in four are of the dicts render hands the
    templates. A name that is no attribute of a dict (`meta.get` still is one) is a key, where Jinja would
    have found it too."""

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)  # an attribute, then a key, then undefined, as Jinja looks


def environment(**escaping) -> jinja2.Environment:
    """An environment over the package's templates; `escaping` says how its values are escaped (and any
    setting one output kind needs)."""
    return _Environment(
        loader=jinja2.PackageLoader("onrecord", "templates"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # the templates ship with the package: no stat of the file on every page
        **escaping,
    )


ESCAPED = environment(autoescape=True, keep_trailing_newline=True)
