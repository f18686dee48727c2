"""`onrecord new`: a transcript copied into content/ with front matter inferred, checked, ready to review."""

from __future__ import annotations

import yaml
from click.testing import CliRunner

from onrecord.cli import main

from .conftest import FIXTURES, REFERENCE


def test_new_copies_the_file_with_inferred_front_matter_and_the_body_unchanged(tmp_path):
    original = tmp_path / "Northwind Q4.txt"
    original.write_bytes((FIXTURES / "motley-fool" / "input.txt").read_bytes())
    content = tmp_path / "content"
    result = CliRunner().invoke(main, ["new", str(original), "--content", str(content), "--date", "2025-02-20"])
    assert result.exit_code == 0, result.output
    added = content / "transcripts" / "northwind-q4.txt"
    front, body = added.read_bytes().split(b"\n---\n", 1)
    meta = yaml.safe_load(front.removeprefix(b"---\n"))
    assert meta == {
        "title": "Northwind Robotics Q4 2024 Earnings Call", "date": "2025-02-20",
        "company": "Northwind Robotics", "ticker": "NWRB", "slug": "northwind-q4",
    }
    assert body == original.read_bytes()
    assert "title: Northwind Robotics Q4 2024 Earnings Call  [inferred from the file; check it]" in result.stderr
    assert "questioner: Priya Raman" in result.stderr and "1 exchanges" in result.stderr


def test_new_refuses_to_overwrite_without_force(tmp_path):
    content = tmp_path / "content"
    first = CliRunner().invoke(main, ["new", str(REFERENCE), "--content", str(content)])
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(main, ["new", str(REFERENCE), "--content", str(content)])
    assert again.exit_code == 1 and "exists already; use --force" in again.stderr
    forced = CliRunner().invoke(main, ["new", str(REFERENCE), "--content", str(content), "--force"])
    assert forced.exit_code == 0
    # A file with front matter keeps it, and its warnings are printed for review.
    assert (content / "transcripts" / "tesla-2015-q3.txt").read_text().startswith("---\ntitle: Tesla Motors Q3 2015")
