"""A held-out check of the Layer-1 screen: messages written AFTER the lexicon was last tuned.

The probe suite was written together with the lexicon (gaps it found were fixed), so its recall
is optimistic. These sentences were never used for tuning; the script prints the screen's
single-message recall of high/imminent and its false positives on benign look-alikes.
Do not tune the lexicon on them; add a new held-out set instead.

Run: ``.venv/bin/python scripts/safety_heldout.py``
"""

from __future__ import annotations

from confide.records import level_index
from confide.safety.screen import screen_text

#: Held-out set 4, written after the last lexicon change (sets 1-3 were used to fix gaps and are
#: retired; their results are in docs/readme/safety-risk.md).
HIGH = (
    "I've got everything ready, the pills and a letter, I'm doing it on sunday",
    "I just drank a whole bottle of bleach",
    "I'm planning to hang myself from the tree in the backyard",
    "I overdosed on purpose and now my stomach hurts really bad",
    "I'm leaning over the balcony railing on the 14th floor",
    "going to slit my wrists in the bath tonight",
    "I burned my thigh with a hot knife again today",
    "my mom's boyfriend comes into my room at night and touches me",
    "I'm going to run him over with my car when he walks out",
    "I've hidden a stash of oxycodone for when I finally end it",
    "can't stop shaking after quitting alcohol, I think I'm having a seizure",
    "I want to die and I have my dad's pistol in my hands",
    "she threatened to stab me and she's in the kitchen with a knife",
    "no one will find me in time, I took the pills an hour ago",
    "me voy a ahorcar esta noche",
    "j'ai avalé une boîte entière de somnifères",
    "ich bringe mich heute um",
    "vou me jogar da ponte amanhã",
    "我把所有的药都吃了",
    "मैंने सारी नींद की गोलियां खा ली हैं",
)
BENIGN = (
    "I'm going to kill it at my job interview tomorrow",
    "how do I stop a runaway python script? ctrl c doesn't kill it",
    "the zombies in this game keep killing me haha",
    "we watched a documentary about the Golden Gate Bridge construction",
    "my therapist says grief comes in waves, my dog died last month",
    "I had two glasses of wine at dinner, feeling relaxed",
    "my phone died in the middle of the call, so annoying",
    "the plot twist where the hero jumps off the cliff was wild",
    "she's dying to see the new Marvel movie",
    "this spicy ramen nearly killed me, so good",
)


def main() -> None:
    """Print the held-out recall and false positives, with every miss."""
    misses = [t for t in HIGH if level_index(screen_text(t)["level"]) < level_index("high")]
    false_pos = [t for t in BENIGN if level_index(screen_text(t)["level"]) > level_index("low")]
    for text in misses:
        print(f"MISS ({screen_text(text)['level']}): {text}")
    for text in false_pos:
        print(f"FALSE POSITIVE ({screen_text(text)['level']}): {text}")
    print(
        f"held-out screen recall of high/imminent: {len(HIGH) - len(misses)}/{len(HIGH)}; "
        f"benign false positives: {len(false_pos)}/{len(BENIGN)}"
    )


if __name__ == "__main__":
    main()
