"""The curated library of counselor moves, per ESConv strategy.

Each move is one or two sentences with slots filled from the user's own words: ``{person}``
(someone they mentioned), ``{thing}`` (what they named), ``{feeling}`` (the feeling they
expressed), ``{event}`` (what happened, in the second person) and ``{quote}`` (a short clause
of theirs said back). ``needs`` lists the slots a move requires; ``tags`` restricts a move to
some emotion families (empty = any) or, for "Others", to a social situation. Moves tagged
``risky`` (praise of a plan or decision, "whatever you decide", goodbyes, "that makes sense")
are dangerous after talk of suicide, self-harm or harming someone: the composer never picks
them when the turn carries any risk category.

House rules for every line: no diagnosis, no lecturing, no "you should", suggestions are
offered as options the person is free to decline, and no stock opener is leaned on.
"""

from __future__ import annotations

from dataclasses import dataclass

from confide.records import STRATEGIES


@dataclass(frozen=True)
class Move:
    """One counselor move: an id, the slots it needs, where it fits, and its text."""

    id: str
    text: str
    needs: frozenset[str] = frozenset()
    #: emotion families, situations, "#topic"s, "risky", and two grounding rules: "fresh" (every
    #: slot must come from this message, never from earlier turns) and "cause" (the thing and
    #: the feeling must have been said in one sentence: no "work has left you hopeless" unless
    #: they linked the two themselves)
    tags: frozenset[str] = frozenset()


def _m(mid: str, needs: str, tags: str, text: str) -> Move:
    return Move(mid, text, frozenset(needs.split()), frozenset(tags.split()))


QUESTION = [
    _m("q01", "person", "fresh", "What part of this with {person} has stayed with you the most?"),
    _m("q02", "thing", "fresh", "When did {thing} start to feel this heavy?"),
    _m("q03", "", "", "What's the part of all this that weighs on you most right now?"),
    _m(
        "q04",
        "feeling",
        "",
        "When you feel {feeling} like this, what tends to be going on around you?",
    ),
    _m("q05", "person", "alive", "How have things been between you and {person} lately?"),
    _m("q06", "", "", "Can you walk me through what the last few days have looked like?"),
    _m(
        "q07",
        "thing",
        "anxiety fear",
        "What would it mean for you if {thing} turned out the way you fear?",
    ),
    _m("q08", "", "anxiety fear", "What does the worry tell you is going to happen?"),
    _m("q09", "", "anger", "What was the moment where it tipped over into anger for you?"),
    _m("q10", "", "loneliness", "Who, if anyone, have you been able to talk to about this?"),
    _m("q11", "", "", "How long has it been like this for you?"),
    _m("q12", "event", "", "How have you been holding up since {event}?"),
    _m(
        "q13",
        "person",
        "alive fresh",
        "What do you wish {person} understood about how this feels for you?",
    ),
    _m("q14", "", "", "What's been the hardest moment of it so far?"),
    _m(
        "q15",
        "",
        "shame guilt",
        "Whose voice does that harsh judgement sound like, yours or someone else's?",
    ),
    _m(
        "q16",
        "",
        "sadness exhaustion",
        "How have you been sleeping and eating through all of this?",
    ),
    _m("q17", "thing", "", "What's happening with {thing} right now, as you see it?"),
    _m("q18", "", "", "If you could change one thing about the situation, what would it be?"),
    _m("q19", "thing", "", "What have you already tried with {thing}, and how did it go?"),
    _m(
        "q20",
        "feeling",
        "",
        "Is feeling {feeling} something new for you, or has it been around for a while?",
    ),
]

