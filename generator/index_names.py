"""The lists an index's filter reads (`topics/names/`, `speakers/names/`): every entry of every page, in small files.

The filter matches the start of words ("marg" finds "Gross margin"), so the rows are split by the first
two letters of each of their words: typing fetches one small file, however large the archive. A row is
in the file of each of its words; `index.json` names the files there are. Python and
theme/assets/index-filter.js split words the same way: accents folded, lower case, letters and digits.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict

SCHEMA = "onrecord.index-names/1"
FIELDS = ["name", "href", "detail", "also"]  # also: other words to match (aliases, organisation, title)
OTHER = "_"  # the file of words that do not start with two of a-z and 0-9


def words(text: str) -> list[str]:
    """Its words as the filter compares them: NFKD without marks, lower case, runs of letters and digits."""
    kept = (ch for ch in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.category(ch).startswith("M"))
    return "".join(ch if unicodedata.category(ch)[0] in "LN" else " " for ch in kept).split()


def key(word: str) -> str | None:
    """The file a word is in: its first two letters, OTHER for other scripts; a one-letter word in none."""
    if len(word) < 2:
        return None
    return word[:2] if re.fullmatch(r"[a-z0-9]{2}", word[:2]) else OTHER


def files(folder: str, rows: list[list[str]]) -> dict[str, str]:
    """`<folder>/index.json` and a file per key of rows [name, href, detail, also], each in index order."""
    by_key: dict[str, list[list[str]]] = defaultdict(list)
    for row in rows:
        for k in dict.fromkeys(filter(None, map(key, words(f"{row[0]} {row[3]}")))):
            by_key[k].append(row)
    dump = lambda value: json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"  # noqa: E731
    pages = {f"{folder}/{k}.json": dump({"schema": SCHEMA, "fields": FIELDS, "items": items})
             for k, items in sorted(by_key.items())}
    pages[f"{folder}/index.json"] = dump({"schema": SCHEMA, "entries": len(rows), "files": sorted(by_key)})
    return pages
