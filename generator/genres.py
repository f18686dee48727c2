"""The kinds of transcript Onrecord publishes, and what each calls the roles its people have.

The export keeps the four roles of the model (company, questioner, moderator, unknown) in every genre,
so its meaning never changes; pages name them as the genre does: justices and counsel, members and
witnesses, interviewer and interviewee, host and guest, analysts and executives.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import COMPANY, MODERATOR, QUESTIONER, UNKNOWN

EARNINGS_CALL, COURT, HEARING, FLOOR_DEBATE, INTERVIEW, PODCAST = (
    "earnings-call", "court", "hearing", "floor-debate", "interview", "podcast",
)
GENRES = (EARNINGS_CALL, COURT, HEARING, FLOOR_DEBATE, INTERVIEW, PODCAST)
ANY = "any"  # several genres at once (a mixed archive's speaker index): named with ANY_GENRE

# (plural for a group of people, singular for one of them), by genre and role. Roles a reader does not
# tell apart share a name and so one group on a page: a podcast's hosts, the members in a floor debate
# (who asks and who answers there is said by each exchange, not by the member).
ROLE_NAMES: dict[str, dict[str, tuple[str, str]]] = {
    EARNINGS_CALL: {COMPANY: ("Executives", "executive"), QUESTIONER: ("Analysts", "analyst"),
                    MODERATOR: ("Operator", "operator"), UNKNOWN: ("Others", "other")},
    COURT: {COMPANY: ("Counsel", "counsel"), QUESTIONER: ("Justices", "justice"),
            MODERATOR: ("Presiding", "presiding justice"), UNKNOWN: ("Others", "other")},
    HEARING: {COMPANY: ("Witnesses", "witness"), QUESTIONER: ("Members", "member"),
              MODERATOR: ("Chair", "chair"), UNKNOWN: ("Others", "other")},
    FLOOR_DEBATE: {COMPANY: ("Members", "member"), QUESTIONER: ("Members", "member"),
                   MODERATOR: ("Presiding", "presiding officer"), UNKNOWN: ("Members", "member")},
    INTERVIEW: {COMPANY: ("Interviewees", "interviewee"), QUESTIONER: ("Interviewers", "interviewer"),
                MODERATOR: ("Moderator", "moderator"), UNKNOWN: ("Others", "other")},
    PODCAST: {COMPANY: ("Guests", "guest"), QUESTIONER: ("Hosts", "host"),
              MODERATOR: ("Hosts", "host"), UNKNOWN: ("Others", "other")},
}
# The order a page lists the groups in, as the genre's own records do: the chair before the members,
# the bench before counsel, the interviewer before the interviewee; a call's company first.
ROLE_ORDERS: dict[str, tuple[str, ...]] = {
    EARNINGS_CALL: (COMPANY, QUESTIONER, MODERATOR, UNKNOWN),
    COURT: (MODERATOR, QUESTIONER, COMPANY, UNKNOWN),
    HEARING: (MODERATOR, QUESTIONER, COMPANY, UNKNOWN),
    FLOOR_DEBATE: (MODERATOR, COMPANY, QUESTIONER, UNKNOWN),
    INTERVIEW: (QUESTIONER, COMPANY, MODERATOR, UNKNOWN),
    PODCAST: (MODERATOR, QUESTIONER, COMPANY, UNKNOWN),
}
# No genre stated or inferred: the wording pages had before genres, an earnings call's.
UNSTATED = {COMPANY: ("Company", "company"), QUESTIONER: ("Questioners", "questioner"),
            MODERATOR: ("Moderator", "moderator"), UNKNOWN: ("Others", "other")}
# Across genres (the speaker index of a mixed archive): the model's own words.
ANY_GENRE = {COMPANY: ("Answering", "answering"), QUESTIONER: ("Asking", "asking"),
             MODERATOR: ("Moderating", "moderating"), UNKNOWN: ("Others", "other")}
# The one group of a page where no one has a role: "Others" with nothing before it reads wrong.
EVERYONE = "Speakers"
_ORDER = (COMPANY, QUESTIONER, MODERATOR, UNKNOWN)


def _names(genre: str | None) -> dict[str, tuple[str, str]]:
    return UNSTATED if genre is None else ROLE_NAMES.get(genre, ANY_GENRE)


def role_name(genre: str | None, role: str, plural: bool = True) -> str:
    """What a page calls `role` in `genre`: None is the wording of before genres; a genre not known, ANY_GENRE."""
    names = _names(genre).get(role, ANY_GENRE[UNKNOWN])
    return names[0] if plural else names[1]


def common_genre(genres: Iterable[str | None]) -> str | None:
    """The genre all of these share, or ANY when they differ or there are none."""
    found = set(genres)
    return found.pop() if len(found) == 1 else ANY


def role_name_across(genres: Iterable[str | None], role: str, plural: bool = True) -> str:
    """A speaker heard in several transcripts: their genre's name for the role when all share one, else ANY_GENRE's."""
    return role_name(common_genre(genres), role, plural)


def role_groups(genre: str | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The groups a page lists people in, in order: (plural name, roles), roles of one name in one group."""
    groups: dict[str, list[str]] = {}
    for role in ROLE_ORDERS.get(genre or "", _ORDER):
        groups.setdefault(role_name(genre, role), []).append(role)
    return tuple((name, tuple(roles)) for name, roles in groups.items())
