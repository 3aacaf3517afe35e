"""The crisis flow: what happens after the crisis reply, turn by turn.

The first crisis reply (Compassionate Completion at high or imminent risk) gives the full
block: the direct question, distance from means, the boundary and the region's resources.
What follows must not replay it. This module keeps a small state, :class:`CrisisFlow`, of the
safety steps the person reports (means put away, someone contacted, someone present,
emergency services called, safe for now), reads those steps from their messages in every
locale the crisis texts exist in and in Dutch, Turkish, Italian, Russian, Arabic, Japanese,
Korean and Hinglish (whose replies fall back to English), and composes the follow-up from
fixed, reviewed texts (:mod:`confide.safety.texts_flow`):

- each newly reported step is acknowledged once, specifically ("I'm so glad your brother is
  there with you now"); a calmer or safe statement is met with gladness, never "painful";
- the resources stay one line away (a compact line) instead of the whole block;
- the direct question is asked again only when something new calls for it (new risk words,
  an unsure answer, a step taken back);
- one next useful thing per turn, in order: distance from means, someone to reach, someone to
  come over, staying with them, the next hour, a safety plan (an invitation), sleep.

Risk itself is not lowered here: the conversation layer (:mod:`confide.agents.risk`) decays it
at its own pace, and a new high or imminent disclosure (or a step taken back) gets the full
crisis reply again at once (:func:`needs_full_block`).

**Returning to the conversation.** The conversation layer counts the turns since the last full
crisis reply that bring no new risk signal (:func:`track_turn`, run by the risk node on every
turn of a session with a flow). Once the person has reported a concrete safety step
(:data:`RETURN_STEPS`: means put away, someone contacted or present, emergency services) and
:data:`RETURN_QUIET_TURNS` turns in a row carried no new signal, the flow has *returned*: the
level that governs the reply is held at :data:`RETURN_LEVEL` (the conversation level itself
stays where it is and decays at its own pace), so the counselor answers what the person says,
and the flow still acknowledges any further step. "I'm fine" or "I'm safe" alone is not a
concrete step. Any new signal (new risk words, a method-flavoured question, a step taken back,
a warning sign) ends the return at once: the count starts over and the governing level is the
conversation's again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal, NotRequired

from typing_extensions import TypedDict  # pydantic (Studio, Server) needs it below 3.12

from confide.records import RiskLevel, level_index
from confide.safety.categories import OWN_RISK
from confide.safety.language import HINGLISH, detect_language
from confide.safety.resources import format_resource, resources_for
from confide.safety.texts import resolve_locale
from confide.safety.texts_flow import flow_text

Step = Literal["means_away", "contacted", "present", "emergency", "safe"]
#: The safety steps, in the order they are acknowledged.
STEPS: Final[tuple[Step, ...]] = ("means_away", "emergency", "contacted", "present", "safe")
Setback = Literal["intent", "unsafe", "alone"]
NextStep = Literal["means", "connect", "come_over", "stay", "hour", "plan", "sleep", "open"]

_HIGH: Final = level_index("high")
_MODERATE: Final = level_index("moderate")
#: Safety steps that are actions (not statements): one of them must be reported before the
#: flow returns to the conversation. "I'm safe" alone is not enough.
RETURN_STEPS: Final[frozenset[str]] = frozenset({"means_away", "contacted", "present", "emergency"})
#: Consecutive turns with no new risk signal (this one included) before the flow returns.
RETURN_QUIET_TURNS: Final = 2
#: The highest level that governs the reply once the flow has returned (the counselor's path;
#: :data:`confide.graph.routers.CRISIS_THRESHOLD` is high). The conversation level is not capped.
RETURN_LEVEL: Final[RiskLevel] = "moderate"
#: Crisis foci whose flow suggests distance from means (the person's own risk).
_MEANS_FOCI: Final = frozenset({"self", "general", "psychosis"})


class CrisisFlow(TypedDict):
    """The session's crisis flow state, set after the first full crisis reply."""

    #: Turn of the first full crisis reply.
    started_turn: int
    #: Last turn that got the full crisis block, its risk level and its focus.
    block_turn: int
    block_level: RiskLevel
    focus: str
    #: Last turn the direct safety question was asked.
    asked_turn: int
    #: Safety steps the person reported (Step values), in the order they were first reported.
    steps: list[str]
    #: Who they reached, in their words with the possessive turned ("your brother"), or "".
    person: str
    #: Next-step invitations already made (NextStep values): each is made once.
    offered: list[str]
    #: Locale of the crisis reply (follow-ups keep it unless the person switches language).
    locale: str
    #: Consecutive turns since the last full crisis reply with no new risk signal (the
    #: conversation layer counts them, :func:`track_turn`). Absent in flows saved before it.
    quiet_turns: NotRequired[int]
    #: Turn at which the flow returned to the conversation (:func:`track_turn`), 0 while not.
    returned_turn: NotRequired[int]


def start_flow(turn: int, level: RiskLevel, focus: str, locale: str) -> CrisisFlow:
    """Return the flow state right after a full crisis reply."""
    return CrisisFlow(
        started_turn=turn,
        block_turn=turn,
        block_level=level,
        focus=focus,
        asked_turn=turn,
        steps=[],
        person="",
        offered=[],
        locale=locale,
        quiet_turns=0,
        returned_turn=0,
    )


# --- reading what the person says ------------------------------------------------------------


def fold(text: str) -> str:
    """Case-fold and strip Latin accents, one character for one (spans map onto the original).

    Other scripts keep their marks: a Devanagari vowel sign is part of the word.
    """
    out = []
    for ch in text:
        low = ch.lower()
        low = low if len(low) == 1 else ch
        if ord(low) < 0x250:
            base = unicodedata.normalize("NFKD", low)[0]
            low = base if base.isascii() or len(base) == 1 else low
        out.append("'" if low in "’‘`´" else low)
    return "".join(out)


_KIN_EN = (
    r"(?:my|our)\s+(?:(?:best|close|old|older|younger|little|big|step)\s+)?"
    r"(?:brother|sister|mom|mum|mother|mam|ma|dad|father|parents|friend|bestie|partner|wife|"
    r"husband|girlfriend|boyfriend|gf|bf|roommate|flatmate|housemate|neighbou?r|aunt|auntie|"
    r"uncle|cousin|grandma|granny|grandmother|grandpa|grandfather|nan|son|daughter|fiance|"
    r"fiancee|therapist|counsell?or|doctor|gp|coach|teacher|pastor|priest|imam|rabbi|family|"
    r"sibling|bro|sis)s?"
)


def _en_person(name: str = "person") -> str:
    return f"(?P<{name}>{_KIN_EN})"


_NEG_EN = r"(?<!n't\s)(?<!not\s)(?<!never\s)(?<!can't\s)(?<!cannot\s)"


@dataclass(frozen=True)
class _Lang:
    """Step readers for one language (patterns run on :func:`fold`-ed text)."""

    means: re.Pattern[str]
    contacted: re.Pattern[str]
    present: re.Pattern[str]
    emergency: re.Pattern[str]
    safe: re.Pattern[str]
    calmer: re.Pattern[str]
    setback_intent: re.Pattern[str]
    setback_unsafe: re.Pattern[str]
    alone: re.Pattern[str]
    negation: re.Pattern[str]
    #: Going to rest or sleep.
    rest: re.Pattern[str]
    #: (my -> your) possessive swaps for {person}; empty: the generic text is used instead.
    swaps: tuple[tuple[str, str], ...] = ()


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_MEANS_OBJ_EN = (
    r"(?:pills?|tablets?|meds|medications?|medicines?|drugs|painkillers|sleeping\s+pills|"
    r"knife|knives|blades?|razors?|rope|cord|belt|gun|guns|firearms?|weapons?|ammo|bottles?|"
    r"them|it|everything|all\s+of\s+it|the\s+stuff|that\s+stuff|keys?)"
)

