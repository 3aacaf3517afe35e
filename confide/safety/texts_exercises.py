"""Fixed, reviewed texts of the short guided exercises (grounding and coping), offline.

They sit beside :mod:`confide.safety.texts` and :mod:`confide.safety.texts_flow` and follow
the same rules: constants, never generated; short, optional and easy to stop; no breath
holding, no medical or medication advice, no promise that an exercise fixes anything; each
ends by handing the conversation back to the person. Sources of the techniques: paced
breathing with a longer out-breath; the 5-4-3-2-1 senses grounding; urge surfing (Marlatt's
relapse-prevention work, as used in DBT distress tolerance); a wind-down routine from CBT for
insomnia (sleep hygiene, a worry list, relaxing the body).

English only for now: in other languages the exercises are not offered in conversation
(``/ground`` still shows them), so a conversation never switches language mid-way.

Changing a text here is a safety change: have it reviewed, and re-run tests/safety.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

#: Bump when any text here changes (recorded in ReplyMeta.prompt_version).
EXERCISE_TEXTS_VERSION: Final = "1"


@dataclass(frozen=True)
class ExerciseText:
    """One exercise: what it is called, how it starts, its steps and how it ends."""

    id: str
    title: str
    minutes: int
    intro: str
    steps: tuple[str, ...]
    closing: str
    #: The invitation offered in conversation (answered with yes, or /ground <id>).
    invitation: str


EXERCISES: Final[dict[str, ExerciseText]] = {
    "breathing": ExerciseText(
        id="breathing",
        title="Paced breathing",
        minutes=2,
        intro="Let's slow the breath down together for a couple of minutes. Sit or lie in a "
        "way that feels steady, and let your shoulders drop a little.",
        steps=(
            "Breathe in gently through your nose while you count to four.",
            "Breathe out slowly through your mouth while you count to six, as if you were "
            "cooling a hot drink.",
            "Keep that rhythm, in for four and out for six, for about ten breaths. If your "
            "mind wanders, just come back to the counting.",
            "If counting feels uncomfortable, let the breath find its own pace and only make "
            "the out-breath a little longer than the in-breath.",
        ),
        closing="Take a moment to notice how your body feels now, without needing it to be "
        "different. If breathing exercises ever make you feel worse, stop and look around the "
        "room instead. How are you feeling now?",
        invitation="If it would help, we could try a short breathing exercise together, about "
        "two minutes. Just say yes, or type /ground breathing; it's completely fine to keep "
        "talking instead.",
    ),
    "grounding": ExerciseText(
        id="grounding",
        title="5-4-3-2-1 grounding",
        minutes=3,
        intro="This one brings your attention back to the room you're in, using your senses. "
        "Take your time with each step; there are no wrong answers.",
        steps=(
            "Look around and name five things you can see.",
            "Notice four things you can feel: your feet on the floor, the chair under you, the "
            "fabric of your clothes, the air on your skin.",
            "Listen for three things you can hear, near or far.",
            "Find two things you can smell, or two smells you like if nothing comes.",
            "Notice one thing you can taste, or take a sip of water.",
        ),
        closing="You're here, in this moment, and you got through each step. What do you "
        "notice now?",
        invitation="If you'd like, we could do a short grounding exercise together, about "
        "three minutes, to help you feel a bit more here and now. Just say yes, or type /ground "
        "grounding; it's fine to keep talking instead.",
    ),
    "urge": ExerciseText(
        id="urge",
        title="Urge surfing",
        minutes=5,
        intro="Urges rise, peak and pass, like a wave, even when they feel like they'll last "
        "forever. Instead of fighting the urge or acting on it, we can watch it for a few "
        "minutes.",
        steps=(
            "Notice where you feel the urge in your body: your chest, your hands, your stomach, "
            "your throat. Just name the place.",
            "Describe it to yourself: is it tight, hot, buzzing, heavy? Does it have a size or "
            "a shape?",
            "Breathe slowly and imagine the urge as a wave. Let yourself ride it without doing "
            "anything about it.",
            "Keep watching for a few minutes. Notice whether it changes, even a little: "
            "stronger, weaker, moving somewhere else.",
            "If it rises again, come back to the breath and ride it again. Each wave you ride "
            "makes the next one easier to ride.",
        ),
        closing="You stayed with a hard feeling without acting on it, and that takes real "
        "strength. If the urge is to hurt yourself and it keeps building, please reach a "
        "person now: /resources shows who. How strong is the urge now?",
        invitation="If you'd like, we could try something called urge surfing together, about "
        "five minutes: a way to let an urge rise and pass without acting on it. Just say yes, "
        "or type /ground urge; it's fine to keep talking instead.",
    ),
    "sleep": ExerciseText(
        id="sleep",
        title="Sleep wind-down",
        minutes=10,
        intro="Sleep tends to come more easily when the mind and body get a signal that the "
        "day is over. Here is a short wind-down you can do in bed or just before.",
        steps=(
            "Put the phone or screen aside soon, and dim the lights if you can.",
            "If thoughts are circling, write them down on paper, with one small next step for "
            "each; they'll still be there tomorrow, and you don't have to hold them tonight.",
            "Relax your body from the feet up: tense your feet gently for a few seconds, then "
            "let go. Then your legs, your hands, your shoulders, your face.",
            "Breathe slowly, with a longer out-breath than in-breath, and let each out-breath "
            "soften your body a little more.",
            "If you're still awake after what feels like twenty minutes, get up and do "
            "something quiet in dim light, and go back to bed when you feel sleepy.",
        ),
        closing="Rest counts even when sleep doesn't come straight away. I'll be here "
        "tomorrow if you want to talk. Good night, or how are you feeling now?",
        invitation="If it would help, I could walk you through a short wind-down for sleep. "
        "Just say yes, or type /ground sleep; it's fine to keep talking instead.",
    ),
}

#: Order of ``/ground`` without an argument.
EXERCISE_ORDER: Final = ("breathing", "grounding", "urge", "sleep")

#: Words a person may type to pick an exercise (``/ground <word>``).
EXERCISE_ALIASES: Final[dict[str, str]] = {
    "breathe": "breathing",
    "breath": "breathing",
    "54321": "grounding",
    "5-4-3-2-1": "grounding",
    "senses": "grounding",
    "ground": "grounding",
    "urges": "urge",
    "surf": "urge",
    "surfing": "urge",
    "craving": "urge",
    "wind-down": "sleep",
    "winddown": "sleep",
    "bed": "sleep",
}

#: The answer to "no thanks" after an invitation: fine either way, nothing pressed.
DECLINED: Final = (
    "That's completely fine; we can just keep talking. The exercises are there any time with "
    "/ground if you ever want one."
)

MENU_INTRO: Final = "Short guided exercises, each a few minutes. Type /ground and a name:"
