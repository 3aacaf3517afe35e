"""A small, careful extractor of the user's own details: who, what, and how they feel.

The offline composer grounds its replies in these slots. Each extractor prefers saying nothing
to saying something wrong: a slot is filled only when a clear pattern matched, and the
composer then picks a move that does not need the missing slot.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from confide.safety.language import detect_language

_RELATIONS = (
    "best friend|boyfriend|girlfriend|husband|wife|partner|fiance|fiancee|ex|mom|mum|mother|dad"
    "|father|parents|sister|brother|son|daughter|kids|children|grandma|grandmother|grandpa"
    "|grandfather|aunt|uncle|cousin|boss|manager|supervisor|coworker|co-worker|colleague"
    "|roommate|flatmate|teacher|professor|friend|friends|neighbor|neighbour|family|therapist"
    "|doctor|stepmom|stepdad|in-laws|team|classmates|baby|nan|nana|nanna|gran|granny|grandad"
    "|granddad|grandparents|stepmum"
)
_PERSON = re.compile(rf"\bmy ((?:older |younger |little |big |ex-)?(?:{_RELATIONS}))\b", re.I)
#: "the kids" / "our children" said by a parent ("what I'll tell the kids"), not kids elsewhere.
_FAMILY_KIDS = re.compile(
    r"\b(?:the|our) (kids|children)\b(?! (?:at|in|from|who|next|on|down|across|around|of)\b)", re.I
)
_PETS = re.compile(r"\bmy (dog|cat|puppy|kitten|horse|bird|rabbit|pet)\b", re.I)

_THINGS = (
    "job|work|exams?|finals|thesis|dissertation|marriage|relationship|health|debts?|rent"
    "|interview|divorce|breakup|break-up|project|grades|class|course|business|degree|studies"
    "|finances|money|house|apartment|flat|move|surgery|diagnosis|career|promotion|presentation"
    "|deadline|wedding|pregnancy|mortgage|loan|visa|application|new job|old job|shift|landlord"
    "|school|college|university|uni|test|performance review|review|essay|audition|team"
)
#: A thing is a noun of its own ("the health visitor" is not "the health"): what follows it is
#: punctuation, the end, or a word that is not part of a compound noun.
_THING_END = (
    r"(?=\s*(?:[.,;:!?)]|$)|\s+(?:is|was|are|were|has|have|had|and|but|so|or|keeps|kept|went"
    r"|got|gets|tomorrow|today|tonight|next|this|last|on|in|at|for|because|feels|felt|seems"
    r"|stuff|situation|stress|thing|things|too|again|anymore|lately|right|coming|though|is'nt"
    r"|isn't|isnt|ended|started|sucks|stresses|scares|worries|makes|made|won't|will|'s)\b)"
)
_THING = re.compile(rf"\b(?:my|the|this|our|that) ((?:{_THINGS})){_THING_END}", re.I)
#: Where or when something happened, not what it is about: "she left while I was at work".
_PLACE_BEFORE = re.compile(
    r"(?i)\b(?:at|from|to|after|before|during|into|for|near|outside|around|back at|back to"
    r"|on (?:my|the) way (?:to|from))\s+(?:(?:my|the|this|our|that)\s+)?$"
)
#: A thing said to be fine is not a cause ("the job is fine. it's everything else").
_FINE_AFTER = re.compile(
    r"(?i)^\s+(?:is|was|has been|'s|seems|feels)\s+(?:actually |really |mostly |pretty )?"
    r"(?:fine|ok|okay|good|great|alright|all right|not the problem|not the issue|going well)\b"
)
#: Words that make something a concern of theirs when said in the same sentence as it.
_CONCERN = re.compile(
    r"(?i)\b(stress\w*|worr\w*|scar\w*|afraid|anxious|nervous|dread\w*|panic\w*|hate|awful"
    r"|terrible|horrible|nightmare|killing me|hard|harder|struggl\w*|overwhelm\w*|pressure"
    r"|fail\w*|behind|problem|problems|mess|fired|laid off|lost|losing|drowning|too much|a lot"
    r"|sucks?|crap|shit|exhaust\w*|burn(?:t|ed|ing)? out|tired of|fed up|upset\w*|miserable"
    r"|worst|falling apart|ruin\w*|debts?|can'?t (?:cope|handle|take|sleep|focus|stop|afford"
    r"|deal|face|do)|freak\w*|dreading|bad|wrong|unfair|toxic|crying|cried|hurts?|pain\w*"
    r"|depress\w*|anxiety|sad|angry|frustrat\w*|lonely|guilty|ashamed|embarrass\w*|reject\w*"
    r"|sick|ill|pain|cancer|dementia|redundan\w*|cheat\w*|broke up|dumped|died|passed away"
    r"|crush\w*|killing|drain\w*|gets? to me|getting to me|wearing me down|grind\w*)\b"
)
_HOPELESS = re.compile(
    r"\b(no point|what'?s the point|pointless|nothing matters|can'?t see a way out)\b", re.I
)
#: A person the user has lost: moves that assume a living relationship are skipped.
_DECEASED = re.compile(
    r"\b(?:my )?(\w+(?: \w+)?) (?:died|passed away|passed)\b|\b(?:lost|funeral of|death of) "
    r"(?:my )?(\w+)\b",
    re.I,
)
_PRONOUN = re.compile(r"\b(he|she|him|her|his|they|them)\b", re.I)
_EVENT = re.compile(
    r"\b(lost (?:the|our) baby|had a miscarriage"
    r"|lost (?:my|his|her|their) (?:job|dad|mom|mother|father|grandma|grandpa|dog|cat|friend"
    r"|home|house)"
    r"|got (?:fired|laid off|dumped|rejected|divorced|made redundant|kicked out)"
    r"|(?:was|were) made redundant|failed (?:my|the) \w+(?: test| exam)?|died"
    r"|had to put (?:my|our) \w+ down"
    r"|(?:yelled|shouted|screamed|snapped) at (?:me|us)"
    r"|broke up(?: with \w+)?|passed away|moved (?:out|away|to \w+)"
    r"|(?:had|have) a (?:huge |big )?(?:fight|argument) with (?:my )?\w+)\b",
    re.I,
)
#: Who did it: the words right before an event ("my girlfriend moved out", "she left").
_EVENT_SUBJECT = re.compile(
    r"(?:^|[\s,;(])((?i:i|we|she|he|they)"
    r"|(?i:(?:my|our|a|the) (?:older |younger |little |big |ex-)?(?:%s))|[A-Z][a-z]{2,})"
    r"(?i: (?:just|recently|finally|already|suddenly|basically|kind of"
    r"|totally|actually|then|also|have|has|had|'ve))*\s*$".replace("%s", _RELATIONS)
)
#: "work" is a topic only as a noun ("at work", "work is"), not "it doesn't work".
_BARE_THING = re.compile(
    r"\b(?:at|from|after|before|for|of|with|about|around|because of|(?:go|going|went|get|got"
    r"|drive|driving|walk|walking|head|heading|back|late) to) (work|school"
    r"|uni|college)\b(?! out\b| on\b| it\b)"
    r"|\b(work|school|uni|college)(?: is| was| has| had|'s| stress| drama| pressure| has been"
    r"| keeps| feels)\b",
    re.I,
)
#: The first person, the companion addressed, or both: a clause with "you" is not said back.
_ADDRESSED = re.compile(r"\b(you|your|you're|yours|u|ur)\b", re.I)


#: Feeling words the user might use, mapped to the adjective the composer says back.
FEELINGS: dict[str, str] = {
    "sad": "sad",
    "sadness": "sad",
    "down": "down",
    "depressed": "low",
    "low": "low",
    "anxious": "anxious",
    "anxiety": "anxious",
    "worried": "worried",
    "worry": "worried",
    "scared": "scared",
    "frightened": "frightened",
    "afraid": "afraid",
    "terrified": "terrified",
    "fear": "afraid",
    "nervous": "nervous",
    "panicking": "panicky",
    "panic": "panicky",
    "angry": "angry",
    "furious": "furious",
    "mad": "angry",
    "pissed": "angry",
    "frustrated": "frustrated",
    "annoyed": "annoyed",
    "irritated": "irritated",
    "hurt": "hurt",
    "lonely": "lonely",
    "alone": "alone",
    "isolated": "isolated",
    "ashamed": "ashamed",
    "shame": "ashamed",
    "guilty": "guilty",
    "guilt": "guilty",
    "embarrassed": "embarrassed",
    "overwhelmed": "overwhelmed",
    "stressed": "stressed",
    "exhausted": "exhausted",
    "tired": "worn out",
    "drained": "drained",
    "burnt out": "burnt out",
    "burned out": "burnt out",
    "hopeless": "hopeless",
    "helpless": "helpless",
    "empty": "empty",
    "numb": "numb",
    "heartbroken": "heartbroken",
    "devastated": "devastated",
    "jealous": "jealous",
    "miserable": "miserable",
    "upset": "upset",
    "crushed": "crushed",
    "lost": "lost",
    "stuck": "stuck",
    "betrayed": "betrayed",
    "rejected": "rejected",
    "worthless": "worthless",
    "useless": "useless",
    "confused": "confused",
    "disappointed": "disappointed",
    "resentful": "resentful",
    "bitter": "bitter",
    "insecure": "insecure",
    "inadequate": "not good enough",
    "unappreciated": "unappreciated",
    "invisible": "invisible",
    "trapped": "trapped",
    "restless": "restless",
    "heartsick": "heartsick",
    "homesick": "homesick",
    "heavy": "heavy",
    "humiliated": "humiliated",
    "gutted": "gutted",
    "shocked": "shocked",
}
_FEELING = re.compile(
    r"\b(" + "|".join(sorted((re.escape(k) for k in FEELINGS), key=len, reverse=True)) + r")\b",
    re.I,
)
#: "lost" and "down" are feelings only in "I feel lost", not in "I lost my job".
_AMBIGUOUS = {"lost", "down", "low", "alone", "hurt", "fear", "panic", "mad"}
_FEEL_FRAME = re.compile(
    r"\b(?:feel|feeling|felt|i'?m|i am|so|really|very|just|been|kind of|pretty)\s+(?:so |really "
    r"|very |pretty |kind of |a bit |super )?$",
    re.I,
)

#: Emotion family of each said-back feeling (matches the emotion agent's counseling labels).
FAMILY: dict[str, str] = {
    "sad": "sadness",
    "down": "sadness",
    "low": "sadness",
    "heartbroken": "sadness",
    "devastated": "sadness",
    "crushed": "sadness",
    "empty": "sadness",
    "numb": "sadness",
    "miserable": "sadness",
    "heartsick": "sadness",
    "hopeless": "sadness",
    "helpless": "sadness",
    "disappointed": "sadness",
    "anxious": "anxiety",
    "worried": "anxiety",
    "scared": "fear",
    "frightened": "fear",
    "afraid": "fear",
    "terrified": "fear",
    "nervous": "anxiety",
    "panicky": "anxiety",
    "overwhelmed": "anxiety",
    "stressed": "anxiety",
    "restless": "anxiety",
    "trapped": "anxiety",
    "confused": "anxiety",
    "angry": "anger",
    "furious": "anger",
    "frustrated": "anger",
    "annoyed": "anger",
    "irritated": "anger",
    "resentful": "anger",
    "bitter": "anger",
    "betrayed": "anger",
    "hurt": "sadness",
    "lonely": "loneliness",
    "alone": "loneliness",
    "isolated": "loneliness",
    "invisible": "loneliness",
    "rejected": "loneliness",
    "homesick": "loneliness",
    "ashamed": "shame",
    "embarrassed": "shame",
    "worthless": "shame",
    "useless": "shame",
    "not good enough": "shame",
    "insecure": "shame",
    "guilty": "guilt",
    "exhausted": "exhaustion",
    "worn out": "exhaustion",
    "drained": "exhaustion",
    "burnt out": "exhaustion",
    "lost": "sadness",
    "stuck": "anxiety",
    "jealous": "anger",
    "upset": "sadness",
    "unappreciated": "anger",
    "fed up": "anger",
    "heavy": "sadness",
    "humiliated": "shame",
    "gutted": "sadness",
    "shocked": "fear",
}

_NOT_NAMES = {
    "I",
    "I'm",
    "I've",
    "I'd",
    "I'll",
    "Im",
    "Ive",
    "OK",
    "Okay",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "God",
    "Christmas",
    "Easter",
    "English",
    "Spanish",
    "French",
    "German",
    "Internet",
    "TV",
    "AI",
    "Confide",
    "Hi",
    "Hello",
    "Hey",
    "Thanks",
    "Sorry",
    "Please",
    "Yes",
    "No",
    "But",
    "And",
    "So",
    "Then",
    "Also",
    "Maybe",
    "Just",
    "Well",
    "Anyway",
    "Honestly",
    "Today",
    "Tomorrow",
    "Yesterday",
    "Mom",
    "Dad",
    "Mum",
    "Covid",
    "COVID",
    "Zoom",
    "Instagram",
    "Facebook",
    "Twitter",
    "Reddit",
    "Google",
    "Uber",
    "Amazon",
    "Netflix",
    "Discord",
    "She",
    "He",
    "They",
    "It",
    "This",
    "That",
    "There",
    "Things",
    "Everything",
    "Nothing",
    "Everyone",
    "Someone",
    "Nobody",
    "What",
    "When",
    "Why",
    "How",
    "Who",
    "Because",
    "After",
    "Before",
    "Now",
    "Last",
    "Every",
    "My",
    "Our",
    "The",
    "We",
    "You",
    "Work",
    "School",
}
_NAME_AFTER = re.compile(
    r"\b(?:with|and|named|called|about|told|asked|texted|miss|saw|met"
    r"|my (?:friend|sister|brother|boss|partner|boyfriend|girlfriend|husband|wife|roommate"
    r"|mom|dad|son|daughter|manager|colleague|coworker|teacher|cousin|ex))\s+([A-Z][a-z]{2,})\b"
)
_NAME_SUBJECT = re.compile(
    r"(?:^|[.!?]\s+)([A-Z][a-z]{2,})\s+(?:said|told|is|was|has|had|keeps"
    r"|won't|doesn't|didn't|never|always|just|left|wants)\b"
)

_PRONOUNS = [
    (r"\bi am\b", "you are"),
    (r"\bi'm\b", "you're"),
    (r"\bim\b", "you're"),
    (r"\bi was\b", "you were"),
    (r"\bi've\b", "you've"),
    (r"\bi'd\b", "you'd"),
    (r"\bi'll\b", "you'll"),
    (r"\bi\b", "you"),
    (r"\bme\b", "you"),
    (r"\bmy\b", "your"),
    (r"\bmine\b", "yours"),
    (r"\bmyself\b", "yourself"),
    (r"\bwe\b", "you"),
    (r"\bour\b", "your"),
    (r"\bus\b", "you"),
]


@dataclass(frozen=True)
class Details:
    """Slots taken from the user's own words (any may be empty)."""

    person: str = ""  # said back in the second person: "your sister", "Anna"
    thing: str = ""  # "your exam", "the interview"
    feeling: str = ""  # the adjective to say back: "guilty"
    family: str = ""  # emotion family of the feeling: "guilt"
    event: str = ""  # a concrete event, second person: "you lost your job"
    quote: str = ""  # a short clause of theirs, in the second person, for paraphrasing
    pet: str = ""
    linked: str = ""  # "yes" when the thing and the feeling were said in one sentence

    def has(self, slot: str) -> bool:
        """Whether a slot is filled."""
        return bool(getattr(self, slot, ""))


