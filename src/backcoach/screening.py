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

from typing import Literal

from backcoach._strict import StrictModel
from backcoach.catalog import Catalog
from backcoach.catalog.models import CautionAction
from backcoach.profile import Profile

Verdict = Literal["urgent", "consult", "rest", "go"]
_SEVERITY: dict[Verdict, int] = {"go": 0, "rest": 1, "consult": 2, "urgent": 3}

CAUDA_EQUINA = "British Association of Spine Surgeons cauda equina standard (2018), NHS"
NICE = "NICE guideline NG59 (low back pain and sciatica), NHS pathways"
NRS = "Numeric pain rating scale (Ostelo 2008, Childs 2005)"

# Red flags of cauda equina syndrome: an emergency whatever a doctor said before.
EMERGENCY_SIGNS = {
    "bladder_or_bowel_change": "new trouble passing urine or loss of bladder or bowel control",
    "saddle_numbness": "numbness or tingling in the saddle area",
    "new_sexual_dysfunction": "new sexual dysfunction",
    "legs_weak_or_walking_changed": "severe or worsening weakness in both legs, or a change "
    "in walking",
    "sciatica_both_legs": "sciatic pain in both legs",
}
# Signs of a possible serious cause: see a doctor promptly; a recorded clearance lifts it.
SERIOUS_SIGNS = {
    "cancer_history": "a history of cancer",
    "unexplained_weight_loss": "unexplained weight loss",
    "fever_or_chills": "fever or chills",
    "weak_immune_system": "a weakened immune system, injecting drug use or a recent "
    "bacterial infection",
    "night_pain": "pain at night that rest and changing position do not ease",
    "major_trauma": "pain that began with a major trauma",
    "minor_trauma_fragile_bones": "a minor trauma with osteoporosis or long-term steroids",
    "new_spine_deformity": "a new deformity of the spine",
    "worsening_leg_nerve_signs": "numbness or weakness in a leg that is getting worse",
    "no_better_after_month": "pain that has not improved in a month",
}
# Conditions for which the source asks for a doctor first (section training_rules).
_CONSULT = {
    "pregnant": ("pregnancy", "training_rules"),
    "recent_birth": ("a birth in the last months", "risk_factors"),
    "recent_injury": ("a recent injury or fracture", "training_rules"),
    "chronic_spine_disease": ("a chronic disease of the spine", "therapeutic"),
    "spine_flare": ("a flare of the spine disease", "training_rules"),
    "hernia": ("a diagnosed disc hernia (a disease of the spine)", "training_rules"),
}


class Reason(StrictModel):
    """One finding behind the verdict."""

    verdict: Verdict
    code: str
    text: str
    source: str


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
    cleared_by_doctor: bool
    exercise_notes: list[ExerciseNote]

    @property
    def allows_plan(self) -> bool:
        return self.verdict == "go"

    def excluded(self) -> set[str]:
        """Return the ids of exercises that must not be given to this person."""
        return {n.exercise for n in self.exercise_notes if n.action != "modify"}


def caution_notes(
    catalog: Catalog, conditions: set[str], *, cleared: bool
) -> list[ExerciseNote]:
    """Return the exercise cautions that the given condition tags trigger.

    ``clearance`` cautions count unless a doctor has cleared the person.
    """
    notes = []
    for ex in catalog.exercises.values():
        for caution in ex.cautions:
            if caution.condition not in conditions:
                continue
            if caution.action == "clearance" and cleared:
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
                reason="Only for a healthy spine: with back pain or a spine condition this "
                "loaded gym work is not for you.", source="back_muscles",
            ))
        if "trainer" in ex.requires and not supervised:
            notes.append(ExerciseNote(
                exercise=ex.id, exercise_name=ex.name, action="exclude", condition="trainer",
                reason="Only with a qualified trainer beside you; backcoach does not coach it "
                "alone.", source="back_muscles",
            ))
    return notes


def _headline(verdict: Verdict, emergency: bool) -> str:
    if verdict == "urgent" and emergency:
        return ("Do not exercise. Go to an emergency department today: these signs can mean "
                "pressure on the nerves at the base of the spine, which needs care within hours.")
    if verdict == "urgent":
        return ("Do not exercise yet. See a doctor promptly (within days): these signs need to "
                "be checked before any back exercise.")
    if verdict == "consult":
        return ("See a doctor before you start. When a doctor has cleared you, record it and "
                "backcoach will plan gentle, therapeutic exercise.")
    if verdict == "rest":
        return ("No exercise today: the pain is acute. Start when it has become dull and "
                "aching.")
    return "You can exercise today."


