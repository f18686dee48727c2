"""Read rendered HTML the way the tests need: the spoken text of each turn, and every tag."""

from __future__ import annotations

from html.parser import HTMLParser

_VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr"}


class TurnText(HTMLParser):
    """Collects, per turn (`div.turn[id]`), the text of its spoken paragraphs (not the `.who` line).

    Time-mark labels (`time.mark`) are kept apart, so the spoken text can be compared with the
    clean text exactly.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.turns: dict[str, list[str]] = {}
        self.marks: dict[str, list[str]] = {}
        self._stack: list[tuple[str, dict]] = []
        self._turn: str | None = None
        self._paragraph: list[str] | None = None
        self._in_mark = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag not in _VOID:
            self._stack.append((tag, attrs))
        if tag == "div" and "turn" in classes and attrs.get("id"):
            self._turn = attrs["id"]
            self.turns[self._turn] = []
            self.marks[self._turn] = []
        elif tag == "p" and self._turn and "who" not in classes:
            self._paragraph = []
        elif tag == "time" and "mark" in classes:
            self._in_mark = True

    def handle_endtag(self, tag):
        while self._stack:
            open_tag, attrs = self._stack.pop()
            if open_tag == tag:
                break
        if tag == "time":
            self._in_mark = False
        elif tag == "p" and self._paragraph is not None and self._turn:
            self.turns[self._turn].append("".join(self._paragraph))
            self._paragraph = None
        elif tag == "div" and self._turn and not any(t == "div" and "turn" in (a.get("class") or "") for t, a in self._stack):
            self._turn = None

    def handle_data(self, data):
        if self._turn is None or self._paragraph is None:
            return
        if self._in_mark:
            self.marks[self._turn].append(data.strip())
        else:
            self._paragraph.append(data)


def turn_text(html: str) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """({turn id: [paragraph text]}, {turn id: [time mark labels]}) of a rendered transcript page."""
    parser = TurnText()
    parser.feed(html)
    parser.close()
    return parser.turns, parser.marks


def words_in_order(needles: list[str], haystack: list[str]) -> tuple[bool, str | None]:
    """True when every needle appears in the haystack words in order; else the first one missing."""
    position = 0
    for needle in needles:
        try:
            position = haystack.index(needle, position) + 1
        except ValueError:
            return False, needle
    return True, None
