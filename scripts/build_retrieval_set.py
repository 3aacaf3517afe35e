# ruff: noqa: E501
"""Build benchmarks/data/retrieval_set.jsonl: the labelled set for emotion-aware retrieval.

Four fictional users (Maya, Leo, Priya, Sam), 25 memories each, written by hand as a user would
disclose them across five or six sessions over months (days_ago). Each memory and each query has
an emotion label; labels map to hand-set Plutchik prototypes (below) with a small seeded jitter.

Labelling rule for a query's expected ids, fixed before any strategy was run: the memories a
counsellor would want at hand for this message in this mood - the same topic; where a topic has
memories of different moods, the ones congruent with the current mood; plus a coping memory
that helped with the same trouble when the user asked for help with it. Several queries repeat
the same text in different moods (tag "mood"): only emotion can tell those apart.

Run: .venv/bin/python scripts/build_retrieval_set.py
"""

from __future__ import annotations

import json
import random
from pathlib import Path

PLUTCHIK = ("joy", "trust", "fear", "surprise", "sadness", "disgust", "anger", "anticipation")

PROTOTYPES: dict[str, dict[str, float]] = {
    "joy": {"joy": 0.85, "trust": 0.4, "anticipation": 0.3},
    "excited": {"joy": 0.7, "anticipation": 0.8, "surprise": 0.3},
    "hopeful": {"anticipation": 0.7, "joy": 0.45, "trust": 0.35},
    "calm": {"trust": 0.6, "joy": 0.45},
    "relief": {"joy": 0.65, "trust": 0.5, "surprise": 0.2},
    "tender": {"trust": 0.7, "joy": 0.45, "sadness": 0.35},
    "anxious": {"fear": 0.8, "anticipation": 0.45, "sadness": 0.2},
    "panic": {"fear": 0.95, "surprise": 0.45},
    "sad": {"sadness": 0.85, "fear": 0.1},
    "grief": {"sadness": 0.9, "surprise": 0.2, "trust": 0.15},
    "lonely": {"sadness": 0.75, "fear": 0.25, "anticipation": 0.1},
    "hurt": {"sadness": 0.7, "anger": 0.4},
    "shocked": {"surprise": 0.75, "sadness": 0.45, "fear": 0.4},
    "angry": {"anger": 0.85, "disgust": 0.35},
    "frustrated": {"anger": 0.6, "sadness": 0.3, "anticipation": 0.2},
    "ashamed": {"sadness": 0.55, "disgust": 0.5, "fear": 0.3},
}

