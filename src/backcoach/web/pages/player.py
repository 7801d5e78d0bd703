"""The player: one exercise at a time, with timers, sound and spoken cues (static/player.js).

The page carries today's session summary and the start form; the script asks the API for a
session left running and resumes it, or starts a new one, and saves each finished step.

The script's own words come with the page, in the page's language (:func:`texts`, a JSON
block the script reads): it never writes a sentence of its own.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from backcoach import i18n
from backcoach.errors import BackcoachError
from backcoach.i18n import _, ngettext
from backcoach.web import service
from backcoach.web.camera import Camera
from backcoach.web.deps import StateDep, TodayDep
from backcoach.web.render import page

router = APIRouter(include_in_schema=False)

# The counts whose forms the script is given: in English 1 and "many" (2 and 5 alike), in
# Russian one of each of its three forms (1 подход, 2 подхода, 5 подходов). The script
# picks the form with Intl.PluralRules: "one" the first, "few" the second, else the third.
COUNTS = (1, 2, 5)


def texts() -> dict[str, object]:
    """Return the player script's texts in the current language: a text with ``{name}``
    has it filled in by the script; a list holds a text's forms for :data:`COUNTS`."""
    return {
        "kinds": {"get_ready": _("Get ready"), "work": _("Exercise"), "rest": _("Rest"),
                  "switch_side": _("Switch sides")},
        # A step's title and cue where the player says them itself: the same words as the
        # session's steps in English (backcoach/player.py), here in the page's language.
        "get_ready": _("Get ready: {name}"),
        "rest_cue": _("Breathe easily and let the muscles settle."),
        "now_side": {"left": _("Now the left side."), "right": _("Now the right side.")},
        "halfway": _("Halfway"),
        "set_of": _("set {number} of {total}"),
        "sides": {"left": _("left side"), "right": _("right side")},
        "exercise_of": _("Exercise {number} of {total}"),
        "figure": _("Figure: {name}"),
        "time_left": _("{time} left"),
        "hold_for": _("hold {seconds} s"),
        "reps": [ngettext("{num} rep", "{num} reps", n) for n in COUNTS],
        "hold": _("Hold"),
        "your_pace": _("{time} · your pace: press Done"),
        "changed": _("Changed for you: {changes}"),
        "next": _("Next: {name}"),
        "last": _("Last exercise"),
        "pause": _("Pause"),
        "continue": _("Continue"),
        "complete": _("Session complete. Well done."),
        "welcome_offline": _("Welcome back. There is no connection now: what you do is kept "
                             "on this device and saved when it is back. Press Continue when "
                             "you are ready."),
        "welcome_back": [ngettext("Welcome back: {num} set saved. Press Continue when you "
                                  "are ready.",
                                  "Welcome back: {num} sets saved. Press Continue when you "
                                  "are ready.", n) for n in COUNTS],
        "not_given": _("not given"),
        "not_given_slider": _("Not given: move the slider"),
        "of_ten": _("{value} of 10"),
        "pain_invalid": _("Pain: give a whole number from 0 to 10."),
        "all_saved": _("Every finished set is saved."),
        "sets_waiting": [ngettext("{num} set waiting to be saved…",
                                  "{num} sets waiting to be saved…", n) for n in COUNTS],
        "sets_waiting_offline": [ngettext(
            "{num} set waiting to be saved: kept on this device until the connection is back.",
            "{num} sets waiting to be saved: kept on this device until the connection is "
            "back.", n) for n in COUNTS],
        "sets_waiting_login": [ngettext(
            "{num} set waiting to be saved: kept on this device until you log in again.",
            "{num} sets waiting to be saved: kept on this device until you log in again.",
            n) for n in COUNTS],
        "end_waiting": _("The end of the session is waiting to be saved."),
        # What an earlier session left on this device (the start screen).
        "last_sets": [ngettext(
            "{num} set of your last session waits on this device to be saved: it is sent "
            "when the connection is back.",
            "{num} sets of your last session wait on this device to be saved: they are sent "
            "when the connection is back.", n) for n in COUNTS],
        "last_sets_end": [ngettext(
            "{num} set and the end of your last session wait on this device to be saved: "
            "they are sent when the connection is back.",
            "{num} sets and the end of your last session wait on this device to be saved: "
            "they are sent when the connection is back.", n) for n in COUNTS],
        "last_end": _("The end of your last session waits on this device to be saved: it is "
                      "sent when the connection is back."),
        # The last screen, while the session waits on this device for a connection.
        "kept_sets": [ngettext(
            "{num} set of the session waits to be saved: there is no connection now. "
            "Everything is kept here and saved as soon as it is back; keep this page open or "
            "open backcoach again when you are online.",
            "{num} sets of the session wait to be saved: there is no connection now. "
            "Everything is kept here and saved as soon as it is back; keep this page open or "
            "open backcoach again when you are online.", n) for n in COUNTS],
        "kept_sets_end": [ngettext(
            "{num} set and the end of the session wait to be saved: there is no connection "
            "now. Everything is kept here and saved as soon as it is back; keep this page "
            "open or open backcoach again when you are online.",
            "{num} sets and the end of the session wait to be saved: there is no connection "
            "now. Everything is kept here and saved as soon as it is back; keep this page "
            "open or open backcoach again when you are online.", n) for n in COUNTS],
        "kept_end": _("The end of the session waits to be saved: there is no connection now. "
                      "Everything is kept here and saved as soon as it is back; keep this "
                      "page open or open backcoach again when you are online."),
        "kept": _("there is no connection now. Everything is kept here and saved as soon as "
                  "it is back; keep this page open or open backcoach again when you are "
                  "online."),
        "kept_title": _("Session kept on this device"),
        "kept_title_stopped": _("Stopped. Kept on this device"),
        "could_not_save_set": _("Could not save a set: {reason}."),
        "could_not_save_end": _("Could not save the end of the session: {reason}."),
        "refused": _("refused"),
        "streak": _("Your streak: {days} in a row."),
        "streak_weeks": _("Your streak: {days} in a row, {weeks} that met your plan."),
        "days": [ngettext("{num} day", "{num} days", n) for n in COUNTS],
        "weeks": [ngettext("{num} week", "{num} weeks", n) for n in COUNTS],
        "stopped_title": _("Stopped. What you did is saved."),
        "stopped_hurt": _("Rest now. Your next plan steps back. If the pain is sharp, spreads "
                          "down a leg or does not settle, see a doctor."),
        "stopped_other": _("Rest well; the next session picks up from your record."),
        "saved_title": _("Session saved. Well done."),
        "saved_text": _("See how it adds up on your progress page."),
        "start_offline": _("Starting a session needs a connection, and there is none now. "
                           "Connect, then press Start again: once started, a session carries "
                           "on without one."),
        "abandon_waiting": _("some sets are still waiting to be saved; try again with a "
                             "connection"),
        "could_not_end": _("Could not end it: {reason}."),
    }