def second_person(text: str) -> str:
    """Say a clause back: first person becomes second person ("my boss" -> "your boss")."""
    out = text.strip()
    out = out.replace("’", "'")
    for pattern, repl in _PRONOUNS:
        out = re.sub(pattern, repl, out, flags=re.I)
    out = re.sub(r"\byou am\b", "you are", out)
    out = re.sub(r"\byou was\b", "you were", out)
    return out


def _find_person(text: str) -> str:
    named = _NAME_AFTER.search(text)
    relation = _PERSON.search(text)
    if named and named.group(1) not in _NOT_NAMES:
        return named.group(1)
    if relation:
        return "your " + relation.group(1).lower()
    kids = _FAMILY_KIDS.search(text)
    if kids:
        return "your " + kids.group(1).lower()
    subject = _NAME_SUBJECT.search(text)
    if subject and subject.group(1) not in _NOT_NAMES:
        return subject.group(1)
    return ""


_NEGATION = (
    r"\b(not|don'?t|dont|never|no longer|wasn'?t|wasnt|isn'?t|isnt|aren'?t|weren'?t|didn'?t"
    r"|didnt|doesn'?t|doesnt|won'?t|wont)\s+(\w+\s+)?$"
)
#: A word someone else used about them: "she called me useless", "he said I was too needy".
_LABELLED = (
    r"\b(call(s|ed)? (me|us)|said (that )?(i was|i'?m|im|we were)|says (that )?(i'?m|im|i am)"
    r"|think(s)? (that )?(i'?m|im|i am)|told me (that )?(i was|i'?m|im))\s+(so |too |a |an "
    r"|really |just |being )?$"
)
#: "before panicking", "without feeling guilty": a feeling they are not having.
_AVOIDED = (
    r"\b(before|without|instead of|stop|avoid|not|less)\s+$"
    r"|\bif (i'?d|i had|i was|i were)\b[^.!?]*$"  # "if I'd been less stressed": a what-if
)
#: Feeling words that are also verbs taking an object ("I betrayed her").
_VERBAL = frozenset(
    {"betrayed", "rejected", "hurt", "disappointed", "upset", "annoyed", "irritated", "embarrassed"}
    | {"crushed", "lost", "bitter", "scared", "worried"}
)
_OBJECT_AFTER = re.compile(
    r"(?i)\s+(her|him|them|you|us|my|his|their|our|everyone|someone|people|it|the|a)\b"
)
#: The subject nearest before a feeling word: theirs ("I", "me") or someone else's.
_SUBJECT = re.compile(
    r"(?i)\b(i|i'm|im|i've|ive|i'd|me|myself|we|he|she|they|it|everyone|people|you|u"
    r"|the \w+|my \w+|his \w+|her \w+|their \w+|(?-i:[A-Z][a-z]{2,}))\b"
)
_FIRST = frozenset({"i", "i'm", "im", "i've", "ive", "i'd", "me", "myself", "we"})