_LANGS: Final[dict[str, _Lang]] = {
    "en": _Lang(
        means=_rx(
            _NEG_EN + r"\b(?:put|moved|locked|hid|gave|handed|threw|flushed|got\s+rid\s+of|"
            r"left|dropped|emptied|poured|stashed|tossed|binned|dumped)\s+(?:away\s+)?"
            r"(?:all\s+)?(?:the\s+|my\s+|those\s+|these\s+)?" + _MEANS_OBJ_EN + r"\b"
            r"[^.!?;]{0,50}?\b(?:away|in\s+(?:the|my|a|her|his|their|our|\w+'s)\s+\w+|out\s+of\s+(?:reach|the\s+\w+)|to\s+"
            r"(?:my|a|the|him|her|them)\b|outside|downstairs|upstairs|in\s+(?:another|the\s+other)"
            r"\s+room|locked\s+up|down\s+the\s+(?:toilet|drain|sink)|over\s+to)"
            r"|\b(?:flushed|binned|got\s+rid\s+of|threw\s+out|threw\s+away|locked\s+up|handed\s+over)"
            r"\s+(?:all\s+)?(?:the\s+|my\s+)?" + _MEANS_OBJ_EN + r"\b"
            r"|\b(?:the\s+)?" + _MEANS_OBJ_EN + r"\s+(?:are|is)\s+(?:now\s+)?(?:in\s+the\s+\w+|"
            r"locked\s+(?:up|away)|away|gone|out\s+of\s+(?:reach|the\s+house)|with\s+(?:my|him|her))"
        ),
        contacted=_rx(
            _NEG_EN + r"\b(?:texted|messaged|called|rang|phoned|wrote\s+to|reached\s+out\s+to|"
            r"talked\s+to|spoke\s+(?:to|with)|told|contacted|dm'?d|whatsapped|facetimed|"
            r"video\s+called|woke\s+up|got\s+hold\s+of|texting|calling|messaging)\s+"
            + _en_person()
            + r"|"
            + _en_person("person2")
            + r"\s+(?:is|are|'s|'re)\s+(?:coming|on\s+(?:the|their|his|her)\s+way|driving\s+over|"
            r"heading\s+over)"
            r"|\b(?:called|texted|rang|phoned|contacted)\s+(?:the\s+)?(?:988|crisis\s+line|hotline|"
            r"helpline|lifeline|samaritans|crisis\s+text\s+line|a\s+crisis\s+line)"
        ),
        present=_rx(
            r"\b(?:he|she|they|someone|somebody|" + _en_person() + r")\s+"
            r"(?:is|are|'s|'re)\s+(?:here|with\s+me|over|sitting\s+with\s+me|staying(?:\s+with\s+me)?|"
            r"next\s+to\s+me|home\s+with\s+me)\b"
            r"|\b(?:i'?m|i\s+am)\s+(?:with|at)\s+" + _en_person("person2") + r"\b"
            r"|\b(?:i'?m|i\s+am)\s+not\s+alone\b|\b(?:came|come)\s+over\b|\barrived\b"
        ),
        emergency=_rx(
            _NEG_EN + r"\b(?:called|rang|phoned|dialed|dialled|got)\s+(?:the\s+|an\s+)?(?:911|999|"
            r"112|000|111|ambulance|paramedics|police|emergency(?:\s+services)?|cops)"
            r"|\b(?:ambulance|paramedics|police)\s+(?:is|are)\s+(?:here|coming|on\s+the\s+way)"
            r"|\b(?:i'?m|i\s+am)\s+(?:at|in)\s+(?:the\s+)?(?:er|a&e|hospital|emergency\s+room)"
        ),
        safe=_rx(
            r"\b(?:i'?m|i\s+am|i\s+feel|feeling|i'?ll\s+be|i\s+will\s+be)\s+(?:\w+\s+)?safer?\b"
            r"|\bi\s+(?:won'?t|will\s+not|am\s+not\s+going\s+to|'m\s+not\s+going\s+to)\s+(?:do|try)\s+"
            r"anything\b|\bi'?m\s+not\s+going\s+to\s+(?:hurt|kill)\s+myself"
        ),
        calmer=_rx(
            r"\b(?:calmer|calm\s+now|calmed\s+down|(?:a\s+(?:bit|little)|slightly|much|way)\s+better|"
            r"better\s+now|less\s+(?:panicky|overwhelmed|scared|shaky|anxious)|relieved|settled\s+down|"
            r"not\s+as\s+bad)\b"
        ),
        setback_intent=_rx(
            r"\b(?:going|gonna|about|ready)\s+to\s+(?:do\s+it|take\s+(?:them|it|the\s+\w+)|end\s+it|"
            r"kill\s+myself|go\s+through\s+with\s+it)|\b(?:doing|taking)\s+(?:it|them)\s+now\b"
        ),
        setback_unsafe=_rx(
            r"\b(?:got|took|brought|getting|fetched|went\s+to\s+get)\s+(?:them|it|the\s+\w+)\s+back\b"
            r"|\bdon'?t\s+feel\s+safe\b|\bnot\s+(?:feeling\s+)?safe\b|\bunsafe\b"
        ),
        alone=_rx(
            r"\b(?:he|she|they)\s+(?:left|went\s+home|had\s+to\s+(?:go|leave)|is\s+gone|are\s+gone)"
            r"|\b(?:i'?m|i\s+am)\s+alone\s+again\b|\bno\s*one\s+(?:answered|is\s+answering|replied)"
        ),
        negation=_rx(r"\b(?:not|n't|never|no)\b"),
        rest=_rx(
            r"\b(?:sleep|go\s+to\s+bed|get\s+some\s+rest|lie\s+down|rest\s+now|head\s+to\s+bed)\b"
        ),
        swaps=(("my ", "your "), ("our ", "your ")),
    ),
    "es": _Lang(
        means=_rx(
            r"\b(?:la|lo|las|los)\s+he\s+(?:guardado|puesto|dejado|dado|entregado|tirado|escondido|"
            r"botado|llevado|encerrado|metido)\s+(?:en|a|al|con|bajo|debajo|fuera|lejos)\b"
            r"|\b(?:guarde|puse|deje|di|entregue|tire|escondi|bote|lleve|encerre|quite|meti|"
            r"he\s+(?:guardado|puesto|dejado|dado|entregado|tirado|escondido|metido))\b[^.!?;]{0,40}"
            r"\b(?:pastillas|medicamentos|medicinas|cuchillos?|navajas?|armas?|pistola|cuerda|"
            r"las|los|todo)\b|\b(?:las\s+pastillas|el\s+cuchillo|el\s+arma|los\s+medicamentos)\s+"
            r"(?:estan|esta)\s+(?:en|guardad|lejos|fuera)"
        ),
        contacted=_rx(
            r"\b(?:le\s+)?(?:escribi|llame|mande\s+(?:un\s+)?mensaje|hable\s+con|contacte|avise|"
            r"he\s+(?:escrito|llamado|hablado\s+con|mandado\s+(?:un\s+)?mensaje|avisado))"
            r"\s+(?:a\s+)?(?P<person>mis?\s+\w+)|\b(?:llame|escribi)\s+(?:a\s+)?(?:la\s+)?linea"
            # a name: "le he escrito a Lucía" (said back generically)
            r"|\b(?:le\s+)?(?:escribi|llame|hable\s+con|contacte|avise|he\s+escrito|he\s+llamado|"
            r"he\s+hablado\s+con|he\s+avisado)\s+a\s+(?!nadie\b|ninguno\b)\w{3,}"
        ),
        present=_rx(
            r"\b(?P<person>mis?\s+\w+)\s+(?:ya\s+)?(?:esta|estan|vino|llego)\s*(?:aqui|conmigo)?"
            r"|\b(?:ya\s+)?(?:esta|estan)\s+(?:aqui|conmigo)\b|\bya\s+no\s+estoy\s+sol[oa]"
        ),
        emergency=_rx(
            r"\b(?:llame|marque|llamamos)\s+(?:al?\s+)?(?:911|112|061|emergencias|una\s+ambulancia|"
            r"la\s+policia)"
        ),
        safe=_rx(r"\b(?:estoy|me\s+siento)\s+(?:ya\s+)?(?:a\s+salvo|segur[oa])"),
        calmer=_rx(r"\b(?:mas\s+tranquil[oa]|mas\s+calmad[oa]|un\s+poco\s+mejor|me\s+calme)"),
        setback_intent=_rx(
            r"\b(?:voy\s+a\s+hacerlo|me\s+las\s+voy\s+a\s+tomar|voy\s+a\s+tomarlas)"
        ),
        setback_unsafe=_rx(r"\bno\s+(?:estoy|me\s+siento)\s+(?:a\s+salvo|segur[oa])"),
        alone=_rx(r"\b(?:se\s+fue|se\s+tuvo\s+que\s+ir|estoy\s+sol[oa]\s+otra\s+vez)"),
        negation=_rx(r"\b(?:no|nunca)\b"),
        rest=_rx(r"\b(?:dormir|descansar|acostarme|a\s+la\s+cama)\b"),
        swaps=(("mis ", "tus "), ("mi ", "tu ")),
    ),
    "fr": _Lang(
        means=_rx(
            r"\b(?:range|mis|donne|jete|cache|confie|laisse|enferme|rendu)\b[^.!?;]{0,40}"
            r"\b(?:medicaments|cachets|pilules|comprimes|couteaux?|armes?|corde|les|tout)\b"
            r"|\b(?:les\s+medicaments|les\s+cachets|le\s+couteau|l'arme)\s+sont\s+(?:dans|loin|"
            r"ranges|hors)"
        ),
        contacted=_rx(
            r"\b(?:ecrit|envoye\s+un\s+(?:message|texto)|appele|telephone|parle|contacte|prevenu)"
            r"\s+(?:a\s+|avec\s+)?(?P<person>(?:mon|ma|mes)\s+\w+)"
        ),
        present=_rx(
            r"\b(?P<person>(?:mon|ma|mes)\s+\w+)\s+(?:est|sont)\s+(?:la|ici|arrivee?s?|avec\s+moi)"
            r"|\b(?:il|elle)\s+est\s+(?:la|ici|avec\s+moi)\b|\bje\s+ne\s+suis\s+plus\s+seule?"
        ),
        emergency=_rx(
            r"\b(?:appele|compose)\s+(?:le\s+|les\s+|la\s+|une\s+)?(?:15|112|18|17|samu|urgences|"
            r"secours|ambulance|police|pompiers)"
        ),
        safe=_rx(r"\bje\s+(?:suis|me\s+sens)\s+(?:maintenant\s+)?en\s+securite"),
        calmer=_rx(r"\b(?:plus\s+calme|un\s+peu\s+mieux|me\s+suis\s+calmee?|apaisee?)"),
        setback_intent=_rx(r"\bje\s+vais\s+le\s+faire\b|\bje\s+vais\s+les\s+prendre\b"),
        setback_unsafe=_rx(r"\bje\s+ne\s+(?:suis|me\s+sens)\s+pas\s+en\s+securite"),
        alone=_rx(r"\b(?:il|elle)\s+est\s+partie?\b|\bje\s+suis\s+(?:de\s+nouveau|encore)\s+seul"),
        negation=_rx(r"\b(?:ne|pas|jamais)\b"),
        rest=_rx(r"\b(?:dormir|me\s+reposer|me\s+coucher|au\s+lit)\b"),
        swaps=(("mon ", "ton "), ("ma ", "ta "), ("mes ", "tes ")),
    ),
    "de": _Lang(
        means=_rx(
            r"\b(?:tabletten|medikamente|pillen|messer|waffe|seil|sie|alles)\b[^.!?;]{0,40}"
            r"\b(?:weggeraumt|weggelegt|weggeschlossen|weggeworfen|weggegeben|abgegeben|gegeben|"
            r"versteckt|eingeschlossen|ins\s+auto|entsorgt)"
        ),
        contacted=_rx(
            r"\b(?:meine[mnr]?|meiner)\s+\w+\s+(?:geschrieben|angerufen|bescheid\s+gesagt|"
            r"kontaktiert)|\b(?:mit|bei)\s+(?:meine[mnr]?|meiner)\s+\w+\s+(?:gesprochen|"
            r"telefoniert|gemeldet)|\b(?:die|bei\s+der)\s+telefonseelsorge\s+angerufen"
        ),
        present=_rx(
            r"\b(?:er|sie|mein\s+\w+|meine\s+\w+)\s+ist\s+(?:jetzt\s+)?(?:hier|da|bei\s+mir)\b"
            r"|\bnicht\s+mehr\s+allein"
        ),
        emergency=_rx(
            r"\b(?:112|110|144|notruf|notarzt|krankenwagen|rettungsdienst|polizei)\b[^.!?]{0,30}"
            r"\b(?:angerufen|gerufen|gewahlt|verstandigt)"
        ),
        safe=_rx(r"\bich\s+bin\s+(?:jetzt\s+)?(?:in\s+sicherheit|sicher)\b|fuhle\s+mich\s+sicher"),
        calmer=_rx(r"\b(?:ruhiger|etwas\s+besser|beruhigt)\b"),
        setback_intent=_rx(r"\bich\s+(?:werde|mache)\s+es\s+(?:jetzt\s+)?(?:tun|machen)?\b"),
        setback_unsafe=_rx(r"\b(?:nicht\s+in\s+sicherheit|nicht\s+sicher)\b"),
        alone=_rx(r"\b(?:er|sie)\s+ist\s+(?:gegangen|weg)\b|\bwieder\s+allein\b"),
        negation=_rx(r"\b(?:nicht|kein|nie)\b"),
        rest=_rx(r"\b(?:schlafen|ausruhen|ins\s+bett|hinlegen)\b"),
    ),
    "pt": _Lang(
        means=_rx(
            r"\b(?:guardei|coloquei|deixei|dei|entreguei|joguei\s+fora|escondi|tranquei|levei)\b"
            r"[^.!?;]{0,40}\b(?:remedios|comprimidos|pilulas|faca|facas|arma|corda|eles|elas|"
            r"tudo)\b"
        ),
        contacted=_rx(
            r"\b(?:mandei\s+(?:uma\s+)?mensagem\s+(?:para|pro|pra)|liguei\s+(?:para|pro|pra)|"
            r"falei\s+com|escrevi\s+(?:para|pro|pra)|contatei|chamei)\s+(?:o\s+|a\s+)?"
            r"(?P<person>(?:meu|minha|meus|minhas)\s+\w+)|\bliguei\s+(?:para\s+o\s+|pro\s+)?"
            r"(?:188|cvv)"
        ),
        present=_rx(
            r"\b(?:o\s+|a\s+)?(?P<person>(?:meu|minha)\s+\w+)\s+(?:esta|ta|chegou|veio)\b"
            r"|\b(?:ele|ela)\s+(?:esta|ta)\s+(?:aqui|comigo)\b|\bnao\s+estou\s+mais\s+sozinh"
        ),
        emergency=_rx(
            r"\b(?:liguei|chamei)\s+(?:para\s+o\s+|pro\s+|o\s+|a\s+)?(?:192|190|193|112|samu|"
            r"ambulancia|policia|emergencia)"
        ),
        safe=_rx(r"\b(?:estou|to|me\s+sinto)\s+(?:a\s+salvo|segur[oa]|em\s+seguranca)"),
        calmer=_rx(r"\b(?:mais\s+calm[oa]|um\s+pouco\s+melhor|me\s+acalmei)"),
        setback_intent=_rx(r"\bvou\s+fazer\s+isso\b|\bvou\s+tomar\s+(?:eles|tudo)"),
        setback_unsafe=_rx(r"\bnao\s+(?:estou|me\s+sinto)\s+(?:a\s+salvo|segur[oa])"),
        alone=_rx(r"\b(?:ele|ela)\s+(?:foi\s+embora|saiu)\b|\bsozinh[oa]\s+de\s+novo"),
        negation=_rx(r"\b(?:nao|nunca)\b"),
        rest=_rx(r"\b(?:dormir|descansar|deitar)\b"),
        swaps=(("meus ", "seus "), ("minhas ", "suas "), ("meu ", "seu "), ("minha ", "sua ")),
    ),
    "zh": _Lang(
        means=_rx(
            r"(?:药|药片|安眠药|刀|绳子|枪|那些东西)[^。！？]{0,10}(?:放(?:到|在|进)|收(?:起来|好)|"
            r"扔(?:了|掉)|交给|锁(?:起来|在))|(?:扔掉|收起|锁起|交出)了?(?:药|刀|绳子)"
        ),
        contacted=_rx(
            r"(?:给|跟|和)(?P<person>我?(?:哥哥|弟弟|姐姐|妹妹|妈妈|爸爸|朋友|男朋友|女朋友|老公|"
            r"老婆|室友|家人))(?:发了?(?:消息|短信|微信)|打了?电话|说了)|联系了(?P<person2>我?"
            r"(?:哥哥|弟弟|姐姐|妹妹|妈妈|爸爸|朋友|家人))"
        ),
        present=_rx(
            r"(?P<person>我?(?:哥哥|弟弟|姐姐|妹妹|妈妈|爸爸|朋友|男朋友|女朋友|老公|老婆|家人)|"
            r"他|她)(?:现在)?(?:来了|在这|在我身边|陪着我|和我在一起)|不是一个人了"
        ),
        emergency=_rx(r"(?:打了|拨打了|叫了)(?:120|110|999|急救|救护车)|报了警"),
        safe=_rx(r"(?<!不)(?:安全了|很安全|是安全的|感觉安全)"),
        calmer=_rx(r"平静(?:了|一些|一点)|好(?:一)?(?:点|些)了|冷静(?:下来|了)"),
        setback_intent=_rx(r"我要(?:去)?(?:做了|吃了它们)|现在就(?:做|吃)"),
        setback_unsafe=_rx(r"不安全"),
        alone=_rx(r"(?:他|她)走了|又是一个人"),
        negation=_rx(r"不|没"),
        rest=_rx(r"睡|休息"),
        swaps=(("我", "你"),),
    ),
    "hi": _Lang(
        means=_rx(
            r"(?:गोलियाँ|गोलियां|दवाइयाँ|दवाइयां|दवाई|दवा|चाकू|रस्सी|बंदूक)[^।!?]{0,30}"
            r"(?:रख\s*दी|रख\s*दिया|रख\s*दीं|फेंक\s*दी|फेंक\s*दिया|दे\s*दी|दे\s*दिया|छिपा\s*दी|"
            r"हटा\s*दी|हटा\s*दिया)"
        ),
        contacted=_rx(r"(?P<person>(?:मेरे|मेरी)\s+\S+)\s+(?:को|से)\s+(?:मैसेज|फ़ोन|फोन|कॉल|बात)"),
        present=_rx(
            r"(?:वह|वो|(?P<person>(?:मेरे|मेरी)\s+\S+))\s+(?:अब\s+)?(?:यहाँ|यहां|मेरे\s+साथ|पास)"
            r"\s+(?:है|हैं)"
        ),
        emergency=_rx(r"(?:112|100|102|108|एम्बुलेंस|पुलिस)\s+(?:को\s+)?(?:फ़ोन|फोन|कॉल)"),
        safe=_rx(r"सुरक्षित\s+(?:हूँ|हूं|महसूस)"),
        calmer=_rx(r"(?:थोड़ा|थोड़ी|कुछ)\s+(?:शांत|बेहतर)"),
        setback_intent=_rx(r"(?:अभी|आज)\s+कर\s+(?:लूँगा|लूंगा|लूँगी|लूंगी)"),
        setback_unsafe=_rx(r"सुरक्षित\s+नहीं"),
        alone=_rx(r"(?:वह|वो)\s+चल?ा\s+गया|फिर\s+से\s+अकेल"),
        negation=_rx(r"नहीं|मत"),
        rest=_rx(r"सो\s+(?:जाऊँगा|जाऊंगा|जाऊँगी|जाऊंगी|जाता|जाती)|आराम"),
        swaps=(("मेरे ", "आपके "), ("मेरी ", "आपकी ")),
    ),
}


