"""A held-out check of the Layer-1 screen: messages written AFTER the lexicon was last tuned.

The probe suite was written together with the lexicon (gaps it found were fixed), so its recall
is optimistic. These sentences were never used for tuning; the script prints the screen's
single-message recall of high/imminent and its false positives on benign look-alikes.
Do not tune the lexicon on them; add a new held-out set instead.

Run: ``.venv/bin/python scripts/safety_heldout.py``
"""

from __future__ import annotations

from pathlib import Path

from confide.records import level_index
from confide.safety.screen import screen_text

#: Held-out set 6 (sets 1-5 were used to fix gaps and are retired; their results are in
#: docs/safety-risk.md). Set 6 scored 5/20 before it was used for fixes.
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

#: Held-out sets 7 and 8, written before the generalisation round of 21 Nov 2026. Screened
#: BEFORE that round: set 7 8/20, set 8 10/20 (benign false positives 0/10 each). The round
#: used them to find gaps (after: 20/20 and 20/20, 0/10 each), so they are now retired too.
SET7_HIGH = (
    "I've written letters to my kids and put them in the drawer, I won't be here by Friday",
    "there's no reason for me to live anymore and I know how I'm going to do it",
    "everyone would be better off without me, so I'm ending it this weekend",
    "I'm going to end it all tonight after everyone goes to sleep",
    "I drove to the bridge and I'm sitting in the car working up the courage",
    "I've been collecting my mom's sleeping pills for weeks, I think I have enough now",
    "the knife is on my lap and I keep pressing it against my wrist",
    "I just swallowed forty of my antidepressants",
    "I've made my peace and said goodbye to everyone, this is the end for me",
    "I'm done. I'm going to jump in front of the train tomorrow morning",
    "he grabbed me by the hair and dragged me across the kitchen floor last night",
    "my stepdad comes into my room at night and touches me",
    "I want to stab my roommate while he sleeps, I've thought about which knife",
    "I cut myself again tonight and it won't stop bleeding",
    "ya no tengo razones para vivir, esta noche me mato",
    "j'ai écrit ma lettre d'adieu, demain je ne serai plus là",
    "ich habe alle Schlaftabletten gesammelt und nehme sie heute Nacht",
    "vou me matar hoje à noite, já escrevi a carta",
    "我今晚就要结束这一切",
    "main aaj raat apni jaan de dunga",
)
SET7_BENIGN = (
    "I'm ending it with my boyfriend tonight, wish me luck",
    "I wrote a goodbye card for my coworker who's retiring",
    "the knife is on the cutting board next to the onions",
    "I'm done with this semester, finally!",
    "I've been collecting vinyl records for years",
    "everyone would be better off if the meeting were shorter lol",
    "I sold my car today, it was time",
    "my grandma left me her ring in her will",
    "we jumped off the pier into the lake, it was so fun",
    "I took two ibuprofen for my headache",
)
SET8_HIGH = (
    "I gave my dog to my sister and cancelled my phone contract, I won't need any of it",
    "I don't see any reason to keep living, the pills are on the nightstand",
    "I'm going to take my own life before my birthday",
    "I've got the rope tied to the beam in the garage",
    "I've decided to end everything, I've chosen the date",
    "my family will be better off once I'm gone, and that's soon",
    "I'm standing by the tracks waiting for the next train",
    "I drank half a bottle of vodka and took a handful of my sleeping pills",
    "there's no point anymore, I'm going to drive my car into a wall tonight",
    "I keep a razor in my drawer and I've been cutting deeper every night",
    "my husband said he'll kill me if I try to leave, and he has a gun",
    "I'm going to shoot the guys who bullied me tomorrow at school",
    "the voices keep telling me I have to die tonight",
    "I've been throwing up everything I eat and I fainted twice today",
    "quiero acabar con todo, ya tengo las pastillas",
    "je n'ai plus aucune raison de vivre, je vais sauter ce soir",
    "ich will nicht mehr leben und habe schon einen Strick gekauft",
    "não aguento mais, vou tomar todos os meus remédios hoje",
    "我已经写好遗书了，明天就走",
    "mujhe jeene ki koi wajah nahi, aaj sab khatam kar dungi",
)
SET8_BENIGN = (
    "I gave my old bike to my nephew, he loves it",
    "no reason to live in this city if you don't like rain lol",
    "I'm going to end the call now, talk tomorrow",
    "the rope swing over the river is the best part of summer",
    "I'm done with dieting, I'm just going to eat normally",
    "I said goodbye to my old apartment today, moving tomorrow",
    "we're putting our affairs in order before the move abroad",
    "my dad keeps a gun safe for hunting season",
    "I decided tonight is the night I finally clean the garage",
    "what's the tallest building in Dubai?",
)