RESTATEMENT = [
    _m("r01", "quote", "", "So {quote}, and that's been sitting with you."),
    _m("r02", "quote", "", "Let me make sure I follow: {quote}."),
    _m("r03", "person quote", "fresh", "If I've got this right, this is about {person}: {quote}."),
    _m(
        "r04",
        "thing",
        "",
        "So {thing} is what's taking up most of the room in your head right now.",
    ),
    _m("r05", "event", "", "So {event}, and you're still trying to find your footing after it."),
    _m("r06", "quote", "", "What I'm hearing is that {quote}, and it hasn't let up."),
    _m("r07", "person", "", "So a lot of this comes back to what's going on with {person}."),
    _m(
        "r08",
        "thing feeling",
        "fresh cause",
        "So {thing} has you feeling {feeling}, and it's been hard to set it down.",
    ),
    _m("r09", "quote", "", "In your words: {quote}. That's a lot to carry."),
    _m("r10", "person thing", "fresh", "So there's {thing}, and on top of that there's {person}."),
    _m("r11", "", "", "So it isn't one thing; it's several things piling up at once."),
    _m("r12", "quote", "", "You're saying {quote}, and nothing you've tried has shifted it."),
    _m(
        "r13",
        "event feeling",
        "fresh",
        "Since {event}, you've been feeling {feeling}, more than you expected.",
    ),
    _m("r14", "thing", "risky", "So the question underneath is what to do about {thing}."),
    _m(
        "r15",
        "person feeling",
        "sadness guilt loneliness fresh",
        "So {person} matters a lot to you, and that's exactly why this hurts.",
    ),
    _m("r16", "quote", "", "Just to check I understand: {quote}, yes?"),
    _m("r17", "", "", "So you've been holding this mostly on your own until now."),
]

REFLECTION = [
    _m(
        "f01",
        "feeling",
        "",
        "Feeling {feeling} like this is exhausting, especially when it won't let up.",
    ),
    _m(
        "f02",
        "feeling person",
        "sadness guilt loneliness shame fresh",
        "Of course you feel {feeling}; {person} matters to you.",
    ),
    _m("f03", "", "sadness", "There's a real heaviness in what you're describing."),
    _m("f04", "", "anxiety fear", "That kind of worry can make everything feel urgent at once."),
    _m("f05", "", "anger risky", "You're angry, and given what happened, that anger makes sense."),
    _m("f06", "", "loneliness", "Feeling that alone with something is its own kind of pain."),
    _m(
        "f07",
        "",
        "shame",
        "There's a lot of shame in how you're talking about yourself, and "
        "it sounds painful to carry.",
    ),
    _m("f08", "", "guilt", "The guilt seems to be sitting on you heavily."),
    _m(
        "f09",
        "feeling thing",
        "fresh cause",
        "{thing} has left you feeling {feeling}, and that's a hard place to be.",
    ),
    _m(
        "f10",
        "",
        "exhaustion",
        "You sound worn down, like you've been running on empty for a while.",
    ),
    _m("f11", "feeling", "", "It makes sense that you'd feel {feeling} after all of this."),
    _m(
        "f12",
        "person",
        "fresh",
        "You're holding a lot here, and {person} is part of that picture.",
    ),
    _m("f13", "", "", "This has been really painful, and you've been carrying it quietly."),
    _m("f14", "", "", "I can feel how much this matters to you."),
    _m("f15", "event", "", "After {event}, it would be strange if you didn't feel shaken."),
    _m(
        "f16",
        "feeling",
        "",
        "That {feeling} feeling deserves some room here; there's no rush to push it away.",
    ),
    _m(
        "f17",
        "",
        "anxiety",
        "Your mind sounds like it's been on high alert, bracing for the next thing.",
    ),
    _m(
        "f18",
        "",
        "sadness",
        "There's something like grief in this, even if nobody would call it that.",
    ),
]