def screen(profile: Profile, catalog: Catalog) -> Screening:
    """Return the screening verdict for this profile, with every reason and exclusion."""
    reasons: list[Reason] = []
    flags = profile.red_flags
    for field, text in EMERGENCY_SIGNS.items():
        if getattr(flags, field):
            reasons.append(Reason(verdict="urgent", code=f"red_flag.{field}",
                                  text=f"You reported {text}.", source=CAUDA_EQUINA))
    if profile.pain_spreads == "both_legs" and not flags.sciatica_both_legs:
        reasons.append(Reason(verdict="urgent", code="pain_spreads.both_legs",
                              text="Your pain spreads down both legs.", source=CAUDA_EQUINA))
    emergency = bool(reasons)
    cleared = profile.doctor_cleared
    serious_level: Verdict = "go" if cleared else "urgent"
    for field, text in SERIOUS_SIGNS.items():
        if getattr(flags, field):
            reasons.append(Reason(
                verdict=serious_level, code=f"red_flag.{field}",
                text=f"You reported {text}." + (" A doctor has cleared you." if cleared else ""),
                source=NICE,
            ))
    consult_level: Verdict = "go" if cleared else "consult"
    for field, (text, section) in _CONSULT.items():
        if getattr(profile, field):
            reasons.append(Reason(
                verdict=consult_level, code=f"condition.{field}",
                text=f"With {text} the source asks you to see a doctor first."
                + (" A doctor has cleared you: the plan stays gentle." if cleared else ""),
                source=section,
            ))
    if profile.pain_spreads == "below_knee":
        reasons.append(Reason(
            verdict=consult_level, code="pain_spreads.below_knee",
            text="Your pain spreads below the knee, a sign of an irritated nerve root.",
            source=NICE,
        ))
    if profile.pain_is_new and profile.pain_now != "none" and not 20 <= profile.age <= 50:
        reasons.append(Reason(
            verdict=consult_level, code="age.new_pain",
            text=f"New back pain at {profile.age} should be checked by a doctor first.",
            source=NICE,
        ))
    if profile.pain_now == "acute" or profile.pain_level >= 7:
        reasons.append(Reason(
            verdict="rest", code="pain.acute",
            text=f"Your pain is {'acute' if profile.pain_now == 'acute' else 'severe'} "
            f"({profile.pain_level}/10): no exercise while the pain is acute.",
            source="entry_level",
        ))
    verdict: Verdict = max((r.verdict for r in reasons), key=_SEVERITY.__getitem__,
                           default="go")
    conditions = profile.conditions()
    notes = caution_notes(catalog, conditions, cleared=cleared) + requirement_notes(
        catalog, healthy_spine=profile.spine_is_healthy(), supervised=profile.supervised)
    return Screening(
        verdict=verdict,
        headline=_headline(verdict, emergency),
        reasons=reasons,
        advice=_advice(verdict, emergency, profile),
        conditions=sorted(conditions),
        cleared_by_doctor=cleared,
        exercise_notes=notes if verdict == "go" else [],
    )


def _advice(verdict: Verdict, emergency: bool, profile: Profile) -> list[str]:
    if verdict == "urgent" and emergency:
        return ["Go to an emergency department today, or call emergency services.",
                "Say that you have back pain with the signs listed; ask about cauda equina "
                "syndrome."]
    if verdict == "urgent":
        return ["Book a doctor's appointment in the next few days and show them these answers.",
                "If numbness, weakness or trouble passing urine appears, go to an emergency "
                "department at once."]
    if verdict == "consult":
        return ["Show your doctor these answers and ask which exercises suit you.",
                "When you are cleared, record it (doctor_cleared in your profile) and come back: "
                "backcoach will start you with gentle therapeutic exercise."]
    if verdict == "rest":
        return ["Follow the treatment your doctor gave to calm the inflammation.",
                "Keep up gentle everyday movement as far as the pain allows rather than staying "
                "in bed; avoid lifting and long sitting.",
                "Check in again tomorrow: when the pain has become dull and aching, backcoach "
                "starts you with gentle therapy.",
                "If the pain does not ease within a few days, or gets worse, see a doctor."]
    advice = ["Warm up first, move smoothly, and stop at once if pain or a spasm comes."]
    if profile.doctor_cleared:
        advice.append("Your doctor's clearance is recorded: the plan starts gently.")
    return advice
