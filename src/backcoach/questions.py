"""The safety questions in plain words, once, for the terminal and the web form alike.

Each question names the profile field it answers (``red_flags.X`` for a red flag), how it
is asked as a question (the terminal asks them one by one) and as a box to tick (the web
form), with a hint where a word needs explaining. The screening's verdicts and their
sources are in :mod:`backcoach.screening`; CLINICAL.md says where the signs come from.

The questions are in the language of the run or request (:mod:`backcoach.i18n`): each read
of ``questions.EMERGENCY`` (and ``SERIOUS_NOW``, ``HISTORY``, ``PAIN_COURSE``, ``ALL``) words
them anew, so read them where they are shown, not once at import
(``from backcoach.questions import EMERGENCY`` would keep the language of that moment).
"""

from __future__ import annotations

from dataclasses import dataclass

from backcoach.i18n import _


@dataclass(frozen=True)
class Question:
    field: str  # "red_flags.saddle_numbness", or a profile field such as "long_term_steroids"
    ask: str  # as a question, for the terminal
    label: str  # as a box to tick, for the web form
    hint: str | None = None  # what a word means, in plain words

    @property
    def name(self) -> str:
        """Return the field's own name, without ``red_flags.``."""
        return self.field.rpartition(".")[2]


def _emergency() -> tuple[Question, ...]:
    # Signs of cauda equina syndrome: each asked on its own, never behind a "none of these".
    return (
        Question("red_flags.bladder_or_bowel_change",
                 _("Since your back pain began, do you have new trouble starting to pass urine, "
                   "less feeling when you pass it, or any loss of control of your bladder or "
                   "bowels?"),
                 _("New trouble passing urine, or loss of bladder or bowel control"),
                 _("For example: you cannot get started, the flow feels different, or you leak "
                   "without meaning to.")),
        Question("red_flags.saddle_numbness",
                 _("Is there numbness or tingling in the saddle area: between your legs, around "
                   "your back passage (anus) or your genitals?"),
                 _("Numbness or tingling in the saddle area"),
                 _("The saddle area is the part you would sit on in a saddle: between the legs, "
                   "around the anus and the genitals.")),
        Question("red_flags.new_sexual_dysfunction",
                 _("Since your back pain began, have you noticed new problems with sexual "
                   "function, such as less feeling or trouble with erections?"),
                 _("New problems with sexual function since the back pain began")),
        Question("red_flags.legs_weak_or_walking_changed",
                 _("Are both of your legs weak, or getting weaker, or has the way you walk "
                   "changed (tripping, unsteady, a foot that slaps down)?"),
                 _("Weakness in both legs, or a change in the way you walk")),
        Question("red_flags.sciatica_both_legs",
                 _("Does pain shoot down both of your legs, or has leg pain spread from one leg "
                   "to both?"),
                 _("Pain shooting down both legs")),
    )


def _serious_now() -> tuple[Question, ...]:
    # Signs a doctor should check before any back exercise: asked about now.
    return (
        Question("red_flags.pain_worse_or_changed",
                 _("Is your back pain getting steadily worse, or has it changed into a different "
                   "kind of pain?"),
                 _("My back pain keeps getting worse, or has changed into a different kind of "
                   "pain")),
        Question("red_flags.unexplained_weight_loss",
                 _("Have you lost weight lately without trying?"),
                 _("Weight lost lately without trying")),
        Question("red_flags.fever_or_chills",
                 _("Do you have a fever, or feel hot and shivery, as well as the back pain?"),
                 _("A fever, or feeling hot and shivery")),
        Question("red_flags.night_pain",
                 _("Is the pain bad at night in a way that rest and changing position do not "
                   "ease?"),
                 _("Pain at night that rest and changing position do not ease")),
        Question("red_flags.major_trauma",
                 _("Did the pain begin with a major injury, such as a fall from a height or a "
                   "road accident?"),
                 _("The pain began with a major injury (a bad fall, a road accident)")),
        Question("red_flags.minor_trauma_fragile_bones",
                 _("Did the pain begin after a minor fall or strain, and do you have "
                   "osteoporosis or take steroid tablets long-term?"),
                 _("The pain began after a minor fall or strain, and I have osteoporosis or take "
                   "steroids long-term")),
        Question("red_flags.new_spine_deformity",
                 _("Has the shape of your spine changed lately (a new hump, or a lean to one "
                   "side)?"),
                 _("A new change in the shape of my spine")),
        Question("red_flags.worsening_leg_nerve_signs",
                 _("Is numbness or weakness in one leg spreading or getting worse?"),
                 _("Numbness or weakness in one leg that is spreading or getting worse")),
    )


def _history() -> tuple[Question, ...]:
    # Medical history: asked as history ("ever", "long-term"), not as something felt now.
    return (
        Question("red_flags.cancer_history", _("Have you ever had cancer?"),
                 _("I have had cancer (at any time)")),
        Question("red_flags.weak_immune_system",
                 _("Is your immune system weakened (by an illness or by medicines), do you "
                   "inject drugs, or have you had a bacterial infection recently?"),
                 _("A weakened immune system, injecting drugs, or a recent bacterial "
                   "infection")),
        Question("long_term_steroids",
                 _("Have you taken steroid tablets (corticosteroids such as prednisolone) for "
                   "three months or more?"),
                 _("I have taken steroid tablets (such as prednisolone) for three months or "
                   "more"),
                 _("Steroid tablets, not inhalers or creams: taken for months they can thin the "
                   "bones.")),
    )


def _pain_course() -> tuple[Question, ...]:
    # How the pain has gone: asked only of a person in pain. A month without improvement is
    # a reason to see a doctor only when no doctor has looked at this pain yet; getting worse
    # or changing (SERIOUS_NOW) is a reason whatever a doctor said before.
    return (
        Question("red_flags.no_better_after_month",
                 _("Has this back pain gone on for a month or more without getting any "
                   "better?"),
                 _("This pain has gone on for a month or more without getting better")),
        Question("pain_seen_by_doctor", _("Has a doctor already looked at this back pain?"),
                 _("A doctor has already looked at this back pain")),
    )


def _all() -> tuple[Question, ...]:
    return (*_emergency(), *_serious_now(), *_history(), *_pain_course())


_GROUPS = {"EMERGENCY": _emergency, "SERIOUS_NOW": _serious_now, "HISTORY": _history,
           "PAIN_COURSE": _pain_course, "ALL": _all}


def __getattr__(name: str) -> tuple[Question, ...]:
    """Return a group of questions (``questions.EMERGENCY``...) in the current language."""
    if name in _GROUPS:
        return _GROUPS[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
