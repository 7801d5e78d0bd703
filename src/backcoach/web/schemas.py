"""The API's own request and response shapes; the library's models are used as they are."""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic.config import JsonDict

from backcoach import passwords
from backcoach._strict import Timestamp
from backcoach.accounts import EMAIL_PATTERN, MAX_EMAIL
from backcoach.catalog.catalog import UsedIn
from backcoach.catalog.models import Exercise, Program
from backcoach.clearance import Clearance
from backcoach.history import HoldSeconds, Minutes, Reps, SessionRecord, Side, StopReason
from backcoach.limits import MAX_NAME, Count, Flag, Id, Note, PastDay, Score
from backcoach.player import Step, Timeline
from backcoach.profile import Profile
from backcoach.screening import Screening
from backcoach.timestamps import check_zone, zone_names

Pain = Annotated[Score, Field(description="0 = no pain, 10 = worst imaginable.")]
ShortText = Note
# Something besides spaces, no NUL (the store trims the spaces at either end).
NAMED = r"^[^\x00]*[^\s\x00][^\x00]*$"
ActivityName = Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME,
                                                pattern=NAMED)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


# Profile and screening -------------------------------------------------------------------

class ProfileSaved(BaseModel):
    profile: Profile
    screening: Screening


class ClearanceIn(_In):
    date: PastDay | None = Field(default=None, description="The day the doctor cleared you; "
                                 "default today.")
    note: ShortText | None = None


class ClearanceSaved(BaseModel):
    clearance: Clearance
    screening: Screening


# Catalog ---------------------------------------------------------------------------------

class ExerciseDetail(BaseModel):
    exercise: Exercise
    used_in: list[UsedIn]


class ProgramDetail(BaseModel):
    program: Program
    exercise_names: dict[str, str]


class RiskAdvice(BaseModel):
    id: str
    label: str
    advice: str
    source: str


# Sessions --------------------------------------------------------------------------------

class BeatOut(BaseModel):
    offset: float
    text: str


class StepOut(BaseModel):
    """One step of the player's timeline, as :class:`backcoach.player.Step`."""

    index: int
    kind: str
    item: int
    exercise: str
    exercise_name: str
    variant: str | None
    title: str
    cue: str
    duration: float | None = Field(description="Seconds; null: until the person says done.")
    set_number: int
    sets: int
    side: Side
    reps: int | None
    hold_seconds: float | None
    minutes: float | None
    hold_to_fatigue: bool = Field(description="Hold as long as you comfortably can: the set "
                                  "records the seconds held.")
    beats: list[BeatOut]
    changes: list[str] = Field(default=[], description="What the person's conditions change "
                               "in the exercise, to show and say while it lasts.")

    @classmethod
    def of(cls, step: Step) -> StepOut:
        return cls(index=step.index, kind=step.kind, item=step.item, exercise=step.exercise,
                   exercise_name=step.exercise_name, variant=step.variant, title=step.title,
                   cue=step.cue, duration=step.duration, set_number=step.set_number,
                   sets=step.sets, side=step.side, reps=step.reps,
                   hold_seconds=step.hold_seconds, minutes=step.minutes,
                   hold_to_fatigue=step.hold_to_fatigue,
                   beats=[BeatOut(offset=b.offset, text=b.text) for b in step.beats],
                   changes=list(step.changes))


class LiveSession(BaseModel):
    """A running session: its steps and where to (re)start."""

    session_id: int
    date: dt.date
    phase: str
    program: str | None
    started_at: Timestamp | None
    steps: list[StepOut]
    sets_saved: int
    resume_at: int = Field(description="The index of the step to start (or resume) at.")
    total_seconds: float

    @classmethod
    def of(cls, *, session_id: int, day: dt.date, phase: str, program: str | None,
           started_at: datetime | None, timeline: Timeline, sets_saved: int,
           resume_at: int) -> LiveSession:
        return cls(session_id=session_id, date=day, phase=phase, program=program,
                   started_at=started_at, steps=[StepOut.of(s) for s in timeline.steps],
                   sets_saved=sets_saved, resume_at=resume_at,
                   total_seconds=timeline.total_seconds)


class CurrentSession(BaseModel):
    session: LiveSession | None


class SessionStart(_In):
    pain_before: Pain | None = None
    program: Id | None = Field(default=None, description="Follow this program today instead "
                               "of the plan's.", json_schema_extra={"x-catalog": "program"})
    again: Flag = Field(default=False, description="Train again on a day whose session is "
                        "done (refused after a stop for pain or a spasm).")


class SetIn(_In):
    """A finished work step, and what was actually done when it ended early."""

    step: Count = Field(ge=0, le=10_000, description="The index of the finished work step.")
    reps: Reps | None = Field(default=None, description="Reps done; omitted: as prescribed.")
    hold_seconds: HoldSeconds | None = Field(
        default=None, description="Seconds held; omitted: as prescribed. Above the "
        "prescription only for a hold to fatigue.")
    minutes: Minutes | None = Field(default=None, description="Minutes done; omitted: as "
                                    "prescribed.")


class SetSaved(BaseModel):
    step: int
    sets_saved: int
    replaced: bool = Field(description="The step had a set already (it was done again after "
                           "going back): this one took its place.")


class SessionFinish(_In):
    stopped_reason: StopReason | None = Field(default=None, description="Null: completed.")
    pain_after: Pain | None = None
    effort: Score | None = None
    notes: ShortText | None = None


class StoredSessionOut(BaseModel):
    id: int
    record: SessionRecord


class SessionClosed(StoredSessionOut):
    """A session just finished or stopped, with what the player's last screen says."""

    streak_days: int = Field(description="Days in a row with a session, up to today.")
    streak_weeks: int = Field(description="Weeks in a row that met the plan.")
    next_training_day: dt.date | None = Field(description="The next day the plan trains, "
                                              "after today; null if none this week.")