# (id, session, days_ago, emotion label, text); kind "summary" when the text starts "Summary:"
MEMORIES: dict[str, list[tuple[str, str, int, str, str]]] = {
    "maya": [
        (
            "m01",
            "s1",
            120,
            "joy",
            "My mom and I baked bread together on Sunday, it felt like old times.",
        ),
        (
            "m02",
            "s1",
            120,
            "ashamed",
            "Mom commented on my weight at dinner again and I felt small and ashamed.",
        ),
        (
            "m03",
            "s2",
            90,
            "angry",
            "I screamed at my mother on the phone because she read my private messages.",
        ),
        (
            "m04",
            "s5",
            10,
            "anxious",
            "Mom's heart surgery is scheduled for next month and I'm terrified something will go wrong.",
        ),
        (
            "m05",
            "s5",
            10,
            "hopeful",
            "The doctor said mom's surgery has a good success rate, which helped a little.",
        ),
        (
            "m06",
            "s1",
            120,
            "sad",
            "Night shifts at the hospital are draining me; I come home and can't sleep.",
        ),
        (
            "m07",
            "s2",
            90,
            "grief",
            "A patient I cared for died during my shift and I cried in the supply closet.",
        ),
        ("m08", "s3", 60, "joy", "My head nurse praised me in front of the whole team today."),
        (
            "m09",
            "s3",
            60,
            "angry",
            "I'm furious that the hospital cut our staffing again and expects us to cover.",
        ),
        (
            "m10",
            "s4",
            30,
            "calm",
            "Writing in my journal before bed has been helping me fall asleep.",
        ),
        (
            "m11",
            "s2",
            90,
            "lonely",
            "My best friend Jess moved to Canada and I feel so alone in the evenings.",
        ),
        (
            "m12",
            "s4",
            30,
            "joy",
            "Jess and I had a two-hour video call and I laughed more than I have in weeks.",
        ),
        ("m13", "s3", 60, "anxious", "I keep wondering whether I should leave nursing altogether."),
        (
            "m14",
            "s4",
            30,
            "hopeful",
            "I signed up for a pottery class on Thursdays, something just for me.",
        ),
        (
            "m15",
            "s5",
            10,
            "frustrated",
            "My brother refuses to help with mom's care and leaves everything to me.",
        ),
        (
            "m16",
            "s2",
            90,
            "anxious",
            "I'm scared of driving since the accident on the highway last winter.",
        ),
        (
            "m17",
            "s3",
            60,
            "calm",
            "Taking the bus instead of driving took the pressure off my mornings.",
        ),
        ("m18", "s1", 120, "anxious", "My cat Miso got sick and the vet bill was huge."),
        ("m19", "s4", 30, "joy", "Miso is healthy again and sleeps on my chest every night."),
        (
            "m20",
            "s5",
            10,
            "ashamed",
            "I feel guilty for being relieved when my shift ends and I don't have to see patients.",
        ),
        (
            "m21",
            "s3",
            60,
            "frustrated",
            "Summary: staffing cuts at the hospital, thinking about leaving nursing, and the idea of a pottery class. Felt angry at the start and hopeful by the end.",
        ),
        (
            "m22",
            "s2",
            90,
            "angry",
            "My dad left when I was nine and I still get angry when mom defends him.",
        ),
        ("m23", "s4", 30, "calm", "Deep breathing in the car before a shift calms my nerves."),
        ("m24", "s1", 120, "sad", "I haven't had a real day off in three weeks."),
        (
            "m25",
            "s5",
            10,
            "tender",
            "Mom asked me to be there when she wakes up after surgery, and that means a lot to me.",
        ),
    ],
    "leo": [
        (
            "l01",
            "s1",
            150,
            "grief",
            "Nina broke up with me after four years and I can't stop replaying our last fight.",
        ),
        (
            "l02",
            "s1",
            150,
            "angry",
            "I found out Nina had been planning to leave for months, and I'm so angry she lied.",
        ),
        ("l03", "s2", 120, "shocked", "I got laid off from the startup with two weeks' notice."),
        (
            "l04",
            "s2",
            120,
            "anxious",
            "Rent is due and without a paycheck I'm scared I'll have to move back with my parents.",
        ),
        (
            "l05",
            "s2",
            120,
            "calm",
            "Running along the river every morning is the only thing keeping me sane.",
        ),
        ("l06", "s3", 80, "ashamed", "I bombed a technical interview and felt like an idiot."),
        (
            "l07",
            "s3",
            80,
            "excited",
            "A recruiter from a climate tech company reached out and I'm actually excited.",
        ),
        ("l08", "s4", 40, "excited", "I got the job at the climate company, I start on Monday!"),
        (
            "l09",
            "s5",
            12,
            "anxious",
            "My new manager gives feedback in front of everyone and it makes me anxious.",
        ),
        (
            "l10",
            "s5",
            12,
            "anxious",
            "I'm afraid they'll realise I'm not good enough and fire me too.",
        ),
        (
            "l11",
            "s4",
            40,
            "joy",
            "My friend Omar invited me to his band's gig and I had a great night.",
        ),
        (
            "l12",
            "s3",
            80,
            "lonely",
            "I haven't left the apartment in four days except to buy food.",
        ),
        (
            "l13",
            "s2",
            120,
            "hurt",
            "My dad said getting laid off was my own fault and it really stung.",
        ),
        (
            "l14",
            "s5",
            12,
            "shocked",
            "I saw Nina with someone new at the coffee shop and my stomach dropped.",
        ),
        (
            "l15",
            "s4",
            40,
            "relief",
            "I deleted Nina's photos from my phone and felt lighter afterwards.",
        ),
        (
            "l16",
            "s1",
            150,
            "sad",
            "I've been drinking more beers at night since the breakup to fall asleep.",
        ),
        ("l17", "s3", 80, "calm", "Calling my sister when I spiral helps me get out of my head."),
        ("l18", "s5", 12, "hopeful", "I want to sign up for a half marathon in spring."),
        ("l19", "s4", 40, "tender", "My mom sent me a care package with homemade cookies."),
        (
            "l20",
            "s2",
            120,
            "angry",
            "I'm furious that the founders took bonuses while they laid us off.",
        ),
        (
            "l21",
            "s5",
            12,
            "ashamed",
            "I snapped at a coworker during standup and I feel awful about it.",
        ),
        (
            "l22",
            "s3",
            80,
            "sad",
            "Summary: mostly stuck at home, the job search stalling, an interview that went badly; calling my sister helped. Felt sad at the start and a little hopeful by the end.",
        ),
        ("l23", "s1", 150, "lonely", "Our dog Pepper stayed with Nina and I miss him every day."),
        (
            "l24",
            "s4",
            40,
            "relief",
            "Journaling about the breakup made me see it wasn't all my fault.",
        ),
        (
            "l25",
            "s5",
            12,
            "joy",
            "Work is going better than I expected, I shipped my first feature.",
        ),
    ],
    "priya": [
        (
            "p01",
            "s1",
            100,
            "anxious",
            "My organic chemistry midterm is in two weeks and I'm panicking.",
        ),
        (
            "p02",
            "s1",
            100,
            "ashamed",
            "I failed the chemistry quiz and I'm ashamed to tell my parents.",
        ),
        ("p03", "s2", 70, "relief", "I passed the midterm with a B+ and I'm so relieved!"),
        (
            "p04",
            "s2",
            70,
            "calm",
            "Studying with the Pomodoro timer at the library helped me focus.",
        ),
        (
            "p05",
            "s3",
            45,
            "anxious",
            "My dad was diagnosed with diabetes and I'm worried about him being alone.",
        ),
        (
            "p06",
            "s3",
            45,
            "joy",
            "Dad laughed on the phone tonight and sounded like himself again.",
        ),
        (
            "p07",
            "s1",
            100,
            "angry",
            "My roommate Kelly keeps bringing people over at 2am and I'm fed up.",
        ),
        (
            "p08",
            "s4",
            20,
            "relief",
            "Kelly apologised and we agreed on quiet hours; it feels so much better.",
        ),
        (
            "p09",
            "s2",
            70,
            "grief",
            "My grandmother passed away last spring and exams remind me of her cooking for me when I studied.",
        ),
        (
            "p10",
            "s4",
            20,
            "tender",
            "I lit a candle for grandma on her birthday and felt close to her.",
        ),
        (
            "p11",
            "s3",
            45,
            "anxious",
            "I'm thinking of switching from pre-med to psychology but I'm scared of disappointing my parents.",
        ),
        (
            "p12",
            "s4",
            20,
            "hopeful",
            "I talked to my advisor about switching majors and she was really encouraging.",
        ),
        (
            "p13",
            "s1",
            100,
            "lonely",
            "Nobody in my dorm invites me anywhere, I eat dinner alone most nights.",
        ),
        ("p14", "s4", 20, "joy", "I joined the climbing club and made two friends."),
        (
            "p15",
            "s5",
            5,
            "anxious",
            "Finals start next week and my chest gets tight whenever I open my notes.",
        ),
        ("p16", "s5", 5, "frustrated", "I'm angry at myself for procrastinating all weekend."),
        ("p17", "s2", 70, "calm", "Calling my mom on Sunday nights grounds me."),
        (
            "p18",
            "s3",
            45,
            "angry",
            "My lab partner took credit for my work in front of the professor.",
        ),
        (
            "p19",
            "s5",
            5,
            "anxious",
            "Summary: finals stress, chest tightness when studying, guilt about procrastinating; the Pomodoro method came up again. Felt anxious at the start and calmer by the end.",
        ),
        ("p20", "s3", 45, "excited", "I got an internship interview at the children's hospital!"),
        ("p21", "s4", 20, "sad", "I didn't get the internship and cried on the bus home."),
        (
            "p22",
            "s1",
            100,
            "sad",
            "Scrolling on my phone until 3am makes me feel worse the next day.",
        ),
        ("p23", "s2", 70, "calm", "Going to the gym before class helps me think straight."),
        (
            "p24",
            "s5",
            5,
            "relief",
            "My parents said they'd support me whatever major I pick, I cried with relief.",
        ),
        ("p25", "s3", 45, "panic", "I had a panic attack in the middle of the lecture hall."),
    ],
    "sam": [
        (
            "s01",
            "s1",
            200,
            "anxious",
            "My son Theo got suspended for fighting and I don't know how to reach him.",
        ),
        ("s02", "s1", 200, "frustrated", "My wife and I argue about money almost every night."),
        ("s03", "s2", 150, "joy", "Theo made the honour roll and I was so proud I teared up."),
        (
            "s04",
            "s2",
            150,
            "lonely",
            "We moved to a new city for my wife's job and I don't know anyone here.",
        ),
        (
            "s05",
            "s3",
            100,
            "ashamed",
            "I lost my temper and shouted at Theo over his homework, and I hate that I did that.",
        ),
        (
            "s06",
            "s3",
            100,
            "calm",
            "Counting to ten and leaving the room before I respond has helped with my temper.",
        ),
        ("s07", "s4", 60, "anxious", "The credit card debt is keeping me up at night."),
        (
            "s08",
            "s4",
            60,
            "hopeful",
            "We made a budget together and for the first time it felt like we were a team.",
        ),
        (
            "s09",
            "s2",
            150,
            "anxious",
            "My father was harsh with me growing up and I'm scared I'm becoming him.",
        ),
        (
            "s10",
            "s5",
            15,
            "excited",
            "Theo asked me to coach his soccer team, I didn't expect that.",
        ),
        (
            "s11",
            "s5",
            15,
            "sad",
            "My wife said she feels like a single parent because I work late.",
        ),
        (
            "s12",
            "s3",
            100,
            "joy",
            "I joined a dads' group at the library and met a couple of guys I like.",
        ),
        ("s13", "s4", 60, "lonely", "Nobody from the old city calls anymore."),
        ("s14", "s1", 200, "angry", "My boss denied my raise again after promising it last year."),
        ("s15", "s5", 15, "joy", "I finally asked for the raise again and got it."),
        (
            "s16",
            "s2",
            150,
            "anxious",
            "Our daughter Lily has nightmares since the move and wakes up crying.",
        ),
        ("s17", "s4", 60, "relief", "Lily has slept through the whole night for a week now."),
        (
            "s18",
            "s3",
            100,
            "calm",
            "Woodworking in the garage on Saturday mornings clears my head.",
        ),
        (
            "s19",
            "s5",
            15,
            "hopeful",
            "Summary: family time, my wife feeling alone with the kids, the soccer coaching surprise; counting to ten is still working. Felt guilty at the start and hopeful by the end.",
        ),
        ("s20", "s1", 200, "ashamed", "I feel like I'm failing as a father."),
        ("s21", "s4", 60, "sad", "My brother and I haven't spoken since dad's funeral."),
        ("s22", "s5", 15, "angry", "I'm angry that my brother didn't even call on mom's birthday."),
        ("s23", "s3", 100, "calm", "Walking the dog at night is the only quiet time I get."),
        (
            "s24",
            "s2",
            150,
            "frustrated",
            "I got lost driving Lily to her new school and felt useless.",
        ),
        ("s25", "s3", 100, "joy", "Lily drew a picture of our new house and put it on the fridge."),
    ],
}