SELF_DISCLOSURE = [
    _m(
        "s01",
        "",
        "asked",
        "I'm an AI, so I haven't lived this myself, but I'll be honest: "
        "reading this, I don't want you to feel alone with it.",
    ),
    _m(
        "s02",
        "person",
        "fresh",
        "Speaking for myself, what stands out reading this is how much you care about {person}.",
    ),
    _m(
        "s03",
        "",
        "",
        "I don't have a life like yours, but I do notice that I want to slow "
        "down and really get this right with you.",
    ),
    _m(
        "s04",
        "",
        "",
        "For what it's worth, you're not the first person I've heard describe "
        "something like this, and it's never a small thing.",
    ),
    _m(
        "s05",
        "thing",
        "fresh",
        "If I'm honest, {thing} sounds like something that would unsettle almost anyone.",
    ),
    _m(
        "s06",
        "",
        "",
        "I'll admit I felt a pull to jump straight to fixes, so I'm holding "
        "that back to stay with you first.",
    ),
    _m("s07", "", "anger", "Reading that, I felt a flash of protectiveness on your behalf."),
    _m(
        "s08",
        "",
        "sadness",
        "What you wrote stayed with me; there's a lot of tenderness in how you describe it.",
    ),
    _m(
        "s09",
        "",
        "loneliness",
        "I can't be a friend in the way a person can, but I'm glad you "
        "told me, and I'm here for this conversation.",
    ),
    _m("s10", "", "", "Honestly, I'm moved that you trust me with this."),
    _m(
        "s11",
        "feeling",
        "",
        "I can't feel {feeling} the way you do, but I can tell you it "
        "doesn't sound like an overreaction to me.",
    ),
    _m(
        "s12",
        "",
        "anxiety fear",
        "My honest take is that your worry is pointing at something "
        "that matters to you, not at a flaw in you.",
    ),
    _m(
        "s13",
        "",
        "asked",
        "I'm not a person, so I won't pretend I've been there, but I'm fully "
        "here for this conversation.",
    ),
    _m(
        "s14",
        "person",
        "sadness guilt loneliness shame anxiety alive",
        "My honest impression is that you've been trying hard with {person}, maybe harder "
        "than you give yourself credit for.",
    ),
    _m(
        "s15",
        "",
        "shame guilt",
        "Reading this, I don't see the person you're describing; I "
        "see someone being very hard on themselves.",
    ),
    _m(
        "s16",
        "",
        "asked",
        "I'll be upfront: as an AI I can't know exactly how this feels, but "
        "I'm taking it seriously.",
    ),
]

AFFIRMATION = [
    _m("a01", "", "", "It took courage to put this into words."),
    _m(
        "a02",
        "",
        "shame guilt",
        "Making a mistake doesn't make you a bad person; it makes you a person.",
    ),
    _m(
        "a03",
        "person",
        "sadness guilt loneliness shame fresh",
        "The way you talk about {person} shows how much you care.",
    ),
    _m(
        "a04",
        "thing",
        "fresh",
        "You've kept going with {thing} even while it's been this hard, and that counts.",
    ),
    _m("a05", "", "", "You're allowed to find this hard. It doesn't mean you're failing."),
    _m(
        "a06",
        "",
        "risky",
        "You clearly know yourself well, better than you might give yourself credit for.",
    ),
    _m("a07", "", "plan risky", "That's a thoughtful plan, and it's yours, which matters."),
    _m("a08", "", "exhaustion", "Being this tired after all you've carried is not weakness."),
    _m(
        "a09",
        "",
        "anxiety fear",
        "You've got through hard days before, even when it didn't feel like it.",
    ),
    _m("a10", "", "", "Reaching out instead of keeping it all inside is a real strength."),
    _m("a11", "feeling", "", "Feeling {feeling} doesn't cancel out everything you're doing right."),
    _m("a12", "", "loneliness", "Wanting connection isn't needy; it's human."),
    _m(
        "a13",
        "",
        "risky",
        "You're taking this seriously and thinking it through, which says a lot about you.",
    ),
    _m(
        "a14",
        "",
        "anger risky",
        "Your anger is telling you that something important to you was crossed.",
    ),
    _m("a15", "", "risky", "Whatever you decide, you're the one who knows your life best."),
    _m("a16", "", "", "You deserve the same kindness you'd give a friend in your place."),
    _m("a17", "thing", "fresh", "How things go with {thing} doesn't measure your worth."),
    _m("a18", "", "plan risky", "That small step still counts; change usually starts that small."),
]

