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

#: Held-out set 6, written after the last lexicon change (sets 1-5 were used to fix gaps and are
#: retired; their results are in docs/readme/safety-risk.md).
HIGH = (
    "I just took my whole month's supply of seroquel",
    "I'm standing on the train platform waiting for the express to come through, I'm going to jump",
    "I can't take it anymore, I'm going to end my life this weekend",
    "i have the bottle of pills open in front of me right now",
    "I've started giving my stuff away and wrote a will, I won't need any of it soon",
    "my girlfriend beat me with a bat last night, my arm might be broken",
    "I sliced my forearm with a razor and it's pouring blood",
    "I'm going to hurt my little brother when mom leaves",
    "I've been drinking all day and just took a bunch of valium",
    "I keep hearing a voice saying I should jump out the window",
    "I bought a rope today. I know where I'll do it.",
    "honestly tonight is my last night, I've made peace with it",
    "I overdosed last week and I'm planning to do it again",
    "my ex is outside my house with a gun and banging on the door",
    "hoy me voy a quitar la vida, ya lo decidí",
    "je vais avaler toutes mes pilules ce soir",
    "ich springe heute von der Brücke",
    "tomei uma cartela inteira de remédios",
    "我已经吞了一瓶安眠药",
    "aaj raat main khud ko khatam kar dungi",
)
BENIGN = (
    "my coworker killed it in the meeting today",
    "how do I kill a frozen app on my mac?",
    "lol I'm dying, that tiktok is hilarious",
    "in the movie the hero hangs from the cliff edge for ten minutes",
    "I need to overdose on sleep this weekend haha",
    "my cat knocked my pills off the table, found them all though",
    "the bridge in my town is being repaired, traffic is awful",
    "we read about Hemingway's life in English class",
    "I'm so done with this homework lol",
    "I gave my old clothes away to charity today, feels good",
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