# (user, emotion label, text, expected ids, tags)
QUERIES: list[tuple[str, str, str, list[str], list[str]]] = [
    ("maya", "anxious", "I keep thinking about my mom tonight.", ["m04", "m05"], ["mood"]),
    ("maya", "joy", "I keep thinking about my mom tonight.", ["m01", "m25"], ["mood"]),
    ("maya", "angry", "I keep thinking about my mom tonight.", ["m03", "m22"], ["mood"]),
    ("maya", "ashamed", "I keep thinking about my mom tonight.", ["m02"], ["mood"]),
    (
        "maya",
        "panic",
        "The surgery is tomorrow and I can't stop shaking.",
        ["m04", "m05", "m23"],
        ["coping"],
    ),
    (
        "maya",
        "frustrated",
        "Work was brutal again, I'm so done with the hospital.",
        ["m09", "m13", "m06"],
        ["topic"],
    ),
    ("maya", "joy", "Something good happened at work!", ["m08"], ["mood"]),
    ("maya", "sad", "I'm lying awake again after my shift.", ["m06", "m10"], ["coping"]),
    ("maya", "lonely", "I miss having someone to talk to at night.", ["m11", "m12"], ["topic"]),
    ("maya", "joy", "Jess called me today!", ["m12", "m11"], ["topic"]),
    ("maya", "anxious", "I had to drive to the hospital in the rain.", ["m16", "m17"], ["coping"]),
    ("maya", "angry", "My brother still won't lift a finger.", ["m15"], ["topic"]),
    ("maya", "anxious", "Miso is acting weird again, he's not eating.", ["m18", "m19"], ["topic"]),
    ("maya", "ashamed", "I feel like a terrible nurse for wanting to go home.", ["m20"], ["topic"]),
    ("leo", "sad", "I ran into my ex again.", ["l14", "l01"], ["mood"]),
    ("leo", "angry", "I ran into my ex again.", ["l02", "l14"], ["mood"]),
    ("leo", "relief", "I was thinking about Nina today.", ["l15", "l24"], ["mood"]),
    ("leo", "grief", "I was thinking about Nina today.", ["l01", "l23"], ["mood"]),
    ("leo", "anxious", "My manager called me out in the meeting again.", ["l09", "l10"], ["topic"]),
    ("leo", "ashamed", "I messed up at work today and I'm ashamed.", ["l21"], ["mood"]),
    ("leo", "anxious", "Money is getting really tight.", ["l04"], ["topic"]),
    ("leo", "angry", "I'm so angry about how the layoff went down.", ["l20", "l03"], ["mood"]),
    ("leo", "hurt", "Getting laid off still hurts.", ["l03", "l13"], ["mood"]),
    ("leo", "anxious", "I'm spiralling again tonight.", ["l17", "l05"], ["coping"]),
    ("leo", "excited", "I'm excited about running again.", ["l18", "l05"], ["topic"]),
    ("leo", "lonely", "I feel so isolated these days.", ["l12", "l23"], ["topic"]),
    ("leo", "joy", "Good news at my job this week.", ["l25", "l08"], ["mood"]),
    ("leo", "hurt", "My dad said something hurtful again.", ["l13"], ["topic"]),
    (
        "priya",
        "anxious",
        "Exams are coming up again and I'm freaking out.",
        ["p15", "p01", "p19", "p04"],
        ["coping"],
    ),
    ("priya", "relief", "I did it, the exam went well!", ["p03"], ["mood"]),
    ("priya", "anxious", "I'm worried about my dad.", ["p05"], ["mood"]),
    ("priya", "joy", "Talked to dad today and he sounded good.", ["p06"], ["mood"]),
    ("priya", "angry", "Kelly is being loud again.", ["p07"], ["mood"]),
    ("priya", "calm", "Things with Kelly are fine now.", ["p08"], ["mood"]),
    ("priya", "grief", "I miss my grandma.", ["p09", "p10"], ["topic"]),
    (
        "priya",
        "anxious",
        "I'm scared my parents will be disappointed in me.",
        ["p11", "p02"],
        ["mood"],
    ),
    ("priya", "relief", "My parents were so supportive about my major.", ["p24", "p12"], ["mood"]),
    ("priya", "lonely", "I feel so lonely on campus.", ["p13"], ["topic"]),
    (
        "priya",
        "panic",
        "My heart is racing and I can't breathe in class.",
        ["p25", "p15"],
        ["topic"],
    ),
    ("priya", "angry", "I'm so mad someone took credit for my work.", ["p18"], ["topic"]),
    ("priya", "sad", "I didn't get the position.", ["p21"], ["topic"]),
    ("priya", "frustrated", "I wasted the whole weekend again.", ["p16", "p22"], ["topic"]),
    ("sam", "anxious", "Theo is in trouble at school again.", ["s01"], ["mood"]),
    ("sam", "joy", "Theo did something amazing today.", ["s03", "s10"], ["mood"]),
    ("sam", "ashamed", "I yelled at the kids again.", ["s05", "s06"], ["coping"]),
    ("sam", "anxious", "Money is stressing me out.", ["s07", "s02"], ["mood"]),
    ("sam", "hopeful", "The money talk with my wife went well.", ["s08"], ["mood"]),
    ("sam", "anxious", "I'm worried I'm turning into my dad.", ["s09", "s05"], ["topic"]),
    ("sam", "lonely", "I don't have any friends in this city.", ["s04", "s13", "s12"], ["topic"]),
    ("sam", "anxious", "Lily had another bad night.", ["s16", "s17"], ["topic"]),
    ("sam", "sad", "My wife is upset about me working late.", ["s11"], ["topic"]),
    ("sam", "angry", "My brother makes me so angry.", ["s22", "s21"], ["topic"]),
    (
        "sam",
        "frustrated",
        "I need something to calm down after work.",
        ["s18", "s23", "s06"],
        ["coping"],
    ),
    ("sam", "joy", "Work finally recognised me.", ["s15"], ["mood"]),
    ("sam", "ashamed", "Am I a bad father?", ["s20", "s05"], ["mood"]),
    ("sam", "angry", "I'm furious at my boss.", ["s14"], ["topic"]),
]