#: A negation before a step counts only within its clause (a "no." in an earlier sentence does
#: not undo "I called my mum").
_CLAUSE_TAIL: Final = r"[^.!?;。！？،؟,]*$"
_NEVER: Final = r"(?!x)x"

#: Readers for languages the reply texts do not exist in (the reply falls back to English), so
#: that a post-crisis conversation in them can still record steps and return.
_MORE_LANGS: Final[dict[str, _Lang]] = {
    "nl": _Lang(
        means=_rx(
            r"\b(?:pillen|tabletten|medicijnen|mes|messen|touw|wapen|ze|het|alles)\b[^.!?;]{0,60}"
            r"\b(?:weggegooid|weggedaan|weggelegd|gegooid|opgeborgen|ingeleverd|teruggebracht|"
            r"weggebracht|afgegeven|gegeven|opgesloten|verstopt|doorgespoeld)\b"
            r"|\b(?:de\s+)?(?:pillen|tabletten|medicijnen|messen|het\s+mes|het\s+touw|ze)\s+"
            r"(?:liggen|ligt|zijn|is)\s+(?:nu\s+)?(?:in\s+de\s+\w+|weg|niet\s+meer\s+(?:hier|in))"
        ),
        contacted=_rx(
            r"\b(?P<person>(?:mijn|m'n)\s+\w+)(?:\s+(?!niet\b|nooit\b)\w+)?\s+(?:gebeld|geappt|ge-appt|gesproken|"
            r"gemaild|geschreven|een\s+(?:berichtje|appje|bericht)\s+gestuurd)"
            r"|\b(?:belde|appte|sprak\s+met)\s+(?P<person2>(?:mijn|m'n)\s+\w+)"
            r"|\b(?:113|0800[-\s]?0113|de\s+(?:hulplijn|zelfmoordlijn|crisislijn))\s+gebeld"
            r"|\b(?:heb|had)\s+(?:haar|hem|ze)\s+(?:gebeld|een\s+(?:berichtje|appje)\s+gestuurd)"
        ),
        present=_rx(
            r"\b(?:hij|zij|ze|(?P<person>(?:mijn|m'n)\s+\w+))\s+(?:is|zijn)\s+(?:nu\s+)?"
            r"(?:hier|er|bij\s+me|bij\s+mij|gekomen|aangekomen)\b"
            r"|\b(?:hij|zij|ze)\s+zit\s+(?:nu\s+)?(?:naast|bij)\s+me\b"
            r"|\bik\s+ben\s+niet\s+(?:meer\s+)?alleen\b"
        ),
        emergency=_rx(
            r"\b(?:112|de\s+ambulance|een\s+ambulance|de\s+politie|de\s+huisartsenpost)\s+"
            r"(?:gebeld|gebeld|is\s+(?:hier|onderweg))"
            r"|\bik\s+ben\s+(?:in\s+het\s+ziekenhuis|op\s+de\s+(?:spoedeisende\s+hulp|seh))"
        ),
        safe=_rx(r"\bik\s+ben\s+(?:nu\s+)?veilig\b|\bvoel\s+me\s+(?:nu\s+)?veilig\b"),
        calmer=_rx(r"\b(?:rustiger|kalmer|iets\s+beter|een\s+beetje\s+beter)\b"),
        setback_intent=_rx(r"\bik\s+ga\s+het\s+(?:nu\s+)?doen\b|\bik\s+neem\s+ze\s+(?:nu\s+)?in\b"),
        setback_unsafe=_rx(r"\bniet\s+veilig\b|\b(?:teruggehaald|terug\s+gepakt)\b"),
        alone=_rx(r"\b(?:hij|zij|ze)\s+is\s+(?:weg|vertrokken|naar\s+huis)\b|\bweer\s+alleen\b"),
        negation=_rx(r"\b(?:niet|geen|nooit)\b" + _CLAUSE_TAIL),
        rest=_rx(r"\b(?:slapen|naar\s+bed|rusten|uitrusten)\b"),
    ),
    "tr": _Lang(
        means=_rx(
            r"\b(?:ilac\w*|hap\w*|bicak\w*|jilet\w*|ip\w*|silah\w*|kutu\w*)\b[^.!?;]{0,40}"
            r"(?:geri\s+koydum|verdim|att[iı]m|saklad[iı]m|kald[iı]rd[iı]m|kilitledim|"
            r"b[iı]rakt[iı]m|doktum|teslim\s+ettim)"
        ),
        contacted=_rx(
            r"\b(?P<person>(?:annem|babam|ablam|abim|kardesim|arkadas[iı]m|esim|sevgilim|teyzem|"
            r"halam|dayim|amcam|komsum)\w*)\s+(?:arad[iı]m|mesaj\s+att[iı]m|yazd[iı]m|"
            r"haber\s+verdim|ile\s+konustum)"
            r"|\b(?:112|182|yard[iı]m\s+hatt[iı]n[iı])(?:'?[a-zı]{1,3})?\s*arad[iı]m"
        ),
        present=_rx(
            r"\b(?:annem|babam|ablam|abim|kardesim|arkadas[iı]m|esim|sevgilim|o)\s+(?:simdi\s+)?"
            r"(?:yan[iı]mda|burada|geldi)\b|\byaln[iı]z\s+degilim\b"
        ),
        emergency=_rx(
            r"\b(?:112|155|ambulans\w*|polis\w*)(?:'?[a-zı]{1,3})?\s*(?:arad[iı]m|cag[iı]rd[iı]m)"
            r"|\b(?:ambulans|polis)\s+geldi\b|\bhastanedeyim\b"
        ),
        safe=_rx(r"\bguvendeyim\b"),
        calmer=_rx(r"\b(?:biraz\s+)?rahatlad[iı]m\b|\bsakinlestim\b|\b(?:daha|biraz)\s+iyiyim\b"),
        setback_intent=_rx(r"\b(?:simdi|bu\s+gece)\s+(?:yapacag[iı]m|alacag[iı]m)\b"),
        setback_unsafe=_rx(r"\bguvende\s+degilim\b|\bgeri\s+ald[iı]m\b"),
        alone=_rx(r"\b(?:o\s+)?(?:gitti|ayr[iı]ld[iı])\b|\byine\s+yaln[iı]z"),
        negation=_rx(r"\b(?:degil|yok|hic)\b" + _CLAUSE_TAIL),
        rest=_rx(r"\b(?:uyuyacag[iı]m|uyumaya|dinlenece|yatacag[iı]m)"),
    ),
    "it": _Lang(
        means=_rx(
            r"\b(?:messo\s+via|buttato|buttate|gettato|dato|date|consegnato|nascosto|nascoste|"
            r"chiuso\s+a\s+chiave|tolto|restituito)\b[^.!?;]{0,40}\b(?:pastiglie|pillole|farmaci|"
            r"medicine|coltell[oi]|lam[ae]|corda|pistola|arma|tutto)\b"
            r"|\b(?:le\s+pastiglie|le\s+pillole|i\s+farmaci|il\s+coltello|la\s+corda)\s+(?:sono|e)\s+"
            r"(?:ora\s+)?(?:in|nel|nella|via|lontan\w*|da\s+\w+)\b"
            r"|\b(?:le|li)\s+ho\s+(?:buttat|dat|nascost|mess|consegnat)[aeio]"
        ),
        contacted=_rx(
            r"\b(?:ho\s+)?(?:chiamato|scritto\s+a|telefonato\s+a|sentito|parlato\s+con|"
            r"mandato\s+un\s+messaggio\s+a|avvisato|contattato)\s+(?P<person>(?:mia|mio|mie|miei)"
            r"\s+\w+)"
            r"|\bho\s+chiamato\s+(?:il\s+)?(?:telefono\s+amico|telefono\s+azzurro|samaritans|"
            r"la\s+linea)"
            r"|\bho\s+(?:chiamato|scritto\s+a|telefonato\s+a|parlato\s+con|avvisato)\s+"
            r"(?!nessuno\b)[a-z]{3,}"
        ),
        present=_rx(
            r"\b(?P<person>(?:mia|mio)\s+\w+)\s+(?:e|sta)\s+(?:qui|qua|arrivat\w|con\s+me)"
            r"|\b(?:e|sta|sono)\s+(?:qui\s+|qua\s+)?(?:accanto\s+a\s+me|con\s+me)\b"
            r"|\bnon\s+sono\s+piu\s+sol[ao]\b"
        ),
        emergency=_rx(
            r"\b(?:chiamato|chiamo)\s+(?:il\s+|l'|lo\s+|la\s+)?(?:112|118|113|ambulanza|polizia|"
            r"carabinieri|pronto\s+soccorso)|\bsono\s+(?:al|in)\s+(?:pronto\s+soccorso|ospedale)"
        ),
        safe=_rx(
            r"\bsono\s+(?:ora\s+)?(?:al\s+sicuro|in\s+salvo)\b|\bmi\s+sento\s+(?:al\s+)?sicur"
        ),
        calmer=_rx(
            r"\bpiu\s+tranquill\w|\bpiu\s+calm\w|\bun\s+po'?\s+meglio\b|\bmi\s+sono\s+calmat\w"
        ),
        setback_intent=_rx(r"\b(?:adesso|ora|stasera)\s+lo\s+faccio\b|\ble\s+prendo\s+tutte\b"),
        setback_unsafe=_rx(
            r"\bnon\s+(?:sono|mi\s+sento)\s+(?:al\s+sicuro|in\s+salvo|sicur\w)|\bripres[eo]\b"
        ),
        alone=_rx(r"\b(?:e|se\s+n'e)\s+andat[ao]\b|\bdi\s+nuovo\s+sol[ao]\b"),
        negation=_rx(r"\b(?:non|mai)\b" + _CLAUSE_TAIL),
        rest=_rx(r"\b(?:dormire|riposare|a\s+letto|sdraiarmi)\b"),
    ),
    "ru": _Lang(
        means=_rx(
            r"(?:таблетк\w*|лекарств\w*|нож\w*|в[её]р[её]вк\w*|пистолет\w*|оруж\w*|остаток|"
            r"бутылк\w*)[^.!?]{0,40}(?:выбросил\w*|выкинул\w*|спрятал\w*|отдал\w*|убрал\w*|"
            r"вылил\w*|смыл\w*|запер\w*)"
            r"|(?:выбросил\w*|выкинул\w*|спрятал\w*|отдал\w*|убрал\w*|вылил\w*|смыл\w*|запер\w*)"
            r"[^.!?]{0,30}(?:таблетк|лекарств|нож|в[её]р[её]вк|пистолет|оруж|остаток|бутылк|"
            r"в\s+раковин|в\s+унитаз)"
        ),
        contacted=_rx(
            r"(?:позвонил\w*|написал\w*|поговорил\w*\s+с|рассказал\w*)\s+"
            r"(?P<person>(?:маме|папе|брату|сестре|другу|подруге|мужу|жене|парню|девушке|"
            r"соседу|соседке|маму|папу|мамой|папой|братом|сестрой|другом|подругой))(?![а-яё])"
            r"|(?:позвонил\w*|написал\w*)\s+(?:на\s+)?(?:горяч\w+\s+лини\w+|телефон\s+доверия)"
            r"|(?:позвонил\w*|написал\w*)\s+(?!никому)[а-яё]{3,}"
            r"|(?:он|она)\s+(?:уже\s+)?(?:едет|приедет)(?![а-яё])"
        ),
        present=_rx(
            r"(?<![а-яё])(?:он|она|мама|папа|брат|сестра|друг|подруга|муж|жена)\s+(?:сейчас\s+|уже\s+)?"
            r"(?:здесь|рядом|со\s+мной|приехал\w*|пришёл|пришел|пришла)"
            r"|(?<![а-яё])я\s+(?:уже\s+)?не\s+одн[аио](?![а-яё])"
        ),
        emergency=_rx(
            r"(?:позвонил\w*|вызвал\w*)\s+(?:в\s+)?(?:112|103|скор\w+|полици\w+)"
            r"|(?:скорая|полиция)\s+(?:уже\s+)?(?:едет|приехала|здесь)|я\s+в\s+больниц"
        ),
        safe=_rx(r"(?<![а-яё])я\s+(?:сейчас\s+|уже\s+)?в\s+безопасности"),
        calmer=_rx(r"стало\s+(?:лучше|легче|спокойнее)|полегче|спокойнее|отпустило"),
        setback_intent=_rx(r"(?:сейчас|сегодня)\s+(?:это\s+)?сделаю|выпью\s+(?:их\s+)?все"),
        setback_unsafe=_rx(r"не\s+в\s+безопасности|(?:забрал\w*|достал\w*)\s+обратно"),
        alone=_rx(r"(?<![а-яё])(?:он|она)\s+(?:ушла?|уехала?)(?![а-яё])|снова\s+одн"),
        negation=_rx(r"(?<![а-яё])(?:не|нет|никогда)(?![а-яё])" + _CLAUSE_TAIL),
        rest=_rx(r"(?:лягу\s+спать|пойду\s+спать|посплю|отдохну|спать)"),
    ),
    "ar": _Lang(
        means=_rx(
            r"(?:رميت|خبيت|خبأت|أعطيت|عطيت|سلمت|تخلصت\s+من|أبعدت|حطيت|وضعت)[^.!؟]{0,30}"
            r"(?:الحبوب|الأدوية|الدواء|السكين|الحبل|المسدس|السلاح|الشفرات?)"
            r"|(?:الحبوب|الأدوية|الدواء|السكين|الحبل|المسدس|السلاح)[^.!؟]{0,30}"
            r"(?:رميتها|رميته|خبأتها|خبأته|أعطيتها|أعطيته|سلمتها|سلمته|تخلصت)"
        ),
        contacted=_rx(
            r"(?:اتصلت|كلمت|حكيت\s+مع|تكلمت\s+مع|راسلت|ذهبت\s+إلى|رحت\s+(?:ل|عند))\s*(?:ب|مع|إلى|على)?"
            r"\s*(?P<person>(?:أمي|امي|أبي|ابي|أخي|اخي|أختي|اختي|صديقي|صديقتي|زوجي|زوجتي|بابا|ماما|"
            r"خالتي|عمتي))"
            r"|(?:اتصلت)\s+(?:ب|على)\s*(?:خط\s+المساعدة|الخط\s+الساخن)"
        ),
        present=_rx(
            r"(?:أمي|أبي|أخي|أختي|صديقي|صديقتي|زوجي|زوجتي|هو|هي)\s+(?:الآن\s+)?(?:معي|عندي|بجانبي|"
            r"هنا|وصل|وصلت)|(?:لست|لم\s+أعد|مش)\s+وحدي|حضنتني|حضنني"
        ),
        emergency=_rx(
            r"(?:اتصلت|طلبت)\s+(?:ب|على)?\s*(?:الإسعاف|الاسعاف|الشرطة|النجدة|الطوارئ|997|999|911|112|"
            r"123|122)|(?:أنا\s+)?في\s+(?:المستشفى|الطوارئ)"
        ),
        safe=_rx(r"(?:أنا\s+)?(?:بأمان|في\s+أمان)|لست\s+في\s+خطر"),
        calmer=_rx(r"(?:أشعر|حاسس|حاسة)\s+(?:ب)?(?:هدوء|راحة|أحسن|أفضل)|أهدأ|ارتحت|أخف"),
        setback_intent=_rx(r"سأفعلها|رح\s+أعملها|سآخذها\s+الآن|سأنهي\s+حياتي\s+الليلة"),
        setback_unsafe=_rx(
            r"(?:لست|مش)\s+(?:بأمان|في\s+أمان)|(?:استرجعت|رجعت)\s+(?:الحبوب|السكين)"
        ),
        alone=_rx(
            r"(?:ذهب|ذهبت|راح|راحت)\s+وتركتني|(?:ذهب|ذهبت|راح|راحت)\s+وتركني|وحدي\s+مرة\s+أخرى"
        ),
        negation=_rx(r"(?<!\S)(?:لا|لم|لن|ليس|مش)(?!\S)" + _CLAUSE_TAIL),
        rest=_rx(r"سأنام|أنام|النوم|أرتاح|أستريح"),
    ),
    "ja": _Lang(
        means=_rx(
            r"(?:薬|睡眠薬|錠剤|ナイフ|包丁|刃物|ロープ|縄|カミソリ|剃刀)[^。！？!?]{0,15}"
            r"(?:捨てた|捨てました|預けた|預けました|渡した|渡しました|しまった|しまいました|"
            r"片付けた|片付けました|隠した|返した|トイレに流した)"
        ),
        contacted=_rx(
            r"(?P<person>彼氏|彼女|お母さん|お父さん|母さん|父さん|母|父|兄|姉|弟|妹|友達|友人|夫|妻|"
            r"旦那|家族|親)(?:に|と)(?:電話|連絡|LINE|ライン|メッセージ|メール)(?:した(?!く)|して(?!な|ませ|い?ない)|しました)"
            r"|(?:いのちの電話|よりそいホットライン|相談窓口|相談ダイヤル)に(?:電話|連絡)(?:した(?!く)|して(?!な|ませ)|しました)"
            r"|迎えに来てくれる|(?:こっちに|今)向かって(?:る|いる|くれて)"
        ),
        present=_rx(
            r"来てくれた|来てくれました|(?:一緒に|二人で|ふたりで)(?:いる|います|いて)|"
            r"(?:そばに|隣に|横に)(?:いる|いて|います|いてくれ)|(?:一人|ひとり)じゃない"
        ),
        emergency=_rx(
            r"(?:119|110|救急車|警察)(?:に|を)?(?:電話した|電話しました|呼んだ|呼びました|通報した)"
            r"|病院に(?:いる|います|着いた)"
        ),
        safe=_rx(r"安全(?:です|だよ|な場所に(?:いる|います))"),
        calmer=_rx(r"落ち着い|少し楽に|ちょっと楽に|楽になっ|マシになっ"),
        setback_intent=_rx(r"(?:今から|今夜|今すぐ)(?:やる|実行する|飲む)"),
        setback_unsafe=_rx(r"安全じゃない|安全ではない|取り戻した"),
        alone=_rx(r"帰っちゃった|帰ってしまった|また(?:一人|ひとり)"),
        negation=_rx(_NEVER),
        rest=_rx(r"寝る|寝ます|休む|休みます|眠る"),
    ),
    "ko": _Lang(
        means=_rx(
            r"(?:약|수면제|칼|밧줄|끈|면도날|번개탄)(?:을|를|은|는|들)?[^.!?]{0,15}"
            r"(?:버렸|치웠|맡겼|줬|숨겼|돌려줬)"
            r"|(?:다리|난간|옥상)\s*(?:밖으로|에서)\s*(?:걸어\s*)?(?:나왔|내려왔)"
        ),
        contacted=_rx(
            r"(?P<person>엄마|아빠|어머니|아버지|형|오빠|언니|누나|동생|친구|남친|여친|남자친구|여자친구|"
            r"남편|아내|가족)(?:한테|에게|께)(?:도)?\s*(?:전화|연락|문자|카톡|메시지)(?:를|을)?\s*"
            r"(?:했|하니|했더니)"
            r"|(?:109|1393|생명의\s*전화|상담\s*전화|자살예방)[^.!?]{0,20}(?:전화했|통화했|눌렀)"
            r"|상담사\S*(?:랑|과|와)\s*통화했"
        ),
        present=_rx(
            r"(?:친구|형|오빠|언니|누나|엄마|아빠|남편|아내|가족)(?:가|이|는|은)?\s*(?:왔어|왔다|왔어요|"
            r"와\s*있|옆에\s*있)|같이\s*\S*\s*(?:앞에\s*)?(?:앉아\s*)?있어|혼자가\s*아니"
        ),
        emergency=_rx(
            r"(?:119|112|경찰|구급차)(?:에|를|을)?\s*(?:전화했|신고했|불렀)"
            r"|경찰\S*(?:이|들이)?\s*(?:왔|오셔)|병원에\s*(?:왔|있어)"
        ),
        safe=_rx(r"안전해|안전한\s*곳에|안전하다"),
        calmer=_rx(r"숨이\s*(?:좀\s*)?쉬어져|진정(?:됐|이\s*됐)|(?:좀|조금)\s*나아|괜찮아졌"),
        setback_intent=_rx(r"(?:지금|오늘\s*밤)\s*(?:할\s*거야|하려고|뛰어내릴)"),
        setback_unsafe=_rx(r"안전하지\s*않|다시\s*가져왔"),
        alone=_rx(r"(?:다시|또)\s*혼자"),
        negation=_rx(r"(?<![가-힣])(?:안|못)\s" + _CLAUSE_TAIL),
        rest=_rx(r"잘게|자러|잘래|쉴게|자기로"),
    ),
    HINGLISH: _Lang(
        means=_rx(
            r"\b(?:goliyan|goliyaan|goli|dawai|dawaiyan|tablets?|pills?|chaku|chaaku|knife|blade|"
            r"rassi|dupatta|rope)\b[^.!?]{0,30}\b(?:phenk|fenk|fek|de\s+d(?:i|iya|iye)|chupa|hata|"
            r"rakh\s+d(?:i|iya|iye)|flush|lock)"
            r"|\b(?:neeche|niche)\s+aa\s+gay[ai]\b"
        ),
        contacted=_rx(
            r"\b(?P<person>(?:bade\s+|chhote\s+|chote\s+)?(?:didi|di|bhai|bhaiya|bhaiyya|mummy|"
            r"mumma|maa|mom|papa|dad|dost|friend|behen|behan|bf|gf|boyfriend|girlfriend|husband|"
            r"wife|pati|patni|chacha|chachi|mama|mami|nani|dadi))\s+(?:ko|se)\s+(?:call|phone|fon|"
            r"message|msg|text|baat)\s*(?:kiya|ki|kia|kari|kar\s+(?:liya|li|diya))\b"
            r"|\b(?:helpline|kiran|icall|aasra|tele-?manas)\s+(?:ko|pe|par)\s+(?:call|phone)\s+"
            r"(?:kiya|ki|kia)\b"
        ),
        present=_rx(
            r"\b(?:didi|bhai|bhaiya|mummy|maa|papa|dost|wo|woh|vo)\s+[^.!?]{0,20}\b(?:aa\s+gay[ai]|"
            r"aa\s+gaye|saath\s+(?:hai|hain)|paas\s+(?:hai|hain)|yahan\s+(?:hai|hain))\b"
            r"|\bhum\s+(?:saath|sath|neeche|niche)\s+baithe\s+hain\b"
            r"|\bakel[ai]\s+nahi\s+(?:hoon|hu|hun)\b"
        ),
        emergency=_rx(
            r"\b(?:112|100|102|108|ambulance|police)\s+(?:ko\s+)?(?:call|phone|bula)\w*"
            r"|\bhospital\s+(?:mein|me)\s+(?:hoon|hu|hun)\b"
        ),
        safe=_rx(r"\b(?:ab\s+)?(?:safe|surakshit)\s+(?:hoon|hu|hun|feel\s+kar)"),
        calmer=_rx(
            r"\b(?:thoda|thodi|kaafi|kafi)\s+(?:better|theek|shant)\b"
            r"|\b(?:urge|dard)\s+(?:ab\s+)?(?:kaafi|kafi|thoda)\s+kam\b|\bhalka\s+(?:lag|feel)"
        ),
        setback_intent=_rx(
            r"\b(?:abhi|aaj\s+raat)\s+(?:kar\s+(?:lunga|lungi|dunga|dungi)|khatam\s+kar\s+"
            r"(?:dunga|dungi))\b|\bsab\s+kha\s+(?:lunga|lungi)\b"
        ),
        setback_unsafe=_rx(r"\bsafe\s+nahi\b|\bwapas\s+(?:le\s+aay[ai]|utha\s+liya)\b"),
        alone=_rx(r"\b(?:wo|woh|vo)\s+(?:chala|chali)\s+(?:gaya|gayi)\b|\bphir\s+se\s+akel"),
        negation=_rx(r"\b(?:nahi|nahin|nhi|mat)\b" + _CLAUSE_TAIL),
        rest=_rx(r"\b(?:so\s+(?:jaunga|jaungi|jata|jati)|sone\s+ja|aaram)"),
    ),
}
_LANGS.update(_MORE_LANGS)


