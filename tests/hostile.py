"""A content folder written by a hostile publisher: OWASP filter-evasion payloads in every field a
transcript, `speakers.yml` or `topics.yml` can hold, and in a file's name. The browser test and the
parser check build the same folder, and look for any trace of the payloads as markup."""

from __future__ import annotations

from pathlib import Path

import yaml

# Each payload, if it ever became markup, would leave a mark the checks look for: an element with
# src=x, an on* attribute, a javascript: URL, a <script> of ours not in the theme.
PAYLOADS = {
    "img": "<img src=x onerror=alert('img')>",
    "svg": '"><svg onload=alert("svg")>',
    "js_url": "javascript:alert('url')",
    "script": "</script><script>alert('script')</script>",
    "attr_single": "' onmouseover='alert(1)' x='",
    "attr_double": '" onfocus="alert(2)" autofocus x="',
    "attr_list": "{: onclick=alert(3) }",
    "md_link": "[x](javascript:alert(4))",
    "iframe": "<iframe src=javascript:alert(5)></iframe>",
    "style": "<b style=x onpointerenter=alert(6)>b</b>",
}

# A file named like this once ran script through its download link.
HOSTILE_FILE = "x) <img src=x onerror=alert(200)> (.txt"
# The word every transcript shares, so one search matches all of them; and a topic it is about.
QUERY = "gigafactory"


def _all(separator: str = " ") -> str:
    return separator.join(PAYLOADS.values())


def _label(key: str) -> str:
    """A speaker line of the block layout: `Name - Firm`, the payload inside both halves."""
    return f"John {key.title()} - {PAYLOADS[key]} Capital LLC"


def _block_transcript(title: str, company: str, ticker: str, description: str, keys: list[str]) -> str:
    front = yaml.safe_dump(
        {"title": title, "date": "2016-05-04", "company": company, "ticker": ticker, "description": description},
        allow_unicode=True, sort_keys=False,
    )
    lines = [f"---\n{front}---", "Operator", "Good afternoon, and welcome to the call.",
             "Ann Payload - Chief Executive Officer", f"Thank you. The {QUERY} is ready. {_all()}",
             "Question-and-Answer Session"]
    for key in keys:
        lines += ["Operator", f"Our next question comes from the line of John {key.title()}.", _label(key),
                  f"How is the {QUERY} doing? Tell me about the widget plant. {PAYLOADS[key]}",
                  "Ann Payload - Chief Executive Officer",
                  f"The {QUERY} and the widget plant are doing well. {PAYLOADS[key]}"]
    return "\n\n".join(lines) + "\n"


def write_content(root: Path) -> Path:
    """The content folder under `root`: three transcripts, speakers.yml and topics.yml, all hostile."""
    content = root / "content"
    transcripts = content / "transcripts"
    transcripts.mkdir(parents=True)
    # The home page's Markdown is the site's own, trusted like the theme: raw HTML there is the owner's.
    (content / "index.md").write_text("# Archive\n\nWelcome.\n", encoding="utf-8")
    keys = list(PAYLOADS)
    (transcripts / "hostile-fields.txt").write_text(
        _block_transcript(f"Call {_all()}", f"Acme {PAYLOADS['img']} {PAYLOADS['svg']}",
                          PAYLOADS["attr_double"], f"About {_all()}", keys),
        encoding="utf-8",
    )
    # A plain speaker line, no front matter at all: once enough for the search page.
    (transcripts / "plain-line.txt").write_text(
        "Operator\n\nWelcome.\n\nQuestion-and-Answer Session\n\n"
        "John Smith - <img src=x onerror=alert(9)> Capital LLC\n\n"
        f"What about the {QUERY} and the widget plant?\n\n"
        "Ann Payload - Chief Executive Officer\n\n"
        f"The {QUERY} and the widget plant are fine.\n\n"
        "Jane Roe - Roe & Co.\n\nAnd the widget plant?\n\nAnn Payload - Chief Executive Officer\n\nFine too.\n",
        encoding="utf-8",
    )
    (transcripts / HOSTILE_FILE).write_text(
        _block_transcript(f"File {PAYLOADS['script']}", PAYLOADS["md_link"], PAYLOADS["js_url"],
                          PAYLOADS["attr_list"], ["img", "attr_single"]),
        encoding="utf-8",
    )
    people = [
        {"id": "ann-payload", "name": "Ann Payload", "aliases": [], "role": "company",
         "organisation": f"Org {PAYLOADS['svg']}", "title": f"CEO {PAYLOADS['attr_single']}", "bio": f"Bio {_all()}"},
        {"name": f"John Img {PAYLOADS['iframe']}", "aliases": ["John Img"], "role": "questioner",
         "organisation": f"Firm {PAYLOADS['style']} {PAYLOADS['attr_list']}", "bio": PAYLOADS["md_link"]},
    ]
    (content / "speakers.yml").write_text(yaml.safe_dump({"people": people}, allow_unicode=True), encoding="utf-8")
    topics = {
        "automatic": False,
        "topics": [
            {"name": f"Gigafactory {PAYLOADS['img']}", "aliases": [QUERY], "description": f"Desc {_all()}"},
            {"name": f"Widget {PAYLOADS['svg']} {PAYLOADS['js_url']}", "aliases": ["widget plant"],
             "description": PAYLOADS["md_link"]},
        ],
    }
    (content / "topics.yml").write_text(yaml.safe_dump(topics, allow_unicode=True), encoding="utf-8")
    return content