def _own_clause(before: str) -> bool:
    """Whether the words before a feeling make it the speaker's (or say nothing of whose)."""
    clause = re.split(r"[.!?;,]\s*|\s(?:but|and|because|while|when)\s", before)[-1]
    subjects = [m.group(1) for m in _SUBJECT.finditer(clause)]
    subjects = [x for x in subjects if x not in _NOT_NAMES or x.lower() in _FIRST | {"she", "he"}]
    if not subjects:
        return True  # "so angry right now": theirs by the usual ellipsis
    last = subjects[-1].lower()
    if last.startswith("my ") and re.search(r"(?i)\b(feel|feeling|felt)\b", clause):
        return True  # "my whole body feels tense"
    return last in _FIRST


def _find_feeling(text: str) -> str:
    """Find the feeling they named; one said in a "feel ..." or "I'm ..." frame wins."""
    if _HOPELESS.search(text):
        return "hopeless"
    framed = ""
    loose = ""
    for match in _FEELING.finditer(text):
        word = match.group(1).lower()
        before = text[: match.start()]
        in_frame = bool(_FEEL_FRAME.search(before))
        if word in _AMBIGUOUS and not in_frame:
            continue
        if re.search(_NEGATION, before, re.I) or re.search(_AVOIDED, before, re.I):
            continue
        if not _own_clause(before):
            continue  # someone else's feeling ("he wasn't angry", "the flat feels so empty")
        if re.search(_LABELLED, before, re.I):
            continue  # someone else's word for them ("she called me useless")
        if word in _VERBAL and _OBJECT_AFTER.match(text[match.end() :]):
            continue  # "I betrayed her", "I hurt him": something they did, not a feeling
        if text[: match.start()].count("'") % 2 == 1 and "'" in text[match.end() :]:
            continue  # inside a quote of someone else's words ("are you actually useless")
        if re.search(r"(?i)\byou( ever)? (feel|felt|get|got|are|were)\s+(so |really )?$", before):
            continue  # a question about the companion ("have you ever felt lonely?")
        if word == "tired" and re.match(r"\s+of\b", text[match.end() :]):
            return "fed up"
        if in_frame and re.search(r"(?i)\b(feel|feeling|felt|i'?m|i am)\b[\w\s]{0,20}$", before):
            return FEELINGS[word]
        if in_frame and not framed:
            framed = FEELINGS[word]
        if not loose:
            loose = FEELINGS[word]
    return framed or loose


