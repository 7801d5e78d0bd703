"""May this person exercise today? Profile in, verdict out, every reason with its source.

Verdicts, most severe first:

- ``urgent``: signs of a possible emergency or serious cause: seek medical care, no plan;
- ``consult``: see a doctor before starting; no plan until a clearance is recorded;
- ``rest``: acute pain: no exercise today, and what to do instead;
- ``go``: a plan may be made, with the exercises the person's conditions exclude or change.

Usage::

    result = screen(profile, catalog)
    if result.verdict == "go": ...
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, NamedTuple

from pydantic import Field

from backcoach._strict import StrictModel
from backcoach.catalog import Catalog
from backcoach.catalog.models import CautionAction
from backcoach.clearance import Clearance, covering, latest
from backcoach.i18n import _, ngettext
from backcoach.profile import CONDITION_FIELDS, Profile
from backcoach.scales import ACUTE_PAIN
from backcoach.words import date_text

Verdict = Literal["urgent", "consult", "rest", "go"]
_SEVERITY: dict[Verdict, int] = {"go": 0, "rest": 1, "consult": 2, "urgent": 3}

CAUDA_EQUINA = "British Association of Spine Surgeons cauda equina standard (2018), NHS"
NICE = "NICE guideline NG59 (low back pain and sciatica), NHS pathways"
NRS = "Numeric pain rating scale (Ostelo 2008, Childs 2005)"

# Red flags of cauda equina syndrome: an emergency whatever a doctor said before.
EMERGENCY_SIGNS = ("bladder_or_bowel_change", "saddle_numbness", "new_sexual_dysfunction",
                   "legs_weak_or_walking_changed", "sciatica_both_legs")
# Signs of a possible serious cause: see a doctor promptly. A clearance from the last
# twelve months that lists the sign lifts it (clearance.SERIOUS_VALID_DAYS).
SERIOUS_SIGNS = ("cancer_history", "unexplained_weight_loss", "fever_or_chills",
                 "weak_immune_system", "night_pain", "major_trauma", "minor_trauma_fragile_bones",
                 "new_spine_deformity", "worsening_leg_nerve_signs", "pain_worse_or_changed")
# Red flags that ask for a doctor first (consult) only while no doctor has looked at the
# pain: a month without improvement is common in chronic back pain (NICE NG59 lists it among
# the signs of a possible cancer that a doctor should assess, once).
CONSULT_SIGNS = ("no_better_after_month",)
# Answers for which a doctor should be seen first, and where the rule comes from. A source
# section id means the source text asks for it (section training_rules).
_CONSULT = {"pregnant": "training_rules", "recent_birth": "risk_factors",
            "recent_injury": "training_rules", "chronic_spine_disease": "therapeutic",
            "spine_flare": "training_rules", "hernia": "training_rules",
            "long_term_steroids": NICE}


def sign_words() -> dict[str, tuple[str, str]]:
    """Return {red flag or answer: (the finding in a few words, as the reason says it)} in
    the current language, for every sign and answer above."""
    return {
        "bladder_or_bowel_change": _same(_("new trouble passing urine or loss of bladder or "
                                           "bowel control")),
        "saddle_numbness": _same(_("numbness or tingling in the saddle area")),
        "new_sexual_dysfunction": _same(_("new sexual dysfunction")),
        "legs_weak_or_walking_changed": _same(_("severe or worsening weakness in both legs, or "
                                                "a change in walking")),
        "sciatica_both_legs": _same(_("sciatic pain in both legs")),
        "cancer_history": _same(_("a history of cancer")),
        "unexplained_weight_loss": _same(_("unexplained weight loss")),
        "fever_or_chills": _same(_("fever or chills")),
        "weak_immune_system": _same(_("a weakened immune system, injecting drug use or a recent "
                                      "bacterial infection")),
        "night_pain": _same(_("pain at night that rest and changing position do not ease")),
        "major_trauma": _same(_("pain that began with a major trauma")),
        "minor_trauma_fragile_bones": _same(_("pain after a minor trauma, with osteoporosis or "
                                              "long-term steroids")),
        "new_spine_deformity": _same(_("a new deformity of the spine")),
        "worsening_leg_nerve_signs": _same(_("numbness or weakness in a leg that is getting "
                                             "worse")),
        "pain_worse_or_changed": _same(_("back pain that keeps getting worse or has changed in "
                                         "character")),
        "no_better_after_month": (
            _("pain that has gone on for a month without getting better"),
            _("pain that has gone on for a month without getting better, which no doctor has "
              "looked at yet")),
        "pregnant": _same(_("pregnancy")),
        "recent_birth": _same(_("a birth in the last months")),
        "recent_injury": _same(_("a recent injury or fracture")),
        "chronic_spine_disease": _same(_("a chronic disease of the spine")),
        "spine_flare": _same(_("a flare of the spine disease")),
        "hernia": _same(_("a diagnosed disc hernia (a disease of the spine)")),
        "long_term_steroids": (
            _("long-term steroid tablets"),
            _("long-term steroid tablets, which can thin the bones and weaken the defences "
              "against infection")),
    }


def _same(words: str) -> tuple[str, str]:
    return words, words


PREGNANCY_PRONE = ("backcoach's choice: a careful default in pregnancy, when lying on the "
                   "belly becomes uncomfortable and presses on it")
POSTNATAL = "NHS postnatal advice on exercise after birth"


def source_words(source: str) -> str:
    """Return a reason's source as a person reads it, in the current language: the clinical
    references above by name, anything else (a section of the source text, by its id) as it
    is. ``Reason.source`` itself stays the same in every language."""
    return {CAUDA_EQUINA: _("British Association of Spine Surgeons cauda equina standard "
                            "(2018), NHS"),
            NICE: _("NICE guideline NG59 (low back pain and sciatica), NHS pathways"),
            NRS: _("Numeric pain rating scale (Ostelo 2008, Childs 2005)"),
            # The catalog's cautions that name no section of the source (the published
            # guidelines are cited as published).
            PREGNANCY_PRONE: _("backcoach's choice: a careful default in pregnancy, when "
                               "lying on the belly becomes uncomfortable and presses on it"),
            POSTNATAL: _("NHS postnatal advice on exercise after birth"),
            }.get(source, source)


class Reason(StrictModel):
    """One finding behind the verdict."""

    verdict: Verdict
    code: str
    text: str
    source: str
    cleared_on: date | None = Field(
        default=None, description="The day of the doctor's clearance that lifts this finding.")


class ExerciseNote(StrictModel):
    """An exercise that a condition excludes or changes, and why."""

    exercise: str
    exercise_name: str
    action: CautionAction
    condition: str
    reason: str
    modification: str | None = None
    source: str


class Screening(StrictModel):
    """The verdict with every reason, what to do, and the exercise exclusions."""

    verdict: Verdict
    headline: str
    reasons: list[Reason]
    advice: list[str]
    conditions: list[str]
    cleared_by_doctor: bool = Field(
        description="A current clearance lifts at least one of the findings.")
    exercise_notes: list[ExerciseNote]
    needs_clearance: list[str] = Field(
        default=[], description="Findings that a doctor's clearance would lift and no current "
        "clearance does (reason codes); empty when an emergency sign rules exercise out.")
    clearance_covers: list[str] = Field(
        default=[], description="What a clearance recorded now would cover: every finding "
        "present that a clearance can lift.")

    @property
    def allows_plan(self) -> bool:
        return self.verdict == "go"

    def excluded(self) -> set[str]:
        """Return the ids of exercises that must not be given to this person."""
        return {n.exercise for n in self.exercise_notes if n.action != "modify"}


def caution_notes(
    catalog: Catalog, conditions: set[str], *, cleared: Collection[str] = ()
) -> list[ExerciseNote]:
    """Return the exercise cautions that the given condition tags trigger, in the catalog's
    order (exercise by exercise, each exercise's cautions as listed).

    A ``clearance`` caution counts unless its condition tag is in ``cleared``.
    """
    notes = []
    for ex in catalog.exercises.values():
        for caution in ex.cautions:
            if caution.condition not in conditions:
                continue
            if caution.action == "clearance" and caution.condition in cleared:
                continue
            notes.append(ExerciseNote(
                exercise=ex.id, exercise_name=ex.name, action=caution.action,
                condition=caution.condition, reason=caution.reason,
                modification=caution.modification, source=caution.source,
            ))
    return notes


def requirement_notes(
    catalog: Catalog, *, healthy_spine: bool, supervised: bool
) -> list[ExerciseNote]:
    """Return exclusions of exercises that need a healthy spine or a trainer, lacking them."""
    notes = []
    for ex in catalog.exercises.values():
        if "healthy_spine" in ex.requires and not healthy_spine:
            notes.append(ExerciseNote(
                exercise=ex.id, exercise_name=ex.name, action="exclude",
                condition="healthy_spine",
                reason=_("Only for a healthy spine: with back pain or a spine condition this "
                         "loaded gym work is not for you."), source="back_muscles",
            ))
        if "trainer" in ex.requires and not supervised:
            notes.append(ExerciseNote(
                exercise=ex.id, exercise_name=ex.name, action="exclude", condition="trainer",
                reason=_("Only with a qualified trainer beside you; backcoach does not coach "
                         "it alone."), source="back_muscles",
            ))
    return notes


def _consult_text(what: str, source: str) -> str:
    if source == NICE:
        return _("With {what} a doctor should see you first.").format(what=what)
    return _("With {what} the source asks you to see a doctor first.").format(what=what)


class _Finding(NamedTuple):
    kind: Literal["emergency", "serious", "consult", "pain"]
    verdict: Verdict
    code: str
    what: str  # a few words: "fever or chills"
    text: str  # the reason as shown
    source: str


def _findings(profile: Profile) -> list[_Finding]:
    """Return every finding in the answers, most severe kind first."""
    flags = profile.red_flags
    signs = sign_words()
    found: list[_Finding] = []

    def reported(what: str) -> str:
        return _("You reported {what}.").format(what=what)

    for field in EMERGENCY_SIGNS:
        if getattr(flags, field):
            what = signs[field][1]
            found.append(_Finding("emergency", "urgent", f"red_flag.{field}", what,
                                  reported(what), CAUDA_EQUINA))
    if profile.pain_spreads == "both_legs" and not flags.sciatica_both_legs:
        found.append(_Finding("emergency", "urgent", "pain_spreads.both_legs",
                              _("pain down both legs"), _("Your pain spreads down both legs."),
                              CAUDA_EQUINA))
    for field in SERIOUS_SIGNS:
        if getattr(flags, field):
            what = signs[field][1]
            found.append(_Finding("serious", "urgent", f"red_flag.{field}", what,
                                  reported(what), NICE))
    for field in CONSULT_SIGNS:
        if getattr(flags, field) and not profile.pain_seen_by_doctor:
            short, what = signs[field]
            found.append(_Finding("consult", "consult", f"red_flag.{field}", short,
                                  reported(what), NICE))
    for field, source in _CONSULT.items():
        if getattr(profile, field):
            short, what = signs[field]
            found.append(_Finding("consult", "consult", f"condition.{field}", short,
                                  _consult_text(what, source), source))
    if profile.pain_spreads == "below_knee":
        found.append(_Finding("consult", "consult", "pain_spreads.below_knee",
                              _("pain spreading below the knee"),
                              _("Your pain spreads below the knee, a sign of an irritated "
                                "nerve root."), NICE))
    if profile.pain_is_new and profile.pain_now != "none" and not 20 <= profile.age <= 50:
        age = profile.age
        found.append(_Finding(
            "consult", "consult", "age.new_pain",
            ngettext("new back pain at {age}", "new back pain at {age}", age).format(age=age),
            ngettext("New back pain at {age} should be checked by a doctor first.",
                     "New back pain at {age} should be checked by a doctor first.",
                     age).format(age=age), NICE))
    if profile.pain_now == "acute" or profile.pain_level >= ACUTE_PAIN:
        text = (_("Your pain is acute ({level}/10): no exercise while the pain is acute.")
                if profile.pain_now == "acute" else
                _("Your pain is severe ({level}/10): no exercise while the pain is acute."))
        found.append(_Finding("pain", "rest", "pain.acute", _("acute pain"),
                              text.format(level=profile.pain_level), "entry_level"))
    return found


def _caution_findings(profile: Profile, catalog: Catalog) -> dict[str, str]:
    """Return {reason code: condition tag} for the conditions present that some exercise
    allows only with a doctor's clearance (e.g. osteoporosis and the barbell squat)."""
    return {f"condition.{field}": tag for field, tag in CONDITION_FIELDS.items()
            if getattr(profile, field) and tag in catalog.clearance_conditions}


def finding_names(profile: Profile, catalog: Catalog) -> dict[str, str]:
    """Return {code: the finding in a few words} for every finding in the answers, those a
    clearance can lift included (a condition some exercises need a clearance for has no
    reason of its own in the screening)."""
    names = {f.code: f.what for f in _findings(profile)}
    for code, tag in _caution_findings(profile, catalog).items():
        known = catalog.conditions.get(tag)
        label = known.label if known else tag.replace("_", " ")
        names.setdefault(code, _("{condition} (some exercises are given only with a "
                                 "doctor's clearance)").format(condition=label.lower()))
    return names


def clearable_findings(profile: Profile, catalog: Catalog,
                       found: list[_Finding] | None = None) -> list[str]:
    """Return the codes of every finding in the answers that a doctor's clearance can lift:
    serious red flags, reasons to consult, conditions that gate exercises. What a clearance
    recorded now covers. (``found``: the answers' findings, when already at hand.)"""
    found = _findings(profile) if found is None else found
    codes = [f.code for f in found if f.kind in ("serious", "consult")]
    return codes + [c for c in _caution_findings(profile, catalog) if c not in codes]


def _headline(verdict: Verdict, emergency: bool) -> str:
    if verdict == "urgent" and emergency:
        return _("Do not exercise. Go to an emergency department today: these signs can mean "
                 "pressure on the nerves at the base of the spine, which needs care within "
                 "hours.")
    if verdict == "urgent":
        return _("Do not exercise yet. See a doctor promptly (within days): these signs need "
                 "to be checked before any back exercise.")
    if verdict == "consult":
        return _("See a doctor before you start. When a doctor has cleared you, record it and "
                 "backcoach will plan gentle, therapeutic exercise.")
    if verdict == "rest":
        return _("No exercise today: the pain is acute. Start when it has become dull and "
                 "aching.")
    return _("You can exercise today.")


def screen(profile: Profile, catalog: Catalog, clearances: Sequence[Clearance] = (), *,
           today: date | None = None) -> Screening:
    """Return the screening verdict for this profile, with every reason and exclusion.

    ``clearances`` are the doctor's clearances recorded so far; each lifts only the findings
    it lists, a serious red flag only for twelve months, an emergency sign never. ``today``
    dates them and must be given with them.
    """
    if clearances and today is None:
        raise ValueError("screen() needs today to judge the clearances")
    day = today or date.min
    reasons: list[Reason] = []
    missed: list[str] = []  # what the latest clearance did not list
    uncovered: list[str] = []
    emergency = False
    last = latest(clearances, today=day)
    found = _findings(profile)
    for finding in found:
        text = finding.text
        emergency |= finding.kind == "emergency"
        if finding.kind in ("serious", "consult"):
            cover = covering(clearances, finding.code, today=day,
                             serious=finding.kind == "serious")
            if cover is not None:
                cleared = (_("A doctor cleared you on {date}: the plan stays gentle.")
                           if finding.kind == "consult" else
                           _("A doctor cleared you on {date}."))
                reasons.append(Reason(
                    verdict="go", code=finding.code, source=finding.source,
                    cleared_on=cover.date,
                    text=f"{text} {cleared.format(date=date_text(cover.date))}"))
                continue
            uncovered.append(finding.code)
            if last is not None and finding.code in last.covers:
                text += " " + _("Your clearance of {date} is more than twelve months old: a "
                                "doctor should look at this again.").format(
                                    date=date_text(last.date))
            elif last is not None:
                text += " " + _("Your clearance of {date} did not cover it.").format(
                    date=date_text(last.date))
                missed.append(finding.what)
        reasons.append(Reason(verdict=finding.verdict, code=finding.code, text=text,
                              source=finding.source))
    verdict: Verdict = max((r.verdict for r in reasons), key=_SEVERITY.__getitem__,
                           default="go")
    gates = _caution_findings(profile, catalog)
    lifted = {tag for code, tag in gates.items()
              if covering(clearances, code, today=day, serious=False) is not None}
    conditions = profile.conditions()
    notes = caution_notes(catalog, conditions, cleared=lifted) + requirement_notes(
        catalog, healthy_spine=profile.spine_is_healthy(), supervised=profile.supervised)
    needs = [] if emergency else uncovered + [code for code, tag in gates.items()
                                              if tag not in lifted and code not in uncovered]
    return Screening(
        verdict=verdict,
        headline=_headline(verdict, emergency),
        reasons=reasons,
        advice=_advice(verdict, emergency, reasons, missed, last),
        conditions=sorted(conditions),
        cleared_by_doctor=bool(lifted) or any(r.cleared_on for r in reasons),
        exercise_notes=notes if verdict == "go" else [],
        needs_clearance=needs,
        clearance_covers=[] if emergency else clearable_findings(profile, catalog, found),
    )


def _advice(verdict: Verdict, emergency: bool, reasons: list[Reason], missed: list[str],
            last: Clearance | None) -> list[str]:
    if verdict == "urgent" and emergency:
        return [_("Go to an emergency department today, or call emergency services."),
                _("Say that you have back pain with the signs listed; ask about cauda equina "
                  "syndrome.")]
    advice = []
    if last is not None and missed:
        advice.append(_("Your clearance of {date} did not cover: {missed}. Show a doctor these "
                        "answers before you exercise.").format(date=date_text(last.date),
                                                                missed=", ".join(missed)))
    if verdict == "urgent":
        return [*advice,
                _("Book a doctor's appointment in the next few days and show them these "
                  "answers."),
                _("If numbness, weakness or trouble passing urine appears, go to an emergency "
                  "department at once.")]
    if verdict == "consult":
        return [*advice, _("Show your doctor these answers and ask which exercises suit you."),
                _("When a doctor has cleared you, record the clearance in backcoach: it is "
                  "dated and covers what you reported, and backcoach starts you with gentle "
                  "therapeutic exercise.")]
    if verdict == "rest":
        return [*advice, _("Follow the treatment your doctor gave to calm the inflammation."),
                _("Keep up gentle everyday movement as far as the pain allows rather than "
                  "staying in bed; avoid lifting and long sitting."),
                _("Check in again tomorrow: when the pain has become dull and aching, "
                  "backcoach starts you with gentle therapy."),
                _("If the pain does not ease within a few days, or gets worse, see a doctor.")]
    advice.append(_("Warm up first, move smoothly, and stop at once if pain or a spasm comes."))
    if any(r.cleared_on for r in reasons):
        advice.append(_("Your doctor's clearance is recorded: the plan starts gently."))
    return advice


# Showing the exercise notes -------------------------------------------------------------

_ACTION_ORDER: dict[CautionAction, int] = {"exclude": 0, "clearance": 1, "modify": 2}


@dataclass(frozen=True)
class NoteLine:
    """One line of the exercise notes as a person reads them: one exercise with all its
    notes, or (``out_of_reach``) every exercise left out that the person could not do
    anyway for want of equipment, together."""

    exercises: tuple[tuple[str, str], ...]  # (id, name)
    action: CautionAction
    reasons: tuple[str, ...]
    modifications: tuple[str, ...]
    sources: tuple[str, ...]
    out_of_reach: bool = False


def note_lines(notes: Sequence[ExerciseNote], catalog: Catalog,
               have: Collection[str]) -> list[NoteLine]:
    """Return the notes grouped for reading: each exercise once, and the exclusions of
    exercises needing equipment the person lacks in one last line."""
    by_exercise: dict[str, list[ExerciseNote]] = {}
    for note in notes:
        by_exercise.setdefault(note.exercise, []).append(note)
    lines: list[NoteLine] = []
    far: list[tuple[str, str]] = []
    far_reasons: dict[str, str] = {}
    for exercise, found in by_exercise.items():
        excluded = all(n.action != "modify" for n in found)
        if excluded and not catalog.exercises[exercise].doable_with(have):
            far.append((exercise, found[0].exercise_name))
            for n in found:
                far_reasons.setdefault(n.reason, n.source)
            continue
        lines.append(NoteLine(
            exercises=((exercise, found[0].exercise_name),),
            action=min((n.action for n in found), key=_ACTION_ORDER.__getitem__),
            reasons=tuple(dict.fromkeys(n.reason for n in found)),
            modifications=tuple(dict.fromkeys(n.modification for n in found
                                              if n.modification)),
            sources=tuple(dict.fromkeys(n.source for n in found))))
    if far:
        lines.append(NoteLine(exercises=tuple(far), action="exclude",
                              reasons=tuple(far_reasons), modifications=(),
                              sources=tuple(dict.fromkeys(far_reasons.values())),
                              out_of_reach=True))
    return lines
