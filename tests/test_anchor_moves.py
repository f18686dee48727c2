"""Links that last, without a browser: which anchors a correction moves, and how check reports it."""

from __future__ import annotations

import shutil
import subprocess

from click.testing import CliRunner

from onrecord.anchors import moves
from onrecord.cli import main
from onrecord.diagnostics import Report
from onrecord.pipeline import load_transcript

from .conftest import REFERENCE, write_transcript

CALL = """Question-and-Answer Session

Operator

Our first question comes from the line of Bob Jones with Big Bank. Your line is now open.

Bob Jones - Big Bank Securities LLC

How are margins?

Alice Smith - Chief Executive Officer

Better.

Operator

Our next question comes from the line of Carol Dyke with Other Bank. Your line is now open.

Carol Dyke - Other Bank LLC

And costs?

Alice Smith - Chief Executive Officer

Lower.
"""


def transcript_of(tmp_path, name, text):
    return load_transcript(write_transcript(tmp_path, name, text), Report())


def test_an_inserted_turn_moves_the_turns_after_it(tmp_path):
    old = transcript_of(tmp_path, "old.txt", CALL)
    new = transcript_of(tmp_path, "new.txt", CALL.replace("Better.\n", "Better.\n\nBob Jones - Big Bank Securities LLC\n\nThanks.\n"))
    assert moves(old, new) == {"t4": "t5", "t5": "t6", "t6": "t7"}


def test_a_deleted_exchange_sends_its_links_to_what_follows_and_renumbers_exchanges(tmp_path):
    old = transcript_of(tmp_path, "old.txt", CALL)
    first, second = CALL.index("Operator\n\nOur first"), CALL.index("Operator\n\nOur next")
    new = transcript_of(tmp_path, "new.txt", CALL[:first] + CALL[second:])
    found = moves(old, new)
    assert found["q2"] == "q1"
    # The first exchange's turns were deleted: their links land where the talk goes on.
    assert {found[t] for t in ("t2", "t3")} == {"t1"} and "t1" not in found
    assert found["t4"] == "t1" and found["t6"] == "t3"


def test_corrected_words_keep_their_anchor(tmp_path):
    old = transcript_of(tmp_path, "old.txt", CALL)
    new = transcript_of(tmp_path, "new.txt", CALL.replace("How are margins?", "How are gross margins?"))
    assert moves(old, new) == {}


def test_check_since_a_revision_reports_moves_a_commit_made(tmp_path):
    repo = tmp_path / "repo"
    content = repo / "content"
    shutil.copytree(REFERENCE.parent.parent, content)
    git = ["git", "-c", "user.email=t@onrecord.invalid", "-c", "user.name=t"]
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "publish"], cwd=repo, check=True)
    path = content / "transcripts" / REFERENCE.name
    path.write_text(path.read_text().replace("Thank you, Elon.\n", "Thank you, Elon.\n\nDeepak Ahuja - Chief Financial Officer\n\nIndeed.\n", 1))
    subprocess.run([*git, "commit", "-qam", "correct"], cwd=repo, check=True)

    runner = CliRunner()
    at_head = runner.invoke(main, ["check", str(content), "--strict"])
    assert at_head.exit_code == 0  # nothing differs from HEAD any more
    since_base = runner.invoke(main, ["check", str(content), "--strict", "--since", "HEAD~1"])
    assert since_base.exit_code == 1 and "[anchor.moved]" in since_base.stderr
    assert "179 anchors would move (t3→t4, t4→t5" in since_base.stderr
