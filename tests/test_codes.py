"""The registry of diagnostic codes: complete, used, printed by `check --codes`, copied in the README;
`acknowledge:` takes families and says when it names no code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from click.testing import CliRunner

from onrecord import codes
from onrecord.cli import main
from onrecord.diagnostics import INFO, WARNING, Report
from onrecord.pipeline import load_transcript

from .conftest import ROOT, write_transcript

GENERATOR = ROOT / "generator"
_CODE = re.compile(r"^[a-z_]+\.[a-z_]+$")
_LEVELS = {"info", "warning", "error"}
_REPORTING = _LEVELS | {"add"}
# Functions that pass on a code they were given, rather than naming one; their callers name it.
_FORWARDERS = {("diagnostics.py", "info"), ("diagnostics.py", "warning"), ("diagnostics.py", "error"),
               ("identity.py", "_report"), ("topics_file.py", "_strings"), ("schema.py", "_tell")}


def _code_argument(call: ast.Call) -> ast.expr | None:
    keywords = {k.arg: k.value for k in call.keywords}
    return keywords.get("code") or (call.args[-1] if call.args else None)


def _emitted() -> tuple[dict[str, set[str]], list[str]]:
    """Every code the generator reports (with the levels it reports it at), and each call whose code is not a literal."""
    emitted: dict[str, set[str]] = {}
    unnamed: list[str] = []
    for path in sorted(GENERATOR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        forwarders = {node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
                      and (path.name, node.name) in _FORWARDERS}
        inside = {id(call) for function in forwarders.values() for call in ast.walk(function)}
        passing_on = {name for file, name in _FORWARDERS if file == path.name and name not in _LEVELS | {"_tell"}}
        for call in [node for node in ast.walk(tree) if isinstance(node, ast.Call)]:
            name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
            receiver = ast.unparse(call.func.value) if isinstance(call.func, ast.Attribute) else ""
            if name in _REPORTING and receiver.endswith("report") or name in passing_on:
                code = _code_argument(call)
                if isinstance(code, ast.Constant) and isinstance(code.value, str):
                    emitted.setdefault(code.value, set()).add(name if name in _LEVELS else "any")
                elif id(call) not in inside:
                    unnamed.append(f"{path.relative_to(ROOT)}:{call.lineno}")
            elif name == "Codes":  # schema.Codes(key="meta.key", …): the codes a file's problems are told with
                for keyword in call.keywords:
                    if isinstance(keyword.value, ast.Constant) and _CODE.match(str(keyword.value.value)):
                        emitted.setdefault(keyword.value.value, set()).add("any")
    return emitted, unnamed


def test_every_code_the_generator_reports_is_in_the_registry():
    emitted, _ = _emitted()
    assert sorted(set(emitted) - set(codes.CODES)) == []


def test_every_report_call_names_its_code_as_a_literal():
    _, unnamed = _emitted()
    assert unnamed == []


def test_no_registered_code_is_unused():
    emitted, _ = _emitted()
    assert sorted(set(codes.CODES) - set(emitted)) == []


def test_each_code_is_reported_at_its_registered_level():
    emitted, _ = _emitted()
    wrong = {code: levels for code, levels in emitted.items()
             if code in codes.CODES and levels - {"any", codes.CODES[code].level}}
    assert wrong == {}


def test_each_code_is_dotted_and_has_a_meaning():
    for code in codes.CODES.values():
        assert _CODE.match(code.code) and code.level in _LEVELS and len(code.meaning) > 10, code


def test_check_codes_prints_every_code_with_its_level_and_meaning(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no content folder here: --codes needs none
    result = CliRunner().invoke(main, ["check", "--codes"])
    assert result.exit_code == 0, result.output
    printed = dict(re.findall(r"^(\S+)\s+(info|warning|error)\s", result.stdout, re.MULTILINE))
    assert printed == {code.code: code.level for code in codes.CODES.values()}


def test_the_readme_lists_the_registry_as_generated():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = re.search(r"<!-- codes: generated from generator/codes.py -->\n(.*?)<!-- /codes -->", readme, re.DOTALL)
    assert listed is not None and listed.group(1) == codes.table()


def _diagnostics(tmp_path: Path, front: str, body: str) -> Report:
    path = write_transcript(tmp_path, "a.txt", f"---\n{front}---\n{body}")
    report = Report(root=tmp_path)
    load_transcript(path, report)
    return report


_BEFORE_ANYONE = "Before anyone.\n\nAlice Smith - Chief Executive Officer\n\nHi.\n"


def test_acknowledge_accepts_a_family_of_codes(tmp_path):
    report = _diagnostics(tmp_path, "title: A\nacknowledge: [speaker.*]\n", _BEFORE_ANYONE)
    missing = [d for d in report.diagnostics if d.code == "speaker.missing"]
    assert missing and all(d.level == INFO and d.acknowledged for d in missing)


def test_a_family_covers_only_its_own_codes(tmp_path):
    report = _diagnostics(tmp_path, "title: A\nacknowledge: [speakers.*]\n", _BEFORE_ANYONE)
    assert [d.level for d in report.diagnostics if d.code == "speaker.missing"] == [WARNING]


def test_an_acknowledged_code_not_in_the_registry_is_reported_with_did_you_mean(tmp_path):
    report = _diagnostics(tmp_path, "title: A\nacknowledge: [speaker.mising, clen.*]\n", _BEFORE_ANYONE)
    said = [str(d) for d in report.diagnostics if d.code == "meta.acknowledge"]
    assert len(said) == 2
    assert "a.txt:3: warning: `acknowledge:` names 'speaker.mising', which is no diagnostic code; did you mean " \
           "'speaker.missing'?" in said[0]
    assert "did you mean 'clean.*'?" in said[1]
