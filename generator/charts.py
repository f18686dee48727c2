"""Static bar charts made at build time: Python lays the bars out, `_bar_chart.svg.j2` draws them."""

from __future__ import annotations

import datetime as dt
from typing import Any

ROW_HEIGHT, LABEL_WIDTH, BAR_WIDTH = 26, 250, 300
LABEL_CHARACTERS = 32  # what fits in LABEL_WIDTH at the theme's 13px


def bar_chart(title: str, caption: str, rows: list[tuple[str, float, str]], value_width: int = 60) -> dict[str, Any]:
    """`rows` are (label, length from 0 to 1, value shown after the bar), drawn top to bottom."""
    bars = [
        {
            "y": index * ROW_HEIGHT,
            "label": label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1].rstrip() + "…",
            "width": max(1, round(BAR_WIDTH * length)) if length > 0 else 0,
            "value": value,
        }
        for index, (label, length, value) in enumerate(rows)
    ]
    return {
        "title": title, "caption": caption, "bars": bars, "height": max(1, len(bars)) * ROW_HEIGHT,
        "label_width": LABEL_WIDTH, "bar_width": BAR_WIDTH, "width": LABEL_WIDTH + BAR_WIDTH + value_width,
    }


def short_date(iso: str | None) -> str:
    """ "3 Nov 2015": for labels where space is short."""
    return f"{dt.date.fromisoformat(iso):%-d %b %Y}" if iso else ""