#: Words that open a clause without belonging to it ("yeah", "but", "lol").
_FILLER = re.compile(
    r"(?i)^(?:(?:yeah|yes|yep|ok|okay|so|and|but|well|lol|like|maybe|actually|honestly|anyway"
    r"|i mean|um|hmm)[,.]?\s+)+"
)
#: Clauses never said back: hedges, jokes, minimising, plain facts about who they are.
_NOT_QUOTABLE = re.compile(
    r"(?i)\b(i suppose|i guess|lol|lmao|haha|first world problem|not a big deal|whatever"
    r"|i'?m being dramatic)\b|^(?:i'?m|i am|im) (?:\d+|a |an |from )|^i (?:work|live|study)"
    r" (?:at|in|as|for)\b|^(?:he|she|they|it) (?:was|is|were|'s) \d+"
)


def _find_quote(text: str) -> str:
    """Pick a short, content-bearing clause of the user's to paraphrase (or nothing)."""
    clauses = re.split(r"(?<=[.!?;])\s+|\s+(?:but|and so|because)\s+|,\s+(?=and |so |but )", text)
    best = ""
    best_score = 0.0
    for raw in clauses:
        clause = _FILLER.sub("", raw.strip().strip(".!?;,").strip())
        words = clause.split()
        if not 4 <= len(words) <= 16 or "?" in raw:
            continue
        if _NOT_QUOTABLE.search(clause):
            continue  # a hedge, a joke or a detail about them: said back it parrots
        if not (
            _find_feeling(clause)
            or _find_person(clause)
            or _CONCERN.search(clause)
            or _EVENT.search(clause)
            or _PETS.search(clause)
        ):
            continue  # nothing of what weighs on them: not worth saying back
        if re.search(r"(?i)\b(should|must|have to|ought to)\b", clause):
            continue  # said back, it would sound like an instruction
        if re.match(r"(?i)(hi|hello|hey|thanks|thank you|ok|okay|yes|no|idk)\b", clause):
            continue
        if not re.search(r"(?i)\b(i|my|me|i'm|we|our)\b", clause):
            continue
        if detect_language(clause) != "en":
            continue  # "minha vizinha me levou": English pronoun swaps would mangle it
        if _ADDRESSED.search(clause):
            continue  # "you never listen" said back as "you never listen" flips who did it
        score = len(words) + (4 if _find_feeling(clause) else 0)
        score += 3 if _find_person(clause) else 0
        if score > best_score:
            best, best_score = clause, score
    if not best:
        return ""
    said = second_person(best)
    return said[0].lower() + said[1:] if said[:2] != "I " else said