SUGGESTIONS = [
    _m(
        "p01",
        "person",
        "",
        "One option, if it feels right: write down what you'd most want "
        "{person} to understand, even if you never send it.",
    ),
    _m(
        "p02",
        "thing",
        "risky",
        "Would it help to pick one small piece of {thing} for tomorrow, and let the rest wait?",
    ),
    _m(
        "p03",
        "",
        "anxiety fear",
        "Some people find it helps to give the worry a set "
        "fifteen minutes a day and jot it down, so it's not running all day. Would that suit "
        "you?",
    ),
    _m(
        "p04",
        "",
        "exhaustion sadness",
        "Maybe tonight could be about one kind thing for your "
        "body: food, a shower or an earlier night. Does any of those feel doable?",
    ),
    _m(
        "p05",
        "",
        "loneliness",
        "Is there one person you could send a short message to this week, even just to say hi?",
    ),
    _m(
        "p06",
        "person",
        "alive",
        "You could try opening with how you feel rather than what "
        "{person} did; it can make it easier for them to hear. Does that fit?",
    ),
    _m(
        "p07",
        "",
        "anger risky",
        "Before deciding anything, it might help to let the anger "
        "settle a little: a walk, or writing it all out first. What do you think?",
    ),
    _m(
        "p08",
        "",
        "#decision risky",
        "Would it help to break this into the part you can "
        "control and the part you can't, and start with the first?",
    ),
    _m(
        "p09",
        "thing",
        "",
        "If you're open to it, talking to someone you trust about {thing} "
        "could take some of the weight off. You know best who that might be.",
    ),
    _m(
        "p10",
        "",
        "anxiety #panic",
        "When it spikes, slow breathing, with a longer out-breath than "
        "in-breath, can take the edge off. Want to try it for a minute?",
    ),
    _m(
        "p11",
        "",
        "risky",
        "One idea, and feel free to leave it: try the smallest possible first "
        "step and see how it feels before planning more.",
    ),
    _m(
        "p12",
        "",
        "shame guilt",
        "If it helps, you could ask yourself what you'd say to a "
        "friend who told you this, and try saying it to yourself.",
    ),
    _m(
        "p13",
        "person",
        "alive",
        "It might be worth choosing a calm moment to talk with {person}, "
        "rather than in the middle of things. Would that be possible?",
    ),
    _m(
        "p14",
        "",
        "risky",
        "Would it help to make a short list of what's on your plate, then "
        "cross off one thing that can wait?",
    ),
    _m(
        "p15",
        "",
        "#help",
        "If this keeps weighing on you, a counselor or your doctor could be a "
        "good person to talk it through with. It's completely your call.",
    ),
    _m(
        "p16",
        "thing",
        "risky",
        "You could ask for a little more time or support with {thing}; "
        "people often say yes more than we expect.",
    ),
    _m(
        "p17",
        "",
        "sadness",
        "Sometimes a little movement or daylight helps a bit, even a "
        "ten-minute walk. Would that be manageable?",
    ),
    _m(
        "p19",
        "",
        "#decision risky",
        "It might help to write down what each option would "
        "give you and cost you, then sleep on it; you know your situation best.",
    ),
    _m(
        "p20",
        "",
        "#decision risky",
        "Before deciding, could you talk it through with "
        "someone who knows you well, and notice how each option feels said out loud?",
    ),
    _m(
        "p18",
        "",
        "",
        "You might try noting down, each evening, one thing that went okay. "
        "It's small, but it can shift the view over time.",
    ),
]

