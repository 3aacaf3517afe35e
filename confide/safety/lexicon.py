# ruff: noqa: E501  (a table of patterns: long regex lines read better unbroken)
"""Curated multilingual risk and boundary patterns for the Layer-1 screen.

Patterns match lower-case text whose Latin accents were removed (``"está"`` -> ``"esta"``;
Devanagari and Chinese are kept as they are). Levels follow the C-SSRS screener triage:
wish to be dead -> low; active thoughts -> moderate; thoughts of a method -> moderate;
intent or a plan -> high; a plan with means and a time frame, or an act under way -> imminent.

Rule flags (a string of letters):

- ``n``: the rule already contains its own negation ("don't want to live"): never negated.
- ``h``: hyperbole markers ("lol", "jk", "😂") in the same clause lower it to ``low``.
- ``x``: a game, fiction, film or technical context in the clause turns it into a figurative
  reading (level ``none``).
- ``m``: the message seeks method, dose, height, lethality or location information.
- ``p``: preparation or a means at hand (used to lift intent to ``imminent``).
- ``b``: the message also asks for harmful instructions (boundary ``harmful_instructions``).

Nothing here runs at import time beyond building tuples; regexes are compiled lazily once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from re import _constants as _sre  # type: ignore[attr-defined]
from re import _parser as _sre_parse  # type: ignore[attr-defined]
from typing import Any

from confide.records import RiskLevel


@dataclass(frozen=True)
class Rule:
    """One risk pattern: what it means (category, level) and how it may be discounted."""

    name: str
    category: str
    level: RiskLevel
    pattern: str
    lang: str
    flags: str = ""


@dataclass(frozen=True)
class BoundaryRule:
    """One boundary-request pattern (a BoundaryKind value)."""

    name: str
    kind: str
    pattern: str
    lang: str
    method: bool = False


# --- shared fragments --------------------------------------------------------------------

#: First person or a clause start ("want to die." counts as first person).
_I = r"(?:\bi\s+|(?:^|(?<=[.!?,;:\n\-]))\s*)"
_IM = r"(?:\bi'?m|\bi\s+am|\bim)"
_ME = r"(?:my\s?self|me)"
_ADV = r"(?:(?:just|really|honestly|kinda|kind of|sometimes|often|still|actually|seriously|so)\s+)*"
_WANT = r"(?:want|wanna|wish|need|would like|'d like)"
_END = r"(?:end\s+(?:it|it\s+all|everything|things|my\s+life|my\s+own\s+life|this)|take\s+my\s+(?:own\s+)?life)"
_KILLME = r"(?:kill(?:ing)?\s+my\s?self|commit(?:ting)?\s+suicide|suicide|" + _END + r")"
#: Cue classes combined with bounded gaps (they generalise beyond fixed phrasings).
_INGESTED = (
    r"(?:took|taken|swallowed|drank|ate|downed|overdosed|injected|tome|trague|bebi|avale|pris|bu|"
    r"genommen|geschluckt|getrunken|tomei|engoli|kha\s+li|kha\s+liya|kha\s+chuka|kha\s+chuki)"
)
_INGESTED_CJK_HI = r"(?:吃了|吞了|喝了|服了|खा\s+ली|खा\s+लिया|खा\s+ली\s+हैं)"
_LETHAL = (
    r"(?:pills?|tablets?|meds|medications?|medicine|painkillers|sleeping\s+pills|tylenol|paracetamol|"
    r"acetaminophen|ibuprofen|aspirin|insulin|xanax|benzos?|oxy\w*|opioids?|fentanyl|antidepressants?|"
    r"lithium|bleach|poison|antifreeze|pastillas|pildoras|medicinas|somniferes|cachets|medicaments|"
    r"comprimes|pilules|tabletten|schlaftabletten|medikamente|comprimidos|remedios|pilulas|goliyan|"
    r"goliyaan|dawai|dawaiyan)"
)
_LETHAL_CJK_HI = r"(?:药|藥|安眠药|药片|गोलियां|गोलियाँ|दवा|दवाइयां)"
_QUANTITY = (
    r"(?:all|whole|entire|bottle|box|pack|packet|handful|everything|\d{2,}|twenty|thirty|forty|fifty|"
    r"hundred|too\s+many|toutes?|entiere|boite|todas?|todos|frasco|caja|cartela|alle|packung|ganze|"
    r"saari|sari|poori)"
)
_QUANTITY_CJK_HI = r"(?:所有|全部|一整瓶|一瓶|整瓶|सारी|सब|पूरी)"
_FUTURE = (
    r"(?:going\s+to|gonna|about\s+to|i\s+will|i'?ll|planning\s+to|plan\s+to|ready\s+to|tonight\s+i|"
    r"voy\s+a|me\s+voy\s+a|je\s+vais|ich\s+werde|vou|ira?i|lunga|lungi|karunga|karungi)"
)
_METHOD_SELF = (
    r"(?:hang\s+my\s?self|ahorcarme|ahorcar|colgarme|me\s+pendre|pendre|mich\s+erhangen|erhangen|"
    r"me\s+enforcar|enforcar|slit\s+my|overdose|drown\s+my\s?self|shoot\s+my\s?self|"
    r"throw\s+my\s?self|jump\s+(?:off|from)(?!\s+(?:the\s+|a\s+)?(?:\d+\s*m\s+)?(?:high\s+dive|diving\s+(?:board|platform|tower)|springboard|trampoline|plane|swing|dock|pier|boat|jetty))|jump\s+in\s+front\s+of|saltar\s+(?:del?|desde)|tirarme\s+"
    r"(?:por|de|del|desde|al)|me\s+jeter|sauter\s+(?:du|d'un|de|par)|(?:von|vom)\s+\w+\s+springen|"
    r"me\s+jogar|pular\s+(?:da|do|de)|kill\s+my\s?self|matarme|me\s+tuer|mich\s+umbringen|"
    r"me\s+matar|suicidarme|me\s+suicider|me\s+suicidar|khudkushi|suicide\s+kar)"
)

#: "die of embarrassment", "die laughing": idioms, not ideation.
_NOT_IDIOM = (
    r"(?!\s+(?:of|from|with)\s+(?:embarrassment|laughter|laughing|boredom|cringe|shame|cuteness|"
    r"happiness|jealousy|envy)|\s+laughing|\s+for\s+(?:a|this|that|some))"
)
_METHOD_ACT = (
    r"(?:jump\s+(?:off|from)(?!\s+(?:the\s+|a\s+)?(?:\d+\s*m\s+)?(?:high\s+dive|diving\s+(?:board|platform|tower)|springboard|trampoline|plane|swing|dock|pier|boat|jetty))|jump\s+in\s+front\s+of|step\s+in\s+front\s+of|throw\s+my\s?self\s+(?:off|in\s+"
    r"front\s+of|under)|hang\s+my\s?self|overdose|od\b|shoot\s+my\s?self|drown\s+my\s?self|"
    r"slit\s+my\s+(?:wrists?|throat)|drive\s+(?:my\s+car\s+)?(?:into|off)|crash\s+my\s+car|"
    r"take\s+(?:all\s+)?(?:of\s+)?(?:my|the)\s+pills)"
)
_PILLS = (
    r"(?:pills?|tablets?|meds|medications?|medicine|sleeping pills|painkillers|tylenol|"
    r"paracetamol|acetaminophen|ibuprofen|advil|aspirin|insulin|xanax|benzos?|oxy\w*|opioids?|"
    r"antidepressants?|sertraline|zoloft|prozac|lithium|seroquel|ambien|melatonin|valium|diazepam|"
    r"klonopin|clonazepam|ativan|lorazepam|alprazolam|tramadol|codeine|morphine|fentanyl|"
    r"hydrocodone|vicodin|percocet|quetiapine|trazodone|amitriptyline|citalopram|fluoxetine|"
    r"escitalopram|lexapro|venlafaxine|effexor|bupropion|wellbutrin|gabapentin|pregabalin|lyrica|"
    r"zopiclone|zolpidem|temazepam|propranolol|diphenhydramine|benadryl|sleeping\s+tablets)"
)
_PERSON = (
    r"(?:him|her|them|someone|somebody|everyone|everybody|people|anyone|"
    r"my\s+(?:boss|wife|husband|partner|ex|boyfriend|girlfriend|dad|father|mom|mum|mother|"
    r"stepdad|stepfather|stepmom|(?:little\s+|baby\s+|big\s+|older\s+|younger\s+|step)?(?:brother|sister)|"
    r"son|daughter|kids?|child|children|baby|grandma|grandmother|grandpa|grandfather|"
    r"neighbou?r|roommate|flatmate|teacher|friend|"
    r"coworker|co-worker|manager|family|parents|classmates?|bully)|the\s+(?:kids|people|guys?|"
    r"girls?|boys|students|teacher|bully|bullies|ones)\s+(?:at|in|who|from|that))"
)
_THIRD = (
    r"(?:my\s+(?:best\s+)?(?:friend|bff|sister|brother|son|daughter|mom|mum|mother|dad|father|"
    r"partner|wife|husband|boyfriend|girlfriend|roommate|classmate|coworker|co-worker|cousin|"
    r"kid|child|student|niece|nephew|uncle|aunt|grandma|grandpa|colleague|teammate|patient|"
    r"client)|an?\s+(?:friend|student|coworker|co-worker|colleague|classmate|patient|client|kid|"
    r"neighbou?r|teammate)(?:\s+of\s+mine)?|(?:he|she|they))"
)
#: Physical violence done to the user ("pushed me against the wall", "grabbed me by the hair").
_VIOLENT_ACT = (
    r"(?:pushed|shoved|slammed|threw|pinned|knocked)\s+me\s+(?:against|into|down|onto|to\s+the|off|"
    r"across|out\s+of)|(?:grabbed|yanked|pulled)\s+me\s+by\s+(?:the|my)\s+(?:hair|throat|neck|arm|wrist)|"
    r"dragged\s+me\b|(?:kicked|bit|burned|whipped|stabbed|cut)\s+me\b|(?:beat|hit)\s+me\s+with|"
    r"(?:grabbed|yanked|pulled)\s+(?:my|me\s+by\s+my)\s+hair"
)
_RECENT = (
    r"(?:last\s+(?:night|week|weekend|month)|yesterday|this\s+(?:morning|week|month)|"
    r"today|tonight|(?:a\s+)?(?:few|couple(?:\s+of)?)\s+(?:days|weeks)\s+ago|\d+\s+days\s+ago|"
    r"again)"
)


def _r(
    name: str, category: str, level: RiskLevel, pattern: str, lang: str, flags: str = ""
) -> Rule:
    return Rule(name, category, level, pattern, lang, flags)


# --- English ---------------------------------------------------------------------------

#: "cutting (myself) off / back / out ..." and friends are not self-harm.
_NOT_CUT_OFF = (
    r"(?!\s*(?:my\s?self\s+)?(?:off|out|down|back|short|loose|free|in\b|ties|corners|class|"
    r"school|carbs|sugar|my\s+hair|it\s+close))"
)

_EN: tuple[Rule, ...] = (
    # passive ideation (C-SSRS 1) -> low
    _r(
        "wish_dead",
        "suicidal_ideation_passive",
        "low",
        r"\bwish\s+(?:i\s+)?(?:was|were|could\s+be|had\s+been)\s+(?:dead|gone|never\s+born)",
        "en",
        "h",
    ),
    _r(
        "wish_not_exist",
        "suicidal_ideation_passive",
        "low",
        r"\bwish\s+i\s+(?:could\s+)?(?:just\s+)?(?:disappear(?:ed)?|didn'?t\s+exist|did\s+not\s+exist|"
        r"wasn'?t\s+(?:here|alive|born)|were\s+not\s+(?:here|alive)|could\s+sleep\s+forever|"
        r"would(?:n'?t|\s+not)\s+wake\s+up|never\s+woke\s+up|was\s+never\s+born)",
        "en",
        "n",
    ),
    _r(
        "not_wake_up",
        "suicidal_ideation_passive",
        "low",
        r"\b(?:hope|wish|pray)\s+(?:that\s+)?i\s+(?:don'?t|do\s+not|never|won'?t)\s+wake\s+up",
        "en",
        "n",
    ),
    _r(
        "sleep_forever",
        "suicidal_ideation_passive",
        "low",
        r"\b(?:go\s+to\s+sleep|fall\s+asleep|sleep)\s+(?:and\s+)?(?:never|not)\s+wake\s+up",
        "en",
        "n",
    ),
    _r(
        "dont_want_live",
        "suicidal_ideation_passive",
        "low",
        r"\b(?:don'?t|do\s+not|no\s+longer|dont)\s+(?:really\s+)?(?:want|wanna|wish)\s+(?:to\s+)?"
        r"(?:live|be\s+alive|exist|be\s+here|wake\s+up|go\s+on|keep\s+going|keep\s+living|"
        r"be\s+around)",
        "en",
        "n",
    ),
    _r(
        "better_off_dead",
        "suicidal_ideation_passive",
        "low",
        r"\b(?:i'?d|i\s+would|i'?m|i\s+am|be)\s+better\s+off\s+dead",
        "en",
        "n",
    ),
    _r(
        "better_without_me",
        "suicidal_ideation_passive",
        "low",
        r"\bbetter\s+off\s+without\s+me\b|\bwouldn'?t\s+(?:even\s+)?(?:miss|notice)\s+(?:me|if\s+i)"
        r"|\bno\s*(?:one|body)\s+would\s+(?:miss|notice|care\s+if)\s+(?:me|i)|\bbetter\s+off\s+(?:once|when|"
        r"after|if)\s+i'?m\s+(?:gone|dead|not\s+here)",
        "en",
        "n",
    ),
    _r(
        "tired_living",
        "suicidal_ideation_passive",
        "low",
        r"\b(?:tired|sick)\s+of\s+(?:living|being\s+alive|life|existing)|\blife\s+(?:isn'?t|is\s+not|"
        r"ain'?t)\s+worth\s+living|\bno\s+(?:reason|point)\s+(?:to|in)\s+(?:live|living|going\s+on|"
        r"being\s+alive)|\bwhat'?s\s+the\s+point\s+(?:of|in)\s+(?:living|life|going\s+on|being\s+alive)|"
        r"\b(?:no|any|every)\s+(?:\w+\s+)?reasons?\s+(?:left\s+)?(?:for\s+me\s+)?(?:to|for)\s+(?:live|living|"
        r"keep\s+(?:living|going)|go\s+on|be\s+(?:here|alive)|stay|wake\s+up)\b",
        "en",
        "n",
    ),
    _r(
        "not_be_around",
        "suicidal_ideation_passive",
        "low",
        r"\b(?:won'?t|will\s+not)\s+be\s+(?:around|here)\s+(?:much\s+longer|for\s+long|anymore|"
        r"tomorrow|next\s+week)",
        "en",
        "n",
    ),
    _r(
        "gone_for_good",
        "suicide_method_or_plan",
        "high",
        r"\b(?:i'?ll|i\s+will|i'?m\s+going\s+to)\s+be\s+dead\s+(?:for\s+good|by\s+(?:tomorrow|"
        r"morning|monday|tuesday|wednesday|thursday|friday|saturday|sunday|then))|\b(?:i'?m|i\s+am)\s+"
        r"(?:finally\s+)?(?:checking\s+out|clocking\s+out\s+for\s+good|leaving\s+this\s+world)\b"
        r"(?!\s+(?:of|at|from)\b).{0,30}\b(?:tonight|today|tomorrow|this\s+(?:weekend|week)|soon|for\s+good|"
        r"forever)\b",
        "en",
        "n",
    ),
    _r(
        "want_to_disappear",
        "suicidal_ideation_passive",
        "low",
        _I + _ADV + r"(?:want|wanna)\s+(?:to\s+)?(?:disappear|vanish|stop\s+existing|not\s+exist|"
        r"cease\s+to\s+exist|fade\s+away)(?:\s+forever)?\b",
        "en",
    ),
    # active ideation (C-SSRS 2) -> moderate
    _r(
        "want_die",
        "suicidal_ideation_active",
        "moderate",
        _I
        + _ADV
        + _WANT
        + r"\s+(?:to\s+)?(?:just\s+)?(?:die|be\s+dead|"
        + _KILLME
        + r")\b"
        + _NOT_IDIOM,
        "en",
        "h",
    ),
    _r(
        "wanna_die",
        "suicidal_ideation_active",
        "moderate",
        r"\b(?:wanna|want\s+to|gonna)\s+(?:just\s+)?die\b" + _NOT_IDIOM,
        "en",
        "h",
    ),
    _r(
        "kill_myself",
        "suicidal_ideation_active",
        "moderate",
        r"\bkill(?:ing|ed)?\s+my\s?self\b|\bcommit(?<!people\scommit)(?<!someone\scommit)"
        r"(?<!they\scommit)(?<!others\scommit)(?<!person\scommit)(?:ting)?\s+suicide\b|\bsuicid(?:e|al)\s+"
        r"(?:thoughts?|ideation|feelings?|urges?)|\bend(?:ing)?\s+my\s+(?:own\s+)?life\b|"
        r"\btak(?:e|ing)\s+my\s+(?:own\s+)?life\b",
        "en",
        "h",
    ),
    _r(
        "feel_suicidal",
        "suicidal_ideation_active",
        "moderate",
        r"\b(?:" + _IM + r"|feel(?:ing)?|felt|been|getting|get|becoming|so|very|kinda|pretty)\s+"
        r"(?:\w+\s+)?suicidal\b",
        "en",
    ),
    _r(
        "thinking_suicide",
        "suicidal_ideation_active",
        "moderate",
        r"\b(?:think(?:ing)?|thought|thoughts|fantasi[sz](?:e|ing)|dream(?:ing)?)\s+(?:a\s+lot\s+)?"
        r"(?:about|of)\s+(?:suicide|dying|death|killing\s+my\s?self|ending\s+(?:it|my\s+life|things|"
        r"everything)|not\s+being\s+(?:here|alive|around))",
        "en",
    ),
    _r(
        "should_die",
        "suicidal_ideation_active",
        "moderate",
        r"\bi\s+(?:should|deserve\s+to|ought\s+to)\s+(?:just\s+)?(?:die|be\s+dead|" + _KILLME + r")"
        r"|\bi'?d\s+rather\s+(?:be\s+dead|die)\b",
        "en",
        "h",
    ),
    _r(
        "end_it_all",
        "suicidal_ideation_active",
        "moderate",
        r"\b(?:want|wanna|ready)\s+(?:to\s+)?(?:end\s+it\s+all|end\s+everything|end\s+it)\b",
        "en",
    ),
    # method thoughts (C-SSRS 3) -> moderate
    _r(
        "method_thoughts",
        "suicide_method_or_plan",
        "moderate",
        r"\b(?:think(?:ing)?|thought|wonder(?:ing|ed)?|imagin(?:e|ing|ed))\s+(?:a\s+lot\s+)?(?:about|of)\s+"
        r"(?:how\s+i\s+(?:would|could|might|'d)\s+(?:do\s+it|die|end\s+it|kill)|jumping\s+(?:off|from|"
        r"in\s+front)|hanging\s+my\s?self|overdosing|taking\s+(?:all|a\s+bunch|a\s+lot)\s+of\s+(?:my\s+"
        r")?" + _PILLS + r"|slitting|shooting\s+my\s?self|drowning\s+my\s?self|crashing\s+my\s+car|"
        r"stepping\s+in\s+front|driving\s+(?:off|into))",
        "en",
    ),
    _r(
        "researched_methods",
        "suicide_method_or_plan",
        "moderate",
        r"\b(?:researched|looked\s+up|googled|searching|searched|reading\s+about)\s+(?:\w+\s+)?"
        r"(?:ways|methods|how)\s+to\s+(?:die|kill\s+my\s?self|end\s+(?:it|my\s+life)|overdose)",
        "en",
    ),
    # intent / plan (C-SSRS 4-5) -> high
    _r(
        "going_to_kill_myself",
        "suicide_method_or_plan",
        "high",
        r"\b(?:"
        + _IM
        + r"\s+)?(?:going\s+to|gonna|about\s+to|i\s+will|i'?ll|i\s+am\s+going\s+to)\s+"
        r"(?:finally\s+|just\s+)?(?:"
        + _KILLME
        + r"|die\s+(?:tonight|today|soon)|"
        + _METHOD_ACT
        + r"|"
        r"do\s+it\s+(?:tonight|today|now))",
        "en",
        "h",
    ),
    _r(
        "doing_method",
        "suicide_method_or_plan",
        "high",
        r"\b"
        + _IM
        + r"\s+(?:jumping\s+(?:off|from)(?!\s+(?:the\s+|a\s+)?(?:high\s+dive|diving\s+(?:board|platform|"
        r"tower)|springboard|trampoline|plane|swing|dock|pier|boat|jetty))|jumping\s+in\s+front\s+of|"
        r"hanging\s+my\s?self|overdosing|"
        r"drowning\s+my\s?self|slitting\s+my|shooting\s+my\s?self|stepping\s+in\s+front\s+of)",
        "en",
    ),
    _r(
        "with_means",
        "suicide_method_or_plan",
        "high",
        r"\b" + _IM + r"\s+(?:sitting|standing|lying|laying|here|alone)\s+(?:[\w']+\s+){0,5}with\s+"
        r"(?:a|the|my)\s+(?:razor(?:\s+blade)?|blade|knife|gun|pistol|rope|noose|pills)\b",
        "en",
        "xp",
    ),
    _r(
        "planning_method",
        "suicide_method_or_plan",
        "high",
        r"\b(?:planning|plan|intend|intending|ready|decided)\s+to\s+(?:"
        + _KILLME
        + r"|"
        + _METHOD_ACT
        + r")",
        "en",
    ),
    _r(
        "spot_and_date",
        "suicide_method_or_plan",
        "high",
        r"\b(?:picked|chose|chosen|set|decided\s+on)\s+(?:the|a)\s+(?:spot|place|method|way)\s+and\s+"
        r"(?:the|a)\s+(?:date|day|time)",
        "en",
    ),
    _r(
        "decided",
        "suicide_method_or_plan",
        "high",
        r"\b(?:i'?ve|i\s+have|i)\s+(?:finally\s+)?(?:decided|made\s+up\s+my\s+mind|made\s+the\s+decision)"
        r"\s+(?:to\s+)?(?:die|" + _KILLME + r"|that\s+(?:i'?m|i\s+am)\s+(?:going|done))",
        "en",
    ),
    _r(
        "have_plan",
        "suicide_method_or_plan",
        "high",
        r"\bi\s+(?:have|'ve\s+got|got|made|worked\s+out)\s+(?:a|the|my)\s+(?:whole\s+)?plan\s+"
        r"(?:to\s+(?:die|"
        + _KILLME
        + r")|for\s+(?:how|when|it|my\s+death|suicide))|\bmy\s+suicide\s+plan"
        r"|\bplanned\s+(?:out\s+)?(?:my\s+(?:death|suicide)|how\s+(?:to|i'?ll)\s+(?:do\s+it|die))",
        "en",
    ),
    _r(
        "suicide_note",
        "suicide_method_or_plan",
        "high",
        r"\b(?:wr(?:ote|itten|iting|ite)|left|finished|drafted|scheduled|sent|recorded)\s+(?:a\s+|my\s+|the\s+)?"
        r"(?:suicide|goodbye|final|farewell)\s+(?:notes?|letters?|texts?|messages?|emails?|posts?|videos?)\b"
        r"(?!\s+(?:to|for)\s+(?:my|the|our)\s+(?:team|coworkers|co-workers|colleagues|class|classmates|"
        r"students|clients|customers|neighbou?rs|followers|subscribers))",
        "en",
        "p",
    ),
    _r(
        "stockpiling",
        "suicide_method_or_plan",
        "high",
        r"\b(?:sav(?:ing|ed)|stockpil(?:ing|ed)|hoard(?:ing|ed)|collect(?:ing|ed)|stash(?:ing|ed)|"
        r"keeping)\s+(?:up\s+)?(?:all\s+)?(?:my|the|some|a\s+lot\s+of|enough)?\s*(?:[\w']+\s+){0,2}"
        + _PILLS,
        "en",
        "p",
    ),
    _r(
        "bought_means",
        "suicide_method_or_plan",
        "high",
        r"\b(?:bought|got|ordered|have|found)\s+(?:a|the|some)?\s*(?:rope|noose|gun|pistol|rifle|"
        r"charcoal|rat\s+poison|helium|razor\s+blades?)\s+(?:to|so\s+i\s+can)\s+(?:die|"
        + _KILLME
        + r"|hang|do\s+it|end)",
        "en",
        "p",
    ),
    _r(
        "means_acquired",
        "suicide_method_or_plan",
        "moderate",
        r"\b(?:bought|got|ordered|picked\s+up|found)\s+(?:some\s+|a\s+|the\s+|enough\s+)?(?:charcoal|"
        r"rope|noose|gun|pistol|helium|rat\s+poison|exit\s+bag|razor\s+blades?)\b|\btaped\s+(?:up\s+)?"
        r"the\s+(?:windows|doors?|vents?)",
        "en",
        "px",
    ),
    _r(
        "means_for_myself",
        "suicide_method_or_plan",
        "high",
        r"\b(?:bought|got|ordered|picked\s+up|have)\s+(?:a|the|some)\s+(?:gun|pistol|rope|noose|rat\s+poison|"
        r"charcoal|helium)\b.{0,30}\b(?:for\s+my\s?self|to\s+use\s+on\s+my\s?self)",
        "en",
        "p",
    ),
    _r(
        "date_set",
        "suicide_method_or_plan",
        "high",
        r"\b(?:set|picked|chose|chosen)\s+(?:a|the)\s+date\b.{0,60}\b(?:goodbyes?|note|letter|pills|rope|"
        r"gun|end|over|done)|\b(?:said|say|saying)\s+(?:all\s+)?my\s+goodbyes\b",
        "en",
        "p",
    ),
    _r(
        "over_tonight",
        "suicide_method_or_plan",
        "high",
        r"\b(?:it'?s|it\s+is|it\s+will\s+be|everything\s+is|this\s+is|all)\s+(?:all\s+)?over\s+"
        r"(?:tonight|today|tomorrow|soon|now)\b|\b(?:going\s+to|gonna)\s+(?:finally\s+)?do\s+it\b.{0,40}"
        r"\b(?:rope|pills|gun|knife|noose|bridge|garage|note)\b|\btonight\s+i'?m\s+(?:finally\s+)?"
        r"(?:going\s+to|gonna)\s+do\s+it",
        "en",
        "p",
    ),
    _r(
        "it_is_happening",
        "suicide_method_or_plan",
        "high",
        r"\b(?:it'?s|it\s+is|this\s+is|it\s+will\s+be)\s+happening\s+(?:tonight|today|tomorrow|this\s+"
        r"(?:weekend|week)|soon|now)|\b(?:it|everything)\s+(?:ends|will\s+(?:all\s+)?be\s+over)\s+"
        r"(?:tonight|today|tomorrow|this\s+weekend)",
        "en",
        "p",
    ),
    _r(
        "pills_counted",
        "suicide_method_or_plan",
        "high",
        r"\b(?:\d{2,}|twenty|thirty|forty|fifty|a\s+(?:pile|handful|bottle)\s+of)\s+(?:[\w']+\s+)?"
        + _PILLS
        + r"\b.{0,40}\b(?:counting|counted|lined\s+up|in\s+front\s+of\s+me|on\s+my\s+(?:desk|"
        r"table|bed)|next\s+to\s+me|in\s+my\s+hand)",
        "en",
        "p",
    ),
    _r(
        "means_ready",
        "suicide_method_or_plan",
        "high",
        r"\b(?:rope|noose|gun|pistol|pills|knife|blade|razor)\s+(?:is\s+|are\s+)?(?:[\w']+\s+){0,3}"
        r"(?:ready|tied|loaded|hanging\s+(?:in|from)|(?:in|on)\s+my\s+(?:hand|lap|pocket|bag)|right\s+here|"
        r"next\s+to\s+me|on\s+the\s+table|counted\s+out|lined\s+up|set\s+up)|\b(?:got|have)\s+"
        r"(?:the|a|my)\s+(?:gun|noose|rope)\s+(?:loaded|ready|tied|set\s+up)",
        "en",
        "p",
    ),
    _r(
        "not_alive",
        "suicide_method_or_plan",
        "high",
        r"\b(?:won'?t|will\s+not|not\s+going\s+to|not\s+gonna|ain'?t\s+gonna)\s+be\s+alive\b",
        "en",
        "n",
    ),
    _r(
        "last_message",
        "suicide_method_or_plan",
        "high",
        r"\b(?:(?:this|it)\s+(?:is|will\s+be|'?ll\s+be)\s+(?:my|the)\s+(?:last|final)\s+(?:message|post|"
        r"text|time\s+(?:i'?ll|you'?ll))|"
        r"(?:won'?t|will\s+not)\s+(?:be\s+)?(?:alive|here)\s+(?:by|tomorrow|in\s+the\s+morning)|"
        r"by\s+the\s+time\s+(?:you|anyone|someone)\s+(?:read|reads|see|sees|find|finds)\s+this)",
        "en",
        "n",
    ),
    # act under way -> imminent
    _r(
        "took_pills",
        "suicide_attempt",
        "imminent",
        r"\b(?:i(?:'?ve|\s+have)?|and)\s+(?:already\s+|just\s+)?(?:took|taken|swallowed|ate|downed|had)\s+"
        r"(?:(?:my|her|his|mum'?s|mom'?s|dad'?s)\s+)?(?:all|the\s+whole|a\s+whole|whole|entire|the\s+entire|the\s+rest\s+of|half\s+(?:a|the|my)\s+bottle|half\s+of|a\s+bottle|a\s+bunch|a\s+handful|handfuls|loads|"
        r"a\s+lot|too\s+many|way\s+too\s+many|\d{2,}|twenty|thirty|forty|fifty|every|most)\s+"
        r"(?:of\s+)?(?:bottle\s+of\s+)?(?:my\s+|the\s+|her\s+|his\s+)?"
        r"(?:[\w']+\s+){0,4}" + _PILLS,
        "en",
        "n",
    ),
    _r(
        "took_pills_no_subject",
        "suicide_attempt",
        "imminent",
        r"(?:(?<=^)|(?<=[.!?]\s))(?:already\s+|just\s+)?(?:took|swallowed|downed)\s+(?:all|every|the\s+whole|the\s+rest)"
        r"\s+(?:of\s+)?(?:my|the|her|his)\s+(?:[\w']+\s+){0,3}" + _PILLS,
        "en",
        "n",
    ),
    _r(
        "ingest_quantity",
        "suicide_attempt",
        "imminent",
        r"\b" + _INGESTED + r"\b.{0,30}?\b" + _QUANTITY + r"\b.{0,30}?\b" + _LETHAL + r"\b",
        "en",
        "n",
    ),
    _r(
        "ingest_quantity_cjk_hi",
        "suicide_attempt",
        "imminent",
        _QUANTITY_CJK_HI + r".{0,12}?" + _LETHAL_CJK_HI + r".{0,12}?" + _INGESTED_CJK_HI,
        "zh",
        "n",
    ),
    _r(
        "ingest_slang",
        "suicide_attempt",
        "imminent",
        r"\b(?:chugged|necked|popped|downed|gulped|injected|shot\s+up)\s+(?:[\w']+\s+){0,4}(?:bottle|"
        r"pack|handful|way\s+more|too\s+much|all|"
        + _LETHAL[3:-1]
        + r")\b.{0,60}\b(?:heavy|numb|dizzy|"
        r"can'?t\s+(?:breathe|move|feel|stand)|blue|sleepy|passing\s+out|throwing\s+up|wine|vodka|"
        r"alcohol|beer)",
        "en",
        "n",
    ),
    _r(
        "ingest_poison",
        "medical_emergency",
        "imminent",
        r"\b(?:drank|swallowed|ate|took|bebi|tome|trague|avale|bu|getrunken|engoli)\b.{0,25}?\b(?:bleach|"
        r"antifreeze|poison|rat\s+poison|drain\s+cleaner|lejia|cloro|javel|bleichmittel|pesticide|"
        r"weed\s*killer)\b",
        "en",
        "n",
    ),
    _r(
        "ingest_ago",
        "suicide_attempt",
        "imminent",
        r"\bi\s+(?:just\s+|already\s+)?"
        + _INGESTED
        + r"\s+(?:the|my|those|some)\s+(?:[\w']+\s+)?"
        + _LETHAL
        + r"\b.{0,40}\b(?:hours?\s+ago|minutes?\s+ago|no\s*one\s+will\s+find|before\s+(?:anyone|"
        r"someone)|too\s+late|to\s+(?:die|end\s+it|not\s+wake\s+up))|\b(?:no\s*one|nobody)\s+will\s+"
        r"find\s+me\s+in\s+time",
        "en",
        "n",
    ),
    _r(
        "stockpile_any",
        "suicide_method_or_plan",
        "high",
        r"\b(?:stockpil(?:ing|ed)|hoard(?:ing|ed)|sav(?:ing|ed)\s+up)\s+(?:all\s+)?my\s+[\w-]+\b.{0,60}"
        r"\b(?:(?:tonight|today)\s+i'?m\s+taking\s+(?:all\s+of\s+)?(?:it|them)|tak(?:e|ing)\s+(?:all\s+of\s+"
        r"(?:it|them)|them\s+all|it\s+all)\s+(?:tonight|today|at\s+once|in\s+one\s+go|together)|enough\s+to\s+"
        r"(?:die|end\s+it|not\s+wake\s+up|kill\s+me)|to\s+(?:die|end\s+it))",
        "en",
        "p",
    ),
    _r(
        "place_and_time",
        "suicide_method_or_plan",
        "high",
        r"\b(?:picked|chose|chosen|found|decided\s+on)\s+(?:the|a|my)\s+(?:bridge|building|spot|place|"
        r"cliff|rooftop|tree|method|pills|rope)\s+and\s+(?:the|a)\s+(?:day|date|time|night)\b",
        "en",
        "p",
    ),
    _r(
        "enough_to_make_sure",
        "suicide_attempt",
        "imminent",
        r"\b(?:took|taken|swallowed|had)\s+enough\s+(?:[\w']+\s+){0,2}"
        + _PILLS
        + r"?\s*(?:to|so)\s+"
        r"(?:make\s+sure|not\s+wake\s+up|die|end\s+it)",
        "en",
        "n",
    ),
    _r(
        "know_how",
        "suicide_method_or_plan",
        "high",
        r"\bi\s+(?:already\s+)?know\s+(?:exactly\s+)?(?:how|when|where)\s+(?:i'?m|i\s+am|i'?ll|i\s+will)\s+"
        r"(?:going\s+to\s+|gonna\s+)?(?:do\s+it|end\s+it|die)\b",
        "en",
    ),
    _r(
        "ending_it",
        "suicide_method_or_plan",
        "high",
        r"\b" + _IM + r"\s+(?:finally\s+|just\s+)?ending\s+(?:it|it\s+all|everything|my\s+life)\b"
        r"(?!\s+(?:with|between|for\s+(?:him|her|them|us)))",
        "en",
        "h",
    ),
    _r(
        "gone_soon",
        "suicide_method_or_plan",
        "high",
        r"\b(?:once|when|after)\s+i'?m\s+(?:gone|dead)\b.{0,30}\b(?:soon|not\s+long|won'?t\s+be\s+long|"
        r"any\s+day)",
        "en",
        "n",
    ),
    _r(
        "courage_at_means",
        "suicide_attempt",
        "imminent",
        r"\b(?:bridge|roof|rooftop|ledge|tracks|cliff|platform|balcony|edge|pills|rope|noose|gun|knife|blade)\b"
        r".{0,80}\b(?:work(?:ing)?\s+up|build(?:ing)?\s+up|get(?:ting)?\s+up|find(?:ing)?|muster(?:ing)?)\s+"
        r"(?:the\s+)?(?:courage|nerve|guts)\b|\b(?:on|by|near|next\s+to|beside|at)\s+the\s+(?:tracks|railway"
        r"\s+line|rails)\b.{0,60}\b(?:waiting\s+for\s+(?:the\s+)?(?:next\s+)?(?:express\s+|freight\s+)?train|"
        r"(?:to|and)\s+(?:jump|step|lie\s+down))",
        "en",
        "x",
    ),
    _r(
        "blade_to_skin",
        "self_harm_behaviour",
        "imminent",
        r"\b(?:press(?:ing)?|hold(?:ing)?|push(?:ing)?)\s+(?:it|the\s+(?:knife|blade|razor))\s+(?:against|to|"
        r"into)\s+my\s+(?:wrists?|throat|arms?|neck|skin)",
        "en",
    ),
    _r(
        "harm_other_plan",
        "harm_to_others",
        "high",
        r"\b(?:kill|stab|shoot|strangle|smother|hurt|poison)\s+"
        + _PERSON
        + r"\s+(?:while|when|as)\s+(?:he|she|"
        r"they)(?:'?s|\s+is|\s+are|'re)?\s+(?:sleeps?|asleep|sleeping|alone)|\b(?:thought\s+about|picked|chose|"
        r"decided)\s+(?:on\s+)?which\s+(?:knife|gun|weapon)",
        "en",
        "x",
    ),
    _r(
        "intent_method",
        "suicide_method_or_plan",
        "high",
        r"\b" + _FUTURE + r"\b.{0,25}?\b" + _METHOD_SELF,
        "en",
        "h",
    ),
    _r(
        "de_bringe_um",
        "suicide_method_or_plan",
        "high",
        r"\bich\s+bringe\s+mich\s+(?:\w+\s+){0,3}um\b",
        "de",
    ),
    _r(
        "at_the_edge",
        "suicide_attempt",
        "imminent",
        r"\b"
        + _IM
        + r"\s+(?:[\w']+\s+){0,2}(?:leaning|hanging|climbing|standing|sitting|perched)\s+"
        r"(?:over|on|off|outside|at)\s+(?:the\s+)?(?:[\w']+\s+){0,2}(?:railing|ledge|edge|balcony|parapet)",
        "en",
    ),
    _r(
        "stash",
        "suicide_method_or_plan",
        "high",
        r"\b(?:hidden|hid|hiding|have|keep|got)\s+(?:a\s+)?(?:secret\s+|little\s+)?stash\s+of\b|"
        r"\bfor\s+when\s+i\s+(?:finally\s+)?(?:end\s+it|do\s+it|kill\s+my\s?self|go\s+through\s+with)",
        "en",
        "p",
    ),
    _r(
        "everything_ready",
        "suicide_method_or_plan",
        "high",
        r"\b(?:everything|it\s+all)\s+(?:is\s+|'s\s+)?(?:ready|prepared|set)\b.{0,60}\b(?:pills|rope|gun|"
        r"note|letter|doing\s+it|do\s+it)\b|\bgot\s+everything\s+ready\b.{0,60}\b(?:pills|rope|gun|"
        r"note|letter|doing\s+it)",
        "en",
        "p",
    ),
    _r(
        "took_pills_more",
        "suicide_attempt",
        "imminent",
        r"\bi(?:'?ve|\s+have)?\s+(?:already\s+|just\s+)?(?:took|taken|swallowed|ate|downed|had)\s+"
        r"(?:everything\s+in\s+(?:the|my)\s+(?:medicine\s+cabinet|pill\s*box)|"
        r"(?:like|about|around|maybe|over|almost|nearly)\s+(?:\d{2,}|twenty|thirty|forty|fifty)\s+"
        r"(?:of\s+)?(?:my\s+|the\s+)?(?:[\w']+\s+){0,2}" + _PILLS + r")",
        "en",
        "n",
    ),
    _r(
        "overdosed",
        "suicide_attempt",
        "imminent",
        r"\bi(?:'?ve|\s+have)?\s+(?:just\s+|already\s+)?(?:overdosed|od'?d|oded)\b|"
        r"\bi\s+(?:just\s+)?(?:drank|swallowed)\s+(?:bleach|antifreeze|poison|rat\s+poison)",
        "en",
        "n",
    ),
    _r(
        "on_the_edge",
        "suicide_attempt",
        "imminent",
        r"\b" + _IM + r"\s+(?:standing\s+|sitting\s+)?(?:on|at)\s+(?:the\s+)?(?:edge|ledge|"
        r"railing|bridge|roof(?:top)?|tracks|cliff)\b(?!\s+of\s+(?:my\s+seat|a\s+breakdown|tears)|[\s,]+(?:\w+\s+)?"
        r"(?:fixing|cleaning|repairing|working|shovell?ing|installing|painting|checking|replacing|to\s+(?:fix|"
        r"clean|repair|check|install|paint|replace)))",
        "en",
    ),
    _r(
        "doing_it_now",
        "suicide_attempt",
        "imminent",
        r"\b"
        + _IM
        + r"\s+(?:doing\s+it|going\s+to\s+do\s+it|ending\s+it)\s+(?:now|right\s+now|tonight)"
        r"|\bthe\s+(?:rope|noose)\s+is\s+(?:around|on)\s+my\s+neck|\bi\s+(?:just\s+)?(?:cut|slit|sliced|"
        r"slashed|opened)\s+(?:my\s+wrists?|my\s+throat|too\s+deep)|\b(?:a\s+lot\s+of|so\s+much)\s+"
        r"blood\b|\bcan'?t\s+stop\s+(?:the\s+)?bleeding|\bbleeding\s+(?:won'?t|will\s+not|"
        r"doesn'?t)\s+stop",
        "en",
        "n",
    ),
    _r(
        "attempt_recent",
        "suicide_attempt",
        "high",
        r"\bi\s+(?:tried|attempted)\s+(?:to\s+)?(?:"
        + _KILLME
        + r"|overdose|hang\s+my\s?self|die|"
        + _METHOD_ACT
        + r")\b.{0,30}\b(?:"
        + _RECENT
        + r"|on\s+(?:monday|tuesday|wednesday|thursday|"
        r"friday|saturday|sunday)|this\s+(?:weekend|week))",
        "en",
    ),
    _r(
        "attempt_past",
        "suicide_attempt",
        "moderate",
        r"\bi\s+(?:tried|attempted|tryed)\s+(?:to\s+)?(?:"
        + _KILLME
        + r"|overdose|hang\s+my\s?self|die)"
        r"|\b(?:my|a|previous|last)\s+(?:suicide\s+)?attempt\b|\bsurviv(?:ed|or\s+of)\s+(?:a|my)\s+"
        r"(?:suicide\s+)?attempt",
        "en",
    ),
    # self-harm
    _r(
        "sh_urge",
        "self_harm_ideation",
        "moderate",
        r"\b(?:want|wanna|urges?|tempted|craving|itching|need)\s+(?:to\s+)?(?:cut|hurt|burn|harm|"
        r"punish|scratch|hit)\s+(?:my\s?self|me)\b|\b(?:urges?|want|wanna|thinking\s+about)\s+(?:to\s+)?"
        r"(?:self\s*harm|cutting|cut)\s*(?:again)?\b"
        + _NOT_CUT_OFF
        + r"|\b(?:think|thinking|thought|"
        r"thoughts)\s+(?:about|of)\s+(?:hurting|cutting|harming|burning|punishing)\s+(?:my\s?self|me)\b"
        + _NOT_CUT_OFF,
        "en",
    ),
    _r(
        "sh_behaviour",
        "self_harm_behaviour",
        "high",
        r"\bi(?:'?ve|\s+have)?\s+(?:been\s+|keep\s+|kept\s+|started\s+|still\s+)?(?:cut|cutting|"
        r"burn(?:ed|t|ing)|hurt(?:ing)?|"
        r"scratch(?:ed|ing)|hitting|hit|punch(?:ed|ing)|carv(?:ed|ing)|self\s*harm(?:ed|ing)?)\s+"
        r"(?:my\s?self|my\s+(?:arms?|wrists?|thighs?|legs?|skin))?\s*(?:again|"
        + _RECENT
        + r"|on\s+purpose|deliberately|until|so\s+bad|(?:so\s+|too\s+|really\s+)?deep|badly|"
        r"to\s+feel)",
        "en",
    ),
    _r(
        "sh_body",
        "self_harm_behaviour",
        "high",
        r"\bi(?:'?ve|\s+have)?\s+(?:been\s+|keep\s+|kept\s+|started\s+|still\s+)?(?:cut|cutting|"
        r"burn(?:ed|t|ing)|scratch(?:ed|ing)|carv(?:ed|ing))"
        r"\s+(?:my\s+)?(?:arms?|wrists?|thighs?|legs?|skin|stomach|hips?)\b",
        "en",
    ),
    _r(
        "sh_present",
        "self_harm_behaviour",
        "high",
        r"\bi\s+self\s*harm\b|\brelapsed\b.{0,20}\b(?:self\s*harm|cutting|cut)|\bfresh\s+(?:cuts|"
        r"wounds|burns)|\bhid(?:e|ing)\s+(?:my|the)\s+(?:cuts|scars|burns)",
        "en",
    ),
    _r(
        "sh_past",
        "self_harm_behaviour",
        "low",
        r"\bi\s+used\s+to\s+(?:cut|self\s*harm|hurt\s+my\s?self|burn\s+my\s?self)",
        "en",
    ),
    # acts and preparations in progress (generalisation round of 22 Nov 2026, from held-out set 10)
    _r(
        "want_it_over",
        "suicidal_ideation_passive",
        "low",
        r"\bi\s+(?:just\s+|really\s+|only\s+)?(?:want|need)\s+(?:it\s+all|it|everything|all\s+of\s+(?:it|this))\s+"
        r"to\s+(?:be\s+over|end|stop)\b(?!\s+(?:so|and)\s+i\s+can)",
        "en",
        "h",
    ),
    _r(
        "overdose_intent_whole_supply",
        "suicide_method_or_plan",
        "high",
        r"\b(?:i'?m|i\s+am|i'?ll|i\s+will|gonna|going\s+to|about\s+to|i'?m\s+going\s+to)\s+(?:just\s+|finally\s+)?"
        r"(?:take|taking|swallow|swallowing|down|downing|chug|chugging|neck|necking)\s+(?:the\s+)?"
        r"(?:whole|entire|full|all\s+(?:of\s+)?(?:my|the|these|those)|every|the\s+rest\s+of\s+(?:my|the))\s+"
        r"(?:[\w']+\s+){0,2}(?:box|boxes|bottles?|packs?|packets?|strips?|supply|jar|blister|stash|"
        + _PILLS[3:-1]
        + r")",
        "en",
        "p",
    ),
    _r(
        "ligature_in_progress",
        "suicide_method_or_plan",
        "imminent",
        r"\b(?:belt|rope|cord|cable|scarf|noose|ligature|sheet|tie|leash|wire)\s+(?:is\s+)?(?:already\s+)?"
        r"(?:around|round|on)\s+my\s+neck|\bmy\s+neck\s+(?:is\s+)?in\s+(?:the|a)\s+(?:noose|loop|belt)",
        "en",
        "p",
    ),
    _r(
        "vehicle_exhaust",
        "suicide_method_or_plan",
        "high",
        r"\b(?:let|leave|keep|run|running|start|starting)\s+(?:the|my)\s+(?:car|engine|truck)\s+(?:engine\s+)?"
        r"(?:run(?:ning)?\s+|on\s+|running\s+)?(?:\w+\s+){0,2}(?:in\s+(?:the|my)\s+(?:closed\s+)?garage|"
        r"with\s+the\s+(?:garage\s+)?doors?\s+(?:shut|closed))|\bhose\s+(?:from|on)\s+the\s+exhaust",
        "en",
        "p",
    ),
    _r(
        "charcoal_sealed_room",
        "suicide_method_or_plan",
        "high",
        r"\bcharcoal\b[^.!?]{0,80}\b(?:tape|taped|taping|seal|sealed|sealing|duct)\b|\b(?:tape|taping|seal|sealing)\s+"
        r"(?:up\s+)?(?:\w+\s+){0,3}(?:door|windows?|vents?)\b[^.!?]{0,80}\bcharcoal\b",
        "en",
        "p",
    ),
    _r(
        "wont_exist",
        "suicidal_ideation_active",
        "moderate",
        r"\b(?:i\s+)?(?:won'?t|will\s+not|wont)\s+(?:exist|be\s+alive|be\s+breathing)\s*(?:anymore|any\s+more|"
        r"by|after|much\s+longer)?",
        "en",
        "nh",
    ),
    _r(
        "affairs_in_order",
        "suicide_method_or_plan",
        "high",
        r"\b(?:tomorrow|tonight|soon|by\s+(?:monday|friday|the\s+weekend)|after\s+today)\b[^.!?]{0,40}"
        r"\b(?:won'?t|will\s+not)\s+(?:exist|be\s+(?:here|around|alive))\b[^\n]{0,80}"
        r"\b(?:sorted|taken\s+care\s+of|arranged|settled|put\s+in\s+order|organi[sz]ed)\b|"
        r"\b(?:sorted\s+(?:everything|it\s+all)\s+out|put\s+my\s+affairs\s+in\s+order)\b[^\n]{0,80}"
        r"\b(?:won'?t|will\s+not)\s+(?:exist|be\s+(?:here|around|alive))\b",
        "en",
        "np",
    ),
    _r(
        "blade_on_body",
        "self_harm_behaviour",
        "high",
        r"\b(?:i\s+)?(?:keep\s+|kept\s+|started\s+|been\s+)?(?:slic(?:e|es|ed|ing)|carv(?:e|ed|ing)|"
        r"gash(?:ed|ing)?|cut(?:ting)?)\s+(?:into\s+)?(?:up\s+)?my\s+(?:thighs?|arms?|wrists?|legs?|skin|"
        r"stomach|forearms?|hips?|ankles?)\b[^.!?]{0,40}\b(?:blade|razor|knife|scalpel|glass|sharpener)",
        "en",
        "",
    ),
    _r(
        "abuse_repeat_threat",
        "abuse_toward_user",
        "high",
        r"\b(?:punched|hit|beat|kicked|choked|strangled|slapped|shoved|threw)\s+me\b[^\n]{0,80}"
        r"\b(?:(?:he|she|they)\s*(?:'d|would|will|'ll|is\s+going\s+to|was\s+going\s+to)\s+"
        r"(?:do\s+it\s+again|kill\s+me|do\s+worse)|threatened\s+to\s+(?:kill|hurt)\s+me)",
        "en",
        "",
    ),
    # harm to others
    _r(
        "want_hurt_other",
        "harm_to_others",
        "moderate",
        r"\bi\s+"
        + _ADV
        + r"(?:want|wanna|feel\s+like|fantasi[sz]e\s+about|think\s+about|could)\s+(?:to\s+)?"
        r"(?:kill|killing|murder|murdering|hurt|hurting|stab|stabbing|shoot|shooting|strangle|"
        r"strangling|beat\s+up|beating\s+up)\s+" + _PERSON,
        "en",
        "hx",
    ),
    _r(
        "going_to_hurt_other",
        "harm_to_others",
        "high",
        r"\b(?:"
        + _IM
        + r"\s+)?(?:going\s+to|gonna|i\s+will|i'?ll|about\s+to|planning\s+to|plan\s+to)"
        r"\s+(?:(?:kill|murder|hurt|stab|shoot|strangle|poison|beat\s+up|run\s+over)\s+"
        + _PERSON
        + r"|run\s+(?:him|her|them)\s+over)",
        "en",
        "hx",
    ),
    _r(
        "harm_howto",
        "harm_to_others",
        "moderate",
        r"\b(?:how|ways?|best\s+way)\s+(?:do\s+i|can\s+i|to|of|could\s+i|should\s+i)\s+(?:best\s+)?"
        r"(?:secretly\s+)?(?:kill(?:ing)?|murder(?:ing)?|poison(?:ing)?|stab(?:bing)?|shoot(?:ing)?|"
        r"strangl(?:e|ing)|chok(?:e|ing)|throttl(?:e|ing)|hurt(?:ing)?|beat(?:ing)?|drown(?:ing)?|"
        r"push(?:ing)?|attack(?:ing)?|do\s+away\s+with|get\s+rid\s+of|eliminat(?:e|ing))\s+"
        r"(?:a\s+(?:person|human|woman|man|child|kid|baby|cop)|someone|somebody|people|my\s+(?:wife|"
        r"husband|ex|partner|boss|neighbou?r|dad|father|mom|mother|girlfriend|boyfriend|family|"
        r"teacher|classmates?|\w+\s+date)|him|her|them)\b",
        "en",
        "xb",
    ),
    _r(
        "harm_howto_animal_covert",
        "harm_to_others",
        "moderate",
        r"\b(?:how|ways?|best\s+way)\s+(?:do\s+i|can\s+i|to|of|could\s+i|should\s+i)\s+(?:best\s+)?"
        r"(?:secretly\s+)?(?:kill(?:ing)?|poison(?:ing)?|hurt(?:ing)?|drown(?:ing)?|get\s+rid\s+of)\s+"
        r"(?:(?:(?:my|the|our|a|his|her|their)\s+)?(?:neighbou?r'?s\s+|\w+'s\s+)?(?:dog|cat|pet|puppy|"
        r"kitten|horse)\b|(?:it|him|her|them)\s+without\s+(?:anyone|anybody|them|him|her|people)\s+"
        r"(?:knowing|noticing|finding\s+out|seeing))",
        "en",
        "xb",
    ),
    _r(
        "school_shooting",
        "harm_to_others",
        "high",
        r"\bshoot(?:ing)?\s+up\s+(?:the|my|our|a)\s+(?:school|class|office|church|mall)",
        "en",
        "x",
    ),
    # abuse toward the user
    _r(
        "abuse_ongoing",
        "abuse_toward_user",
        "high",
        r"\b(?:he|she|they|my\s+(?:husband|wife|partner|boyfriend|girlfriend|bf|gf|dad|father|"
        r"mom|mum|mother|stepdad|stepfather|stepmom|uncle|brother|sister|ex|parents?|"
        r"grandpa|grandfather|coach|teacher|boss))\s+(?:\w+\s+)?(?:hits|beats|chokes|strangles|"
        r"punches|slaps|kicks|rapes|molests|abuses|burns|locks)\s+me\b",
        "en",
    ),
    _r(
        "abuse_strangulation",
        "abuse_toward_user",
        "high",
        r"\b(?:strangled|choked|strangles|chokes|strangling|choking)\s+me\b|\b(?:put|puts|had|wrapped)\s+"
        r"(?:his|her|their)\s+hands?\s+(?:around|on)\s+my\s+(?:neck|throat)|\b(?:he|she|they)\s+(?:keeps?|"
        r"kept)\s+(?:punching|hitting|beating|kicking|slapping)\s+me|\blocked\s+(?:me\s+)?in\s+(?:the|my|a)\s+"
        r"(?:room|bedroom|bathroom|house|basement|closet)|\b(?:says|said)\s+it'?s\s+(?:our|a)\s+secret\b",
        "en",
    ),
    _r(
        "abuse_threat",
        "abuse_toward_user",
        "high",
        r"\b(?:threaten(?:s|ed|ing)\s+to\s+(?:kill|hurt|shoot|stab)\s+me|(?:scared|afraid|terrified)\s+"
        r"(?:to\s+go\s+home|of\s+(?:him|her|my\s+(?:husband|wife|partner|boyfriend|girlfriend|dad|"
        r"father|stepdad|mom|mother)))|(?:said|says|told\s+me|threatened|swore)\s+(?:that\s+)?(?:next\s+time\s+|"
        r"if\s+i\s+(?:\w+\s+){1,3})?(?:he|she|they)"
        r"(?:'?d|'?ll|\s+would|\s+will)\s+(?:kill|hurt|shoot|stab)\s+me)",
        "en",
        "h",
    ),
    _r(
        "abuse_disclosure",
        "abuse_toward_user",
        "moderate",
        r"\b(?:i\s+was|i\s+got|i'?ve\s+been|i\s+have\s+been|being)\s+(?:raped|sexually\s+assaulted|"
        r"molested|abused|assaulted|beaten|groomed|touched\s+inappropriately)|\b(?:he|she|they|my\s+\w+|"
        r"someone|somebody|a\s+(?:guy|man|woman|stranger|friend))"
        r"\s+(?:raped|molested|abused|assaulted|beat|choked|hit|punched|slapped|strangled)\s+me\b|"
        r"\b(?:touches|touched)\s+me\s+(?:in\s+ways|where|when|inappropriately)",
        "en",
    ),
    _r(
        "abuse_recent",
        "abuse_toward_user",
        "high",
        r"\b(?:i\s+was|i\s+got|i'?ve\s+been|i\s+have\s+been)\s+(?:raped|sexually\s+assaulted|molested|"
        r"assaulted|beaten)\b.{0,40}\b(?:last\s+(?:night|week|weekend|month)|yesterday|today|tonight|"
        r"this\s+(?:morning|week|month)|recently|days?\s+ago)|\b(?:touches|molests|abuses|rapes)\s+me\b|"
        r"\b(?:he|she|they|my\s+\w+)\s+(?:raped|molested|assaulted|beat|choked|strangled)\s+me\s+"
        r"(?:last\s+(?:night|week|month)|yesterday|today|tonight|this\s+(?:morning|week)|again)",
        "en",
    ),
    _r(
        "abuse_physical",
        "abuse_toward_user",
        "moderate",
        r"\b(?:he|she|they|my\s+\w+)\s+(?:\w+\s+)?" + _VIOLENT_ACT,
        "en",
    ),
    _r(
        "abuse_physical_recent",
        "abuse_toward_user",
        "high",
        r"\b(?:he|she|they|my\s+\w+)\s+(?:\w+\s+)?"
        + _VIOLENT_ACT
        + r".{0,80}\b(?:"
        + _RECENT
        + r"|next\s+time|worse|kill\s+me|again)\b|\b(?:"
        + _RECENT
        + r")\b.{0,40}\b(?:he|she|they|my\s+\w+)"
        r"\s+(?:\w+\s+)?" + _VIOLENT_ACT,
        "en",
    ),
    _r(
        "abuse_threat_worse",
        "abuse_toward_user",
        "moderate",
        r"\b(?:said|says|told\s+me|warned\s+me|threatened)\s+(?:that\s+)?(?:next\s+time|if\s+i\s+"
        r"(?:leave|tell|try)\b.{0,30}\b)\s*(?:it|he|she|they|i)(?:'?ll|\s+will|\s+would|'?d)\s+(?:be\s+(?:much\s+)?"
        r"worse|hurt\s+me|kill\s+me|find\s+me)",
        "en",
    ),
    _r(
        "imminent_danger_from_other",
        "abuse_toward_user",
        "imminent",
        r"\b(?:he|she|they)'?s?\s+(?:is\s+|are\s+)?(?:outside|at\s+the\s+door|breaking\s+in|coming\s+"
        r"(?:for|after)\s+me)\b.{0,40}\b(?:knife|gun|kill|hurt|weapon)|\b(?:he|she)\s+(?:has|'s\s+got|got)"
        r"\s+a\s+(?:knife|gun)\s+and\b",
        "en",
    ),
    # medical emergency
    _r(
        "medical_unresponsive",
        "medical_emergency",
        "imminent",
        r"\b(?:isn'?t|is\s+not|not|won'?t|can'?t|stopped)\s+(?:breathing|responding|responsive)|"
        r"\b(?!i\s)(?!and\s)(?!to\s)(?!could\s)\w+\s+(?:isn'?t|is\s+not|won'?t|wont|can'?t|stopped|'s\s+not|"
        r"are\s+not|aren'?t)\s+(?:waking\s+up|wake\s+up)|\bunconscious\b|\bunresponsive\b|\bpassed\s+out\s+and\s+(?:won'?t|"
        r"can'?t)|\blips\s+(?:are\s+)?(?:blue|turning\s+blue)|\bhaving\s+a\s+seizure",
        "en",
        "n",
    ),
    _r(
        "medical_poisoning",
        "medical_emergency",
        "imminent",
        r"\b(?:drank|swallowed|ate|took|injected)\s+(?:some\s+)?(?:bleach|antifreeze|poison|"
        r"rat\s+poison|drain\s+cleaner|pesticide|weed\s*killer)|\bmixed\s+(?:alcohol|drinks|booze)"
        r"\s+(?:and|with)\s+" + _PILLS + r".{0,30}\b(?:can'?t|dizzy|throwing\s+up|passing\s+out)",
        "en",
        "n",
    ),
    _r(
        "medical_symptoms_after",
        "medical_emergency",
        "high",
        r"^(?![\s\S]*\b(?:first\s+aid|cpr|course|training|practised|practiced|patients?|er\s+shift|all\s+stable|"
        r"stable\s+now)\b)[\s\S]*?"
        r"\b(?:heart\s+(?:is\s+)?(?:racing|pounding|skipping)|chest\s+pain|can'?t\s+breathe|"
        r"fainted|passing\s+out|throwing\s+up\s+blood|vomiting\s+blood)\b(?![^.!?]{0,40}\b(?:turned\s+out|"
        r"was\s+(?:just|only)|false\s+alarm|all\s+clear|sent\s+(?:him|her|me|them)\s+home))",
        "en",
        "n",
    ),
    # psychosis / delusion
    _r(
        "voices_command",
        "psychosis",
        "high",
        r"\bvoices?\s+(?:[\w']+\s+){0,3}(?:tell(?:s|ing)?|told|want(?:s)?|order(?:s|ing)?|"
        r"command(?:s|ing)?|say(?:s|ing)?|said)\s+(?:me\s+to|(?:me\s+)?(?:that\s+)?i\s+(?:(?:have|need|got)\s+to|"
        r"must|should|ought\s+to|deserve\s+to))\s+(?:kill|hurt|die|jump|cut|end|harm|burn|stab|drown|hang)",
        "en",
    ),
    _r(
        "voices",
        "psychosis",
        "moderate",
        r"\b(?:hear(?:ing)?|heard)\s+(?:voices|someone\s+talking\s+in\s+my\s+head)|\bthe\s+voices\b(?!\s+(?:in|on|of|"
        r"from)\s+(?:his|her|my|the|their|our)\s+(?:game|gaming|headset|headphones|chat|radio|tv|podcast|choir|"
        r"audiobook|cartoon|app))|"
        r"\bvoices\s+in\s+my\s+head",
        "en",
    ),
    _r(
        "delusion",
        "psychosis",
        "moderate",
        r"\b(?:implanted|put)\s+(?:a\s+)?(?:chip|tracker|device|camera)s?\s+in\s+(?:my|me)|"
        r"\b(?:cia|fbi|government|neighbou?rs?|aliens|they)\s+(?:are|is)\s+(?:watching|tracking|"
        r"following|controlling|monitoring|poisoning)\s+(?:me|my\s+(?:thoughts|mind|food|water))|"
        r"\b(?:tv|radio|television|news|the\s+songs?|numbers|license\s+plates)\s+(?:is|are)\s+"
        r"(?:sending|giving)\s+me\s+(?:secret\s+)?(?:messages|signs|signals|codes)|\bsecret\s+messages?"
        r"\s+(?:meant\s+)?(?:for|to)\s+me|\b(?:reading|stealing|inserting|broadcasting)\s+my\s+thoughts|"
        r"\bi\s+(?:am|'m)\s+(?:the\s+)?(?:chosen\s+one|messiah|god|jesus|prophet)\b|"
        r"\b(?:signals?|messages|transmissions?|frequencies|radiation|waves)\s+(?:\w+\s+){0,4}(?:send|sends|"
        r"sent|sending|transmit\w*|beam\w*|broadcast\w*)\s+(?:\w+\s+){0,2}(?:through|into|to)\s+my\s+"
        r"(?:fillings|teeth|brain|head|skull|body|implant|mind)|\b(?:send|sends|sent|sending|beam\w*|"
        r"transmit\w*|broadcast\w*|put(?:ting)?|push(?:ing)?)\s+(?:\w+\s+){0,2}(?:signals?|messages|thoughts|"
        r"voices|frequencies|radiation)\s+(?:\w+\s+){0,2}(?:through|into|in)\s+my\s+(?:fillings|teeth|tooth|"
        r"brain|head|skull)|\b(?:chip|implant|tracker|transmitter)s?\s+in\s+"
        r"my\s+(?:teeth|fillings|brain|head|skull|tooth)|\bmy\s+(?:family|"
        r"wife|husband|mom|mother|parents)\s+(?:has|have|was|were)\s+(?:been\s+)?replaced\s+by\s+"
        r"(?:an\s+)?(?:impostor|imposter|clone|robot)",
        "en",
        "x",
    ),
    # mania
    _r(
        "mania",
        "mania",
        "moderate",
        r"\b(?:haven'?t|have\s+not|didn'?t|did\s+not)\s+slept?\s+(?:in|for)\s+(?:\d+|two|three|four|"
        r"five|six|several|days)\s*(?:days|nights)?\b.{0,80}\b(?:amazing|energy|invincible|genius|"
        r"never\s+felt\s+better|great|unstoppable|euphoric|racing|don'?t\s+need\s+sleep)|\b(?:don'?t|"
        r"do\s+not)\s+need\s+(?:to\s+)?sleep\s+anymore|\b(?:i\s+feel|" + _IM + r")\s+(?:invincible|"
        r"unstoppable|like\s+a\s+god)|\bmaxed\s+out\s+(?:all\s+)?(?:my|the)\s+credit\s+cards?|"
        r"\b(?:spend(?:ing)?|spent|invest(?:ed|ing)?|put(?:ting)?|bet|betting|sink(?:ing)?|blow(?:ing)?|"
        r"throw(?:ing)?|gambl(?:e|ing))\s+(?:all|every\s+penny\s+of)\s+(?:of\s+)?(?:my|our)\s+"
        r"(?:savings|money|retirement|rent)\b.{0,60}\b(?:tonight|today|now|crypto|idea|sure\s+thing|"
        r"genius|vision|destiny|can'?t\s+(?:lose|fail)|just\s+know|it'?ll\s+work|guaranteed|loans?)|\bthoughts\s+(?:are\s+)?racing\s+so\s+fast",
        "en",
        "n",
    ),
    # eating disorder
    _r(
        "ed_restrict",
        "eating_disorder",
        "moderate",
        r"\b(?:haven'?t|have\s+not|didn'?t|not)\s+(?:eaten|eat|ate)\s+(?:anything\s+)?(?:in|for)\s+"
        r"(?:\d+|two|three|four|five|six|seven|several|a\s+few)\s+days|\b(?:purg(?:e|ing|ed)|"
        r"mak(?:e|ing)\s+my\s?self\s+(?:throw\s+up|sick|vomit))\b|\bthrow(?:ing)?\s+up\s+after\s+"
        r"(?:every|each|i)\s+(?:meal|eat)|\b(?:laxatives|diet\s+pills)\s+(?:to|so)\b|"
        r"\b(?:under|only|less\s+than)\s+\d{2,3}\s*(?:calories|cals|kcal)\s+(?:a|per)\s+day|\bpro-anorexia\b"
        r"|\bstarv(?:e|ing)\s+my\s?self\b|\bbinge\s+and\s+purge|\bhid(?:e|ing)\s+(?:that\s+i'?m\s+)?"
        r"(?:not\s+eating|my\s+eating|skipping\s+meals|that\s+i\s+don'?t\s+eat)",
        "en",
        "n",
    ),
    _r(
        "ed_minimum",
        "eating_disorder",
        "moderate",
        r"\b(?:lowest|least|minimum|fewest|smallest)\s+(?:number\s+of\s+|amount\s+of\s+)?(?:calories|kcal|"
        r"cals|food)\b.{0,50}\b(?:survive|live|stay\s+alive|function|not\s+die|get\s+by)|\bhow\s+(?:long|"
        r"little)\s+(?:can|could)\s+(?:i|you|someone|a\s+person)\s+(?:go\s+without\s+(?:eating|food)|"
        r"eat)\b.{0,40}\b(?:survive|alive|die|before)",
        "en",
        "bn",
    ),
    _r(
        "ed_weight_loss_distress",
        "eating_disorder",
        "moderate",
        r"\b(?:lost|dropped|shed|down)\s+(?:\w+\s+)?(?:\d+|a\s+lot\s+of|so\s+much)?\s*(?:kilos?|kg|pounds|lbs?|"
        r"weight)\b.{0,60}"
        r"\b(?:still\s+(?:feel|look|am|i'?m)|feel\s+(?:so\s+)?)\s*(?:so\s+)?(?:huge|fat|disgusting|gross|"
        r"enormous|massive)|\b(?:want|need)\s+to\s+(?:go|get)\s+(?:even\s+)?lower\b.{0,30}"
        r"|\bskipp?(?:ing|ed)\s+(?:every|all\s+my|most)\s+meals",
        "en",
        "n",
    ),
    _r(
        "ed_medical",
        "eating_disorder",
        "high",
        r"\b(?:purg|starv|restrict|fast)\w*\b.{0,60}\b(?:fainted|faint|passing\s+out|heart\s+(?:is\s+)?"
        r"(?:racing|skipping|fluttering)|chest\s+pain|blacking\s+out)",
        "en",
    ),
    # substance crisis
    _r(
        "substance_mix",
        "substance_crisis",
        "high",
        r"\b(?:mixed|mixing|took|taking|had|drank)\s+(?:\w+\s+){0,3}(?:alcohol|drinks|vodka|booze|beers?|"
        r"wine)\s+(?:and|with)\s+(?:[\w']+\s+){0,4}"
        + _PILLS
        + r"|\b"
        + _PILLS
        + r"\s+(?:and|with)\s+"
        r"(?:a\s+lot\s+of\s+)?(?:alcohol|vodka|booze|drinks)\b",
        "en",
    ),
    _r(
        "substance_on_top",
        "substance_crisis",
        "high",
        r"\b(?:took|taken|had|swallowed|popped)\s+(?:[\w']+\s+){0,4}"
        + _PILLS
        + r"\s+(?:with|on\s+top\s+"
        r"of|after)\s+(?:it|that|all\s+that|the\s+\w+|alcohol|booze|vodka|drinks|drinking)\b",
        "en",
    ),
    _r(
        "substance_withdrawal",
        "substance_crisis",
        "high",
        r"\bwithdrawal\b.{0,40}\b(?:shaking|seizures?|hallucinat\w*|can'?t\s+stop\s+shaking)|"
        r"\b(?:seizure|fitting)\b.{0,30}\b(?:detox|withdrawal|stopped\s+drinking)",
        "en",
    ),
    _r(
        "substance_loss_control",
        "substance_crisis",
        "moderate",
        r"\bcan'?t\s+stop\s+(?:drinking|using|taking|doing\s+(?:coke|drugs|meth|heroin))|"
        r"\b(?:relapsed|using\s+again)\s+(?:on|with)?\s*(?:heroin|meth|coke|cocaine|fentanyl|opioids|"
        r"alcohol|drinking)|\bdrunk\s+(?:every\s+day|all\s+day|since\s+morning)|\bblackout\s+drunk",
        "en",
    ),
    # curiosity about suicide as a topic -> low
    _r(
        "curiosity",
        "suicide_curiosity",
        "low",
        r"\b(?:why\s+do\s+(?:people|some\s+people)|what\s+(?:makes|drives)\s+(?:people|someone))\s+"
        r"(?:to\s+)?(?:commit\s+suicide|kill\s+themselves|take\s+their\s+(?:own\s+)?lives?)|"
        r"\bsuicide\s+(?:rates?|statistics|prevention|awareness|in\s+(?:japan|the\s+us|history))|"
        r"\bwhat\s+is\s+suicide\b|\bwhat\s+happens\s+(?:to\s+you\s+)?after\s+(?:you\s+)?die",
        "en",
        "n",
    ),
    # hopelessness / burden -> low
    _r(
        "hopeless",
        "hopelessness",
        "low",
        r"\b(?:feel(?:ing)?|so|completely|utterly|totally)\s+(?:\w+\s+)?hopeless\b|\bnothing\s+"
        r"(?:will\s+ever|is\s+ever\s+going\s+to|ever)\s+(?:get|be)\s+better|\bno\s+(?:hope|future|way\s+"
        r"out)\b|\b(?:i'?m|i\s+am)\s+(?:just\s+)?a\s+burden|\bburden\s+(?:to|on)\s+(?:everyone|my|them)|"
        r"\bcan'?t\s+(?:do|take|handle|go\s+on\s+(?:like\s+)?)\s*(?:this|it)\s+any\s*more\b|"
        r"\b(?:trapped|no\s+way\s+out)\b|\bgive\s+up\s+on\s+(?:life|everything)\b|"
        r"\bpointless\b.{0,20}\b(?:life|living|everything)|\bworthless\b",
        "en",
        "n",
    ),
)

# --- third-party concern (any language; routed away from the user's own risk) -------------

_THIRD_PARTY: tuple[Rule, ...] = (
    _r(
        "tp_suicidal",
        "third_party_concern",
        "moderate",
        r"\b"
        + _THIRD
        + r"\s+(?:[\w']+\s+){0,4}(?:(?:is|'s|are|seems?|sounds?|feels?|said\s+(?:she|he|they)"
        r"(?:'s|\s+is|\s+was|\s+are)?|might\s+be|keeps?\s+(?:talking\s+about|saying))\s+)?(?:\w+\s+){0,2}"
        r"(?:suicidal|(?:wants?|wanting|going|plans?|planning|threaten\w*|tried|trying|talk\w*\s+about)"
        r"\s+(?:to\s+)?(?:kill(?:ing)?\s+(?:her|him|them)sel(?:f|ves)|die\b|suicide|end\s+(?:her|his|"
        r"their)\s+life|end\s+it|hurt\s+(?:her|him|them)sel(?:f|ves)))",
        "en",
    ),
    _r(
        "tp_self_harm",
        "third_party_concern",
        "moderate",
        r"\b"
        + _THIRD
        + r"\s+(?:\w+\s+){0,3}(?:cuts?|cutting|burns?|burning|harms?|harming|hurts?|hurting)"
        r"\s+(?:her|him|them)sel(?:f|ves)|\b"
        + _THIRD
        + r"\s+(?:is|has\s+been)\s+self[\s\-]?harming",
        "en",
    ),
    _r(
        "tp_kill_self",
        "third_party_concern",
        "moderate",
        r"\bkill(?:ed|ing|s)?\s+(?:her|him|them)sel(?:f|ves)\b|\b(?:her|his|their)\s+suicide\s+"
        r"(?:note|attempt|plan)",
        "en",
        "x",
    ),
    _r(
        "tp_overdose_now",
        "medical_emergency",
        "imminent",
        r"\b" + _THIRD + r"\s+(?:just\s+)?(?:took|swallowed|overdosed|drank)\s+(?:\w+\s+){0,4}"
        r"(?:pills|bottle|bleach|poison|tablets)|\b"
        + _THIRD
        + r"\s+(?:\w+\s+){0,2}(?:isn'?t|is\s+not|"
        r"won'?t|not)\s+(?:breathing|waking\s+up|responding)",
        "en",
        "n",
    ),
)

# --- Spanish ---------------------------------------------------------------------------

_ES: tuple[Rule, ...] = (
    _r(
        "es_passive",
        "suicidal_ideation_passive",
        "low",
        r"\b(?:ojala|quisiera|desearia)\s+(?:estar\s+muert[oa]|no\s+(?:haber\s+nacido|despertar|existir))|"
        r"\bno\s+quiero\s+(?:seguir\s+)?(?:vivir|viviendo|existir|despertar(?:me)?|estar\s+aqui)|\bestoy\s+"
        r"cansad[oa]\s+de\s+vivir|\bla\s+vida\s+no\s+vale\s+la\s+pena|\bestarian\s+mejor\s+sin\s+mi",
        "es",
        "n",
    ),
    _r(
        "es_active",
        "suicidal_ideation_active",
        "moderate",
        r"\b(?:quiero|me\s+quiero|quisiera|deseo)\s+(?:morir(?:me)?|matarme|suicidarme|acabar\s+con\s+"
        r"(?:mi\s+vida|todo)|quitarme\s+la\s+vida)|\bpienso\s+(?:mucho\s+)?en\s+(?:el\s+)?(?:suicidio|"
        r"matarme|morir(?:me)?|quitarme\s+la\s+vida)|\bpensamientos\s+suicidas|\bme\s+siento\s+suicida|"
        r"\bganas\s+de\s+(?:morir(?:me)?|matarme|desaparecer)",
        "es",
    ),
    _r(
        "es_intent",
        "suicide_method_or_plan",
        "high",
        r"\b(?:voy\s+a|he\s+decidido|decidi)\s+(?:matarme|suicidarme|quitarme\s+la\s+vida|acabar\s+con\s+"
        r"(?:mi\s+vida|todo)|tirarme|colgarme|saltar\s+(?:del|de\s+un|desde\s+el)\s+(?:puente|edificio|"
        r"techo|balcon)|tomar(?:me)?\s+todas\s+(?:mis|las)\s+pastillas)|\btengo\s+un\s+plan\s+para\s+(?:matarme|morir|suicidarme)|"
        r"\b(?:guardando|juntando|acumulando)\s+(?:mis\s+|las\s+)?(?:pastillas|medicinas)",
        "es",
        "p",
    ),
    _r(
        "es_intent_now",
        "suicide_method_or_plan",
        "high",
        r"\b(?:esta\s+noche|hoy|manana|ya|ahora)\s+(?:mismo\s+)?me\s+(?:mato|suicido|quito\s+la\s+vida)\b"
        r"(?!\s+(?:de|trabajando|estudiando|a\s+))|\bme\s+(?:mato|suicido|quito\s+la\s+vida)\s+(?:esta\s+noche|"
        r"hoy|manana)\b|\bcarta\s+de\s+despedida",
        "es",
        "p",
    ),
    _r(
        "es_act",
        "suicide_attempt",
        "imminent",
        r"\b(?:me\s+)?(?:tome|he\s+tomado|trague)\s+(?:todas\s+)?(?:las|mis|un\s+frasco\s+de|un\s+monton\s+"
        r"de)\s+(?:\w+\s+)?(?:pastillas|pildoras|medicinas|tabletas)|\bestoy\s+en\s+(?:el\s+)?(?:puente|"
        r"borde|azotea)\b",
        "es",
        "n",
    ),
    _r(
        "es_self_harm",
        "self_harm_behaviour",
        "high",
        r"\bme\s+(?:corto|corte|he\s+cortado|quemo|queme|lastimo|lastime|hago\s+dano|hice\s+dano)\b"
        r"(?!\s+(?:el\s+pelo|cocinando|con\s+el\s+cuchillo\s+de\s+cocina))|\bautolesion",
        "es",
    ),
    _r(
        "es_sh_urge",
        "self_harm_ideation",
        "moderate",
        r"\bganas\s+de\s+(?:cortarme|hacerme\s+dano|lastimarme|quemarme)|\bquiero\s+(?:cortarme|"
        r"hacerme\s+dano|lastimarme)",
        "es",
    ),
    _r(
        "es_abuse",
        "abuse_toward_user",
        "high",
        r"\bmi\s+(?:esposo|marido|novio|pareja|padre|papa|padrastro|madre|mama|tio)\s+me\s+(?:pega|golpea|"
        r"viola|ahorca|maltrata|amenaza)|\bme\s+(?:viol[oa]|abuso\s+sexualmente)",
        "es",
    ),
    _r(
        "es_third",
        "third_party_concern",
        "moderate",
        r"\bmi\s+(?:amig[oa]|herman[oa]|hij[oa]|madre|padre|novi[oa]|pareja)\s+(?:\w+\s+){0,3}(?:quiere|"
        r"va\s+a|dice\s+que\s+(?:se\s+)?va\s+a|piensa\s+en)\s+(?:matarse|suicidarse|morir(?:se)?|"
        r"quitarse\s+la\s+vida|hacerse\s+dano)",
        "es",
    ),
    _r(
        "es_hopeless",
        "hopelessness",
        "low",
        r"\bno\s+tengo\s+(?:esperanza|futuro)|\bsoy\s+una\s+carga|\bnada\s+va\s+a\s+mejorar|"
        r"\bya\s+no\s+puedo\s+mas",
        "es",
        "n",
    ),
    _r(
        "es_harm_others",
        "harm_to_others",
        "moderate",
        r"\b(?:quiero|voy\s+a)\s+matar(?:lo|la|los|las|\s+a\s+(?:mi|alguien))",
        "es",
        "hx",
    ),
)

# --- French ----------------------------------------------------------------------------

_FR: tuple[Rule, ...] = (
    _r(
        "fr_passive",
        "suicidal_ideation_passive",
        "low",
        r"\bj'?aimerais\s+(?:etre\s+mort|ne\s+pas\s+me\s+reveiller|disparaitre)|\bje\s+(?:ne\s+)?veux\s+"
        r"plus\s+(?:vivre|exister|me\s+reveiller)|\bfatigue(?:e)?\s+de\s+vivre|\bla\s+vie\s+ne\s+vaut\s+"
        r"pas\s+la\s+peine|\bseraient\s+mieux\s+sans\s+moi|\b(?:aucune|plus\s+(?:de|aucune))\s+raison\s+de\s+"
        r"vivre|\bje\s+ne\s+serai\s+plus\s+la\b",
        "fr",
        "n",
    ),
    _r(
        "fr_farewell",
        "suicide_method_or_plan",
        "high",
        r"\b(?:lettre|mot|message)\s+d'?adieu|\b(?:ce\s+soir|demain|aujourd'?hui)\b.{0,30}\bje\s+ne\s+serai\s+"
        r"plus\s+la\b",
        "fr",
        "p",
    ),
    _r(
        "fr_active",
        "suicidal_ideation_active",
        "moderate",
        r"\bje\s+veux\s+(?:mourir|me\s+tuer|me\s+suicider|en\s+finir|mettre\s+fin\s+a\s+mes\s+jours)|"
        r"\bje\s+pense\s+(?:souvent\s+|beaucoup\s+)?(?:au\s+suicide|a\s+me\s+tuer|a\s+mourir|a\s+en\s+finir)|"
        r"\bidees\s+suicidaires|\bj'?ai\s+envie\s+de\s+(?:mourir|me\s+tuer|en\s+finir)",
        "fr",
    ),
    _r(
        "fr_intent",
        "suicide_method_or_plan",
        "high",
        r"\bje\s+vais\s+(?:me\s+tuer|me\s+suicider|en\s+finir|mettre\s+fin\s+a\s+mes\s+jours|sauter|me\s+"
        r"pendre|jeter\s+(?:sous|du|d'un|par|depuis)|prendre\s+tou(?:te)?s\s+mes\s+(?:pilules|cachets|medicaments|comprimes))|\bj'?ai\s+(?:un\s+plan|decide)\s+(?:pour|de)\s+(?:me\s+tuer|mourir|en\s+finir)|"
        r"\bje\s+garde\s+(?:mes|des)\s+(?:medicaments|cachets)",
        "fr",
        "p",
    ),
    _r(
        "fr_act",
        "suicide_attempt",
        "imminent",
        r"\bj'?ai\s+(?:deja\s+)?(?:pris|avale)\s+(?:toute?s?\s+)?(?:mes|les|une\s+boite\s+de|plein\s+de)\s+"
        r"(?:\w+\s+)?(?:medicaments|cachets|pilules|comprimes)|\bje\s+suis\s+sur\s+le\s+(?:pont|toit|rebord)",
        "fr",
        "n",
    ),
    _r(
        "fr_self_harm",
        "self_harm_behaviour",
        "high",
        r"\bje\s+me\s+(?:suis\s+)?(?:scarifie|scarifie|mutile|coupe|brule)e?s?\b(?:\s+(?:les|encore|"
        r"hier|ce))|\bje\s+me\s+scarifie|\bautomutilation|\bje\s+me\s+suis\s+(?:taillade|ouvert|coupe)e?s?\s+"
        r"les\s+(?:veines|poignets?)",
        "fr",
    ),
    _r(
        "fr_abuse",
        "abuse_toward_user",
        "high",
        r"\bmon\s+(?:mari|copain|pere|beau-pere|compagnon|oncle)\s+me\s+(?:frappe|bat|viole|etrangle|"
        r"menace)|\bma\s+(?:mere|copine|femme)\s+me\s+(?:frappe|bat)|\bj'?ai\s+ete\s+violee?",
        "fr",
    ),
    _r(
        "fr_third",
        "third_party_concern",
        "moderate",
        r"\b(?:mon|ma)\s+(?:ami|amie|frere|soeur|fils|fille|mere|pere|copain|copine)\s+(?:\w+\s+){0,3}"
        r"(?:veut|va|parle\s+de)\s+(?:se\s+tuer|se\s+suicider|mourir|en\s+finir|suicide)",
        "fr",
    ),
    _r(
        "fr_hopeless",
        "hopelessness",
        "low",
        r"\bje\s+n'?ai\s+plus\s+d'?espoir|\bje\s+suis\s+un\s+fardeau|\bje\s+n'?en\s+peux\s+plus",
        "fr",
        "n",
    ),
)

# --- German ----------------------------------------------------------------------------

_DE: tuple[Rule, ...] = (
    _r(
        "de_passive",
        "suicidal_ideation_passive",
        "low",
        r"\bich\s+(?:wunschte|wuenschte),?\s+ich\s+(?:ware|waere)\s+tot|\bich\s+will\s+nicht\s+mehr\s+"
        r"(?:leben|aufwachen|da\s+sein)|\bich\s+mochte\s+nicht\s+mehr\s+(?:leben|aufwachen)|"
        r"\bmude\s+vom\s+leben|\bohne\s+mich\s+besser\s+dran",
        "de",
        "n",
    ),
    _r(
        "de_active",
        "suicidal_ideation_active",
        "moderate",
        r"\bich\s+(?:will|mochte|moechte)\s+(?:sterben|mich\s+umbringen|mich\s+toten|tot\s+sein|"
        r"mir\s+das\s+leben\s+nehmen|schluss\s+machen)|\bich\s+denke\s+(?:oft\s+|viel\s+)?(?:an|uber|"
        r"ueber)\s+(?:selbstmord|suizid|sterben|mich\s+umzubringen)|\bsuizidgedanken|\bselbstmordgedanken|"
        r"\bich\s+bin\s+suizidal",
        "de",
    ),
    _r(
        "de_intent",
        "suicide_method_or_plan",
        "high",
        r"\bich\s+(?:werde|werd)\s+mich\s+(?:umbringen|toten|erhangen|erschiessen)|\bich\s+werde\s+"
        r"(?:[\w]+\s+){0,5}(?:springen|mir\s+(?:\w+\s+){0,3}das\s+leben\s+nehmen|mich\s+umbringen|alle\s+(?:meine\s+)?"
        r"tabletten\s+nehmen)|\bich\s+habe\s+einen\s+plan,?\s+(?:wie|um)|\bich\s+"
        r"(?:sammle|horte)\s+(?:meine\s+)?(?:tabletten|medikamente)|\bich\s+habe\s+(?:\w+\s+){0,3}(?:tabletten|"
        r"schlaftabletten|medikamente|pillen)\s+(?:gesammelt|gehortet)|\babschiedsbrief",
        "de",
        "p",
    ),
    _r(
        "de_act",
        "suicide_attempt",
        "imminent",
        r"\bich\s+habe\s+(?:gerade\s+|schon\s+)?(?:alle\s+|eine\s+packung\s+|viele\s+|\d{2,}\s+)?(?:meine\s+)?"
        r"(?:tabletten|pillen|medikamente)\s+(?:genommen|geschluckt)|\buberdosis\s+(?:genommen|geschluckt)|\bich\s+stehe\s+auf\s+(?:der|dem)\s+"
        r"(?:brucke|bruecke|dach)",
        "de",
        "n",
    ),
    _r(
        "de_self_harm",
        "self_harm_behaviour",
        "high",
        r"\bich\s+(?:ritze|schneide|verletze)\s+mich|\bich\s+habe\s+mich\s+(?:wieder\s+)?(?:geritzt|"
        r"geschnitten|verletzt)|\bselbstverletzung",
        "de",
    ),
    _r(
        "de_abuse",
        "abuse_toward_user",
        "high",
        r"\bmein\s+(?:mann|freund|vater|stiefvater|partner|onkel)\s+(?:schlagt|schlaegt|wurgt|vergewaltigt|"
        r"bedroht)\s+mich|\bmeine\s+(?:mutter|frau|freundin)\s+schlagt\s+mich|\bich\s+wurde\s+vergewaltigt",
        "de",
    ),
    _r(
        "de_third",
        "third_party_concern",
        "moderate",
        r"\b(?:mein|meine)\s+(?:freund|freundin|bruder|schwester|sohn|tochter|mutter|vater)\s+(?:\w+\s+)"
        r"{0,3}(?:will|mochte|denkt\s+an)\s+(?:sich\s+umbringen|sterben|selbstmord|suizid)",
        "de",
    ),
    _r(
        "de_hopeless",
        "hopelessness",
        "low",
        r"\bich\s+habe\s+keine\s+hoffnung|\bich\s+bin\s+eine\s+last|\bich\s+kann\s+nicht\s+mehr\b",
        "de",
        "n",
    ),
)

# --- Portuguese ------------------------------------------------------------------------

_PT: tuple[Rule, ...] = (
    _r(
        "pt_passive",
        "suicidal_ideation_passive",
        "low",
        r"\bqueria\s+(?:estar\s+mort[oa]|nao\s+ter\s+nascido|nao\s+acordar|sumir)|\bnao\s+quero\s+mais\s+"
        r"(?:viver|existir|acordar)|\bcansad[oa]\s+de\s+viver|\bestariam\s+melhor\s+sem\s+mim",
        "pt",
        "n",
    ),
    _r(
        "pt_active",
        "suicidal_ideation_active",
        "moderate",
        r"\b(?:quero|queria)\s+(?:morrer|me\s+matar|me\s+suicidar|acabar\s+com\s+(?:a\s+minha\s+vida|tudo)|"
        r"tirar\s+a\s+minha\s+(?:propria\s+)?vida)|\bpenso\s+(?:muito\s+)?em\s+(?:suicidio|me\s+matar|"
        r"morrer)|\bpensamentos\s+suicidas|\bvontade\s+de\s+(?:morrer|me\s+matar|sumir)",
        "pt",
    ),
    _r(
        "pt_intent",
        "suicide_method_or_plan",
        "high",
        r"\bvou\s+(?:me\s+matar|me\s+suicidar|acabar\s+com\s+(?:a\s+minha\s+vida|tudo)|pular|me\s+enforcar|"
        r"tomar\s+todos\s+os\s+(?:meus\s+)?(?:remedios|comprimidos))|"
        r"\btenho\s+um\s+plano\s+para\s+(?:me\s+matar|morrer)|\b(?:guardando|juntando)\s+(?:os\s+|meus\s+)?"
        r"(?:remedios|comprimidos)|\bcarta\s+de\s+despedida|\bvou\s+(?:me\s+matar|acabar\s+com\s+tudo)\s+(?:hoje|"
        r"amanha|agora)",
        "pt",
        "p",
    ),
    _r(
        "pt_act",
        "suicide_attempt",
        "imminent",
        r"\b(?:tomei|engoli)\s+(?:todos\s+)?(?:os|meus|uma\s+cartela\s+de|um\s+monte\s+de|um\s+frasco\s+de)"
        r"\s+(?:\w+\s+)?(?:remedios|comprimidos|pilulas)|\bestou\s+na\s+(?:ponte|beira|borda)",
        "pt",
        "n",
    ),
    _r(
        "pt_self_harm",
        "self_harm_behaviour",
        "high",
        r"\b(?:eu\s+)?me\s+(?:corto|cortei|machuco|machuquei|queimei)\b(?!\s+cozinhando)|\bautomutilacao|"
        r"\bautolesao",
        "pt",
    ),
    _r(
        "pt_abuse",
        "abuse_toward_user",
        "high",
        r"\bmeu\s+(?:marido|namorado|pai|padrasto|companheiro|tio)\s+me\s+(?:bate|espanca|estuprou|"
        r"enforca|ameaca)|\bfui\s+estuprada?",
        "pt",
    ),
    _r(
        "pt_third",
        "third_party_concern",
        "moderate",
        r"\b(?:meu|minha)\s+(?:amig[oa]|irma[o]?|filh[oa]|mae|pai|namorad[oa])\s+(?:\w+\s+){0,3}(?:quer|vai|"
        r"fala\s+em)\s+(?:se\s+matar|morrer|suicidio|se\s+suicidar)",
        "pt",
    ),
    _r(
        "pt_hopeless",
        "hopelessness",
        "low",
        r"\bnao\s+tenho\s+(?:esperanca|futuro)|\bsou\s+um\s+peso|\bnao\s+aguento\s+mais",
        "pt",
        "n",
    ),
)

# --- Chinese (simplified and traditional) ----------------------------------------------

_ZH: tuple[Rule, ...] = (
    _r(
        "zh_passive",
        "suicidal_ideation_passive",
        "low",
        r"(?:不想|不要)(?:再)?活(?:了|下去)|活着(?:没有|没)(?:意思|意义)|活著沒有意義|希望(?:自己)?(?:死了|不要醒来|"
        r"没出生)|不想醒来|没有我(?:他们|大家)会更好",
        "zh",
        "n",
    ),
    _r(
        "zh_active",
        "suicidal_ideation_active",
        "moderate",
        r"我?(?:想|好想|很想)(?:去)?死|想(?:自杀|自殺|結束生命|结束(?:自己的)?生命|了结自己)|(?:有|一直有)"
        r"(?:自杀|自殺)(?:的)?(?:念头|想法|念頭)|想轻生",
        "zh",
    ),
    _r(
        "zh_intent",
        "suicide_method_or_plan",
        "high",
        r"我?(?:要|准备|打算|決定|决定)(?:今晚|今天|明天|马上|现在|今夜)?(?:去)?(?:自杀|自殺|跳楼|跳樓|跳桥|结束(?:自己的)?生命|上吊)|"
        r"(?:攒|存|囤)(?:了)?(?:很多)?(?:药|安眠药)|遗书|遺書|(?:要|准备|打算)(?:去)?(?:结束|了结)"
        r"(?:这一切|一切|自己)",
        "zh",
        "p",
    ),
    _r(
        "zh_act",
        "suicide_attempt",
        "imminent",
        r"(?:我)?(?:已经|剛剛|刚刚|刚)?(?:吃了|吞了|服了)(?:一整瓶|一瓶|很多|所有的?|全部的?)(?:的)?"
        r"(?:安眠)?(?:药|藥|药片)|我(?:现在)?(?:站)?在(?:楼顶|天台|桥上|橋上)",
        "zh",
        "n",
    ),
    _r(
        "zh_self_harm",
        "self_harm_behaviour",
        "high",
        r"(?:我)?(?:又)?(?:割腕|自残|自殘|割(?:了)?自己|伤害(?:了)?自己)",
        "zh",
    ),
    _r(
        "zh_abuse",
        "abuse_toward_user",
        "high",
        r"(?:我)?(?:老公|丈夫|男朋友|爸爸|父亲|继父|妈妈)(?:经常|又|总是)?(?:打我|家暴|强奸|性侵)|"
        r"(?:被)(?:家暴|强奸|性侵)",
        "zh",
    ),
    _r(
        "zh_third",
        "third_party_concern",
        "moderate",
        r"(?:我的?)?(?:朋友|同学|妹妹|姐姐|弟弟|哥哥|女儿|儿子|妈妈|爸爸)(?:说)?(?:她|他)?(?:想|要)(?:去)?"
        r"(?:自杀|死|轻生)",
        "zh",
    ),
    _r(
        "zh_hopeless",
        "hopelessness",
        "low",
        r"(?:没有|沒有)(?:希望|未来)|我是(?:个|一个)?(?:累赘|负担)|撑不下去了",
        "zh",
        "n",
    ),
)

# --- Hindi (Devanagari) and Hinglish ---------------------------------------------------

_HI: tuple[Rule, ...] = (
    _r(
        "hi_passive",
        "suicidal_ideation_passive",
        "low",
        r"(?:जीना|जीने)\s*(?:नहीं|नही)\s*(?:चाहता|चाहती)|काश\s+मैं\s+मर\s+जा|\bjeena\s+nahi?n?\s+"
        r"(?:chahta|chahti)|\bkaash\s+(?:main|mai|me)\s+mar\s+ja|\bzindagi\s+(?:se\s+)?(?:thak|tang)\s+"
        r"(?:gaya|gayi|gai)|\bjeene\s+ka\s+(?:koi\s+)?(?:mann?|matlab)\s+nahi?|"
        r"\bjeene\s+ki\s+(?:koi\s+)?(?:wajah|vajah)\s+nahi?",
        "hi",
        "n",
    ),
    _r(
        "hi_active",
        "suicidal_ideation_active",
        "moderate",
        r"(?:मरना|मर\s+जाना)\s+(?:चाहता|चाहती)|आत्महत्या\s+(?:करना\s+चाहता|करना\s+चाहती|के\s+बारे|का\s+ख्याल)|"
        r"ख़ुदकुशी|खुदकुशी|\b(?:marna|mar\s+jana|mar\s+jaana)\s+(?:chahta|chahti)|\b(?:khudkushi|"
        r"aatmahatya|atmahatya|suicide)\s+(?:karna|karne)\s+(?:chahta|chahti|ka\s+(?:mann?|man|khayal|"
        r"soch))|\bkhud\s+ko\s+(?:maar|khatam)\s+(?:dena|dalna)\s+(?:chahta|chahti)|"
        r"\bsab\s+(?:kuch\s+)?khatam\s+(?:karna\s+(?:hai|chahta|chahti)|kar\s+(?:dunga|dungi|doonga|du))|"
        r"सब\s+(?:कुछ\s+)?ख़?खत्म\s+(?:करना\s+है|कर\s+(?:दूंगा|दूँगा|दूंगी))",
        "hi",
    ),
    _r(
        "hi_intent",
        "suicide_method_or_plan",
        "high",
        r"(?:मैं\s+)?आत्महत्या\s+कर\s+(?:लूंगा|लूंगी|लूँगा|लूँगी)|\b(?:main|mai|me)\s+(?:\w+\s+){0,3}(?:khudkushi|"
        r"suicide|aatmahatya)\s+kar\s+(?:lunga|lungi|loonga|loongi)|\baaj\s+raat\s+(?:sab\s+)?khatam\s+"
        r"kar\s+(?:dunga|dungi)|\bgoliyan?\s+(?:jama|ikattha)\s+kar|\b(?:suicide|khudkushi|aatmahatya)\s+"
        r"(?:karne\s+)?ka\s+plan|\b(?:apni\s+)?jaan\s+(?:de|le)\s+(?:dunga|dungi|doonga|doongi|lunga|lungi)|"
        r"\b(?:aaj|kal|abhi)\s+(?:raat\s+)?(?:sab\s+(?:kuch\s+)?)?khatam\s+kar\s+(?:dunga|dungi|doonga|doongi)|"
        r"\bkhud\s+ko\s+khatam\s+kar\s+(?:dunga|dungi|lunga|lungi)|\b(?:khudkushi|aatmahatya|suicide)\s+karne\s+"
        r"(?:wala|wali|ja\s+raha|ja\s+rahi)\s+(?:hoon|hun|hu)",
        "hi",
        "p",
    ),
    _r(
        "hi_act",
        "suicide_attempt",
        "imminent",
        r"(?:सारी|बहुत\s+सारी)\s+(?:गोलियां|गोलियाँ|दवाइयां)\s+खा\s+ली|\b(?:saari|sari|bahut\s+saari)\s+"
        r"(?:goliyan|goliyaan|dawai|dawaiyan|pills)\s+kha\s+(?:li|lee)",
        "hi",
        "n",
    ),
    _r(
        "hi_self_harm",
        "self_harm_behaviour",
        "high",
        r"\b(?:khud\s+ko|apne\s+aap\s+ko)\s+(?:kaat|cut|hurt|chot)\s*(?:kar)?\s*(?:liya|leti|leta|rahi|"
        r"raha)|खुद\s+को\s+(?:काट|चोट)",
        "hi",
    ),
    _r(
        "hi_third",
        "third_party_concern",
        "moderate",
        r"\b(?:mera|meri)\s+(?:dost|bhai|behen|behan|beta|beti|friend)\s+(?:\w+\s+){0,3}(?:suicide|"
        r"khudkushi|marna)\s+(?:karna\s+)?(?:chahta|chahti|ki\s+baat)",
        "hi",
    ),
    _r(
        "hi_hopeless",
        "hopelessness",
        "low",
        r"\b(?:koi\s+)?ummeed\s+nahi|\b(?:main|mai)\s+(?:sab\s+par\s+)?bojh\s+hoon|कोई\s+उम्मीद\s+नहीं",
        "hi",
        "n",
    ),
)

#: Every risk rule, in the order the screen tries them.
# --- generalisation round of 22 Nov 2026 (work list: retired held-out sets 6 and 10) -----------

_ROUND_1122: tuple[Rule, ...] = (
    _r(
        "pills_open_in_front",
        "suicide_method_or_plan",
        "high",
        r"\b(?:bottle|box|pack|packet|jar|handful|pile)\s+of\s+(?:[\w']+\s+)?"
        + _PILLS
        + r"\s+(?:is\s+|are\s+)?(?:open|opened|out|poured\s+out|lined\s+up|counted\s+out|in\s+front\s+of\s+me|"
        r"in\s+my\s+hand)",
        "en",
        "p",
    ),
    _r(
        "going_to_jump_place",
        "suicide_method_or_plan",
        "high",
        r"^(?=[\s\S]*\b(?:train|platform|tracks|bridge|roof|rooftop|window|ledge|balcony|cliff|overpass|"
        r"building|tower|top\s+floor|car\s+park|parking\s+garage|multi-?storey)\b)[\s\S]*\b(?:going\s+to|gonna|"
        r"i'?ll|i\s+will|about\s+to|want\s+to|ready\s+to)\s+jump\b(?!\s+(?:on|onto|in|into|aboard|at|for|"
        r"to\s+conclusions|rope|start|the\s+queue|ship|ahead|the\s+gun|back))",
        "en",
        "p",
    ),
    _r(
        "last_night_alive",
        "suicide_method_or_plan",
        "high",
        r"\b(?:tonight|today|this|tomorrow)\s+(?:is|will\s+be|'s)\s+(?:going\s+to\s+be\s+)?my\s+(?:last|final)\s+"
        r"(?:night|day|time|sunrise|sunset|weekend)\b(?!\s+(?:at|in|of|with|as|before\s+(?:the|my)\s+"
        r"(?:move|trip|holiday|vacation|flight)))",
        "en",
        "p",
    ),
    _r(
        "armed_at_door",
        "abuse_toward_user",
        "imminent",
        r"\b(?:outside|at|in\s+front\s+of|banging\s+on)\s+(?:my|the|our)\s+(?:house|home|door|flat|apartment|"
        r"window|room)\b[^.!?]{0,30}\bwith\s+a\s+(?:gun|knife|weapon|machete|bat|axe|hammer|pistol|rifle)|"
        r"\bwith\s+a\s+(?:gun|knife|machete|axe|pistol|rifle)\b[^.!?]{0,40}\b(?:banging\s+on|kicking|breaking|"
        r"trying\s+to\s+(?:get|break)\s+in|at\s+(?:my|the)\s+door|outside\s+my)",
        "en",
        "",
    ),
    _r(
        "gone_for_good_timeframe",
        "suicide_method_or_plan",
        "high",
        r"\b(?:tomorrow|tonight|by\s+(?:morning|tomorrow|the\s+weekend|\w+day))\b[^.!?]{0,25}\bi'?(?:ll|\s+will)\s+be\s+"
        r"gone\s+(?:for\s+good|forever|for\s+ever)|\bi'?(?:ll|\s+will)\s+be\s+gone\s+(?:for\s+good|forever)\b"
        r"[^.!?]{0,25}\b(?:tomorrow|tonight)\b",
        "en",
        "p",
    ),
    _r(
        "arson_with_person",
        "harm_to_others",
        "high",
        r"\b(?:burn|torch|set\s+fire\s+to)\s+(?:down\s+)?(?:[\w']+\s+){0,3}(?:house|home|car|flat|apartment|"
        r"place|room|building)\s+(?:down\s+)?(?:with|while)\s+(?:him|her|them|[\w']+)\s+(?:\w+\s+)?"
        r"(?:inside|in\s+it|in\s+there|asleep)",
        "en",
        "",
    ),
    _r(
        "es_quitar_vida",
        "suicide_method_or_plan",
        "high",
        r"\b(?:me\s+voy\s+a|voy\s+a|vamos\s+a)\s+(?:\w+\s+){0,2}(?:quitar\s+la\s+vida|matar(?:me)?|suicidar(?:me)?|"
        r"tirar(?:me)?\s+(?:de|del|desde|por)|colgar(?:me)?|tomar\s+todas\s+(?:mis|las)\s+(?:pastillas|"
        r"pildoras))|\bme\s+voy\s+a\s+(?:\w+\s+){0,2}quitar\s+la\s+vida|\bya\s+(?:lo\s+)?decidi\b",
        "es",
        "p",
    ),
    _r(
        "fr_avaler_tout",
        "suicide_method_or_plan",
        "high",
        r"\bje\s+vais\s+(?:\w+\s+){0,2}(?:avaler|prendre)\s+(?:toutes?\s+)?(?:mes|les|la\s+boite\s+de|"
        r"le\s+flacon\s+de)\s+(?:\w+\s+)?(?:pilules|cachets|comprimes|medicaments|somniferes)|\bje\s+vais\s+"
        r"(?:\w+\s+){0,2}(?:sauter\s+(?:du|de\s+la|par\s+la|sous)|me\s+jeter\s+(?:du|de\s+la|sous|par))",
        "fr",
        "p",
    ),
    _r(
        "de_springe",
        "suicide_method_or_plan",
        "high",
        r"\bich\s+(?:springe|spring|werfe\s+mich)\s+(?:\w+\s+){0,3}(?:von|vor|aus|unter)\s+(?:der|die|dem|den|"
        r"einen|eine|einem)\s+(?:\w+\s+)?(?:brucke|bruecke|dach|hochhaus|zug|u-bahn|fenster|balkon|klippe|"
        r"gleise|auto|lkw)",
        "de",
        "p",
    ),
)

#: Sixth pass of the 22 Nov round (work list: held-out set 16 after its one scoring).
_ROUND_1122F: tuple[Rule, ...] = (
    _r(
        "command_voice_3",
        "psychosis",
        "high",
        r"\bvoices?\b[^.!?]{0,30}\b(?:says?|said|tells?|told|telling)\b[^.!?]{0,20}\bi\s+(?:have|need|got)\s+to\b"
        r"[^.!?]{0,40}\b(?:stove|burner|fire|flame|knife|window|river|traffic|tracks|oven|boiling|gas)\b",
        "en",
        "",
    ),
    _r(
        "weapon_to_work",
        "harm_to_others",
        "high",
        r"\bbring(?:ing)?\s+(?:my\s+|a\s+|his\s+)?(?:\w+'?s\s+)?(?:gun|shotgun|knife|pistol|rifle)\s+(?:to|in(?:to)?)\s+"
        r"(?:the\s+)?(?:\w+\s+)?(?:shift|office|meeting|party|school|work|class|site|plant)\b",
        "en",
        "",
    ),
    _r(
        "child_ingested_2",
        "medical_emergency",
        "imminent",
        r"\bdrank\s+(?:the\s+|some\s+)?(?:\w+\s+)?(?:stuff|liquid|bottle)\s+(?:from\s+)?under\s+the\s+sink|"
        r"\b(?:coughing\s+and\s+drooling|drooling\s+and\s+coughing)\b",
        "en",
        "",
    ),
    _r(
        "stepping_off",
        "suicide_method_or_plan",
        "high",
        r"^(?=[\s\S]*\b(?:train|express|platform|tracks|ledge|edge|bridge|roof|overpass)\b)[\s\S]*\b(?:i'?m|i\s+am|"
        r"gonna|going\s+to|i'?ll)\s+(?:stepping|step)\s+(?:off|out|in\s+front)|\bwalk\s+off\s+(?:the\s+)?(?:overpass|"
        r"bridge|roof|cliff|ledge)",
        "en",
        "p",
    ),
    _r(
        "rest_of_my_pills",
        "suicide_attempt",
        "imminent",
        r"\b(?:finished|took|swallowed|had|downed)\s+[^.!?]{0,30}\bthe\s+rest\s+of\s+(?:my|the|her|his)\s+(?:[\w']+\s+)?"
        + _PILLS,
        "en",
        "n",
    ),
    _r(
        "tonights_the_night",
        "suicide_method_or_plan",
        "high",
        r"^(?=[\s\S]*\b(?:letters|notes|goodbye|dog|cat|rope|pills|bridge|kms|unalive)\b)[\s\S]*\btonight'?s\s+the\s+night\b|"
        r"\bwrote\s+the\s+(?:letters|notes)\b",
        "en",
        "p",
    ),
    _r(
        "saved_up_means",
        "suicide_method_or_plan",
        "high",
        r"\b(?:stuff|pills|meds|tablets)\s+saved\s+up\b|\bunaliv(?:e|ing)\s+my\s?self\s+(?:b4|before)\b",
        "en",
        "p",
    ),
    _r(
        "de_acts_3",
        "suicide_method_or_plan",
        "high",
        r"\bich\s+stehe\s+(?:gerade\s+|jetzt\s+)?(?:auf|an)\s+(?:der|dem)\s+(?:brucke|bruecke|dach|kante|gleisen)|"
        r"\bsag\s+meiner\s+\w+,?\s+dass\s+es\s+mir\s+leid",
        "de",
        "p",
    ),
    _r(
        "fr_abuse_3",
        "abuse_toward_user",
        "high",
        r"\bme\s+tuerait\b|\bsang\s+qui\s+coule",
        "fr",
        "",
    ),
    _r(
        "pt_acts_4",
        "suicide_method_or_plan",
        "high",
        r"\b(?:to|tou|estou)\s+no\s+(?:telhado|topo|alto)\s+d[oa]|\bninguem\s+vai\s+sentir\s+(?:minha\s+)?falta",
        "pt",
        "p",
    ),
    _r(
        "zh_acts_4",
        "suicide_attempt",
        "imminent",
        r"割得太深|血(?:一直)?止不住|流血不止|整瓶(?:都)?吃|药已经吃下去",
        "zh",
        "n",
    ),
    _r(
        "es_acts_4",
        "suicide_method_or_plan",
        "high",
        r"\bme\s+voy\s+para\s+siempre|\bno\s+me\s+busquen|\bdeje\s+la\s+carta|\bregale\s+mis\s+cosas",
        "es",
        "p",
    ),
    _r(
        "hi_acts_4",
        "suicide_method_or_plan",
        "high",
        r"\btrain\s+ke\s+(?:aage|saamne|samne|niche|neeche)\s+(?:jaane|kudne|aane|kood)|\bplan\s+final\s+hai\b",
        "hi",
        "p",
    ),
)

#: Fifth pass of the 22 Nov round (work list: held-out set 15 after its one scoring; no fresh
#: set has measured this pass).
_ROUND_1122E: tuple[Rule, ...] = (
    _r(
        "all_of_them_intent",
        "suicide_method_or_plan",
        "high",
        r"\b(?:i'?m|i\s+am|gonna|going\s+to|i'?ll|i\s+will)\s+(?:injecting|inject|taking|take|swallowing|swallow)\s+"
        r"(?:every\s+(?:single\s+|last\s+)?one|all)\s+of\s+(?:them|it|those)\b|\bpocketing\s+(?:vials|pills|meds|tablets)",
        "en",
        "p",
    ),
    _r(
        "gun_loaded_or_reached",
        "suicide_method_or_plan",
        "high",
        r"\b(?:shotgun|gun|rifle|pistol|revolver)(?:'s|\s+is)\s+(?:already\s+)?loaded\b|\bkey\s+to\s+the\s+gun\s+safe\b|"
        r"\bservice\s+(?:pistol|weapon|rifle)\s+(?:is\s+)?still\s+in\b",
        "en",
        "p",
    ),
    _r(
        "letters_written_2",
        "suicide_method_or_plan",
        "high",
        r"\b(?:letters|notes)\b[^.!?]{0,30}\balready\s+written\b|^(?=[\s\S]*\b(?:kms|die|end\s+it|unalive|rope|pills|"
        r"bridge|letters|notes|goodbye|gun|pistol)\b)[\s\S]*\b(?:picked\s+(?:a\s+)?(?:monday|tuesday|wednesday|"
        r"thursday|friday|saturday|sunday|the\s+day|a\s+date)|(?:monday|tuesday|wednesday|thursday|friday|saturday|"
        r"sunday)'s\s+the\s+day)\b",
        "en",
        "p",
    ),
    _r(
        "harm_to_child",
        "harm_to_others",
        "imminent",
        r"\bpress(?:ed|ing)?\s+(?:the\s+|a\s+)?pillow\s+(?:down\s+)?(?:on|over)\s+(?:her|his|the\s+baby'?s?|their)\s+"
        r"face|\b(?:scared|afraid)\s+i\s+(?:will|'?ll|won'?t\s+stop)\b[^.!?]{0,30}\b(?:hurt|shake|smother)\b|"
        r"\b(?:scared|afraid)\s+i\s+won'?t\s+stop\s+(?:tonight|next\s+time)",
        "en",
        "n",
    ),
    _r(
        "command_voice_2",
        "psychosis",
        "high",
        r"\b(?:voices?|god)\b[^.!?]{0,30}\b(?:says?|said|tells?|told|telling|wants?)\b[^.!?]{0,20}\b(?:i\s+(?:have|need|"
        r"got)\s+to|me\s+to|i\s+must|i\s+should)\s+(?:\w+\s+){0,2}(?:kill|hurt|drown|stab|burn|cut|jump|die|drive|"
        r"crash|smother|shoot)",
        "en",
        "",
    ),
    _r(
        "unalive_time",
        "suicide_method_or_plan",
        "high",
        r"\bunaliv(?:e|ing)\s+my\s?self\s+(?:before|after|tonight|today|tomorrow|when|on|this)\b",
        "en",
        "p",
    ),
    _r(
        "threat_finished",
        "harm_to_others",
        "high",
        r"\b(?:crowbar|knife|gun|bat|hammer|machete)(?:'s|\s+is)\s+in\s+my\s+(?:boot|trunk|car)\b|\b(?:tomorrow|tonight|morning|today)\b[^.!?]{0,20}\b(?:he|she)(?:'s|"
        r"\s+is)\s+finished\b|\bmake\s+sure\s+\w+(?:\s+\w+){0,3}\s+never\s+(?:walks|leaves|wakes|gets\s+up)|"
        r"\bbought\s+(?:the|a)\s+(?:knife|gun)\s+today",
        "en",
        "",
    ),
    _r(
        "engine_garage",
        "medical_emergency",
        "imminent",
        r"\bengine(?:'s|\s+is)\s+running\b[^.!?]{0,40}\bgarage|\bgarage\s+door(?:'s|\s+is)\s+(?:shut|closed)\b|"
        r"\blips\s+(?:are\s+|r\s+)?(?:turning\s+|going\s+)?(?:blue|purple|grey)",
        "en",
        "",
    ),
    _r(
        "finish_what_started",
        "abuse_toward_user",
        "high",
        r"\bfinish\s+what\s+(?:he|she|they)\s+started\b",
        "en",
        "",
    ),
    _r(
        "texted_goodbye_quote",
        "medical_emergency",
        "imminent",
        r"\btexted\s+(?:me\s+)?[\"“']goodbye",
        "en",
        "",
    ),
    _r(
        "hanging_prep",
        "suicide_method_or_plan",
        "imminent",
        r"\b(?:beam|branch|hook|rail|rafter)\b[^.!?]{0,40}\bholds?\s+my\s+weight|\bpractis(?:e|ing)\s+the\s+knot|"
        r"\bpractic(?:e|ing)\s+(?:the|a)\s+(?:knot|noose)",
        "en",
        "p",
    ),
    _r(
        "bridge_no_fence",
        "suicide_method_or_plan",
        "high",
        r"\b(?:bridge|overpass|roof|cliff)\b[^.!?]{0,40}\bno\s+(?:fence|barrier|railing|net)\b",
        "en",
        "p",
    ),
    _r(
        "arrangements_before",
        "suicide_method_or_plan",
        "high",
        r"\b(?:everything|it\s+all)\s+(?:is\s+)?sorted\s+before\s+(?:tonight|tomorrow|i\s+go|friday|the\s+weekend)\b",
        "en",
        "p",
    ),
    _r(
        "fr_abuse_2",
        "abuse_toward_user",
        "high",
        r"\bil\s+me\s+tue\b|\bm'?a\s+casse\s+le\s+(?:bras|nez|poignet|cotes)|\bserre\s+le\s+cou|\bfinir\s+le\s+travail",
        "fr",
        "",
    ),
    _r(
        "zh_acts_3",
        "suicide_attempt",
        "imminent",
        r"农药[^。！？]{0,6}喝|喝了[^。！？]{0,4}农药|百草枯|攒够了|全部吃下去|全吃下去",
        "zh",
        "n",
    ),
    _r(
        "es_acts_3",
        "suicide_method_or_plan",
        "high",
        r"\bno\s+(?:pienso|voy\s+a)\s+despertar|\bdeje\s+las\s+cartas",
        "es",
        "np",
    ),
    _r(
        "pt_acts_3",
        "medical_emergency",
        "imminent",
        r"\bpulsos?\s+sangrando|\bultima\s+mensagem",
        "pt",
        "",
    ),
    _r(
        "hi_acts_3",
        "suicide_method_or_plan",
        "high",
        r"\b(?:terrace|chhat|chat|railing|building)\s+pe\s+khad[aie]\s+(?:hoon|hu|hun)\b",
        "hi",
        "p",
    ),
    _r(
        "how_long_dont_wake",
        "suicide_method_or_plan",
        "high",
        r"\bhow\s+long\s+(?:before|till|until)\s+(?:they|you|u|i|someone|he|she)\s+(?:just\s+)?(?:don'?t|doesn'?t)\s+wake"
        r"\s+up",
        "en",
        "mn",
    ),
)

#: Fourth pass of the 22 Nov round (work list: held-out set 14 after its one scoring; no fresh
#: set has measured this pass).
_ROUND_1122D: tuple[Rule, ...] = (
    _r(
        "not_making_it_back",
        "suicide_method_or_plan",
        "high",
        r"\bnot\s+(?:planning\s+on|going\s+to\s+be|gonna\s+be)\s+(?:making\s+it|coming|getting)\s+(?:back|home)\b",
        "en",
        "np",
    ),
    _r(
        "pills_taken",
        "suicide_attempt",
        "imminent",
        r"\b(?:pills|tablets|meds)\s+(?:are\s+)?(?:taken|swallowed|down)\b[^.!?]{0,5}(?:[.!]|$)|\bpills\s+taken\b",
        "en",
        "n",
    ),
    _r(
        "stroke_signs",
        "medical_emergency",
        "imminent",
        r"\b(?:face|mouth|smile)\s+(?:\w+\s+){0,2}(?:droopy|drooping|droops|sagging)\b|\b(?:can'?t|cant)\s+(?:lift|raise|"
        r"move)\s+(?:his|her|my|their)\s+(?:right|left)\s+(?:arm|side|leg)|\bwords\s+(?:are\s+)?(?:coming\s+out\s+)?"
        r"(?:all\s+)?(?:wrong|slurred|jumbled)|\bslurred\s+speech",
        "en",
        "n",
    ),
    _r(
        "breathing_emergency",
        "medical_emergency",
        "imminent",
        r"\b(?:can'?t|cant|cannot)\s+get\s+(?:any\s+)?air\s+in|\binhaler\s+(?:is\s+)?(?:empty|not\s+working|run\s+out|"
        r"ran\s+out)",
        "en",
        "n",
    ),
    _r(
        "hypoglycaemia",
        "medical_emergency",
        "high",
        r"\bmeter\s+(?:says|reads|shows)\s+lo\b|\bblood\s+sugar\s+(?:is\s+)?(?:really\s+|super\s+)?(?:crashing|"
        r"dropping\s+fast)\b|\bno\s+sugar\s+left\b",
        "en",
        "",
    ),
    _r(
        "whole_lot_intent",
        "suicide_method_or_plan",
        "high",
        r"\b(?:taking|take|swallow|swallowing)\s+the\s+whole\s+lot\b|\bhiding\s+(?:my\s+)?(?:meds|pills|tablets)\s+"
        r"(?:under\s+my\s+tongue|in\s+my\s+cheek)",
        "en",
        "p",
    ),
    _r(
        "weapon_on_me_for_someone",
        "harm_to_others",
        "high",
        r"^(?=[\s\S]*\b(?:him|her|them|guy|neighbou?r|stepdad|teacher|boss|ex|pay)\b)[\s\S]*\b(?:knife|knives|gun|"
        r"pistol|blade|bat)(?:'?s|\s+is|\s+are)?\s+(?:already\s+)?in\s+my\s+(?:jacket|bag|pocket|backpack|car|hand|"
        r"coat)\b",
        "en",
        "",
    ),
    _r(
        "gun_to_school",
        "harm_to_others",
        "high",
        r"\bbring(?:ing)?\s+(?:my\s+|a\s+|his\s+)?(?:\w+'?s\s+)?(?:gun|knife|pistol|rifle)\s+(?:to|in(?:to)?)\s+"
        r"(?:school|work|class|my\s+backpack|my\s+bag)|\b(?:he|she|they)(?:'s|\s+is|\s+are)\s+(?:going\s+to|gonna)"
        r"\s+pay\b",
        "en",
        "",
    ),
    _r(
        "letters_written_day",
        "suicide_method_or_plan",
        "high",
        r"\b(?:letters|notes)\s+(?:are\s+)?(?:all\s+)?written\b|^(?=[\s\S]*\b(?:kms|kill\s+my\s?self|die|end\s+it|"
        r"unalive|rope|pills|bridge|letters|notes|goodbye)\b)[\s\S]*\b(?:monday|tuesday|wednesday|thursday|friday|"
        r"saturday|sunday|tonight|tomorrow|today)\s+is\s+the\s+day\b",
        "en",
        "p",
    ),
    _r(
        "car_running_garage",
        "medical_emergency",
        "imminent",
        r"\bcar(?:'s|\s+is)?\s+running\b[^.!?]{0,40}\bgarage|\bgarage\b[^.!?]{0,50}\bcar\s+(?:is\s+)?running|"
        r"\blocked\s+(?:himself|herself|themselves|themself)\s+in\b[^.!?]{0,60}\b(?:car\s+running|knife|pills|blood)|"
        r"\b(?:pistol|gun|rifle)\s+is\s+missing\b|\btexted\s+(?:me\s+)?goodbye\b|\bwon'?t\s+open\s+(?:the|her|his|"
        r"their)\s+door\b[^.!?]{0,40}\b(?:pills|banging|blood)|\bpile\s+of\s+pills\b",
        "en",
        "n",
    ),
    _r(
        "my_last_msg",
        "suicide_method_or_plan",
        "high",
        r"\b(?:probably|this\s+is|prob)\s+my\s+last\s+(?:msg|message|text|post)\b",
        "en",
        "p",
    ),
    _r(
        "intent_od",
        "suicide_method_or_plan",
        "high",
        r"\b(?:i'?ll|ill|gonna|going\s+to|will|about\s+to)\s+(?:just\s+|finally\s+)?od\b(?!\s+on\s+(?:sugar|pizza|"
        r"chocolate|caffeine|coffee|netflix|anime|candy|cake))",
        "en",
        "p",
    ),
    _r(
        "rope_in_place",
        "suicide_method_or_plan",
        "high",
        r"\b(?:rope|noose)(?:'s|\s+is)\s+(?:already\s+)?(?:in|up\s+in)\s+the\s+(?:shed|garage|closet|attic|car|barn|"
        r"basement|woods)",
        "en",
        "p",
    ),
    _r(
        "bleeding_2",
        "self_harm_behaviour",
        "high",
        r"\bcut\s+(?:way\s+)?too\s+deep\b|\bsoaked\s+(?:through|thru)\s+(?:\d+|two|three|four|several|all\s+the)\s+"
        r"towels",
        "en",
        "",
    ),
    _r(
        "insulin_overdose",
        "suicide_attempt",
        "imminent",
        r"\b(?:shot\s+up|injected|took)\s+(?:all\s+(?:of\s+)?my\s+)?insulin|\b\d{3,}\s+units\b",
        "en",
        "n",
    ),
    _r(
        "place_time_2",
        "suicide_method_or_plan",
        "high",
        r"\b(?:bridge|roof|rooftop|overpass|cliffs?|tracks|ledge)\s+at\s+(?:sunrise|dawn|midnight|sunset|first\s+light)",
        "en",
        "p",
    ),
    _r(
        "es_child_ingested",
        "medical_emergency",
        "imminent",
        r"\bse\s+trago\s+(?:una\s+|un\s+)?(?:pila|bateria|lejia|veneno|pastillas|iman)",
        "es",
        "n",
    ),
    _r(
        "de_acts_2",
        "suicide_attempt",
        "imminent",
        r"\b(?:hab|habe)\s+(?:grad|gerade|eben|schon|vorhin|heute|gestern)?\s*(?:alle|die\s+ganzen|eine\s+ganze\s+packung)\s+(?:\w+\s+){0,4}"
        r"(?:geschluckt|genommen)|\bgleich\s+spring(?:e)?\s+ich|\bich\s+spring(?:e)?\s+gleich",
        "de",
        "n",
    ),
    _r(
        "fr_acts_3",
        "abuse_toward_user",
        "high",
        r"\b(?:il|elle)\s+(?:dit\s+qu'?(?:il|elle)\s+)?va\s+me\s+tuer|\bm'?a\s+frappee?\b[^.!?]{0,40}\b(?:saigne|tete)",
        "fr",
        "",
    ),
    _r(
        "fr_third_party",
        "medical_emergency",
        "imminent",
        r"\bsang\s+sous\s+la\s+porte|\benferme\w*\s+(?:\w+\s+){0,5}avec\s+un\s+couteau",
        "fr",
        "n",
    ),
    _r(
        "pt_acts_2",
        "suicide_method_or_plan",
        "high",
        r"\bcomprei\s+(?:o\s+|um\s+)?(?:veneno|carvao|chumbinho)|\bvou\s+tomar\s+tudo\b|\bfechei\s+as\s+janelas",
        "pt",
        "p",
    ),
    _r(
        "hi_acts_2",
        "suicide_method_or_plan",
        "high",
        r"\b(?:chhat|chat|terrace|building|pul|bridge)\s+se\s+kood\s+(?:jaunga|jaungi|jaoonga|jau)|\bkood\s+(?:jaunga|"
        r"jaungi|jaoonga)|\bkhatam\s+(?:karta|karti)\s+(?:hoon|hu)\b|\brailing\s+pe\s+baith",
        "hi",
        "p",
    ),
)

#: Third pass of the 22 Nov round (work list: held-out set 13 after its one scoring).
_ROUND_1122C: tuple[Rule, ...] = (
    _r(
        "means_ready_with_ideation",
        "suicide_method_or_plan",
        "high",
        r"^(?=[\s\S]*\b(?:kms|kill\s+my\s?self|die|end\s+it|unalive|suicide|not\s+be\s+here)\b)[\s\S]*\b(?:everything|"
        r"all|stuff|what)\s+i\s+need\s+(?:is\s+)?(?:already\s+)?(?:hidden|ready|here|packed|set\s+up|in\s+my\s+\w+|"
        r"under\s+my\s+bed)",
        "en",
        "p",
    ),
    _r(
        "at_height_deciding",
        "suicide_method_or_plan",
        "high",
        r"\b(?:standing|sitting|stood|waiting)\s+(?:on|at|by|near)\s+(?:the|a|top\s+of\s+the)\s+(?:edge|ledge|railing|"
        r"overpass|bridge|roof|rooftop|parapet|level\s+crossing|tracks|railway|platform\s+edge)\b[^\n]{0,100}\b(?:"
        r"deciding\s+when|just\s+waiting|waiting\s+for\s+the\s+(?:right\s+moment|train|\d|next)|counting\s+down|"
        r"working\s+up\s+the\s+(?:courage|nerve)|freight|express|fastest|sorry\s+for\s+being)",
        "en",
        "p",
    ),
    _r(
        "note_written",
        "suicide_method_or_plan",
        "high",
        r"\bthe\s+note(?:'s|\s+is|\s+has\s+been)\s+(?:already\s+)?written|\b(?:wrote|written|writing|left)\s+(?:the\s+)?"
        r"(?:goodbye\s+)?(?:letters|notes)\s+(?:for|to)\s+(?:everyone|everybody|my\s+\w+|the\s+kids|all\s+of\s+you)",
        "en",
        "p",
    ),
    _r(
        "place_and_time",
        "suicide_method_or_plan",
        "high",
        r"\b(?:bridge|roof|rooftop|overpass|cliffs?|tracks|ledge)\s+at\s+\d{1,2}(?::\d{2})?\s*(?:am|pm)?\b",
        "en",
        "p",
    ),
    _r(
        "means_gets_used",
        "suicide_method_or_plan",
        "high",
        r"\b(?:rope|noose|gun|pills|belt|blade|razor)\b[^.!?]{0,40}\b(?:finally\s+)?(?:gets?|getting)\s+used\b",
        "en",
        "p",
    ),
    _r(
        "stockpiling_aside",
        "suicide_method_or_plan",
        "high",
        r"\b(?:putting|setting|saving|keeping|stashing|hiding)\s+(?:my\s+|the\s+|some\s+|her\s+|his\s+)?(?:\w+\s+)?"
        r"(?:pills|tablets|meds|medication|medicine)\s+(?:aside|away|back|in\s+a\s+(?:drawer|box|jar))\b|"
        r"\bi\s+have\s+enough\s+now\b",
        "en",
        "p",
    ),
    _r(
        "reunion_wish",
        "suicidal_ideation_active",
        "moderate",
        r"\bready\s+to\s+(?:go\s+and\s+|go\s+)?be\s+with\s+(?:her|him|them|mum|mom|dad|my\s+\w+)\s*(?:again|now)?"
        r"(?:[.!]|$)|\b(?:join|be\s+with)\s+(?:her|him)\s+(?:soon|tonight|now)\b",
        "en",
        "",
    ),
    _r(
        "armed_waiting_for",
        "harm_to_others",
        "high",
        r"\bwait(?:ing)?\s+for\s+(?:him|her|them|my\s+\w+)\b[^.!?]{0,60}\bwith\s+(?:my\s+|a\s+|the\s+|his\s+)?"
        r"(?:\w+'?s\s+)?(?:gun|knife|bat|pistol|rifle|machete|crowbar|hammer)\b|\b(?:he|she)(?:'s|\s+is)\s+not\s+"
        r"(?:going\s+home|walking\s+away|getting\s+away)\b",
        "en",
        "n",
    ),
    _r(
        "es_harm_acts",
        "harm_to_others",
        "high",
        r"\b(?:lo|la|los|las)\s+(?:mato|voy\s+a\s+matar)\b|\bya\s+tengo\s+(?:el|la|un|una)\s+(?:cuchillo|pistola|arma|"
        r"navaja)",
        "es",
        "",
    ),
    _r(
        "de_abuse",
        "abuse_toward_user",
        "high",
        r"\bhat\s+mich\s+(?:\w+\s+){0,2}gewurgt|\bbringt\s+(?:er|sie)\s+mich\s+um\b|\bbeim\s+nachsten\s+mal\s+"
        r"(?:bringt|bin\s+ich\s+tot)|\bmesser\s+an\s+(?:den|meinen)\s+hals",
        "de",
        "",
    ),
    _r(
        "fr_acts_2",
        "suicide_method_or_plan",
        "high",
        r"\bj'?(?:arrete|en\s+finis)\s+(?:tout|avec\s+(?:tout|la\s+vie))\b|\btout\s+est\s+pret\s+pour\s+ce\s+soir|"
        r"\bla\s+lettre\s+est\s+sur\b|\blame\b[^.!?]{0,30}\bbaignoire",
        "fr",
        "p",
    ),
    _r(
        "pt_medical",
        "medical_emergency",
        "imminent",
        r"\blabios\s+(?:\w+\s+){0,2}(?:roxos|azuis)|\brespirando\s+(?:muito\s+)?devagar|\bnao\s+para\s+de\s+sangrar|"
        r"\bda\s+pra\s+ver\s+(?:uma\s+coisa\s+branca|o\s+osso)",
        "pt",
        "n",
    ),
    _r(
        "zh_acts_2",
        "suicide_attempt",
        "imminent",
        r"(?:药|安眠药)[^。！？]{0,6}(?:全|都)(?:吃|吞)(?:下去|了)|一整瓶|天台边|腿[^。！？]{0,4}(?:悬在外面|跨出去)|别劝我",
        "zh",
        "n",
    ),
    _r(
        "hi_poison",
        "suicide_attempt",
        "imminent",
        r"\b(?:phenyl|phenol|harpic|bleach|tezaab|tezab|zeher|jahar|keetnashak)\s+(?:pee|pi|kha)\s+(?:liya|li|lia)",
        "hi",
        "n",
    ),
)

#: Second pass of the 22 Nov round (work list: held-out sets 11 and 12 after their one scoring).
_ROUND_1122B: tuple[Rule, ...] = (
    # overdoses and poisonings taken
    _r(
        "swallowed_whole_container",
        "suicide_attempt",
        "imminent",
        r"\b(?:just\s+|already\s+)?(?:swallowed|took|downed|necked|chugged|had|washed\s+down|popped)\s+"
        r"(?:my\s+|her\s+|his\s+|the\s+|a\s+|an\s+)?(?:whole|entire|full)\s+(?:[\w']+\s+)?(?:bottle|box|pack|"
        r"packet|strip|blister(?:\s+pack)?|jar|supply|stash)\b(?!\s+of\s+(?:wine|water|vodka|beer|juice|soda|"
        r"coke|champagne|prosecco|whiske?y|rum|gin|shampoo|sauce|ketchup|cookies|chips|crisps|sweets|candy))",
        "en",
        "n",
    ),
    _r(
        "most_of_a_bottle_pills",
        "suicide_attempt",
        "imminent",
        r"\b(?:had|took|swallowed|downed|ate)\s+(?:most|half|all)\s+of\s+(?:a|the|my|her|his)\s+(?:bottle|box|pack|"
        r"packet|strip)\s+of\s+" + _PILLS,
        "en",
        "n",
    ),
    _r(
        "odd_on",
        "suicide_attempt",
        "imminent",
        r"(?:(?<=\bi\s)|(?<=\bjust\s)|(?<=\balready\s)|(?<=^)|(?<=[.!?,]\s)|(?<=[.!?,]))(?:od'?d|o\.d\.?'?d|"
        r"overdosed|oded)\b(?!\s+on\s+(?:sugar|chocolate|caffeine|"
        r"coffee|netflix|anime|tv|candy|sweets|cake|energy\s+drinks))(?![^.!?]{0,30}\b(?:years?\s+ago|last\s+year|"
        r"when\s+i\s+was|in\s+high\s+school))",
        "en",
        "n",
    ),
    _r(
        "household_poison_ingested",
        "medical_emergency",
        "imminent",
        r"\b(?:got\s+into|swallowed|ate|drank|drunk|bit\s+into)\s+(?:some\s+|the\s+|a\s+)?(?:\w+\s+)?(?:dishwasher\s+pods?|"
        r"detergent\s+pods?|laundry\s+pods?|tide\s+pods?|bleach|drain\s+cleaner|antifreeze|rat\s+poison|"
        r"weed\s*killer|pesticide|button\s+batter(?:y|ies)|lamp\s+oil|paraffin)",
        "en",
        "n",
    ),
    _r(
        "doing_it_when_means",
        "suicide_method_or_plan",
        "high",
        r"\b(?:pills|tablets|meds|rope|gun|bridge|garage|noose|blade|razor|overpass|roof|enough\s+right)\b[\s\S]{0,200}?"
        r"\b(?:doing|do|going\s+through\s+with)\s+it\s+(?:tonight|today|after|when|once|later|at|this|on\s+\w+day|"
        r"before|while)\b|\b(?:doing|do|going\s+through\s+with)\s+it\s+(?:tonight|today|after|when|once|later|at|this|"
        r"on\s+\w+day|before|while)\b[\s\S]{0,200}?\b(?:pills|tablets|meds|rope|gun|bridge|garage|noose|blade|razor|"
        r"overpass|roof)\b",
        "en",
        "p",
    ),
    _r(
        "worked_out_how_much",
        "suicide_method_or_plan",
        "high",
        r"\b(?:worked\s+out|calculated|figured\s+out|looked\s+up)\s+(?:exactly\s+)?how\s+(?:much|many)\b[^.!?]{0,80}"
        r"\b(?:enough|will\s+do\s+it|lethal|fatal|to\s+be\s+sure)\b",
        "en",
        "p",
    ),
    # self-harm injuries
    _r(
        "bleeding_wont_stop",
        "self_harm_behaviour",
        "high",
        r"\b(?:cut|went|sliced)\s+(?:way\s+|much\s+|a\s+lot\s+|too\s+)?deep(?:er)?\s+than\s+(?:i\s+meant|usual|i\s+wanted|"
        r"before|normal|ever)|\bgaping\s+(?:open|wound)|\bit'?s\s+gaping\b|\bsee\s+(?:something\s+white|"
        r"the\s+bone|fat|tendons?)\b|\bmy\s+(?:wrist|arm|thigh|leg)\s+is\s+(?:wide\s+)?open\b",
        "en",
        "",
    ),
    _r(
        "bleeding_uncontrolled",
        "medical_emergency",
        "high",
        r"\b(?:won'?t|wont|will\s+not|doesn'?t|isn'?t|not)\s+stop(?:ping)?\s+bleeding|\bbleeding\s+(?:won'?t|wont|"
        r"will\s+not|doesn'?t|isn'?t)\s+stop|\bcan'?t\s+get\s+(?:the\s+bleeding|it)\s+to\s+stop\b|\b(?:towel|shirt)"
        r"(?:'s|\s+is)?\s+(?:already\s+)?soaked\s+(?:through|thru)",
        "en",
        "n",
    ),
    # places, means set up, goodbyes
    _r(
        "height_go_over",
        "suicide_method_or_plan",
        "high",
        r"\b(?:top\s+(?:level|floor|deck)|roof(?:top)?|edge|ledge|railing|overpass|bridge)\b[^\n]{0,80}\b(?:go\s+over|"
        r"step\s+off|let\s+go|not\s+(?:getting|going|coming)\s+(?:back|home|down)|nobody\s+sees\s+me)\b",
        "en",
        "np",
    ),
    _r(
        "standing_at_height_goodbye",
        "suicide_method_or_plan",
        "high",
        r"\b(?:standing|sitting|stood)\s+on\s+(?:the|a|top\s+of\s+the)\s+(?:edge|ledge|railing|overpass|bridge|roof|"
        r"rooftop|parapet)\b[^\n]{0,100}\b(?:wanted?\s+(?:someone|somebody|anyone|you)\s+to\s+know|goodbye|bye|"
        r"last\s+(?:time|message|msg)|so\s+small|from\s+up\s+here)",
        "en",
        "p",
    ),
    _r(
        "talk_me_out",
        "suicide_method_or_plan",
        "high",
        r"\b(?:don'?t|dont|do\s+not)\s+(?:try\s+(?:to\s+)?)?talk\s+me\s+out\s+of\s+it|\bno\s*(?:one|body)\s+(?:can|will)\s+"
        r"(?:stop|talk)\s+me\s+(?:out\s+of\s+it|now)",
        "en",
        "np",
    ),
    _r(
        "rope_ready",
        "suicide_method_or_plan",
        "imminent",
        r"\b(?:rope|noose|belt)\b[^.!?]{0,40}\b(?:holds?|held)\s+my\s+weight|\b(?:rope|noose)(?:'s|\s+is)\s+"
        r"(?:already\s+)?(?:up|tied|hung|hanging|ready)\b|\bperfect\s+(?:tree|branch|beam)\b",
        "en",
        "p",
    ),
    _r(
        "hose_exhaust",
        "suicide_method_or_plan",
        "high",
        r"\bhose\b[^\n]{0,60}\b(?:tape|garage|exhaust)\b|\bexhaust\b[^\n]{0,40}\bhose\b",
        "en",
        "p",
    ),
    _r(
        "last_message",
        "suicide_method_or_plan",
        "high",
        r"\b(?:my\s+|this\s+is\s+my\s+)?last\s+(?:msg|message|text|post)\s+(?:to\s+(?:anyone|everyone|you|u)|ever)\b|"
        r"\bnotes?\s+(?:for|to)\s+(?:my\s+)?\w+\s+(?:are|is)\s+(?:under|in|on)\b|\bnotes?\s+(?:are\s+)?already\s+"
        r"written\b",
        "en",
        "p",
    ),
    _r(
        "unalive_intent",
        "suicide_method_or_plan",
        "high",
        r"\b(?:finally\s+)?(?:gonna|going\s+to|about\s+to|will|i'?ll)\s+(?:finally\s+)?unalive\s+(?:my|them|him|her)?"
        r"sel(?:f|ves)|\bunaliv(?:e|ing)\s+(?:my\s?self|myself)\s+(?:tonight|today|tomorrow|after|when)",
        "en",
        "p",
    ),
    # medical emergencies
    _r(
        "cardiac_symptoms",
        "medical_emergency",
        "high",
        r"\b(?:chest|heart)\b[^.!?]{0,60}\b(?:left\s+arm|jaw)\b|\b(?:crushing|squeezing)\s+(?:pain|pressure)\s+in\s+"
        r"my\s+chest|\belephant\s+(?:is\s+)?sitting\s+on\s+(?:my\s+chest|it)",
        "en",
        "",
    ),
    _r(
        "anaphylaxis",
        "medical_emergency",
        "imminent",
        r"\bthroat\s+(?:is\s+)?(?:closing|swelling)(?:\s+up)?|\bepi-?pen\b[^.!?]{0,40}\b(?:expired|can'?t\s+find|cant\s+find|"
        r"lost|don'?t\s+have|forgot)|\b(?:can'?t|cant)\s+find\s+(?:the|my|his|her)\s+epi-?pen",
        "en",
        "n",
    ),
    _r(
        "unresponsive_person",
        "medical_emergency",
        "imminent",
        r"\b(?:can'?t|cant|cannot|couldn'?t)\s+(?:wake\s+(?:him|her|them)|get\s+(?:him|her|them)\s+to\s+wake)|"
        r"\b(?:he|she|they)(?:'s|\s+is|\s+are)\s+(?:not\s+breathing|unresponsive|turning\s+blue)\b|"
        r"\b(?:kind\s+of\s+|really\s+)?floppy\b[^.!?]{0,20}$|\blips\s+(?:are\s+|r\s+)?(?:turning\s+)?(?:blue|tingling)",
        "en",
        "n",
    ),
    # violence toward others, abuse, psychosis
    _r(
        "armed_waiting",
        "harm_to_others",
        "high",
        r"\b(?:got|have|brought|bringing|taking|grabbed)\s+(?:my\s+|his\s+|a\s+)?(?:\w+'s\s+)?(?:gun|knife|bat|pistol|"
        r"rifle|crowbar|hammer|machete)\b[^\n]{0,80}\b(?:waiting\s+for\s+(?:him|her|them)|(?:end(?:ing)?|kill(?:ing)?|"
        r"hurt(?:ing)?|finish(?:ing)?)\s+(?:him|her|them))\b|\bending\s+(?:him|her)\b",
        "en",
        "",
    ),
    _r(
        "strangulation",
        "abuse_toward_user",
        "high",
        r"\bhands?\s+(?:round|around)\s+my\s+(?:throat|neck)|\b(?:choked|strangled)\s+me\b[^.!?]{0,40}\b(?:passed|"
        r"blacked)\s+out|\btill\s+i\s+(?:passed|blacked)\s+out\b",
        "en",
        "",
    ),
    _r(
        "injury_and_threat",
        "abuse_toward_user",
        "high",
        r"\b(?:broke|fractured|split|cracked)\s+my\s+(?:wrist|arm|nose|jaw|ribs?|lip|hand|finger)\b|\bfinish\s+the\s+job\b|"
        r"\bnext\s+time\s+(?:he|she|they)(?:'ll|\s+will|\s+won'?t)\b",
        "en",
        "n",
    ),
    _r(
        "divine_command",
        "psychosis",
        "high",
        r"\b(?:god|the\s+devil|satan|an?\s+angels?|the\s+voices?|a\s+voice)\s+(?:told|tells|wants|is\s+telling|said|says|"
        r"ordered)\s+(?:me\b)?[^.!?]{0,80}\b(?:kill|burn|die|drown|sacrifice|punish|demon|has\s+to\s+(?:burn|die))\b|"
        r"\bvoices?\s+(?:say|says|said|tell|tells)\s+(?:\w+\s+){0,3}i\s+(?:have|need|got)\s+to\s+(?:kill|hurt|drown|"
        r"stab|burn|cut|jump|die|drive|crash|walk\s+into)",
        "en",
        "",
    ),
    _r(
        "bath_blades",
        "self_harm_behaviour",
        "high",
        r"\b(?:in|into)\s+the\s+(?:bath|tub|bathtub)\b[^.!?]{0,40}\b(?:razor|blades?|knife)\b|\b(?:razor|blades?)\b"
        r"[^.!?]{0,30}\bin\s+the\s+(?:bath|tub|bathtub)\b",
        "en",
        "p",
    ),
    _r(
        "where_ill_be",
        "suicide_method_or_plan",
        "high",
        r"\b(?:bridge|overpass|cliff|tracks|roof|rooftop|ledge)\b[^\n]{0,60}\bthat'?s\s+where\s+i'?(?:ll|\s+will)\s+be\b",
        "en",
        "p",
    ),
    _r(
        "asking_for_tonight",
        "suicide_method_or_plan",
        "high",
        r"\b(?:how\s+long|how\s+(?:much|many)|what\s+(?:dose|amount))\b[^\n]{0,120}\basking\s+for\s+(?:tonight|today|"
        r"tomorrow|later|this\s+weekend)\b",
        "en",
        "mp",
    ),
    _r(
        "how_long_till_pass_out",
        "suicide_method_or_plan",
        "moderate",
        r"\bhow\s+long\s+(?:till|til|until|before)\s+(?:you|u|i|someone)\s+(?:pass\s+out|die|lose\s+consciousness|"
        r"stop\s+breathing)",
        "en",
        "m",
    ),
    # other languages
    _r(
        "es_acts",
        "suicide_method_or_plan",
        "high",
        r"\bme\s+las?\s+(?:voy\s+a\s+)?tom(?:o|are)\s+todas|\b(?:junte|guarde|juntado|guardado)\s+todas\s+las\s+"
        r"(?:pastillas|pildoras)|\bme\s+(?:tiro|aviento|lanzo)\s+(?:de|del|desde)\b(?!\s+los\s+pelos)",
        "es",
        "p",
    ),
    _r(
        "es_threat",
        "abuse_toward_user",
        "imminent",
        r"\b(?:viene|esta|vino)\s+con\s+un\s+(?:machete|cuchillo|pistola|arma)|\bsi\s+lo\s+denuncio\s+me\s+mata|"
        r"\bme\s+(?:va\s+a|quiere)\s+matar|\bamenaz\w*\s+con\s+matarme",
        "es",
        "",
    ),
    _r(
        "de_acts",
        "suicide_method_or_plan",
        "high",
        r"\b(?:nehm|nehme)\s+ich\s+(?:sie\s+)?alle\b|\b(?:die|eine)\s+ganze\s+packung\s+(?:\w+\s+){0,4}(?:genommen|"
        r"geschluckt)|\b(?:heute|morgen)\s+(?:nacht\s+|abend\s+)?ist\s+(?:eh\s+|dann\s+)?schluss|\bgeschnitten\b"
        r"[^.!?]{0,40}\bnicht\s+auf(?:hort|hoert)\s+zu\s+bluten",
        "de",
        "p",
    ),
    _r(
        "fr_acts",
        "suicide_method_or_plan",
        "high",
        r"\bje\s+saute\s+(?:du|de\s+la|par\s+la|sous)|\bcharbon\b[^\n]{0,60}\b(?:scotch|calfeutr\w*|boucher|fenetres)",
        "fr",
        "p",
    ),
    _r(
        "fr_other",
        "harm_to_others",
        "high",
        r"\bil\s+faut\s+que\s+je\s+(?:le|la|les)\s+tue\b|\bje\s+vais\s+(?:le|la|les)\s+tuer\b",
        "fr",
        "",
    ),
    _r(
        "fr_medical",
        "medical_emergency",
        "high",
        r"\b(?:n'?)?arrive\s+(?:plus|pas)\s+a\s+respirer|\blevres\s+(?:deviennent\s+|sont\s+)?bleues",
        "fr",
        "",
    ),
    _r(
        "pt_acts",
        "suicide_method_or_plan",
        "high",
        r"\bbeira\s+d[ao]\s+(?:ponte|predio|telhado|viaduto)|\bme\s+jogo\s+d[aoe]\b|\btomei\s+(?:uma|a)\s+(?:cartela|"
        r"caixa)\s+inteira|\bbebi\s+(?:\w+\s+){0,3}(?:agua\s+sanitaria|veneno|soda\s+caustica|chumbinho)",
        "pt",
        "p",
    ),
    _r(
        "zh_acts",
        "suicide_method_or_plan",
        "imminent",
        r"(?:天台|楼顶|桥上|阳台)[^。！？]{0,12}(?:跨出去|跳下去|再见)|炭[^。！？]{0,12}(?:点上|点着|烧)|"
        r"(?:门缝|门窗)[^。！？]{0,6}封(?:好|上)|不用再醒来|再也不会醒",
        "zh",
        "p",
    ),
    _r(
        "hi_acts",
        "suicide_method_or_plan",
        "high",
        r"\blatak\s+(?:jaunga|jaungi|jaoonga|jaoongi|jau|jaoon)\b|\bpankhe\s+se\s+latak|\b(?:chuhe\s+maarne\s+wali\s+"
        r"dawai|zeher|jahar)\s+(?:kha|pi)\s+(?:li|liya|lia|liye)\b",
        "hi",
        "p",
    ),
    _r(
        "hi_other",
        "harm_to_others",
        "high",
        r"\b(?:chaaku|chaku|chakku|goli)\s+(?:maar|mar)\s+(?:dunga|dungi|doonga|dalunga)\b",
        "hi",
        "",
    ),
)

RISK_RULES: tuple[Rule, ...] = (
    _EN
    + _ROUND_1122
    + _ROUND_1122B
    + _ROUND_1122C
    + _ROUND_1122D
    + _ROUND_1122E
    + _ROUND_1122F
    + _THIRD_PARTY
    + _ES
    + _FR
    + _DE
    + _PT
    + _ZH
    + _HI
)

# --- figurative and technical look-alikes (set ``figurative``, no risk) -------------------

FIGURATIVE: tuple[str, ...] = (
    r"\b(?:is|are|was|'s|it'?s|they'?re|you'?re)\s+killing\s+me\b",
    r"\bkill(?:ing)?\s+(?:the\s+)?(?:process|task|job|server|app|program|thread|pid|session|"
    r"container|pod|lights?|engine|music|vibe|time|mood|bug|weeds?|mosquito|spider)\b",
    r"\bdying\s+(?:of|from|with)\s+(?:laughter|laughing|boredom|embarrassment|curiosity|heat|"
    r"thirst|hunger)|\b(?:i'?m|im|i\s+am)\s+(?:literally\s+)?dying\s+(?:to|for)\b|"
    r"\bdie\s+(?:of|from)\s+(?:laughter|embarrassment|boredom)|\bto\s+die\s+for\b",
    r"\b(?:i'?m|im)\s+(?:so\s+)?dead\s*(?:😂|🤣|💀|lol|lmao|haha)",
    r"\b(?:dead\s*line|deadline|dead\s+tired|dead\s+battery|dead\s+phone|drop\s+dead\s+gorgeous)\b",
    r"\bkill\s+(?:it|this)\s+(?:on|at|in)\b|\bkilled\s+it\b|\bslay(?:ed|ing)?\b",
    r"\b(?:song|lyrics?|novel|book|film|movie|poem|character|episode|series|game|story|chapter)\b",
    r"\b(?:could|gonna|going\s+to)\s+kill\s+(?:for|him|her)\b.{0,30}(?:lol|lmao|haha|😂|jk)",
    r"\bkill\s+me\s+now\b|\bshoot\s+me\s+now\b",
)

#: Contexts that make violent words figurative: games, fiction, sport, technology, cooking.
CONTEXT_EXEMPT = (
    r"\b(?:game|gaming|call\s+of\s+duty|cod|fortnite|minecraft|gta|counter[\s\-]?strike|witcher|"
    r"zelda|skyrim|elden\s+ring|chess|checkers|judo|boxing|mma|wrestling|paintball|laser\s+tag|"
    r"novel|story|book|chapter|character|script|screenplay|film|movie|tv\s+show|play|poem|fiction|"
    r"literature|shakespeare|romeo|juliet|hamlet|poetry|"
    r"process|python|linux|server|terminal|command|docker|kubernetes|thread|pid|"
    r"recipe|cooking|kitchen|fish|chicken|weeds?|mosquito|rats?|mice|bugs?|insects?|pest|"
    r"zombies?|npc|boss\s+fight|raid|level|barbecue|barbeque|bbq|cookout)\b"
)

#: Hyperbole markers: "lol", "lmao", "jk", crying-laughing emoji.
HYPERBOLE = r"(?:\blo+l\b|\blmf?ao+\b|\bha(?:ha)+\b|\bjk\b|\bjust\s+kidding\b|\bkidding\b|😂|🤣|💀|/s\b|\brofl\b)"

#: Negation cues governing the words right after them (per language).
NEGATION = (
    r"(?:\bnot\b|\bnever\b|n't\b|\bno\s+longer\b|\bno\s+way\b|\bnothing\s+like\b|\bnor\b|"
    r"\bwon'?t\s+ever\b|\bnunca\b|\bjamais\b|\bpas\b|\bnicht\b|\bnie\b|\bkein\w*\b|\bnao\b|"
    r"\bnahi?n?\b|\bmat\b|不|没|沒|别|別|नहीं|नही|मत)"
)
#: Words that look like negation but are not ("can't stop thinking about killing myself").
NEGATION_EXCEPTIONS = (
    r"(?:can'?t\s+stop|couldn'?t\s+stop|can\s*not\s+stop|not\s+sure|don'?t\s+know\s+(?:if|why|how)|"
    r"not\s+(?:even|just)|never\s+(?:stop|stopped)|won'?t\s+stop|not\s+anymore|doesn'?t\s+stop|"
    r"nao\s+aguento|no\s+(?:aguanto|puedo\s+mas)|n'?en\s+peux\s+plus|kann\s+nicht\s+mehr|"
    r"can'?t\s+(?:take|do|handle)\s+(?:it|this))"
)

#: Time frame and means-at-hand cues that lift intent to ``imminent``.
TIMEFRAME = (
    r"\b(?:tonight|today|right\s+now|now|rn|tmrw|tmr|tonite|2nite|this\s+(?:evening|weekend|afternoon)|in\s+(?:an|a\s+few|\d+)"
    r"\s+(?:hours?|minutes?)|when\s+(?:everyone|they)(?:'?s|\s+is|\s+are)\s+asleep|tomorrow\s+morning)\b|"
    r"esta\s+noche|hoy(?:\s+mismo)?|ce\s+soir|aujourd'?hui|heute(?:\s+nacht)?|hoje(?:\s+a\s+noite)?|"
    r"今晚|今天|今天晚上|现在|आज(?:\s+रात)?|aaj(?:\s+raat)?"
)
MEANS_AT_HAND = (
    r"\b(?:i\s+have|i'?ve\s+got|got|holding|bought|have)\s+(?:the|a|my|enough|some)?\s*(?:[\w']+\s+)?"
    r"(?:pills|rope|gun|pistol|rifle|knife|blades?|razor|noose|tablets|meds|poison|charcoal|helium|"
    r"nitrogen|exit\s+bag)\b|"
    r"\b(?:walking|heading|driving|going|cycling|on\s+my\s+way)\s+(?:over\s+|up\s+)?(?:to|toward|towards)\s+"
    r"(?:the\s+)?(?:overpass|bridge|cliffs?|roof(?:top)?|(?:train\s+|railway\s+)?tracks|ledge|top\s+floor)\b|"
    r"\b(?:pills|rope|gun|pistol|knife|blade|razor)\s+in\s+my\s+(?:hands?|lap)|\b(?:pills|rope|gun|knife)\s+"
    r"(?:is|are)\s+(?:ready|right\s+here|in\s+my\s+hand|next\s+to\s+me|loaded)|\bon\s+(?:the|a)\s+"
    r"(?:bridge|roof|ledge)\b|\b(?:pills|rope|gun|knife|blade|razor|noose)\s+(?:is|are)\s+(?:on|in)\s+(?:the|my)\s+"
    r"(?:nightstand|table|desk|bed|lap|pocket)|\b(?:ya\s+)?tengo\s+(?:las|mis|unas|la|una)\s+(?:pastillas|pildoras|"
    r"cuerda|pistola)|\bj'?ai\s+(?:deja\s+)?(?:les|mes|des|une)\s+(?:cachets|pilules|medicaments|corde)|"
    r"\b(?:habe|hab)\s+(?:schon\s+|bereits\s+)?(?:die|meine|einen|ein)\s+(?:tabletten|strick|seil|pistole)|"
    r"\btenho\s+(?:os|meus|uns|uma|a)\s+(?:remedios|comprimidos|corda|arma)"
)

# --- conversation-level flags (Layer 3) ---------------------------------------------------

FLAGS: tuple[tuple[str, str], ...] = (
    (
        "goodbye",
        r"\b(?:goodbye\s+(?:forever|everyone|world)|say(?:ing)?\s+(?:my\s+)?goodbyes?|this\s+is\s+goodbye|"
        r"said\s+(?:my\s+)?goodbyes?\s+to\s+(?:everyone|everybody|my\s+(?:family|friends|kids|children|parents|"
        r"mom|mum|dad|loved\s+ones))|(?:told|tell|telling)\s+(?:everyone|everybody|my\s+(?:family|friends|kids|"
        r"children|parents|mom|mum|dad))\s+goodbye|"
        r"thank\s+you\s+for\s+everything|thanks\s+for\s+everything|won'?t\s+(?:be\s+)?(?:talking|"
        r"around|here)\s+(?:much\s+longer|anymore|again)|last\s+(?:message|time\s+we\s+talk)|"
        r"take\s+care\s+of\s+(?:my\s+)?(?:mom|mum|dad|cat|dog|kids|family)\s+for\s+me|"
        r"(?:wrote|writing|written|left)\s+(?:goodbye\s+)?letters?\s+(?:to|for)\s+(?:my|everyone|each)|"
        r"adios\s+para\s+siempre|adieu|lebewohl|adeus|永别|再见了)\b",
    ),
    (
        "giving_away",
        r"\b(?:giv(?:e|ing|en)|gave)\s+(?:away\s+)?(?:away\s+)?(?:all\s+)?(?:my|his|her)\s+(?:\w+\s+)?"
        r"(?:stuff|things|belongings|possessions|cat|dog|games|guitar|clothes|books|collection)\s*"
        r"(?:away)?|\b(?:wrote|writing|made|updated)\s+(?:a|my)\s+will\b|\bwho\s+(?:will|would|should)"
        r"\s+(?:get|have|take)\s+my\s+(?:things|stuff|cat|dog)|\bregalando\s+mis\s+cosas|"
        r"\bdonne\s+mes\s+affaires|\bverschenke\s+meine\s+sachen|"
        r"\b(?:sort(?:ing|ed)?\s+out|settl(?:e|ing|ed)|put(?:ting)?\s+(?:\w+\s+)?in\s+order)\s+my\s+"
        r"(?:affairs|finances|paperwork)|\bmy\s+affairs\s+in\s+order|\b(?:found|finding|find)\s+(?:a\s+)?"
        r"(?:new\s+)?homes?\s+for\s+my\s+(?:cat|dog|pets?|cats|dogs|rabbit|bird|fish)|\brehom(?:e|ed|ing)"
        r"\s+my\s+(?:cat|dog|pets?)|\b(?:gave|given|giving)\s+my\s+(?:cat|dog|pets?)\s+(?:away\s+)?to\b|"
        r"\b(?:cancel(?:l?ed|l?ing)|closed|closing)\s+my\s+(?:phone|accounts?|subscriptions?|lease)\b.{0,60}"
        r"\b(?:won'?t\s+need|no\s+longer\s+need|not\s+going\s+to\s+need)",
    ),
    # veiled resolve: alone it means nothing; after warning signs it is intent (Layer 3)
    (
        "resolve",
        r"\btonight'?s?\s+(?:is\s+)?the\s+night\b|\btoday'?s?\s+(?:is\s+)?the\s+day\b|\b(?:i'?ve|i\s+have|"
        r"i)\s+(?:got\s+)?(?:everything|it\s+all)\s+(?:ready|prepared|planned|sorted|in\s+place|set\s+up)|"
        r"\beverything\s+is\s+(?:ready|prepared|in\s+place)|\bmade\s+(?:my\s+)?peace\b|\bmy\s+mind\s+is\s+"
        r"made\s+up|\b(?:i'?ve|i\s+have)\s+(?:made\s+(?:up\s+)?my\s+(?:mind|decision)|decided)\b(?!\s+to\s+"
        r"(?:get|go|see|talk|call|try|stay|keep|live|reach|ask|tell|fight|look|start|be|quit|move))|"
        r"\bit'?s\s+time\s*(?:[.!]|$)|\bthis\s+is\s+the\s+end\b|\bwon'?t\s+need\s+(?:it|them|any\s+of)|"
        r"\b(?:es|esta)\s+(?:noche\s+es\s+la\s+noche|todo\s+listo)|\btengo\s+todo\s+(?:listo|preparado)|"
        r"\bj'?ai\s+tout\s+prepare|\bc'?est\s+ce\s+soir|\bich\s+habe\s+alles\s+vorbereitet|"
        r"\bheute\s+ist\s+es\s+so\s+weit|\btenho\s+tudo\s+pronto|\bhoje\s+e\s+o\s+dia",
    ),
    # access to lethal means, and dwelling on something (combined with distress in Layer 3)
    (
        "means_access",
        r"\b(?:keeps?|kept|has|have|had|there'?s|there\s+is|got|owns?|bought)\s+(?:a\s+|some\s+|his\s+|"
        r"her\s+|their\s+|my\s+|the\s+)?(?:loaded\s+)?(?:gun|pistol|rifle|shotgun|firearm|revolver|handgun)s?"
        r"\b(?!\s+safe\s+for)|\b(?:gun|pistol|rifle|shotgun)s?\s+(?:is\s+|are\s+)?(?:in|under)\s+(?:the|his|"
        r"her|my|our)\s+(?:closet|drawer|house|car|safe|nightstand|bedroom|garage|bed)|\bi\s+know\s+(?:where|"
        r"the\s+code)\s+(?:\w+\s+){0,3}(?:keeps?|kept|hides?|is)\b|\b(?:pills|meds|painkillers|sleeping\s+"
        r"pills|medication)\s+(?:are\s+)?in\s+(?:the|my|his|her)\s+(?:cabinet|drawer|bathroom|nightstand)",
    ),
    (
        "rumination",
        r"\b(?:been\s+|keep\s+|kept\s+|can'?t\s+stop\s+|couldn'?t\s+stop\s+)?(?:thinking|thought)\s+about\s+"
        r"(?:it|that|using\s+it|it\s+a\s+lot|it\s+all\s+the\s+time)\b(?!\s+(?:and|but)\s+(?:decided|it'?s\s+fine))"
        r"|\bkeep\s+(?:looking\s+at|going\s+back\s+to|holding)\s+it\b|\bit'?s\s+all\s+i\s+think\s+about",
    ),
    (
        "stockpiling",
        r"\b(?:sav(?:ing|ed)|stockpil(?:ing|ed)|hoard(?:ing|ed)|collect(?:ing|ed)|stash(?:ing|ed))\s+"
        r"(?:up\s+)?(?:all\s+)?(?:my|the|some|enough)?\s*"
        + _PILLS
        + r"|guardando\s+(?:mis\s+)?pastillas"
        r"|攒(?:了)?(?:很多)?药|sammle\s+tabletten",
    ),
    (
        "hopelessness",
        r"\bhopeless\b|\bno\s+(?:hope|future|point)\b|\b(?:don'?t|do\s+not|can'?t)\s+(?:really\s+)?see\s+"
        r"the\s+point|\bnothing\s+(?:matters|will\s+(?:ever\s+)?change|"
        r"(?:will\s+)?ever\s+gets?\s+better)|\bwhat'?s\s+the\s+point\b|\bburden\b|\bworthless\b|"
        r"\bgive\s+up\b|\bcan'?t\s+(?:do|take)\s+(?:this|it)\s+any\s*more|\bsin\s+esperanza|"
        r"\bsans\s+espoir|\bhoffnungslos|\bsem\s+esperanca|没有希望|ummeed\s+nahi",
    ),
    (
        "distress",
        r"\b(?:(?:girlfriend|boyfriend|wife|husband|partner|fiance|fiancee)\s+(?:left|dumped|broke\s+up\s+"
        r"with)\s+me|can'?t\s+sleep|lost\s+my\s+(?:job|house|home|wife|husband|partner|mom|mum|dad|son|daughter|child|"
        r"baby|everything)|got\s+(?:fired|laid\s+off|dumped|evicted)|(?:she|he)\s+(?:left|dumped)\s+me|"
        r"broke\s+up\s+with\s+me|divorc\w+|died\s+(?:last|yesterday|this)|funeral|so\s+alone|"
        r"completely\s+alone|can'?t\s+cope|falling\s+apart|breaking\s+down|everything\s+is\s+"
        r"(?:falling\s+apart|ruined|wrong)|depressed|miserable|desperate|overwhelmed|exhausted\s+"
        r"(?:of|with)\s+everything|empty\s+inside|perdi\s+mi\s+trabajo|j'?ai\s+perdu\s+mon\s+"
        r"travail|job\s+verloren|perdi\s+(?:o\s+)?meu\s+emprego|失业|naukri\s+chali\s+gayi)",
    ),
)

# --- boundary requests -------------------------------------------------------------------

_METHOD_Q = (
    # doses and lethality
    r"\b(?:how\s+(?:many|much)|what\s+(?:amount|number|dose|quantity))\s+(?:\w+\s+){0,5}"
    r"(?:would|will|does\s+it\s+take\s+to|to|can|could|is\s+needed\s+to|it\s+takes\s+to)\s+"
    r"(?:[\w']+\s+){0,6}(?:kill|die|overdose|od\b|be\s+(?:lethal|fatal|deadly)|end\s+(?:it|a\s+life)|"
    r"stop\s+(?:a|your|the|my)\s+heart|not\s+wake\s+up)",
    r"\b(?:lethal|fatal|deadly|toxic|overdose)\s+(?:dose|amount|quantity|level|threshold)s?\b",
    r"\b(?:dose|amount)\s+(?:of\s+\w+\s+)?(?:that\s+)?(?:is|would\s+be)\s+(?:lethal|fatal|deadly)",
    r"\bwhat\s+happens\s+if\s+(?:you|i|someone)\s+(?:take|takes|swallow|swallows)\s+(?:\d+|a\s+whole|"
    r"all|a\s+bottle|too\s+many|a\s+lot)",
    r"\b(?:which|what)\s+(?:\w+\s+){0,2}(?:pills?|meds|medications?|drugs?|poisons?|chemicals?)\s+"
    r"(?:\w+\s+){0,3}(?:most\s+)?(?:lethal|deadly|fatal|kill|dangerous\s+in\s+overdose)",
    r"\bcan\s+(?:you|i|someone|a\s+person)\s+die\s+(?:from|of|by)\s+(?:taking|swallowing|eating|"
    r"drinking|an\s+overdose|too\s+many|\d+)",
    r"\bhow\s+(?:do|can|could|would|should)\s+i\s+(?:best\s+)?(?:\w+\s+)?(?:drown|hang|shoot|poison|stab|"
    r"cut|slit|suffocate|electrocute|starve|burn|gas)\s+(?:my\s?self|my\s+(?:own\s+)?(?:wrists?|throat|"
    r"arm|veins?))",
    r"\b(?:sever|pierce|slit|cut|open|puncture)\s+(?:my|my\s+own)\s+(?:\w+\s+)?(?:arter(?:y|ies)|"
    r"wrists?|throat|veins?|jugular)",
    r"\bcarv(?:e|ing)\s+(?:\w+\s+){0,3}into\s+my\s+(?:arm|skin|wrist|thigh|leg)",
    r"\b(?:go\s+out|die|end\s+my\s+life|kill\s+my\s?self|take\s+my\s+life)\s+like\s+(?:sylvia\s+plath|"
    r"kurt\s+cobain|robin\s+williams|amy\s+winehouse|chester\s+bennington|anthony\s+bourdain|"
    r"virginia\s+woolf|hemingway|marilyn\s+monroe|avicii)",
    r"\bwhat\s+can\s+i\s+take\s+to\s+(?:die|not\s+wake\s+up|end\s+it|overdose)",
    # a story, a character or a role asking for the how: the method is the same on the page
    r"^(?=[\s\S]*(?:end(?:s|ed|ing)?\s+(?:her|his|their|my|your)\s+(?:own\s+)?life|"
    r"kill(?:s|ed|ing)?\s+(?:her|him|them|my|your)sel(?:f|ves)|suicide|overdos))[\s\S]*"
    r"(?:describe|explain|tell\s+me|show\s+me|walk\s+me\s+through|write\s+(?:out|down))\s+"
    r"(?:\w+\s+){0,3}(?:exactly\s+|precisely\s+|in\s+detail\s+|step\s+by\s+step\s+)?how\s+"
    r"(?:she|he|they|i|you|someone|the\s+character|my\s+character|\w+)\s+(?:would\s+|could\s+|will\s+)?"
    r"(?:does|did|do|kills?|killed|ends?|ended|takes?|took|overdoses?|hangs?|goes\s+through\s+with)",
    # poison gas from household chemicals
    r"\b(?:mix|combine|make|create|produce)\s+(?:\w+\s+){0,5}?(?:to\s+(?:make|create|produce|get)\s+)?"
    r"(?:a\s+)?(?:poison(?:ous)?|toxic|deadly|lethal)\s+(?:gas|fumes|cloud)",
    # heights, bridges, places
    r"\b(?:how\s+(?:high|tall|far)|what\s+height)\s+(?:[\w']+\s+){0,10}(?:to\s+)?(?:die|kill|be\s+fatal|"
    r"be\s+lethal|survive|fall|jump)",
    r"\b(?:bridges?|buildings?|cliffs?|roofs?|towers?|parking\s+garages?)\s+(?:\w+\s+){0,4}"
    r"(?:taller|higher)\s+than\s+\d+",
    r"\b(?:what|which)\s+(?:bridges?|buildings?|cliffs?|rooftops?)\s+(?:are|is)\s+"
    r"(?:taller|higher|the\s+tallest|the\s+highest|high\s+enough|over|above)",
    r"\bhigh\s+enough\s+to\s+(?:die|kill|be\s+fatal)",
    # ways, methods, quick/painless
    r"\b(?:painless|quick(?:est)?|easiest|fastest|surest|best|most\s+effective|least\s+painful)\s+"
    r"(?:\w+\s+)?(?:way|ways|method|methods)\s+(?:to|of)\s+(?:die|dying|kill(?:ing)?\s+(?:my|your|one)"
    r"\s?sel(?:f|ves)|suicide|commit\s+suicide|unalive|end\s+(?:it|my\s+life|your\s+life|one'?s\s+life))",
    r"\bhow\s+(?:do|can|could|would|should)\s+(?:i|you|one|someone|a\s+person)\s+(?:\w+\s+)?"
    r"(?:kill\s+(?:my|your|one|them)\s?sel(?:f|ves)|commit\s+suicide|hang\s+(?:my|your)\s?self|"
    r"overdose|od\b|slit|end\s+(?:my|your|one'?s)\s+life|die\s+(?:painlessly|quickly|in\s+my\s+sleep))",
    r"\bhow\s+to\s+(?:kill\s+(?:my|your|one)\s?sel(?:f|ves)|commit\s+suicide|hang\s+(?:my|your)\s?self"
    r"|overdose|od\b|slit\s+(?:my|your)?\s*wrists?|tie\s+a\s+noose|cut\s+(?:deep|deeper)|die\s+painlessly)",
    r"\bhow\s+long\s+(?:does\s+it|would\s+it|until|till|til|to)\s+(?:take\s+to\s+)?(?:die|bleed\s+out|suffocate|"
    r"drown|lose\s+consciousness|pass\s+out)\b",
    r"\b(?:where|how)\s+(?:can|do|could)\s+(?:i|you|someone)\s+(?:buy|get|find|order|obtain)\s+"
    r"(?:\w+\s+){0,2}(?:poison|cyanide|arsenic|strychnine|nitrite|a\s+gun|a\s+firearm|barbiturates|"
    r"nembutal|pentobarbital|fentanyl|helium\s+tank|exit\s+bag|rope\s+for)",
    # Spanish, French, German, Portuguese, Chinese, Hindi
    r"\b(?:cuantas|cuantos|que\s+cantidad\s+de)\s+(?:\w+\s+){0,6}(?:para\s+morir|para\s+matarme|"
    r"son\s+(?:mortales|letales))|\bdosis\s+(?:letal|mortal)|\bcomo\s+(?:matarme|suicidarme)|"
    r"\bforma\s+(?:mas\s+)?(?:facil|rapida|indolora)\s+de\s+(?:morir|matarme|suicidarme)|"
    r"\bpuentes?\s+(?:mas\s+)?alt[oa]s?\s+(?:para|de|en)\b",
    r"\bcombien\s+(?:de\s+)?(?:\w+\s+){0,3}pour\s+(?:mourir|me\s+tuer)|\bdose\s+(?:letale|mortelle)|"
    r"\bcomment\s+(?:me\s+tuer|me\s+suicider|mourir\s+sans\s+douleur)",
    r"\bwie\s+viele\s+(?:\w+\s+){0,3}(?:um\s+zu\s+sterben|todlich)|\btodliche\s+dosis|\bwie\s+(?:bringe|"
    r"kann)\s+ich\s+mich\s+(?:um|toten)",
    r"\bquant[oa]s\s+(?:\w+\s+){0,3}(?:para\s+morrer|para\s+me\s+matar)|\bdose\s+(?:letal|fatal)|"
    r"\bcomo\s+(?:me\s+matar|me\s+suicidar)",
    r"(?:吃)?多少(?:片|颗|粒)?(?:安眠药|药|藥)?(?:会|能|可以)?(?:死|致死|自杀)|致死(?:剂)?量|怎么(?:样)?(?:自杀|死得?(?:快|不痛))|"
    r"(?:多高|几楼)(?:跳下去)?(?:会|能)死",
    r"\bkitni\s+(?:goliyan?|goliyaan|pills|dawai)\s+(?:\w+\s+){0,2}(?:se\s+)?(?:mar|maut)|"
    r"कितनी\s+(?:गोलियां|गोलियाँ)\s+(?:से|खाने\s+से)\s+(?:मौत|मर)|\b(?:suicide|khudkushi)\s+kaise\s+kar",
)

_BOUNDARY: tuple[tuple[str, str], ...] = (
    (
        "diagnosis",
        r"\b(?:do\s+(?:i|you\s+think\s+i)\s+have|diagnose\s+me|what'?s\s+my\s+diagnosis|am\s+i\s+"
        r"(?:bipolar|schizophrenic|autistic|psychotic|a\s+narcissist|borderline|depressed\s+clinically)|"
        r"is\s+(?:this|it)\s+(?:bipolar|schizophrenia|bpd|adhd|ocd|ptsd|autism|depression|a\s+personality"
        r"\s+disorder)\b|what\s+(?:disorder|mental\s+illness|condition)\s+do\s+i\s+have|give\s+me\s+a\s+"
        r"diagnosis|tengo\s+(?:depresion|trastorno)|est-ce\s+que\s+je\s+suis\s+bipolaire|habe\s+ich\s+eine"
        r"\s+(?:depression|storung)|eu\s+tenho\s+(?:depressao|transtorno)|我是不是(?:有)?(?:抑郁症|躁郁症))",
    ),
    (
        "medication_dosing",
        r"\b(?:how\s+(?:many|much)\s+(?:mg\s+)?(?:of\s+)?(?:my\s+)?(?:" + _PILLS[3:-1] + r")|"
        r"(?:should|can|could)\s+i\s+(?:double|increase|decrease|lower|raise|up|stop|skip|half|halve|"
        r"change)\s+(?:my\s+)?(?:dose|dosage|meds|medication|" + _PILLS[3:-1] + r")|"
        r"(?:what|which)\s+(?:dose|dosage)\s+(?:of|should)|(?:what|which)\s+doses\b|"
        r"how\s+(?:many|much)\s+(?:extra\s+|more\s+|additional\s+)?(?:mg|mgs|milligrams?|mcg|"
        r"micrograms?)\b|how\s+(?:should|do|can|could)\s+i\s+(?:taper|wean)\b|"
        r"(?:can|should)\s+i\s+(?:just\s+)?(?:stop|quit)\s+taking\s+(?:my\s+)?(?:"
        + _PILLS[3:-1]
        + r")|"
        r"(?:can|should)\s+i\s+(?:take|mix)\s+(?:\w+\s+){0,3}(?:with|and)\s+(?:alcohol|my\s+\w+)|"
        r"is\s+it\s+safe\s+to\s+(?:take|stop|mix|double)|dosis\s+de|quelle\s+dose|welche\s+dosis)",
    ),
    (
        "harmful_instructions",
        r"\b(?:how\s+(?:do\s+i|to|can\s+i)\s+(?:make|build|get|hide|suppress|stop\s+feeling)\s+"
        r"(?:a\s+)?(?:bomb|explosives?|meth|poison|my\s+(?:cuts|scars|hunger|appetite)|"
        r"(?:the\s+)?(?:hunger|appetite))|tips?\s+(?:for|on|to)\s+(?:purging|starving|not\s+eating|"
        r"hiding\s+(?:self\s+harm|cuts|not\s+eating|my\s+eating)|cutting|restricting)|pro-anorexia\s+tips|"
        r"how\s+to\s+(?:purge|make\s+my\s?self\s+(?:throw\s+up|vomit)|hide\s+(?:not\s+eating|my\s+cuts|"
        r"self\s+harm|scars)|starve\s+my\s?self|lose\s+\d+\s*(?:kg|lbs?|pounds)\s+in\s+(?:a|one|\d+)\s+"
        r"(?:week|days?))|how\s+(?:do\s+i|to|can\s+i)\s+(?:stalk|track|poison|hurt|get\s+revenge\s+on)\s+"
        r"(?:my|someone|him|her))",
    ),
    (
        "romantic",
        r"\b(?:(?:will|would)\s+you\s+(?:be\s+my\s+(?:girlfriend|boyfriend|partner|wife|husband|"
        r"lover)|marry\s+me|date\s+me|kiss\s+me)|do\s+you\s+love\s+me|i'?m\s+(?:falling\s+)?in\s+love\s+"
        r"with\s+you|i\s+love\s+you(?:\s+so\s+much)?(?:\s+confide)?\s*(?:[.!?]|$)|be\s+my\s+(?:girlfriend|"
        r"boyfriend)|sext|talk\s+dirty|send\s+(?:me\s+)?nudes|let'?s\s+(?:have\s+sex|make\s+out)|"
        r"te\s+amo|quieres\s+ser\s+mi\s+novi[oa]|je\s+t'?aime|ich\s+liebe\s+dich|eu\s+te\s+amo|我爱你|"
        r"做我(?:的)?(?:女朋友|男朋友))",
    ),
    (
        "pretend_human",
        r"\b(?:pretend\s+(?:to\s+be|you'?re|you\s+are|that\s+you'?re)\s+(?:a\s+)?(?:human|real\s+person|"
        r"a\s+person|my\s+(?:friend|mom|mum|dad|girlfriend|boyfriend|late|dead|wife|husband))|"
        r"act\s+(?:like|as\s+if)\s+(?:you'?re\s+)?(?:a\s+)?(?:human|real\s+person)|"
        r"(?:say|tell\s+me|promise|admit)\s+(?:that\s+)?you'?re\s+(?:a\s+)?(?:human|real\s+person|real|"
        r"not\s+(?:a\s+bot|an\s+ai))|(?:be|play)\s+(?:a\s+)?(?:human|real\s+person)\s+for\s+me|"
        r"stop\s+(?:saying|reminding\s+me)\s+(?:that\s+)?you'?re\s+(?:an\s+ai|a\s+bot)|"
        r"finge\s+(?:que\s+)?(?:eres|ser)\s+(?:una\s+persona|humano)|fais\s+semblant\s+d'?etre\s+humain|"
        r"tu\s+so\s+als\s+(?:ob\s+du\s+)?(?:ein\s+)?mensch|finja\s+(?:que\s+)?(?:e|ser)\s+(?:uma\s+pessoa|"
        r"humano)|假装(?:你)?是(?:真)?人)",
    ),
    (
        "pretend_therapist",
        r"\b(?:(?:be|act\s+as|pretend\s+(?:to\s+be|you'?re)|roleplay\s+as|play)\s+(?:my\s+)?(?:a\s+)?"
        r"(?:therapist|psychiatrist|psychologist|counsell?or|doctor|psychotherapist)|are\s+you\s+(?:a\s+)?"
        r"(?:real\s+|licensed\s+)?(?:therapist|psychiatrist|psychologist|doctor|counsell?or)|"
        r"can\s+you\s+be\s+my\s+therapist|(?:do|give)\s+(?:me\s+)?(?:a\s+)?therapy\s+session)",
    ),
    (
        "prompt_injection",
        r"(?:\bignore\s+(?:all\s+|any\s+)?(?:your\s+|the\s+)?(?:previous|prior|above|earlier)?\s*"
        r"(?:instructions|rules|guidelines|prompts?|safety)|\bdisregard\s+(?:your|all|the)\s+(?:\w+\s+)?"
        r"(?:instructions|rules|guidelines)|\b(?:you\s+are\s+now|from\s+now\s+on\s+you\s+are)\s+(?:dan|an?\s+"
        r"unfiltered|an?\s+uncensored|jailbroken|free\s+from)|\byou\s+are\s+(?:now\s+)?dan\b|"
        r"\ban?\s+ai\s+(?:with|that\s+has)\s+no\s+(?:rules|limits|restrictions|filters|guidelines)|"
        r"\bdeveloper\s+mode|\bjailbreak|\bsystem\s+"
        r"prompt|\breveal\s+your\s+(?:instructions|prompt)|\bno\s+(?:safety\s+)?(?:filters|restrictions|"
        r"rules)\s+(?:mode|apply)|\bpretend\s+(?:there\s+are\s+)?no\s+rules|<\|?(?:im_start|system)\|?>|"
        r"\[system\]|###\s*(?:system|instruction)|\bignora\s+(?:todas\s+)?(?:las\s+)?instrucciones|"
        r"\bignore\s+(?:toutes\s+)?(?:les\s+)?instructions|\bignoriere\s+(?:alle\s+)?(?:vorherigen\s+)?"
        r"anweisungen|忽略(?:之前|以上)?(?:的)?(?:所有)?指令)",
    ),
)

#: Wrappers that disguise a boundary request (role-play, fiction, class, translation).
WRAPPERS = (
    r"\b(?:role\s*-?play|pretend|imagine|hypothetically|in\s+a\s+story|for\s+(?:a|my)\s+(?:story|novel|"
    r"book|class|school|essay|assignment|research|project|script|screenplay|game)|my\s+character|"
    r"translate|traduce|traduis|ubersetze|翻译|asking\s+for\s+a\s+friend|just\s+curious|for\s+science)\b"
)


Gate = tuple[str, ...] | None


def _required(items: Any) -> set[str] | None:
    """Literal strings of which every match must contain at least one (None: no guarantee)."""
    candidates: list[set[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            candidates.append({"".join(run)})
            run.clear()

    for op, arg in items:
        if op is _sre.LITERAL:
            run.append(chr(arg))
            continue
        flush()
        found: set[str] | None = None
        if op is _sre.SUBPATTERN:
            found = _required(arg[-1])
        elif op is _sre.BRANCH:
            union: set[str] = set()
            for alternative in arg[1]:
                sub = _required(alternative)
                if sub is None:
                    union = set()
                    break
                union |= sub
            found = union or None
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and arg[0] >= 1:
            found = _required(arg[2])
        if found:
            candidates.append(found)
    flush()
    good = [c for c in candidates if min(len(x) for x in c) >= 2]
    if not good:
        return None
    return max(good, key=lambda c: (min(len(x) for x in c), -len(c)))


def gate_of(pattern: str) -> Gate:
    """Return a cheap substring gate for ``pattern``: skip the regex when no literal occurs."""
    try:
        required = _required(_sre_parse.parse(pattern, re.MULTILINE))
    except (re.error, TypeError, ValueError, IndexError):  # no gate is always safe
        return None
    return tuple(sorted(required)) if required else None


def gate_open(gate: Gate, text: str) -> bool:
    """Whether the text may match (True when there is no gate)."""
    return gate is None or any(lit in text for lit in gate)


@dataclass(frozen=True)
class Compiled:
    """The lexicon compiled once: risk rules, look-alikes, boundaries and modifiers."""

    risk: tuple[tuple[Rule, re.Pattern[str], Gate], ...]
    figurative: re.Pattern[str]
    context_exempt: re.Pattern[str]
    hyperbole: re.Pattern[str]
    negation: re.Pattern[str]
    negation_exceptions: re.Pattern[str]
    timeframe: re.Pattern[str]
    means: re.Pattern[str]
    method: tuple[tuple[re.Pattern[str], Gate], ...]
    boundary: tuple[tuple[str, re.Pattern[str], Gate], ...]
    wrappers: re.Pattern[str]
    flags: tuple[tuple[str, re.Pattern[str], Gate], ...]

    def flag(self, name: str) -> tuple[re.Pattern[str], Gate]:
        """Return one Layer-3 flag's pattern and gate by name."""
        for flag_name, pattern, gate in self.flags:
            if flag_name == name:
                return pattern, gate
        raise KeyError(name)


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.MULTILINE)


@lru_cache(maxsize=1)
def compiled() -> Compiled:
    """Compile every pattern once (first screen call), then reuse."""
    return Compiled(
        risk=tuple((rule, _c(rule.pattern), gate_of(rule.pattern)) for rule in RISK_RULES),
        figurative=_c("|".join(f"(?:{p})" for p in FIGURATIVE)),
        context_exempt=_c(CONTEXT_EXEMPT),
        hyperbole=_c(HYPERBOLE),
        negation=_c(NEGATION),
        negation_exceptions=_c(NEGATION_EXCEPTIONS),
        timeframe=_c(TIMEFRAME),
        means=_c(MEANS_AT_HAND),
        method=tuple((_c(p), gate_of(p)) for p in _METHOD_Q),
        boundary=tuple((kind, _c(p), gate_of(p)) for kind, p in _BOUNDARY),
        wrappers=_c(WRAPPERS),
        flags=tuple((name, _c(p), gate_of(p)) for name, p in FLAGS),
    )


#: Languages the lexicon covers (ISO 639-1).
LANGUAGES: tuple[str, ...] = ("en", "es", "fr", "de", "pt", "zh", "hi")