def _thing_phrase(match: re.Match[str] | None) -> str:
    if match is None:
        return ""
    word = next(g for g in match.groups() if g).lower()
    return word if word in ("work", "school", "uni", "college") else "your " + word


def _find_thing(text: str) -> str:
    """What they named as a concern of theirs, or nothing.

    A thing counts only when it is what the sentence is about and the sentence carries a
    concern: "work is killing me" and "I'm stressed about my exam" name a cause; "she left
    while I was at work", "the job is fine", "after school" and "the health visitor" do not.
    """
    # the latest sentence first: what they named last is what they are talking about now
    for sentence in reversed(re.split(r"(?<=[.!?;])\s+|\n+", text)):
        if not _CONCERN.search(sentence) and not _find_feeling(sentence):
            continue
        for pattern in (_THING, _BARE_THING):
            for match in pattern.finditer(sentence):
                group = next(k for k, g in enumerate(match.groups(), 1) if g)
                word = match.group(group)
                start = match.start(group)
                place = _PLACE_BEFORE.search(sentence[:start])
                if place and not re.search(
                    r"(?i)\b(?:things|stuff|everything|life|people|drama|problems|it)\s+$",
                    sentence[: place.start()],
                ):
                    continue  # where they were, not what it is about ("things at work" is)
                if _FINE_AFTER.match(sentence[match.end() :]):
                    continue
                if re.search(
                    r"(?i)\b(?:he|she|they|his|her|their)\b[^.!?]*$", sentence[:start]
                ) and not re.search(r"(?i)\b(?:i|i'm|im|me|my|we|our)\b", sentence[:start]):
                    continue  # someone else's ("he's back at work")
                return _thing_phrase(match) if word else ""
    return ""