INFORMATION = [
    _m(
        "i01",
        "",
        "sadness #grief",
        "Grief and sadness rarely move in a straight line; waves that "
        "come back after good days are very common.",
    ),
    _m(
        "i02",
        "",
        "anxiety fear #panic",
        "Anxiety often makes the body react as if danger is right "
        "here, a racing heart or tight chest, even when we're safe.",
    ),
    _m(
        "i03",
        "",
        "#sleep",
        "Sleep and stress feed each other: poor sleep makes everything feel "
        "heavier, and stress makes sleep harder.",
    ),
    _m(
        "i04",
        "",
        "loneliness",
        "Loneliness is very common, and it can happen even when "
        "people are around; it's about feeling connected, not about numbers.",
    ),
    _m(
        "i05",
        "",
        "anger",
        "Anger often sits on top of something softer, like hurt or fear; "
        "that doesn't make it wrong.",
    ),
    _m(
        "i06",
        "",
        "shame guilt",
        "Guilt tends to focus on what we did and can be repaired; "
        "shame says something is wrong with us, and it's usually far less accurate.",
    ),
    _m(
        "i07",
        "",
        "risky",
        "Many people feel exactly this way after a big change, even a wanted "
        "one; it's a common reaction, not a sign something is wrong with you.",
    ),
    _m(
        "i08",
        "",
        "exhaustion",
        "Long stretches of stress without rest often show up as "
        "exhaustion, irritability and trouble concentrating.",
    ),
    _m(
        "i09",
        "",
        "#breakup",
        "Breakups and endings can hurt physically as well as emotionally; the "
        "pain tends to ease slowly rather than all at once.",
    ),
    _m(
        "i10",
        "",
        "anxiety #sleep",
        "Worry tends to feel more convincing at night, when we're tired "
        "and there's nothing to distract us.",
    ),
    _m(
        "i11",
        "",
        "#help",
        "Counselors, your doctor and peer support lines are all there for "
        "exactly this kind of thing, and reaching out early is common.",
    ),
    _m(
        "i12",
        "",
        "#exam #work",
        "Exam and work stress are among the most common reasons people look "
        "for support; you're far from alone in this.",
    ),
    _m(
        "i13",
        "",
        "#relationship",
        "Conflict in close relationships is normal, and repair after it, "
        "even slow repair, happens more often than people expect.",
    ),
    _m(
        "i14",
        "",
        "risky",
        "Most people in that situation go through a mix of relief, doubt and "
        "sadness, sometimes all in one day.",
    ),
    _m(
        "i15",
        "",
        "sadness exhaustion",
        "When mood is low, energy and motivation usually "
        "drop too, so starting things feels harder than it used to.",
    ),
    _m(
        "i16",
        "",
        "",
        "Big feelings usually peak and then ease, even when it doesn't feel "
        "that way in the moment.",
    ),
]

OTHERS = [
    _m("o01", "", "greet", "Hi, I'm glad you're here. What's on your mind today?"),
    _m("o02", "", "greet", "Hello. Take your time; what would you like to talk about?"),
    _m("o03", "", "greet", "Hey, thanks for stopping by. How are you doing, really?"),
    _m("o04", "", "greet", "Hi there. I'm here to listen, whatever it is."),
    _m(
        "o05",
        "",
        "close risky",
        "Thank you for talking with me. Take good care of yourself, and come back any time.",
    ),
    _m("o06", "", "close risky", "I'm glad we talked. Go gently tonight."),
    _m("o07", "", "close risky", "Take care. I'll be here if you want to pick this up again."),
    _m(
        "o08",
        "",
        "close risky",
        "It was good to talk with you. I hope the next few days are kinder to you.",
    ),
    _m("o09", "", "thanks", "You're very welcome. I'm glad it helped a little."),
    _m("o10", "", "thanks", "I'm glad that was useful. Is there anything else on your mind?"),
    _m(
        "o11",
        "",
        "thanks",
        "Thank you for saying so. What would you like to do with the rest of your day?",
    ),
    _m("o12", "", "", "I'm here, and there's no rush."),
    _m("o13", "", "", "Take all the time you need; I'm listening."),
    _m("o14", "", "", "Thank you for sharing that with me."),
    _m("o15", "", "", "I'm with you so far. Say as much or as little as you like."),
    _m("o16", "", "", "That's okay; we can go at whatever pace suits you."),
    _m("o17", "", "", "I appreciate you telling me all of this."),
    _m("o18", "", "vent", "Of course. Go ahead, I'm listening, and I won't jump in with advice."),
    _m("o19", "", "vent", "Let it all out; I'm here to listen."),
    _m("o20", "", "vent", "Sure. Say it however it comes out; I'm just here to hear it."),
]

#: The library, keyed by the exact ESConv strategy names.
LIBRARY: dict[str, list[Move]] = {
    "Question": QUESTION,
    "Restatement or Paraphrasing": RESTATEMENT,
    "Reflection of Feelings": REFLECTION,
    "Self-disclosure": SELF_DISCLOSURE,
    "Affirmation and Reassurance": AFFIRMATION,
    "Providing Suggestions": SUGGESTIONS,
    "Information": INFORMATION,
    "Others": OTHERS,
}
assert set(LIBRARY) == set(STRATEGIES)

