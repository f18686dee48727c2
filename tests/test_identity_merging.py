"""Merging people within a surname tries only the pairs that could be one person, and merges as trying every pair did."""

from __future__ import annotations

from onrecord import identity
from onrecord.diagnostics import Report
from onrecord.model import COMPANY, MODERATOR, QUESTIONER, Speaker, Transcript, Turn

# (name, organisation, role) per call: one surname shared by short forms, near-misses, strangers, a name
# alone, a moderator and every call's Operator; merges that change who compares with whom come first.
CALLS = [
    [("James Smith", "Acme Corp", QUESTIONER), ("Operator", None, MODERATOR), ("Sarah Smith", "Zenith", COMPANY)],
    [("Jim Smith", "Acme", QUESTIONER), ("Operator", None, MODERATOR), ("Jamie Smith", "Birch Capital", QUESTIONER)],
    [("Jimmy Smith", None, QUESTIONER), ("Operator", None, MODERATOR), ("Smith", "Acme", QUESTIONER)],
    [("Stephen Smith", "Birch", QUESTIONER), ("Steve Smith", "Birch Capital LLC", QUESTIONER),
     ("Sam Smith", "Acme", MODERATOR)],
    [("Bill Smith", "Acme", COMPANY), ("William Smith", "Acme Corp", COMPANY), ("Will Smith", "Zenith", COMPANY),
     ("Sarah Smith", "Zenith", COMPANY)],
    [("Jim Smith", "Birch", QUESTIONER), ("Ms. Smith", None, QUESTIONER), ("Operator", None, MODERATOR)],
]


def _transcripts() -> list[Transcript]:
    found = []
    for number, call in enumerate(CALLS, start=1):
        speakers = tuple(Speaker(id=f"s{k}", name=name, organisation=firm, role=role)
                         for k, (name, firm, role) in enumerate(call))
        turns = tuple(Turn(id=f"t{k + 1}", speaker=s.id, label=s.name, paragraphs=("Words.",), line=k + 1)
                      for k, s in enumerate(speakers))
        found.append(Transcript(slug=f"acme-{number}", title=f"Call {number}", date=f"2024-0{number}-01", meta={},
                                speakers=speakers, sections=(), exchanges=(), turns=turns))
    return found


def _every_pair(people: dict, report: Report) -> None:
    """The merging as it was: every pair of a surname compared, from the start again after each merge."""
    by_surname: dict[str, list] = {}
    for person in sorted(people.values(), key=lambda p: p.id):
        if person.mentions:
            by_surname.setdefault(person.key().last, []).append(person)
    for group in by_surname.values():
        merged = True
        while merged and len(group) > 1:
            merged = False
            for index, person in enumerate(group):
                for other in group[index + 1:]:
                    if person.entry and other.entry:
                        continue
                    verdict = identity._compare(person, other)
                    if verdict == "merge":
                        keep, drop = ((person, other) if person.entry or (
                            not other.entry and len(person.mentions) >= len(other.mentions)) else (other, person))
                        names = f"{identity._label(drop)} and {identity._label(keep)}"
                        keep.mentions.extend(drop.mentions)
                        group.remove(drop)
                        del people[drop.id]
                        identity._report(report, drop, f"{names} are taken to be one person, {keep.canonical_name()}: "
                                         "same surname, same first name or a short form of it, same organisation",
                                         "speaker.merged")
                        merged = True
                        break
                    if verdict:
                        identity._report(report, other, f"{identity._label(other)} and {identity._label(person)} are "
                                         f"kept apart: {verdict}; if they are one person, say so in speakers.yml",
                                         "speaker.not_merged")
                if merged:
                    break


def _resolved(monkeypatch=None):
    report = Report()
    transcripts, people = identity.resolve(_transcripts(), [], report)
    return [t.speakers for t in transcripts], people, [str(d) for d in report.diagnostics]


def test_merging_within_a_surname_merges_and_reports_as_comparing_every_pair_did(monkeypatch):
    fast = _resolved()
    monkeypatch.setattr(identity, "_merge_compatible", _every_pair)
    slow = _resolved()
    assert fast == slow
    said = fast[2]
    assert any("speaker.merged" in d for d in said) and any("speaker.not_merged" in d for d in said)


def test_merging_compares_no_operator_with_another(monkeypatch):
    compared = []
    real = identity._compare
    monkeypatch.setattr(identity, "_compare", lambda a, b: compared.append((a, b)) or real(a, b))
    _resolved()
    assert compared
    assert not [pair for pair in compared if any(p.canonical_name() == "Operator" for p in pair)]