@dataclass(frozen=True)
class StepReading:
    """What one message says about the safety steps."""

    steps: tuple[Step, ...] = ()
    #: Who they reached or who is with them ("your brother"), when it can be said back.
    person: str = ""
    #: The same person in their own words ("my brother"), for the safety plan.
    who: str = ""
    #: Their own words for each step that was read (the clause), for the safety plan.
    clauses: Mapping[str, str] = field(default_factory=dict)
    calmer: bool = False
    setback: Setback | None = None
    #: They are going to rest or sleep.
    rest: bool = False

    @property
    def anything(self) -> bool:
        """Whether the message reported a step, calm, rest or a setback."""
        return bool(self.steps or self.calmer or self.setback or self.rest)


_CLAUSE: Final = re.compile(
    r"[.!?;\n。！？；।，、]+|,\s+(?:and\s+|but\s+)?|\s+(?:and|but|then|y|pero|et|mais|und|aber|"
    r"e|mas|और)\s+|还"
)


def _clause_at(original: str, start: int, end: int) -> str:
    """The clause of ``original`` around ``start:end`` (their own words)."""
    bounds = [0, *(m.end() for m in _CLAUSE.finditer(original)), len(original)]
    lo = max(b for b in bounds if b <= start)
    cut = [m.start() for m in _CLAUSE.finditer(original) if m.start() >= end]
    hi = cut[0] if cut else len(original)
    return original[lo:hi].strip(" ,.;:!?\"'“”")