def camera_texts(*, server: bool) -> dict[str, object]:
    """Return the camera coach's texts for static/camera.js, in the current language; the
    privacy note says where the pictures go (this computer, or the clinic's server)."""
    return {
        "privacy": _("The camera picture goes to the clinic's backcoach server, which reads "
                     "it for body position and drops it at once; nothing is saved or sent "
                     "anywhere else.") if server else
        _("The camera picture stays with your own backcoach on this computer: frames are "
          "read for body position and dropped at once; nothing is saved or sent anywhere "
          "else."),
        "use": _("Use camera"),
        "stop": _("Stop camera"),
        "starting": _("Starting the camera…"),
        "no_person": _("Step into view: the camera does not see you yet."),
        "counted": _("Camera: {count}"),
        "held": _("Camera: held {seconds} s"),
        "watching": _("Camera: watching"),
        "denied": _("The camera could not be started: {reason}."),
        "lost": _("The camera coach stopped: {reason}."),
        "no_camera": _("This browser cannot use a camera here (it needs this computer's "
                       "own address or HTTPS)."),
        "connection": _("no connection to backcoach"),
    }


def camera_config(camera: Camera, *, server: bool) -> dict[str, object] | None:
    """Return what static/camera.js needs (the exercises it can watch, its texts), or None
    when the camera coach is off or not installed here."""
    if not camera.available:
        return None
    return {"exercises": list(camera.exercises), "url": "/api/v1/camera",
            "texts": camera_texts(server=server)}


def decimal(value: float) -> str:
    """Return a number of minutes as the current language writes it: 12.5, 12,5."""
    if i18n.current() == i18n.DEFAULT:
        return f"{value:g}"
    from babel.numbers import format_decimal

    return format_decimal(value, locale=i18n.current())


def day_name(day: date, weekday: str) -> str:
    """Return a day as the finish screen names it: "Wednesday 2026-12-02", "среда, 2 декабря"."""
    if i18n.current() == i18n.DEFAULT:
        return f"{weekday} {day}"
    from babel.dates import format_date

    return format_date(day, format="EEEE, d MMMM", locale=i18n.current())


@router.get("/player")
def player(request: Request, state: StateDep, today: TodayDep,
           program: Annotated[str | None, Query(max_length=100)] = None,
           again: bool = False) -> Response:
    if service.profile(state) is None:
        return RedirectResponse("/onboarding", status_code=303)
    problem = None
    try:
        plan = service.plan_for(state, today, program or None, again=again)
    except BackcoachError as exc:  # an unknown or unsuitable program: say so, offer today's plan
        problem, program = exc.message, None
        plan = service.plan_for(state, today, again=again)
    # What comes next, for the finish screen (shown offline too: it is in the page).
    next_day = next((d for d in plan.week if d.training and d.date > today), None)
    return page(request, "player.html", {
        "active": "today", "plan": plan, "program": program or "", "problem": problem,
        "again": again and plan.today.again, "pain_guide": state.catalog.guidance.pain,
        "body_class": "player-page", "next_day": next_day,
        "next_day_name": day_name(next_day.date, next_day.weekday) if next_day else "",
        "minutes": decimal(plan.today.estimated_minutes), "texts": texts(),
        "camera": camera_config(request.app.state.camera, server=state.settings.server),
    })


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    return RedirectResponse("/static/icon.svg", status_code=301)