# Check-ins --------------------------------------------------------------------------------

class PainIn(_In):
    pain: Pain
    note: ShortText | None = None


class PainOut(BaseModel):
    at: Timestamp
    pain: int
    note: str | None


def _ratings_schema(schema: JsonDict) -> None:
    # pydantic writes the names' pattern as patternProperties, which leaves any other name
    # unchecked: say it as it is checked.
    schema.pop("patternProperties", None)
    schema["propertyNames"] = {"minLength": 1, "maxLength": MAX_NAME, "pattern": NAMED}
    schema["additionalProperties"] = {"type": "integer", "minimum": 0, "maximum": 10}


class PsfsIn(_In):
    ratings: dict[ActivityName, Score] = Field(
        min_length=1, max_length=5, json_schema_extra=_ratings_schema,
        description="Activity name -> 0 (unable) .. 10 (as before).")
    date: PastDay | None = Field(default=None, description="The day rated; default today.")


class PsfsScoreOut(BaseModel):
    activity: str
    date: dt.date
    score: int


class PsfsOut(BaseModel):
    activities: list[str]
    scores: list[PsfsScoreOut]


class Saved(BaseModel):
    saved: bool = True


# Server mode: accounts and logins ---------------------------------------------------------

Email = Annotated[str, StringConstraints(min_length=3, max_length=254, strip_whitespace=True)]
# Checked by backcoach.passwords (length rules with a message); the cap keeps a megabyte
# "password" away from the hash.
Password = Annotated[str, StringConstraints(min_length=1, max_length=1024)]
# A password being chosen: within the rule's lengths (backcoach.passwords checks it too).
NewPassword = Annotated[str, StringConstraints(min_length=passwords.MIN_LENGTH,
                                               max_length=passwords.MAX_LENGTH)]
# The email of a new account: what backcoach.accounts.normal_email takes.
NewEmail = Annotated[str, StringConstraints(min_length=5, max_length=MAX_EMAIL,
                                            pattern=f"^{EMAIL_PATTERN}$")]



def _zone_schema(schema: JsonDict) -> None:
    schema["enum"] = list(zone_names())


# An IANA time zone name, as the browser's Intl.DateTimeFormat().resolvedOptions() gives.
TimeZoneName = Annotated[str, AfterValidator(check_zone),
                         Field(json_schema_extra=_zone_schema,
                               description="An IANA time zone, e.g. Europe/Moscow: the "
                                           "person's day and times follow it.")]


class LoginIn(_In):
    email: Email
    password: Password
    time_zone: TimeZoneName | None = Field(None, description="The device's time zone: the "
                                           "account's day follows it from now on.")


class AccountOut(BaseModel):
    email: str
    role: str = Field(description="clinician or patient")
    clinician: str | None = Field(None, description="The email of a patient's clinician.")
    time_zone: str | None = Field(None, description="The IANA time zone the person's day "
                                  "follows; null: the server's.")


class TimeZoneIn(_In):
    time_zone: TimeZoneName | None = Field(description="null: follow the server's zone.")


class LoginOut(BaseModel):
    account: AccountOut
    expires_at: Timestamp = Field(description="When the session ends; the cookie carries "
                                  "it.")


class PasswordIn(_In):
    password: Password


class RegisterIn(_In):
    invite: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    email: NewEmail
    password: NewPassword
    time_zone: TimeZoneName | None = Field(None, description="The device's time zone.")


class TokenIn(_In):
    name: Annotated[str, StringConstraints(min_length=1, max_length=100)] = Field(
        description="What the token is for, e.g. 'my script'.")


class TokenOut(BaseModel):
    id: int
    name: str
    created_at: Timestamp
    last_used_at: Timestamp | None
    revoked_at: Timestamp | None


class NewToken(TokenOut):
    token: str = Field(description="Send as 'Authorization: Bearer <token>'. Shown only "
                       "now: backcoach keeps only its hash.")


class InvitationOut(BaseModel):
    code: str = Field(description="One-time code for POST /api/v1/auth/register.")
    link: str = Field(description="The registration page with the code filled in.")
    expires_at: Timestamp


class ResetLinkOut(BaseModel):
    code: str = Field(description="One-time code for POST /api/v1/auth/password-reset.")
    link: str = Field(description="The page where the patient chooses a new password, with "
                      "the code filled in.")
    expires_at: Timestamp


class PasswordResetIn(_In):
    code: Annotated[str, StringConstraints(min_length=1, max_length=200)] = Field(
        description="The code of the link the clinician gave.")
    password: NewPassword


# Server mode: the clinician's side ---------------------------------------------------------

class PainChangeOut(BaseModel):
    baseline: float
    baseline_date: dt.date
    latest: float
    latest_date: dt.date
    change: float
    meaningful: bool = Field(description="At least 2 points or 30 % of the baseline.")
    verdict: str = Field(description="better, worse or about the same")


class FlagOut(BaseModel):
    code: str = Field(description="red_flag, stopped_for_pain, pain_up or inactive")
    text: str


class PatientOut(BaseModel):
    """One patient on the clinician's dashboard."""

    id: int
    email: str
    active: bool = Field(description="The account may log in.")
    urgent: bool = Field(description="A red flag in the answers: listed first.")
    sessions_this_week: int
    planned_this_week: int
    last_session: dt.date | None
    pain: PainChangeOut | None = Field(description="Pain after sessions over the last 4 "
                                       "weeks (else before them, else check-ins).")
    flags: list[FlagOut]


class AuditOut(BaseModel):
    at: Timestamp = Field(description="In the clinician's time zone.")
    actor: str | None
    patient: str
    action: str