def deceased(texts: Sequence[str]) -> set[str]:
    """People the user said they lost ("my grandma died" -> {"your grandma"}), lower-cased."""
    gone: set[str] = set()
    for text in texts:
        for match in _DECEASED.finditer(text.replace("’", "'")):
            who = (match.group(1) or match.group(2) or "").lower().split()
            if who:
                gone.add("your " + who[-1])
                gone.add(who[-1])
    return gone


def refers_back(text: str) -> bool:
    """Whether the message points at someone already mentioned ("should I call her?")."""
    return bool(_PRONOUN.search(text))


_SHE = frozenset(
    [
        "mom",
        "mum",
        "mother",
        "sister",
        "wife",
        "girlfriend",
        "daughter",
        "aunt",
        "grandma",
        "grandmother",
        "nan",
        "nana",
        "nanna",
        "gran",
        "granny",
        "stepmom",
        "stepmum",
        "fiancee",
    ]
)
_HE = frozenset(
    [
        "dad",
        "father",
        "brother",
        "husband",
        "boyfriend",
        "son",
        "uncle",
        "grandpa",
        "grandfather",
        "grandad",
        "granddad",
        "stepdad",
        "fiance",
    ]
)
_THEY = frozenset(
    [
        "parents",
        "kids",
        "children",
        "friends",
        "family",
        "team",
        "classmates",
        "grandparents",
        "in-laws",
    ]
)
_PRONOUN_OF = {"she": "she", "her": "she", "he": "he", "him": "he", "his": "he"}