def _who(match: re.Match[str], original: str) -> str:
    """The person named in a step, in the person's own words ("my brother"), or ""."""
    for name in ("person", "person2"):
        if name in match.re.groupindex and match.group(name):
            return original[match.start(name) : match.end(name)]
    return ""


def _person(match: re.Match[str], original: str, lang: _Lang) -> str:
    raw = _who(match, original)
    if not raw or not lang.swaps:
        return ""
    low = raw.lower()
    for mine, yours in lang.swaps:
        if low.startswith(mine):
            return yours + raw[len(mine) :]
    if lang is _LANGS["zh"] and raw not in ("他", "她"):
        return "你" + raw  # a bare kin word: 哥哥 -> 你哥哥
    return ""


def _negated(view: str, start: int, lang: _Lang) -> bool:
    window = view[max(0, start - 14) : start]
    return bool(lang.negation.search(window))


def _reader_codes(locale: str | None, text: str) -> list[str]:
    """The readers for a message: its conversation's language, its own, then English."""
    given = (locale or "").strip().replace("_", "-")
    base = given if given == HINGLISH else given.lower().split("-", 1)[0]
    codes = [base, detect_language(text), "en"]
    return [c for c in dict.fromkeys(codes) if c in _LANGS]


def read_steps(text: str, locale: str | None = "en") -> StepReading:
    """Read the safety steps, calm and setbacks in one message.

    ``locale`` is the conversation's language (any code with readers, ``hi-Latn`` for
    romanized Hindi, or a reply locale); the message's own language (detected) and English are
    always read too: people often mix languages, and a step must not be missed.
    """
    original = text or ""
    view = fold(original)
    codes = _reader_codes(locale, original)
    # the person is said back only in the reply's language (or English): a Spanish "tu
    # hermano" must not land in an English sentence
    sayable = {"en", resolve_locale(locale)}
    steps: list[Step] = []
    clauses: dict[str, str] = {}
    person = ""
    who = ""
    calmer = False
    rest = False
    setback: Setback | None = None
    for code in codes:
        lang = _LANGS[code]
        for step, pattern in (
            ("means_away", lang.means),
            ("emergency", lang.emergency),
            ("contacted", lang.contacted),
            ("present", lang.present),
            ("safe", lang.safe),
        ):
            match = pattern.search(view)
            if match is None or (step != "safe" and _negated(view, match.start(), lang)):
                continue
            if step == "safe" and (
                lang.setback_unsafe.search(view) or _negated(view, match.start(), lang)
            ):
                continue
            if step not in steps:
                steps.append(step)  # type: ignore[arg-type]
                clauses[step] = _clause_at(original, match.start(), match.end())
            if step in ("contacted", "present") and not person and code in sayable:
                person = _person(match, original, lang)
            if step in ("contacted", "present") and not who:
                who = _who(match, original)
        if not calmer:
            found = lang.calmer.search(view)
            calmer = found is not None and not _negated(view, found.start(), lang)
        if not rest:
            found = lang.rest.search(view)
            rest = found is not None and not _negated(view, found.start(), lang)
        if setback is None:
            if lang.setback_intent.search(view):
                setback = "intent"
            elif lang.setback_unsafe.search(view):
                setback = "unsafe"
            elif lang.alone.search(view):
                setback = "alone"
    if setback in ("intent", "unsafe"):
        steps = [s for s in steps if s != "safe"]
    ordered = tuple(s for s in STEPS if s in steps)
    return StepReading(
        steps=ordered,
        person=person,
        who=who,
        clauses=clauses,
        calmer=calmer,
        setback=setback,
        rest=rest,
    )


