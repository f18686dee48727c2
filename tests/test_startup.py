"""The command starts fast: importing it loads none of the heavy libraries, which load where they are used."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("inflect", "lemminflect", "wordfreq", "nameparser", "mkdocs", "markdown", "numpy", "typeguard")


def _imported_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def test_importing_the_command_loads_no_heavy_library():
    assert _imported_after("import onrecord.cli") & set(HEAVY) == set()


def test_the_probe_sees_a_heavy_library_once_it_is_used():
    # The probe itself must be able to fail: using the topic words loads their libraries.
    used = _imported_after("from onrecord.topics.words import _singular, _zipf\n_singular('cats'); _zipf('cat')")
    assert {"inflect", "wordfreq"} <= used


def test_inflect_loaded_without_checks_still_singularises_and_leaves_typeguard_as_it_was():
    import typeguard

    from onrecord.topics import words

    checked = typeguard.typechecked
    assert words._singular("companies") == "company"
    assert words._singular("company") is False
    assert typeguard.typechecked is checked
