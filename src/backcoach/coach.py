"""What a person asks of backcoach, one call each, for the command line and the web alike.

Each use case takes the store and the catalog as arguments and reads the person's whole
record from the store (answers, clearances, sessions), so no front end rebuilds "profile ->
screening -> plan" on its own and none can forget a part of the record::

    plan = coach.plan(store, catalog, date.today())
    clearance = coach.record_clearance(store, catalog, on=day, note=None, today=day)
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from backcoach.clearance import Clearance
from backcoach.history import SessionRecord
from backcoach.planner import Plan, make_plan
from backcoach.profile import Profile
from backcoach.screening import Screening, clearable_findings, screen

if TYPE_CHECKING:
    from backcoach.catalog import Catalog
    from backcoach.store import Store

NO_PROFILE = "no profile yet: answer the questions about your back first"


class NoProfileError(LookupError):
    """The person has not answered the questions yet, so nothing can be planned."""

    def __init__(self) -> None:
        super().__init__(NO_PROFILE)


def _need(store: Store | None) -> Store:
    if store is None:
        raise ValueError("no store given, and a part of the record was not given either")
    return store


def profile(store: Store) -> Profile:
    """Return the person's newest answers; raises :class:`NoProfileError`."""
    found = store.profile()
    if found is None:
        raise NoProfileError()
    return found


def screening(store: Store | None, catalog: Catalog, today: date, *,
              answers: Profile | None = None,
              clearances: list[Clearance] | None = None) -> Screening:
    """Return the screening of the person's answers with their clearances; ``answers`` and
    ``clearances`` replace the stored ones when given (then ``store`` may be None)."""
    person = answers if answers is not None else profile(_need(store))
    given = clearances if clearances is not None else _need(store).clearances()
    return screen(person, catalog, given, today=today)


def plan(store: Store | None, catalog: Catalog, day: date, *, program: str | None = None,
         again: bool = False, answers: Profile | None = None,
         clearances: list[Clearance] | None = None,
         history: list[SessionRecord] | None = None) -> Plan:
    """Return the plan for ``day`` from the person's record; ``answers``, ``clearances`` and
    ``history`` replace the stored ones when given (files, in the command line; with all
    three ``store`` may be None).

    Raises :class:`NoProfileError`, :class:`~backcoach.planner.PlanError` or
    :class:`~backcoach.catalog.UnknownIdError`.
    """
    person = answers if answers is not None else profile(_need(store))
    return make_plan(person, history if history is not None else _need(store).history(), day,
                     catalog, program=program, again=again,
                     clearances=clearances if clearances is not None
                     else _need(store).clearances())


def record_clearance(store: Store, catalog: Catalog, *, on: date, note: str | None,
                     today: date) -> Clearance:
    """Record that a doctor has seen the person's answers as they stand, and return the
    clearance: dated ``on``, covering every finding in the answers that a clearance can
    lift. Raises :class:`NoProfileError` or :class:`~backcoach.store.RecordError` (a day in
    the future, or nothing in the answers that needs a clearance)."""
    covers = clearable_findings(profile(store), catalog)
    clearance = Clearance(date=on, note=note or None, covers=covers)
    store.record_clearance(clearance, today=today)
    return clearance