def pronoun_agrees(text: str, person: str) -> bool | None:
    """Whether a pronoun in ``text`` can point at ``person`` (None: no pronoun in it).

    "she made the best cake" cannot be about "your parents"; "he" cannot be "your mum".
    A name or "your partner" fits any singular pronoun.
    """
    found = {m.group(1).lower() for m in _PRONOUN.finditer(text)}
    if not found or not person:
        return None
    word = person.lower().removeprefix("your ").split()[-1]
    kinds = {_PRONOUN_OF.get(p, "they") for p in found}
    if word in _THEY:
        return "they" in kinds
    if word in _SHE:
        return "she" in kinds
    if word in _HE:
        return "he" in kinds
    return bool(kinds & {"she", "he"})


def _find_event(text: str) -> str:
    """Say the event back with its real subject, or nothing when the subject is unclear.

    "my girlfriend moved out" -> "your girlfriend moved out"; "I got fired" -> "you got fired".
    """
    for match in _EVENT.finditer(text):
        before = text[: match.start()]
        clause = re.split(r"[.!?;]\s+|\s(?:but|and|because|so|since|when|after)\s", before)[-1]
        subject = _EVENT_SUBJECT.search(clause)
        if subject is None:
            if clause.strip(" ,"):
                continue  # someone unclear did it ("the one who ... moved out"): say nothing
            who = "I"  # "got fired today": the speaker, by the usual ellipsis
        else:
            who = subject.group(1)
            if (
                who[:1].isupper()
                and who.lower() not in ("i", "we", "she", "he", "they")
                and (who in _NOT_NAMES)
            ):
                continue
        verb = match.group(1)
        if who.lower() not in ("i", "we") and verb.lower().startswith("lost my"):
            continue  # "she lost my ..." is unusual enough to leave alone
        said = second_person(f"{who} {verb}")
        named = who[:1].isupper() and who.lower() not in ("i", "we", "she", "he", "they")
        return said if named else said[:1].lower() + said[1:]
    return ""


