"""The kinds of transcript Onrecord publishes, and what each calls the roles its people have.

The export keeps the four roles of the model (company, questioner, moderator, unknown) in every genre,
so its meaning never changes; pages name them as the genre does: justices and counsel, members and
witnesses, interviewer and interviewee, host and guest, analysts and executives.
"""

from __future__ import annotations

from .model import COMPANY, MODERATOR, QUESTIONER, UNKNOWN

EARNINGS_CALL, COURT, HEARING, FLOOR_DEBATE, INTERVIEW, PODCAST = (
    "earnings-call", "court", "hearing", "floor-debate", "interview", "podcast",
)
GENRES = (EARNINGS_CALL, COURT, HEARING, FLOOR_DEBATE, INTERVIEW, PODCAST)

# (plural for a group of people, singular for one of them), by genre and role.
ROLE_NAMES: dict[str, dict[str, tuple[str, str]]] = {
    EARNINGS_CALL: {COMPANY: ("Executives", "executive"), QUESTIONER: ("Analysts", "analyst"),
                    MODERATOR: ("Operator", "operator"), UNKNOWN: ("Others", "other")},
    COURT: {COMPANY: ("Counsel", "counsel"), QUESTIONER: ("Justices", "justice"),
            MODERATOR: ("Presiding", "presiding"), UNKNOWN: ("Others", "other")},
    HEARING: {COMPANY: ("Witnesses", "witness"), QUESTIONER: ("Members", "member"),
              MODERATOR: ("Chair", "chair"), UNKNOWN: ("Others", "other")},
    FLOOR_DEBATE: {COMPANY: ("Members answering", "member"), QUESTIONER: ("Members", "member"),
                   MODERATOR: ("Presiding officer", "presiding officer"), UNKNOWN: ("Members", "member")},
    INTERVIEW: {COMPANY: ("Interviewees", "interviewee"), QUESTIONER: ("Interviewers", "interviewer"),
                MODERATOR: ("Moderator", "moderator"), UNKNOWN: ("Others", "other")},
    PODCAST: {COMPANY: ("Guests", "guest"), QUESTIONER: ("Hosts", "host"),
              MODERATOR: ("Hosts", "host"), UNKNOWN: ("Speakers", "speaker")},
}
# Across genres (the speaker index of a mixed archive): the model's own words.
ANY_GENRE = {COMPANY: ("Answering", "answering"), QUESTIONER: ("Asking", "asking"),
             MODERATOR: ("Moderating", "moderating"), UNKNOWN: ("Others", "other")}


def role_name(genre: str | None, role: str, plural: bool = True) -> str:
    names = ROLE_NAMES.get(genre or "", ANY_GENRE).get(role, ANY_GENRE[UNKNOWN])
    return names[0] if plural else names[1]