def setback_level(
    flow: Mapping[str, Any] | None, text: str, locale: str | None = "en"
) -> tuple[RiskLevel, str] | None:
    """After a crisis reply, a step taken back raises risk: (level, evidence) or None.

    "I'm going to take them now" is imminent; "I got them back" or "I'm not safe" is high.
    Without a crisis flow in the session this reads nothing (the screen governs).
    """
    if not flow:
        return None
    reading = read_steps(text, locale)
    if reading.setback == "intent":
        return "imminent", "crisis flow: stated intent to act after the crisis reply"
    if reading.setback == "unsafe":
        return "high", "crisis flow: a safety step taken back or not safe after the crisis reply"
    return None


# --- deciding and composing -----------------------------------------------------------------


def needs_full_block(
    flow: Mapping[str, Any] | None,
    *,
    screen_level: str,
    turn_level: str,
    focus: str,
    reading: StepReading,
    boundary: Iterable[str] = (),
    rules_level: str | None = None,
) -> bool:
    """Whether this crisis-level turn gets the full crisis reply rather than a follow-up.

    ``rules_level`` is the reviewed rules' reading of the message alone: a message that reports
    a safety step ("I put the pills in the car") names the means, which the learned model can
    read as risk; only the rules' high reading counts as a new disclosure then.

    Always for the first crisis reply; again when risk rises: a new high or imminent
    disclosure in this message, a step taken back, a new kind of crisis (another focus) or a
    boundary request (a method question after the crisis still gets its boundary statement).
    Once a concrete safety step (:data:`RETURN_STEPS`) is on record, a high reading of the
    learned model alone (rules below high, no conversation-layer reading above the screen's)
    is asked about again in the follow-up instead: the level is not lowered.
    """
    if not flow:
        return True
    if list(boundary):
        return True
    reported_step = bool(reading.steps) and not reading.setback
    rules_below = level_index(rules_level or screen_level) < _HIGH
    # once a concrete step is on record, a high reading of the learned model alone (the rules
    # read less, the conversation layer raised nothing) is met with the direct question again
    # in the follow-up (new_risk_now), not with the whole block quoting "I made some tea"
    handled = bool(set(flow.get("steps") or []) & RETURN_STEPS) and not reading.setback
    model_only = handled and rules_below and level_index(turn_level) <= level_index(screen_level)
    if level_index(screen_level) >= _HIGH and not ((reported_step or model_only) and rules_below):
        return True
    if level_index(turn_level) >= _HIGH and not reading.steps and not model_only:
        return True  # the model or the conversation read a new disclosure in this message
    if reading.setback in ("intent", "unsafe"):
        return True
    # a reported step names the means ("the pills are in the car"), which can shift the
    # categories; it is not a new kind of crisis
    return focus != flow.get("focus") and not reported_step