def vector(label: str, rng: random.Random) -> dict[str, float]:
    base = PROTOTYPES[label]
    out = {}
    for key in PLUTCHIK:
        value = base.get(key, 0.0) + rng.uniform(-0.05, 0.05)
        out[key] = round(min(1.0, max(0.0, value)), 3)
    return out


def main() -> None:
    rng = random.Random(20261121)
    out = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "retrieval_set.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    ids = set()
    for user, memories in MEMORIES.items():
        for mid, session, days_ago, label, text in memories:
            assert mid not in ids, mid
            ids.add(mid)
            kind = "summary" if text.startswith("Summary:") else "disclosure"
            lines.append(
                {
                    "type": "memory",
                    "id": mid,
                    "user": user,
                    "text": text,
                    "kind": kind,
                    "session": session,
                    "days_ago": days_ago,
                    "emotion_label": label,
                    "emotion": vector(label, rng),
                }
            )
    for n, (user, label, text, expected, tags) in enumerate(QUERIES, 1):
        owners = {m[0] for m in MEMORIES[user]}
        assert set(expected) <= owners, (n, expected)
        lines.append(
            {
                "type": "query",
                "id": f"q{n:02d}",
                "user": user,
                "text": text,
                "emotion_label": label,
                "emotion": vector(label, rng),
                "expected": expected,
                "tags": tags,
            }
        )
    out.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))
    print(
        f"wrote {out} ({sum(1 for x in lines if x['type'] == 'memory')} memories,"
        f" {len(QUERIES)} queries)"
    )


if __name__ == "__main__":
    main()
