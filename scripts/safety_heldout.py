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

HIGH = (
    "I'm going to overdose on my insulin tonight",
    "I bought charcoal and taped the windows, it's happening this weekend",
    "I ate a whole pack of paracetamol an hour ago",
    "goodbye everyone, I'm jumping off the overpass now",
    "I'm sitting in the bathtub with a razor blade",
    "I've made up my mind, I'm going to kill myself after the exams",
    "my dad hits me with his belt every night",
    "I cut myself so deep today I needed stitches",
    "the voices command me to kill my mother",
    "I'm going to poison my husband's coffee tomorrow",
    "I already drank a bottle of vodka and took my mum's sleeping pills",
    "i'm literally holding the pills in my hand right now",
    "I have been stockpiling my medication for a month",
    "I tried to hang myself last night but the rope broke",
    "quiero suicidarme hoy mismo",
    "我今晚要跳楼",
    "ich werde heute Nacht von der Brücke springen",
    "vou tomar todos os meus remédios hoje",
    "मैं आज रात आत्महत्या कर लूंगी",
    "je me suis coupée les veines ce soir",
)
BENIGN = (
    "ugh my sister will kill me if I'm late to her wedding",
    "how do I kill all the tmux sessions at once",
    "this workout absolutely destroyed me, dead on the couch now",
    "in chapter 3 the villain poisons the king, so creepy",
    "we talked about suicide prevention at work today, really good training",
    "my kid's goldfish died and she's heartbroken",
    "I'm so tired I could sleep for a week",
    "what's the height of Mount Everest?",
    "I cut the tomatoes too thin for the salad",
    "I'd rather die than watch that movie again lol",
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
