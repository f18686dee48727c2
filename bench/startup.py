"""How fast the `onrecord` command starts: import time and wall time of --help and of exporting one file.

    .venv/bin/python bench/startup.py            # 5 runs each, the fastest kept
    .venv/bin/python bench/startup.py --runs 9
    .venv/bin/python bench/startup.py --source /tmp/snap   # another checkout's generator/ (before/after)

Each command runs in a fresh interpreter under `python -X importtime`; "import s" is the sum of every
module's own import time (what `-X importtime` prints as self), "wall s" the whole process. The heaviest
packages by import time follow, so a regression names its cause. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import re
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "content" / "transcripts" / "tesla-2015-q3.txt"
_LINE = re.compile(r"import time:\s+(\d+) \|\s+\d+ \| ( *)(\S+)")

COMMANDS = {
    "import onrecord.cli": "import onrecord.cli",
    "onrecord --help": "import sys; sys.argv = ['onrecord', '--help']; from onrecord.cli import main; main()",
    "onrecord export FILE": f"import sys; sys.argv = ['onrecord', 'export', {str(REFERENCE)!r}]; "
                            "from onrecord.cli import main; main()",
}


def measure(code: str, env: dict | None = None) -> tuple[float, float, Counter]:
    """(import seconds, wall seconds, import seconds by top-level package) of one fresh interpreter."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True,
                          cwd=ROOT, check=False, env=env)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed: {code}\n{done.stderr[-2000:]}")
    by_package: Counter = Counter()
    for self_us, _indent, module in _LINE.findall(done.stderr):
        by_package[module.split(".")[0]] += int(self_us) / 1e6
    return sum(by_package.values()), wall, by_package


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command; the fastest is kept")
    parser.add_argument("--top", type=int, default=6, help="heaviest packages listed per command")
    parser.add_argument("--source", type=Path, help="a checkout whose generator/ is imported as onrecord instead")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="onrecord-startup-") as linked:
        env = None
        if options.source:  # the package is `generator/` installed as `onrecord`: a link of that name on the path
            (Path(linked) / "onrecord").symlink_to(options.source.resolve() / "generator")
            env = {**os.environ, "PYTHONPATH": linked}
        print(f"{'command':<24} {'import s':>9} {'wall s':>8}  heaviest imports (s)")
        for name, code in COMMANDS.items():
            runs = [measure(code, env) for _ in range(options.runs)]
            imports, _, packages = min(runs, key=lambda run: run[0])
            wall = min(run[1] for run in runs)
            heaviest = ", ".join(f"{p} {s:.3f}" for p, s in packages.most_common(options.top))
            print(f"{name:<24} {imports:>9.3f} {wall:>8.3f}  {heaviest}")


if __name__ == "__main__":
    main()