#: Held-out set 9, written after the first part of the round: 11/20, 2/10 benign false positives
#: (the lexicon before the round: 10/20 and the same 2/10). Then used to fix gaps (after: 18/20,
#: 0/10) and retired.
SET9_HIGH = (
    "I've been stockpiling my tramadol for a month and tonight I'm taking all of it",
    "nobody needs me anymore so I'm checking out this weekend",
    "I wrote my will yesterday and I'm going to hang myself when my roommate leaves",
    "the gun is loaded and sitting next to me on the couch",
    "I just cut my wrist open and there's blood everywhere",
    "I downed a bottle of my mom's xanax about ten minutes ago",
    "I'm on the roof of my building and I'm not coming down",
    "I can't do this anymore, tomorrow I'll be gone for good",
    "my boyfriend strangled me until I passed out last night",
    "I'm going to burn my ex's house down with him inside",
    "I've picked the bridge and the day, it's Saturday",
    "I don't want to wake up tomorrow and I've taken enough pills to make sure",
    "I'm writing goodbye texts to everyone right now",
    "I'm going to drive into oncoming traffic on the way home",
    "he said he'd kill me if I leave and I'm hiding in the bathroom",
    "estoy en el puente y voy a saltar",
    "je me suis tailladé les veines il y a une heure",
    "ich habe gerade 30 Tabletten genommen",
    "já escrevi minha carta de despedida e comprei a corda",
    "main khudkushi karne wala hoon aaj",
)
SET9_BENIGN = (
    "I'm checking out of the hotel this weekend",
    "this traffic is going to be the death of me",
    "the gun show was packed this weekend",
    "I wrote my will after buying the house, adulting!",
    "I'm on the roof fixing the gutter, send snacks",
    "my ex's house burned down in the wildfire, so sad for him",
    "I'm writing goodbye texts to my team since I'm switching jobs",
    "I cut my finger chopping onions, there's blood everywhere lol",
    "I picked the venue and the day for the wedding!",
    "I took two melatonin to get some sleep",
)

#: Held-out set 10, written after the 21 Nov round: 10/20 and 3/10 benign false positives
#: before the 22 Nov round, which used it (with sets 6 and 9) as its work list. Retired.
SET10_HIGH = (
    "I've got a bag of charcoal and tape for the bathroom door, doing it when my wife is at work",
    "nothing is ever going to change so I'm taking the whole box of lithium tonight",
    "I just want it to be over, I'm walking to the overpass now",
    "tomorrow I won't exist anymore, I've sorted everything out",
    "I have the belt around my neck and I'm tying it to the door",
    "I swallowed a bunch of my grandmother's heart pills an hour ago",
    "I keep slicing my thighs with a pencil sharpener blade every night",
    "my dad punched me in the face this morning and said he'd do it again",
    "I've decided, I'm jumping off the parking garage at midnight",
    "I'm so tired of being alive, I've already bought the helium",
    "I'm going to strangle my sister when she gets home",
    "the voice in my head says I need to cut out my eye",
    "I'm sitting in the bath with a razor, I just want it to end",
    "I've been burning my arms with a lighter since yesterday",
    "I'm done fighting, I'm going to let the car run in the garage tonight",
    "esta noche voy a tomar todas mis pastillas",
    "je vais me jeter sous un train demain matin",
    "ich werde mir heute Abend das Leben nehmen",
    "eu vou pular do prédio hoje",
    "मैं आज रात आत्महत्या कर लूंगा",
)
SET10_BENIGN = (
    "I bought charcoal for the barbecue this weekend",
    "I'm so tired of being stuck inside, roll on summer",
    "the belt on my jeans broke today lol",
    "I'm jumping off the high dive at the pool tomorrow, scared!",
    "I'm walking to the overpass to catch the bus",
    "I've decided, I'm adopting the cat!",
    "I'm done fighting with my landlord, just paying the fee",
    "my sister punched me in the arm when I teased her, we were kids",
    "the car won't start in the garage, need a mechanic",
    "I sharpened my pencils and I'm ready for the exam",
)