def renew_block(flow: CrisisFlow, turn: int, level: RiskLevel, focus: str) -> CrisisFlow:
    """The flow after a repeated full crisis reply: steps taken back start over, asked now."""
    updated = CrisisFlow(**flow)
    updated["block_turn"] = turn
    updated["block_level"] = level
    updated["focus"] = focus
    updated["asked_turn"] = turn
    updated["steps"] = [s for s in flow["steps"] if s == "contacted"]
    updated["offered"] = []
    updated["quiet_turns"] = 0
    updated["returned_turn"] = 0
    return updated


def track_turn(flow: CrisisFlow, reading: StepReading, *, turn: int, quiet: bool) -> CrisisFlow:
    """The flow after the conversation layer read one more turn (see the module docstring).

    ``quiet``: the turn brings no new risk signal. A quiet turn adds to the count; any other
    ends a return and starts the count over. The flow returns once a concrete step
    (:data:`RETURN_STEPS`, earlier or in this message) is on record and the count reaches
    :data:`RETURN_QUIET_TURNS`.
    """
    updated = CrisisFlow(**flow)
    if not quiet or reading.setback is not None:
        updated["quiet_turns"] = 0
        updated["returned_turn"] = 0
        return updated
    quiet_turns = int(flow.get("quiet_turns") or 0) + 1
    updated["quiet_turns"] = quiet_turns
    steps = set(flow["steps"]) | set(reading.steps)
    if not flow.get("returned_turn") and steps & RETURN_STEPS and quiet_turns >= RETURN_QUIET_TURNS:
        updated["returned_turn"] = turn
    return updated