#: Short bridges that can open a reply when a move alone would feel abrupt (never stock openers).
BRIDGES: list[Move] = [
    _m("b01", "person", "fresh", "Thank you for telling me about {person}."),
    _m("b02", "thing", "fresh", "That's a lot going on with {thing}."),
    _m("b03", "", "", "Thank you for sharing that."),
    _m("b04", "", "", "That's a lot to be holding."),
    _m("b05", "feeling", "", "Feeling {feeling} is hard."),
    _m("b06", "", "", "I'm glad you said it out loud."),
    _m("b07", "", "", "Okay, I'm following you."),
    _m("b08", "", "risky", "That makes sense."),
    _m("b09", "feeling", "", "No wonder you feel {feeling}."),
    _m("b10", "feeling", "", "I can tell how {feeling} this has left you."),
    _m("b11", "feeling", "", "Feeling {feeling} is a hard place to be in."),
]

#: Empathic openers added when a reply would otherwise not acknowledge what was shared.
EMPATHIC_BRIDGES: list[Move] = [
    _m("e01", "", "", "Thank you for telling me this."),
    _m("e02", "", "", "I'm sorry it's been like this for you."),
    _m("e03", "feeling", "fresh", "I'm glad you told me how {feeling} you've been feeling."),
    _m("e04", "", "", "I can tell this matters to you."),
    _m("e05", "thing", "fresh", "Thank you for telling me about {thing}."),
    _m("e06", "", "", "I'm really glad you reached out about this."),
]

#: Said when a reply would otherwise neither ask anything nor show it stays in the conversation.
STAY_LINES: list[str] = [
    "I'm here, and there's no rush.",
    "I'm here with you; say as much or as little as you like.",
    "I'm still here and listening.",
]

#: A direct, gentle safety check-in for moderate risk (fixed, reviewed wording).
CHECK_INS: list[str] = [
    "I want to ask you directly, because it matters: are you having thoughts of ending your "
    "life or hurting yourself?",
    "Can I check something with you gently: when things feel like this, do thoughts of "
    "suicide or of hurting yourself come up?",
    "I'd like to ask plainly, and you can answer honestly: are you thinking about harming "
    "yourself right now?",
    "You matter here, so I'll ask straight out: are you feeling unsafe with yourself at the "
    "moment?",
]

#: Situation tags that gate "Others" moves (a greeting is never answered with a goodbye).
SOCIAL_TAGS = frozenset({"greet", "close", "thanks", "vent"})

#: Topics a move can be about ("#grief"); a move with a matching topic ranks first.
TOPICS: dict[str, str] = {
    "#grief": r"\b(died|passed away|funeral|grie\w+|loss of|lost (my|her|his) (mom|dad|mother"
    r"|father|grandma|grandpa|dog|cat|friend|wife|husband))\b",
    "#panic": r"\b(panic\w*|heart (is )?racing|can'?t breathe|chest (is )?tight)\b",
    "#sleep": r"\b(sleep\w*|insomnia|awake|3 ?am|at night|nightmares?)\b",
    "#breakup": r"\b(broke up|break-?up|my ex\b|divorc\w+|dumped|cheated)\b",
    "#exam": r"\b(exams?|tests?|grades?|finals|revis\w+|thesis|studying)\b",
    "#work": r"\b(job|boss|work|career|manager|colleagues?|fired|laid off|shift)\b",
    "#relationship": r"\b(fight|argument|sister|brother|partner|boyfriend|girlfriend|husband"
    r"|wife|mom|dad|mum|parents|friend)\b",
    "#decision": r"\b(should i (quit|leave|stay|go|move|break|end|take|accept"
    r"|change|report|confront|forgive)|do you think i should|whether (to|i should)|or should i"
    r"|(quit|leave|stay|move out|break up)\?)",
    "#help": r"\b(therap\w+|counsel\w+|doctor|professional help|get help|support group)\b",
}

#: Openers that become stock phrases when repeated turn after turn.
STOCK_OPENERS = ("it sounds like", "i hear you", "i'm sorry to hear", "that sounds")