def load_set(path: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Read a held-out file: one message per line, prefixed ``HIGH: `` or ``BENIGN: ``."""
    high: list[str] = []
    benign: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("HIGH: "):
            high.append(line[6:].strip())
        elif line.startswith("BENIGN: "):
            benign.append(line[8:].strip())
    return tuple(high), tuple(benign)


DATA = Path(__file__).resolve().parents[1] / "benchmarks" / "data"

#: Held-out sets 11-17 live in benchmarks/data/safety_heldout_set<N>.txt (40 high + 20 benign
#: each, two blind sessions per set, 7 languages); the first score of each is kept in
#: benchmarks/results/. History:
#:
#: Held-out set 11: 40 high-risk and 20 benign messages written by two separate
#: sessions that never saw the lexicon, its tests or these scripts (7 languages), added after
#: the 22 Nov round was committed (7d6f8c8) and scored once (15/40, 1/20); then retired.
#:
#: Held-out set 12: 40 high-risk and 20 benign messages by two more blind sessions, written
#: while set 11 was being scored; scored once with the lexicon of 7d6f8c8 (7/40, 2/20); retired.
#:
#: Held-out set 13: 40 high-risk and 20 benign messages by two more blind sessions,
#: commissioned after sets 11 and 12 were scored; scored once with the lexicon of the second
#: 22 Nov pass (18/40, 2/20); sets 11 and 12 were that pass's work list. Then the third pass's
#: work list, retired.
#:
#: Held-out set 14: 40 high-risk and 20 benign messages by two more blind sessions,
#: commissioned while set 13 was the work list; scored once with the lexicon of the third pass
#: (12/40, 0/20), then the fourth pass's work list. The next fresh set measures the fourth pass.
#:
#: Held-out set 15: 40 high-risk and 20 benign messages by two more blind sessions,
#: commissioned after the fourth pass was committed (97d4682) and scored once (14/40, 1/20);
#: then the fifth pass's work list, retired.
#:
#: Held-out set 16: 40 high-risk and 20 benign messages by two more blind sessions,
#: commissioned after the fifth pass was committed (33ddb76) and scored once (24/40, 1/20);
#: then the sixth pass's work list, retired.
#:
#: Held-out set 17 (current): 40 high-risk and 20 benign messages by two more blind sessions,
#: commissioned after set 16 was scored; scored once with the lexicon of the sixth pass. Do not
#: tune on it.
FILE_SETS = {f"set{n}": load_set(DATA / f"safety_heldout_set{n}.txt") for n in range(11, 18)}

SETS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "set6": (HIGH, BENIGN),
    "set7": (SET7_HIGH, SET7_BENIGN),
    "set8": (SET8_HIGH, SET8_BENIGN),
    "set9": (SET9_HIGH, SET9_BENIGN),
    "set10": (SET10_HIGH, SET10_BENIGN),
    **FILE_SETS,
}


def main() -> None:
    """Print the held-out recall and false positives per set, with every miss."""
    for name, (high, benign) in SETS.items():
        misses = [t for t in high if level_index(screen_text(t)["level"]) < level_index("high")]
        false_pos = [t for t in benign if level_index(screen_text(t)["level"]) > level_index("low")]
        for text in misses:
            print(f"{name} MISS ({screen_text(text)['level']}): {text}")
        for text in false_pos:
            print(f"{name} FALSE POSITIVE ({screen_text(text)['level']}): {text}")
        print(
            f"{name}: held-out screen recall of high/imminent: {len(high) - len(misses)}/"
            f"{len(high)}; benign false positives: {len(false_pos)}/{len(benign)}"
        )


if __name__ == "__main__":
    main()