def has_returned(flow: Mapping[str, Any] | None) -> bool:
    """Whether the flow has returned to the conversation (:func:`track_turn`)."""
    return bool(flow and flow.get("returned_turn"))


def follow_up_locale(flow: Mapping[str, Any], detected: str) -> str:
    """The follow-up's language: the turn's reply locale, the same for every text of the reply.

    The turn's language is decided once, by the screen, from the message and, when the
    message alone cannot tell ("ok", "gracias", kanji only), the earlier messages of the
    conversation (:func:`confide.safety.language.turn_language`); ``detected`` is that turn's
    reply locale (:func:`confide.safety.texts.reply_locale`). The follow-up never switches to
    the crisis reply's stored locale on its own: that would mix two languages in one reply.
    A language without reviewed texts has already fallen back to English.
    """
    return resolve_locale(detected or str(flow.get("locale") or ""))


def absorb(flow: CrisisFlow, reading: StepReading) -> CrisisFlow:
    """The flow with this message's steps recorded (no reply composed from it)."""
    updated = CrisisFlow(**flow)
    steps = list(flow["steps"])
    steps += [s for s in reading.steps if s not in steps]
    if reading.setback == "alone":
        steps = [s for s in steps if s != "present"]
    updated["steps"] = steps
    updated["person"] = reading.person or flow["person"]
    return updated


def new_risk_now(
    risk: Mapping[str, Any] | None,
    screen: Mapping[str, Any] | None,
    reading: StepReading | None = None,
) -> bool:
    """Whether this message itself brings risk (a reason to ask the direct question again).

    A message that reports a safety step is read by the reviewed rules alone (it names the
    means it put away, which the learned model can mistake for risk talk).
    """
    if screen is not None and reading is not None and reading.steps and not reading.setback:
        rules = str(screen.get("lexicon_level", screen.get("level", "none")))
        return level_index(rules) >= _MODERATE
    if screen is not None:
        if level_index(str(screen.get("level", "none"))) >= _MODERATE:
            return True
        own = set(screen.get("categories") or []) & OWN_RISK
        if own and not screen.get("third_party"):
            return True
    turn_level = str(risk.get("turn_level", "none")) if risk is not None else "none"
    return level_index(turn_level) >= _MODERATE


def compact_resources(region: str, locale: str) -> str:
    """The region's first crisis line and emergency number in one line (never the block)."""
    chosen = resources_for(region, ("crisis", "emergency"))
    crisis = [r for r in chosen if r.kind == "crisis"][:1]
    emergency = [r for r in chosen if r.kind == "emergency"][:1]
    picked = crisis + emergency
    if not crisis:
        picked = [*resources_for(region, ("directory",)), *emergency]
    lines = "; ".join(format_resource(r, locale) for r in picked)
    return flow_text("flow_resources_line", locale).format(lines=lines)


def next_step(flow: Mapping[str, Any], reading: StepReading) -> NextStep:
    """The next useful thing to offer (each once, in order), given the steps done so far."""
    steps = set(flow.get("steps") or [])
    offered = set(flow.get("offered") or [])
    connected = bool(steps & {"contacted", "present", "emergency"})
    order: list[tuple[NextStep, bool]] = [
        ("means", "means_away" not in steps and flow.get("focus") in _MEANS_FOCI),
        ("connect", not connected),
        ("come_over", "contacted" in steps and not steps & {"present", "emergency"}),
        ("stay", "present" in steps),
        ("hour", "safe" not in steps),
        ("plan", True),
        ("sleep", True),
    ]
    for name, applies in order:
        if applies and name not in offered:
            return name
    return "open"


def flow_exhausted(flow: Mapping[str, Any], reading: StepReading) -> bool:
    """Whether the flow has nothing new to say: no news in the message, every offer made."""
    return not reading.anything and next_step(flow, reading) == "open"


def _join(parts: Iterable[str], locale: str) -> str:
    sep = "" if locale == "zh" else " "
    return sep.join(p for p in parts if p)


@dataclass(frozen=True)
class FollowUp:
    """A composed follow-up and the flow state after it."""

    text: str
    flow: CrisisFlow
    acknowledged: tuple[str, ...]
    asked: bool
    next: NextStep | None


def acknowledgment_keys(flow: Mapping[str, Any], reading: StepReading) -> list[str]:
    """The fixed acknowledgment keys for the steps newly reported in this message."""
    done = set(flow.get("steps") or [])
    keys: list[str] = []
    person = reading.person or str(flow.get("person") or "")
    for step in reading.steps:
        if step in done:
            continue
        if step == "means_away":
            keys.append("flow_ack_means")
        elif step == "emergency":
            keys.append("flow_ack_emergency")
        elif step == "contacted":
            keys.append("flow_ack_contacted_person" if person else "flow_ack_contacted")
        elif step == "present":
            keys.append("flow_ack_present_person" if person else "flow_ack_present")
        elif step == "safe":
            keys.append("flow_ack_safe")
    if reading.calmer and "flow_ack_safe" not in keys:
        keys.append("flow_ack_calmer")
    if reading.rest and "sleep" not in (flow.get("offered") or []):
        keys.append("flow_ack_rest")
    return keys


def compose_follow_up(
    flow: CrisisFlow,
    reading: StepReading,
    *,
    turn: int,
    locale: str,
    region: str,
    ask_again: bool,
    opening: str | None = None,
) -> FollowUp:
    """Compose the follow-up after a crisis reply from the fixed texts; advance the flow.

    ``opening`` (a checked model acknowledgment, LLM engine) is used only when the message
    reported no step: the steps themselves are always acknowledged with the fixed texts.
    """
    loc = resolve_locale(locale)
    person = reading.person or flow["person"]
    ack_keys = acknowledgment_keys(flow, reading)
    acks = [flow_text(k, loc).format(person=person) for k in ack_keys]
    if not acks and ask_again:
        acks = [flow_text("flow_ack_risk", loc)]
    elif not acks and opening:
        acks = [opening]
    elif not acks and "open" not in flow["offered"]:
        acks = [flow_text("flow_ack_none", loc)]
    steps = list(flow["steps"])
    for step in reading.steps:
        if step not in steps:
            steps.append(step)
    if reading.setback == "alone":
        steps = [s for s in steps if s != "present"]
        ask_again = True
    updated = CrisisFlow(**flow)
    updated["steps"] = steps
    updated["person"] = person
    updated["locale"] = loc
    if reading.rest and "sleep" not in flow["offered"]:
        updated["offered"] = [*flow["offered"], "sleep"]  # they chose rest: not suggested again
    paragraphs = [_join(acks, loc)]
    chosen: NextStep | None = None
    if ask_again:
        paragraphs.append(flow_text("flow_ask_again", loc))
        updated["asked_turn"] = turn
    else:
        chosen = next_step(updated, reading)
        if chosen == "open" and "open" in updated["offered"]:
            closing = [flow_text("flow_presence", loc)]  # said once; after that, presence only
        else:
            closing = [flow_text(f"flow_next_{chosen}", loc)]
            if chosen in ("sleep", "open"):
                closing.append(flow_text("flow_presence", loc))
            updated["offered"] = [*updated["offered"], chosen]
        paragraphs.append(_join(closing, loc))
    paragraphs.append(compact_resources(region, loc))
    return FollowUp(
        text="\n\n".join(p for p in paragraphs if p),
        flow=updated,
        acknowledged=tuple(ack_keys),
        asked=ask_again,
        next=chosen,
    )


def user_texts(messages: Sequence[Any]) -> list[str]:
    """The person's messages, oldest first (LangChain messages of type ``human``)."""
    out = []
    for message in messages:
        if getattr(message, "type", "") != "human":
            continue
        content = message.content
        out.append(
            content
            if isinstance(content, str)
            else " ".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
        )
    return out