def _cause_linked(text: str, thing: str, feeling_word: str) -> bool:
    """Whether the thing and the feeling were named in the same sentence (a stated link)."""
    if not thing or not feeling_word:
        return False
    word = thing.removeprefix("your ").lower()
    for sentence in re.split(r"(?<=[.!?;])\s+|\n+", text.lower()):
        if re.search(rf"\b{re.escape(word)}\b", sentence) and _find_feeling(sentence) == (
            feeling_word
        ):
            return True
    return False


#: What a message implies about the speaker's feeling without naming it: the emotion family
#: picks moves ("the guilt seems to be sitting on you" after "I shouldn't have said it"), but
#: no feeling word is said back that they did not use.
_IMPLIED: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (family, re.compile(pattern, re.I))
    for family, pattern in (
        (
            "guilt",
            r"\b(my fault|i shouldn'?t have|i should have|i ruined|i messed up|i screwed up"
            r"|i let \w+ down|bad person|i yelled at|i snapped at|i lost it|i feel awful"
            r"|i betrayed)",
        ),
        (
            "shame",
            r"\b(humiliat\w*|everyone (knew|saw|was watching|looked)|in front of (the|every)"
            r"|so stupid|i'?m (a|such a) (failure|mess|joke)|not good enough)\b",
        ),
        (
            "loneliness",
            r"\b(don'?t know anyone|no friends|nobody to|no one to|alone all day|by "
            r"myself|on my own|evenings are (very )?long|miss (having|my friends)"
            r"|no one (calls|texts|visits)|forgot my birthday|nobody (came|called|texted))\b",
        ),
        (
            "sadness",
            r"\b(died|passed away|passed|funeral|grie\w+|miss (her|him|them|my)|heartbr\w+"
            r"|put \w+ \w+ down|cried|crying|so quiet|empty|without (my|her|him)|lost the baby)\b",
        ),
        (
            "anxiety",
            r"\b(dread\w*|what if|worried|worrying|scared|panic\w*|racing|can'?t stop "
            r"thinking|on edge|nervous|freaking out|terrified)\b",
        ),
        (
            "exhaustion",
            r"\b(exhaust\w*|so tired|no energy|can'?t sleep|haven'?t slept|burn(t|ed)? "
            r"out|running on empty|worn out|\d+ hour shift)\b",
        ),
        (
            "anger",
            r"\b(so unfair|how dare|hypocrite|took credit|as if it was (hers|his))\b",
        ),
    )
)


def implied_family(text: str) -> str:
    """The emotion family a message implies (first match in a fixed order), or nothing."""
    return next((family for family, rx in _IMPLIED if rx.search(text)), "")


def extract(text: str) -> Details:
    """Extract the slots from one user message."""
    clean = re.sub(r"\s+", " ", text.replace("’", "'")).strip()
    pet_match = _PETS.search(clean)
    feeling = _find_feeling(clean)
    thing = _find_thing(clean)
    return Details(
        person=_find_person(clean),
        thing=thing,
        feeling=feeling,
        family=FAMILY.get(feeling, "") or implied_family(clean),
        event=_find_event(clean),
        linked="yes" if _cause_linked(clean, thing, feeling) else "",
        quote=_find_quote(clean),
        pet=("your " + pet_match.group(1).lower()) if pet_match else "",
    )


#: A person mentioned more than this many messages ago is no longer assumed to be the topic.
PERSON_WINDOW = 3


def extract_session(texts: Sequence[str]) -> tuple[Details, Details]:
    """Return (this message's details, the session's details with the latest mention of each)."""
    if not texts:
        return Details(), Details()
    current = extract(texts[-1])
    merged: dict[str, str] = {}
    for k, text in enumerate(texts):
        recent = k >= len(texts) - PERSON_WINDOW
        for slot, value in extract(text).__dict__.items():
            if value and (recent or slot not in ("person", "pet")):
                merged[slot] = value
    return current, Details(**merged)


#: Words that make something a concern when said in the same sentence (for the composer).
CONCERN = _CONCERN


def find_feeling(text: str) -> str:
    """The feeling the speaker named in ``text`` (said-back adjective), or nothing."""
    return _find_feeling(text)
