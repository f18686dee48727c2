"""Relative paths between the site's pages: posixpath.relpath's answer, without asking for the working folder.

posixpath.relpath makes both paths absolute (os.getcwd() and a normpath each) before comparing them; the
render stage asks it for a link on every line of every list, tens of thousands of times per hundred
transcripts. For two paths inside the docs folder (relative, not climbing out of it) the working folder is a
prefix both share, so the answer is found from the paths alone; anything else goes to posixpath.relpath.
"""

from __future__ import annotations

import posixpath


def relpath(path: str, start: str = ".") -> str:
    """posixpath.relpath(path, start), for the same answer."""
    if not path or path[0] == "/" or not start or start[0] == "/":
        return posixpath.relpath(path, start)
    to_parts, from_parts = _parts(path), _parts(start)
    if to_parts is None or from_parts is None:  # climbs above the docs folder: the working folder decides
        return posixpath.relpath(path, start)
    common = 0
    for a, b in zip(to_parts, from_parts):
        if a != b:
            break
        common += 1
    rest = [".."] * (len(from_parts) - common) + to_parts[common:]
    return "/".join(rest) if rest else "."


def _parts(path: str) -> list[str] | None:
    """A relative path's components once normalised; None where it climbs out of its folder."""
    if path[0] != "." and path[-1] != "/" and "/." not in path and "//" not in path:
        return path.split("/")  # normal already, as nearly every link of the site is
    normal = posixpath.normpath(path)
    if normal == ".":
        return []
    if normal == ".." or normal.startswith("../"):
        return None
    return normal.split("/")
