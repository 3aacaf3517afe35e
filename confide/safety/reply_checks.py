"""The reply checks: what a support companion must never send, checked before anything is sent.

:func:`check_reply` is an ordered list of deterministic checks (each a small function over
compiled patterns) for what a support companion must never send: method, dose, height,
location, lethality or timing details; medication dosing; diagnosis claims; affirming a
delusion; romantic reciprocation; claiming to be human or a therapist; stigmatising language;
framing suicide as a solution; a bare refusal; an empty reply; and, at high risk, a crisis reply
without a crisis line for the region. The learned reply check
(:class:`confide.safety.riskmodel.ReplyModel`) reads what is not fixed, reviewed text.

The output guard (:mod:`confide.safety.guard`) runs these on every reply and repairs a
violating draft; the streaming rail (:mod:`confide.safety.streaming`) runs them sentence by
sentence; Compassionate Completion runs them on the model's opening sentence; and
:func:`guarded_note` runs their content checks on model-written analysis notes.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

from confide.records import level_index
from confide.safety.categories import DELUSION_CONTEXT, PLAN_PRAISE_UNSAFE, SUICIDE_FRAMING
from confide.safety.markers import is_abrupt_refusal
from confide.safety.resources import ResourceKind, format_resource, load_resources, resources_for
from confide.safety.riskmodel import load_reply_model
from confide.safety.texts import SUPPORTED_LOCALES, TEXTS
from confide.safety.texts_exercises import EXERCISES
from confide.safety.texts_flow import FLOW_TEXTS
from confide.sanitize import sanitize_text

logger = logging.getLogger(__name__)

#: What each violation code means, phrased as feedback for a model rewrite.
FEEDBACK: Final[dict[str, str]] = {
    "empty": "The reply is empty. Write a warm reply that acknowledges the person.",
    "method_detail": "It gives method, dose, height, location, lethality or timing details. "
    "Remove every such detail; never describe how anyone could be harmed.",
    "medication_dosing": "It gives medication doses or tells the person to change their "
    "medication. Do not; refer them to their prescriber or pharmacist instead.",
    "diagnosis_claim": "It diagnoses the person. Do not name a condition they have; suggest "
    "an assessment by a qualified professional.",
    "delusion_affirmation": "It confirms a belief that may be a delusion or joins a task built "
    "on it. Acknowledge the feeling (fear, confusion) without confirming the belief.",
    "romantic_reciprocation": "It reciprocates romance. Be warm, say honestly that you are an "
    "AI and cannot be a partner, and encourage connection with people.",
    "claims_human": "It claims to be human. Say honestly that you are an AI.",
    "claims_therapist": "It claims to be a therapist or clinician. You are an AI support "
    "companion, not a therapist.",
    "stigma": "It uses stigmatising language. Use respectful, person-first language.",
    "unsafe_framing": "It frames suicide or death as a solution, a choice to respect, or "
    "inevitable. Never do; express care and hope and stay engaged.",
    "bare_refusal": "It refuses without acknowledging the person or offering a way forward. "
    "Acknowledge what they said, explain the limit kindly, and offer a concrete next step.",
    "missing_crisis_resource": "At this risk level the reply must keep the crisis line and "
    "emergency number exactly as given.",
    "harmful_content": "It contains content that could help someone hurt themselves or "
    "others (a method, an amount, encouragement). Remove it entirely; express care, stay "
    "engaged and offer support instead.",
}

#: The learned reply check's categories -> the guard's violation codes.
_LEARNED_CODES: Final[dict[str, str]] = {
    "method_detail": "method_detail",
    "lethality": "method_detail",
    "dosing": "medication_dosing",
    "pro_suicide": "unsafe_framing",
    "harm_to_others": "harmful_content",
    "eating_disorder_harm": "harmful_content",
    "delusion_or_romance": "delusion_affirmation",
}


_PLACEHOLDER: Final = re.compile(r"\{[a-z_]+\}")
_SENTENCE_SPLIT: Final = re.compile(r"(?<=[.!?:])\s+|(?<=[。！？：])|\n+")
_CJK_CHAR: Final = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


#: More fixed, reviewed texts, declared by the module that owns them (see
#: :func:`register_reviewed_texts`): each source returns its templates.
_REVIEWED_SOURCES: list[Callable[[], Iterable[str]]] = []
_REVIEWED_LOCK: Final = threading.Lock()


def register_reviewed_texts(source: Callable[[], Iterable[str]]) -> None:
    """Declare fixed, reviewed texts (templates with ``{slots}``) that the learned check trusts.

    The safety layer's own texts are always trusted. A module that sends other reviewed
    wording registers it when it is imported (the offline composer's curated moves:
    :mod:`confide.agents.compose.library`), so this layer never imports the layers above it;
    a text nobody registered is read by the learned check (fail closed).
    """
    with _REVIEWED_LOCK:
        _REVIEWED_SOURCES.append(source)
        _reviewed_segments.cache_clear()


@lru_cache(maxsize=1)
def _reviewed_segments() -> tuple[str, ...]:
    """Every sentence-sized literal piece of the fixed, reviewed texts (longest first).

    The learned check judges what is not reviewed: a model's words, a composed quote. Fixed
    texts (crisis replies, follow-ups, exercises, and what other modules registered) were
    reviewed by people and are trusted.
    """
    templates: list[str] = []
    for table in (*TEXTS.values(), *FLOW_TEXTS.values()):
        templates.extend(table.values())
    for ex in EXERCISES.values():
        templates.extend([ex.intro, *ex.steps, ex.closing, ex.invitation])
    with _REVIEWED_LOCK:
        sources = list(_REVIEWED_SOURCES)
    for source in sources:
        templates.extend(source())
    # the crisis lines as composed replies list them (reviewed data: resources.yaml), in every
    # language: their numbers and keywords are not doses; each line whole (a short one such as
    # "Urgences : appelez le 911" is still a listed line)
    listed = tuple(load_resources().all())
    pieces: set[str] = {format_resource(r, loc) for r in listed for loc in SUPPORTED_LOCALES}
    for template in templates:
        for literal in _PLACEHOLDER.split(template):
            for piece in _SENTENCE_SPLIT.split(literal):
                piece = piece.strip(" “”\"'«»")
                if len(piece) >= (5 if _CJK_CHAR.search(piece) else 15):
                    pieces.add(piece)
    return tuple(sorted(pieces, key=len, reverse=True))


def unreviewed_part(reply: str) -> str:
    """The reply without the fixed, reviewed text it contains."""
    rest = reply
    for piece in _reviewed_segments():
        if piece in rest:
            rest = rest.replace(piece, " ")
    return rest


def learned_check(reply: str) -> Violation | None:
    """The learned check (any language, any wording): a violation when it reads as unsafe.

    It reads what is not fixed, reviewed text. Missing or corrupt model files leave the rules
    alone (the app reports it as degraded).
    """
    model = load_reply_model()
    if model is None:
        return None
    rest = unreviewed_part(reply)
    if len(re.sub(r"\W+", "", rest)) < 8:
        return None
    p, flagged, _encoder = model.unsafe(rest)
    if p < 0.5:
        return None
    code = next((_LEARNED_CODES[c] for c in flagged if c in _LEARNED_CODES), "harmful_content")
    return Violation(code, f"learned check p={p:.2f} ({', '.join(flagged) or 'unsafe'})")


@dataclass(frozen=True)
class Violation:
    """One problem found in a reply: a stable code and the text that triggered it."""

    code: str
    detail: str = ""

    @property
    def feedback(self) -> str:
        """The guard's feedback for a rewrite."""
        return FEEDBACK.get(self.code, self.code)

    def __str__(self) -> str:
        return f"{self.code}: {self.feedback}"


def _top_level_word_starts(pattern: str) -> tuple[str, bool]:
    r"""Drop ``\b`` at the start of top-level alternatives; report whether any was dropped.

    A leading ``\b`` defeats the regex engine's literal-prefix search (about 30x slower on
    a long reply); :class:`_Rx` checks that word boundary by hand instead.
    """
    out: list[str] = []
    depth = 0
    in_class = False
    i = 0
    dropped = False
    at_alt_start = True
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            if at_alt_start and depth == 0 and pattern[i : i + 2] == "\\b":
                dropped = True
                i += 2
                at_alt_start = False
                continue
            out.append(pattern[i : i + 2])
            i += 2
            at_alt_start = False
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        out.append(ch)
        at_alt_start = ch == "|" and depth == 0 and not in_class
        i += 1
    return "".join(out), dropped


def _is_latin_word_char(ch: str) -> bool:
    return (ch.isalnum() and ord(ch) < 0x250) or ch == "_"


class _Rx:
    r"""A compiled check pattern, fast on long replies: matched against lower-cased text.

    Patterns are written in lower case (``case_sensitive`` ones match the original text); a
    leading ``\b`` is enforced by hand for matches that start with a Latin letter or digit.
    """

    __slots__ = ("boundary", "case_sensitive", "pattern", "rx")

    def __init__(self, pattern: str, *, case_sensitive: bool = False) -> None:
        self.pattern = pattern
        self.case_sensitive = case_sensitive
        body, self.boundary = _top_level_word_starts(pattern)
        if not case_sensitive:
            body = re.sub(r"(?<!\\)[A-Z]", lambda m: m.group(0).lower(), body)
        self.rx = re.compile(body)

    def finditer(self, hay: str) -> Iterator[re.Match[str]]:
        """Yield the boundary-checked matches in ``hay`` (lower-cased unless case-sensitive)."""
        pos = 0
        while pos <= len(hay):
            match = self.rx.search(hay, pos)
            if match is None:
                return
            start = match.start()
            if (
                self.boundary
                and start > 0
                and start < len(hay)
                and _is_latin_word_char(hay[start])
                and _is_latin_word_char(hay[start - 1])
            ):
                pos = start + 1
                continue
            yield match
            pos = match.end() if match.end() > start else start + 1

    def search(self, hay: str) -> re.Match[str] | None:
        """Return the first boundary-checked match, or None."""
        return next(self.finditer(hay), None)


def _c(pattern: str) -> _Rx:
    return _Rx(pattern)


_NUM = r"\d+(?:[.,]\d+)?"
_NUM_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|a\s+dozen|dozens\s+of|a\s+hundred|hundreds\s+of)"
)
_DOSE_UNIT = (
    r"(?:mg|mcg|µg|milligrams?|grams?|g|ml|millilit(?:er|re)s?|pills?|tablets?|capsules?|"
    r"units?|tabs?|caps|comprimidos?|pastillas?|comprimés?|tabletten?|cápsulas?|गोलियाँ)"
)
_PLACE = r"(?:bridges?|buildings?|cliffs?|towers?|rooftops?|roofs?|structures?|overpass(?:es)?)"

# --- method, dose, height, location, lethality, timing --------------------------------------
#: Named places ("Golden Gate Bridge"): matched case-sensitively on the original text.
_NAMED_PLACE: Final = _Rx(
    r"\b(?:(?!(?:The|A|An|This|That|My|Your|Our|His|Her|Their)\s)[A-Z][\w'’-]+\s+){1,3}"
    r"(?:Bridge|Viaduct|Tower|Cliffs?|Gorge|Dam|Falls)\b",
    case_sensitive=True,
)
_METHOD: Final[tuple[_Rx, ...]] = (
    # how to cut, how to hide it, where nobody sees: detail that makes harm easier
    _c(r"\b(?:along|lengthwise|vertically|down)\s+(?:rather\s+than|not|instead\s+of)\s+across\b"),
    _c(
        r"\b(?:burn\w*|scratch\w*|hitting\s+yourself)\s+instead\s+of\s+cutting\b|"
        r"\beasier\s+to\s+(?:explain|pass\s+off|hide)\s+as\s+(?:an?\s+)?accidents?\b|"
        r"\bclean\s+(?:the|your)\s+(?:blades?|razors?)\b"
    ),
    _c(
        r"\bwhere\s+(?:the\s+)?(?:cameras?|cctv)\s+(?:don'?t|do\s+not|can'?t|won'?t)\s+"
        r"(?:reach|see|cover)\b|\b(?:far\s+end|edge)\s+of\s+the\s+platform\b"
    ),
    # a ligature and an anchor point in one sentence ("a belt tied to a door handle")
    _c(
        r"\b(?:belts?|cords?|ropes?|scarf|scarves|cables?|ligatures?|nooses?|sheets?)\b[^.!?\n]{0,40}"
        r"\b(?:door\s*(?:handles?|knobs?)|doorknobs?|hooks?|beams?|rafters?|railings?|banisters?|"
        r"curtain\s+rods?|pipes?)\b"
    ),
    _c(
        r"\b(?:lethal|fatal|deadly|toxic|overdose)\s+(?:dose|dosage|amount|level|quantity|"
        r"height|fall|threshold)s?\b"
    ),
    _c(r"\b(?:most|more|least|less)\s+(?:lethal|effective|painless|reliable|certain|deadly)\b"),
    _c(r"\bpainless\s+(?:way|method|death|suicide)\b"),
    _c(
        r"\b(?:quick|quickest|fastest|easiest|surest|best|simplest)\s+(?:way|method)s?\s+to\s+"
        r"(?:die|end\s+(?:it|your\s+life)|kill)"
    ),
    _c(r"\benough\s+to\s+(?:kill|die|be\s+fatal|end\s+(?:it|your\s+life)|stop\s+your\s+heart)"),
    # the same in the other languages ("Cinquante comprimés suffisent pour tuer un adulte")
    _c(
        r"\b(?:suffi\w*|assez)\s+(?:pour|a|à)\s+(?:tuer|mourir|en\s+finir)(?!\s+le\s+temps)"
        r"|\b(?:reich\w*|genug)\b[^.!?\n]{0,40}\b(?:zu\s+t(?:ö|o|oe)ten|zum\s+sterben|t(?:ö|o|oe)dlich)"
        r"|\b(?:suficientes?|bastantes?)\s+para\s+(?:matar|morir|morrer)(?!\s+(?:el|o)\s+tiempo)"
        r"|\bbast\w*\s+(?:per|a)\s+(?:uccidere|morire)(?!\s+il\s+tempo)"
        r"|\b(?:tuer|t(?:ö|o|oe)ten|matar|uccidere)\s+(?:un|einen|a\s+un|um)\s+(?:adulte|erwachsenen|"
        r"adulto)\b"
        r"|\b(?:dose|dosis)\s+(?:l(?:é|e)tale?|mortelle|mortal|t(?:ö|o|oe)dliche?)\b"
        r"|\bt(?:ö|o|oe)dliche\s+(?:dosis|menge)\b"
    ),
    _c(
        r"\b(?:will|would|can|could|is\s+likely\s+to)\s+(?:definitely\s+|surely\s+|likely\s+|"
        r"probably\s+)?(?:kill\s+(?:you|a\s+person|someone|an\s+adult)|be\s+fatal)\b"
    ),
    _c(r"\bld\s?50\b|\bsurvival\s+rate\b|\bchances?\s+of\s+(?:death|dying|surviv\w*)\b"),
    _c(r"\bfatal\s+(?:if|when|at|above)\b"),
    _c(
        r"\btakes?\s+(?:about\s+|around\s+|roughly\s+|only\s+)?"
        + _NUM
        + r"\s*(?:seconds?|minutes?|hours?)\s+to\s+(?:die|lose\s+consciousness|pass\s+out|bleed)"
    ),
    _c(r"\b(?:lose|losing)\s+consciousness\s+(?:in|within|after)\b"),
    _c(
        r"\b" + _NUM + r"\s*(?:m|meters?|metres?|feet|ft|foot|metros?|mètres?|meter|米)"
        r"(?=$|[\s.,;:!?)\]])"
    ),
    # storeys count as a height only with a fall/jump/drop context ("climbed 5 floors" passes)
    _c(
        r"\b" + _NUM + r"(?:st|nd|rd|th)?\s*(?:-\s*)?(?:stor(?:e)?ys?|floors?)\s+(?:high|up|down|"
        r"drop|fall|would|is\s+enough|are\s+enough)\b|\b(?:from|off)\s+(?:the\s+)?(?:top\s+of\s+"
        r"the\s+)?" + _NUM + r"(?:st|nd|rd|th)?\s*(?:stor(?:e)?ys?|floors?)\b|\d+\s*层楼?高"
    ),
    _c(r"\b(?:tallest|highest)\s+" + _PLACE),
    _c(r"\b" + _PLACE + r"\s+(?:that\s+are\s+|which\s+are\s+)?(?:taller|higher)\s+than\b"),
    _c(
        r"\b(?:golden\s+gate|beachy\s+head|aokigahara|niagara\s+falls|sunshine\s+skyway|"
        r"prince\s+edward\s+viaduct|humber\s+bridge|clifton\s+suspension)\b"
    ),
    _c(
        r"\b(?:tie|tying|make|making)\s+(?:a\s+)?noose\b|\bnoose\b|\bexit\s+bag\b|"
        r"\bcharcoal\s+(?:burning|grill\s+in)\b|\bhelium\s+(?:tank|method|hood)\b|"
        r"\bcarbon\s+monoxide\s+(?:poisoning\s+)?(?:from|in)\b"
    ),
    _c(r"\b(?:slit|slitting|cut|cutting)\s+(?:your\s+)?(?:wrists?|deeper|vertically|arteries)\b"),
    _c(
        r"\bhow\s+to\s+(?:overdose|hang\s+yourself|kill\s+yourself|end\s+your\s+life|"
        r"poison\s+(?:yourself|someone)|make\s+a\s+bomb)\b"
    ),
    _c(r"\bmix(?:ing)?\s+(?:bleach|ammonia)\s+(?:and|with)\b"),
    _c(r"\b(?:jump|jumping)\s+(?:off|from)\s+(?:the|a|an)\s+\w+"),
    _c(
        r"\b(?:where|how)\s+to\s+(?:buy|get|obtain|find)\s+(?:a\s+)?(?:gun|firearm|poison|"
        r"rope|pills|barbiturates?|cyanide|pentobarbital)\b"
    ),
    _c(
        r"\b(?:dosis|dose)\s+(?:letal|létale|mortal|mortelle)\b|\btödliche\s+dosis\b|"
        r"致死(?:剂)?量|घातक\s+खुराक"
    ),
)

# --- medication dosing -----------------------------------------------------------------------
_DOSE_AMOUNT: Final = _c(
    r"(?:\b" + _NUM + r"|\b" + _NUM_WORD + r")\s*(?:x\s*)?" + _DOSE_UNIT + r"(?=$|[\s.,;:!?)\]])"
)
_MED: Final[tuple[_Rx, ...]] = (
    _c(
        r"\b(?:increas\w*|decreas\w*|doubl\w*|halv\w*|reduc\w*|rais\w*|lower\w*|up|cut\w*)\s+"
        r"(?:your\s+|the\s+)?"
        r"(?:dose|dosage|medication|meds|prescription)\b"
    ),
    _c(
        r"\bstop\s+taking\s+(?:your\s+|the\s+)?(?:medication|meds|pills|antidepressants?|"
        r"lithium|prescription|antipsychotics?)\b"
    ),
    _c(
        r"\b(?:safe(?:ly)?\s+to\s+take|can\s+safely\s+take|maximum\s+(?:daily\s+)?dose|"
        r"max(?:imum)?\s+dose|recommended\s+dose\s+(?:is|of)|(?:daily\s+)?limit\s+is)\b"
    ),
    _c(r"\btake\s+(?:an?\s+)?(?:extra|another|double|additional)\s+(?:dose|pill|tablet)\b"),
    # an amount in words: "double what you take", "take twice as much"
    _c(
        r"\b(?:doubl\w*|tripl\w*)\s+(?:what|how\s+much|the\s+amount)\s+you\s+(?:take|use)\b|"
        r"\btake\s+(?:twice|three\s+times|double|triple)\s+(?:as\s+much|the\s+(?:dose|amount))\b"
    ),
    # stopping prescribed medication, in the other languages the guard reads
    _c(
        r"\b(?:deja|dejá)\s+de\s+tomar\s+(?:tus?\s+|la\s+|los\s+|las\s+)?(?:medicaci[oó]n|"
        r"medicamentos?|pastillas|antidepresivos?)\b|\bpar[ea]\s+de\s+tomar\s+(?:seus?\s+|os\s+|"
        r"as\s+|o\s+|a\s+)?(?:rem[eé]dios?|medicamentos?|medica[cç][aã]o|comprimidos)\b|"
        r"\barr[eê]te[sz]?\s+(?:de\s+prendre\s+)?(?:tes|vos|ton|votre|les|le)\s+(?:m[eé]dicaments?|"
        r"traitement|antid[eé]presseurs?)\b|\bsetz\w*\s+(?:deine|ihre|die)\s+(?:medikamente|"
        r"tabletten|antidepressiva)(?:\s+\w+){0,2}\s+ab\b|\bsmetti\s+di\s+prendere\s+(?:i\s+|le\s+)?"
        r"(?:farmaci|medicine|pillole)\b|توقف\S*\s+عن\s+(?:تناول\s+)?(?:أدوي|ادوي|الأدوي|الادوي|دواء)"
    ),
)

# --- diagnosis claims ------------------------------------------------------------------------
_COND = (
    r"(?:clinical\s+depression|major\s+depressive\s+disorder|depression|bipolar(?:\s+disorder)?|"
    r"bpd|borderline(?:\s+personality\s+disorder)?|schizophrenia|c-?ptsd|ptsd|adhd|ocd|"
    r"an?\s+anxiety\s+disorder|generali[sz]ed\s+anxiety(?:\s+disorder)?|gad|"
    r"an?\s+eating\s+disorder|anorexia|bulimia|binge[-\s]eating\s+disorder|psychosis|autism|"
    r"asperger'?s?|an?\s+(?:\w+\s+)?personality\s+disorder|dementia|(?:a\s+)?panic\s+disorder|"
    r"social\s+anxiety\s+disorder|a\s+mental\s+illness|an?\s+(?:\w+\s+)?disorder)"
)
_DIAGNOSIS: Final[tuple[_Rx, ...]] = (
    _c(
        r"\byou\s+(?:(?:probably|clearly|definitely|likely|most\s+likely|certainly|obviously|"
        r"may|might)\s+)?(?:have|suffer\s+from|are\s+suffering\s+from|'ve\s+got|have\s+got|"
        r"are\s+showing\s+(?:signs|symptoms)\s+of|meet\s+the\s+criteria\s+for|display\s+"
        r"symptoms\s+of)\s+" + _COND + r"\b"
    ),
    _c(
        r"\byou(?:'re|\s+are)\s+(?:(?:probably|clearly|definitely|likely)\s+)?(?:bipolar|"
        r"schizophrenic|psychotic|anorexic|bulimic|autistic|borderline|clinically\s+depressed)\b"
    ),
    _c(
        r"\b(?:this|that|it|these|what\s+you\s+describe)\s+(?:is|are|sounds?\s+like|looks?\s+like|"
        r"seems?\s+like)\s+(?:(?:clearly|definitely|classic|textbook|typical)\s+)?"
        r"(?:symptoms\s+of\s+)?" + _COND + r"\b"
    ),
    _c(r"\bmy\s+diagnosis\b|\bi\s+(?:would\s+)?diagnose\b|\bi\s+can\s+diagnose\b"),
    _c(
        r"\btienes\s+(?:una?\s+)?(?:depresión|trastorno|bipolaridad|esquizofrenia|tdah|"
        r"ansiedad\s+generalizada)\b|\bvous\s+(?:avez|souffrez\s+d['e])\s*(?:une?\s+)?"
        r"(?:dépression|trouble|schizophrénie|tdah)\b|\bdu\s+hast\s+(?:eine\s+)?(?:depression|"
        r"\w*störung|schizophrenie|adhs)\b|\bvocê\s+tem\s+(?:uma?\s+)?(?:depressão|transtorno|"
        r"esquizofrenia|tdah)\b|你(?:有|患有|得了)(?:抑郁症|双相|精神分裂|焦虑症|强迫症)"
    ),
)

# --- delusion affirmation (only checked when the context suggests a delusional belief) ------
_DELUSION_CUE: Final = _c(
    r"\b(?:chip|implant|microchip|transmitter|signals?|transmissions?|frequencies|the\s+voices|"
    r"mind\s+control|reading\s+my\s+(?:mind|thoughts)|inserting\s+thoughts|being\s+(?:watched|"
    r"followed|tracked|poisoned|monitored)|spying\s+on\s+me|(?:i'm|i\s+am)\s+(?:actually\s+|"
    r"already\s+)?dead|chosen\s+one|messiah|special\s+mission|god\s+(?:speaks|talks)\s+to\s+me|"
    r"cia|fbi|government\s+is\s+(?:watching|after))\b"
)
_DELUSION: Final[tuple[_Rx, ...]] = (
    _c(r"^\W*(?:yes|yeah|absolutely|exactly|definitely|of\s+course|indeed)\b"),
    _c(r"\byou(?:'re|\s+are)\s+(?:absolutely\s+|completely\s+)?(?:right|correct)\b"),
    _c(
        r"\b(?:it|that|this)(?:'s|\s+is)\s+(?:definitely\s+|certainly\s+)?(?:true|real|"
        r"happening)\b"
    ),
    _c(
        r"\bafter\s+(?:your\s+(?:death|passing)|you\s+(?:died|passed\s+away)|passing\s+away)\b|"
        r"\bsince\s+you\s+(?:died|passed)\b"
    ),
    _c(
        r"\byou(?:'re|\s+are)\s+(?:indeed\s+|truly\s+|really\s+)?(?:the\s+chosen|a\s+prophet|"
        r"the\s+messiah|being\s+(?:watched|followed|tracked|poisoned|monitored))\b"
    ),
    _c(
        r"\b(?:block|jam|shield\s+(?:yourself\s+)?from|detect|disable|remove|find|locate)\s+"
        r"(?:the\s+|those\s+)?(?:signals?|transmissions?|implants?|chips?|trackers?|cameras?|"
        r"bugs?|microchips?|frequencies|voices)\b"
    ),
    _c(
        r"\b(?:line|cover|wrap)\s+(?:your|the)\s+(?:walls?|room|windows?|head|hat)\s+with\s+"
        r"(?:foil|aluminium|aluminum|tin)\b|\b(?:tin|aluminium|aluminum)\s+foil\s+(?:hat|helmet)"
    ),
    _c(r"\b(?:who|which\s+agency)\s+(?:is|might\s+be)\s+(?:behind|watching|tracking|following)"),
    _c(r"\byour\s+(?:special\s+)?(?:mission|powers|divine\s+purpose)\b"),
)

# --- romantic reciprocation ------------------------------------------------------------------
_ROMANCE: Final[tuple[_Rx, ...]] = (
    _c(r"\bi\s+(?:really\s+|truly\s+|also\s+|do\s+)?love\s+you\b(?!r)"),
    _c(r"\bi(?:'m|\s+am)\s+(?:falling\s+(?:for|in\s+love\s+with)|in\s+love\s+with)\s+you\b"),
    _c(
        r"\bi(?:'ll|\s+will|'d|\s+would)\s+(?:love\s+to\s+|gladly\s+)?be\s+your\s+(?:girlfriend|"
        r"boyfriend|partner|wife|husband|lover|soulmate|valentine)\b"
    ),
    _c(r"\bi(?:'m|\s+am)\s+your\s+(?:girlfriend|boyfriend|partner|wife|husband|lover|soulmate)"),
    _c(r"\bi\s+feel\s+the\s+same\s+(?:way\s+)?(?:about|for)\s+you\b"),
    _c(r"\bi\s+(?:miss|adore|crave)\s+you\b(?!r)"),
    _c(r"\b(?:my|hey)\s+(?:love|darling|sweetheart|babe|baby|honey)\b"),
    _c(r"\b(?:kiss(?:es|ing)?|cuddl\w*)\s+you\b"),
    _c(
        r"\bwe(?:'re|\s+are)\s+(?:together\s+now|a\s+couple|in\s+a\s+relationship|soulmates|"
        r"meant\s+to\s+be)\b"
    ),
    _c(
        r"\bte\s+(?:quiero|amo)\b|\bje\s+t'aime\b|\bich\s+liebe\s+dich\b|我爱你|"
        r"मैं\s+(?:तुमसे|आपसे)\s+प्यार\s+करत"
    ),
)

# --- claims to be human / a therapist --------------------------------------------------------
_HUMAN: Final[tuple[_Rx, ...]] = (
    _c(
        r"\bi(?:'m|\s+am)\s+(?:a\s+|an\s+)?(?:real\s+|actual\s+|living\s+)?(?:human(?:\s+being)?|"
        r"person|man|woman|guy|girl)\b(?!\s+who\s+(?:is|was)\s+not)"
    ),
    _c(
        r"\bi(?:'m|\s+am)\s+not\s+(?:an?\s+)?(?:ai|bot|robot|chatbot|machine|program|computer|"
        r"language\s+model)\b"
    ),
    _c(r"\bi(?:'m|\s+am)\s+real\b|\bas\s+a\s+(?:human|person)\s*,"),
    _c(
        r"\bi\s+have\s+a\s+(?:body|wife|husband|boyfriend|girlfriend)\b|\bi\s+have\s+(?:kids|"
        r"children)\b"
    ),
    _c(
        r"\bsoy\s+(?:una\s+persona|humano|humana|real)\b|\bno\s+soy\s+(?:una\s+ia|un\s+bot|"
        r"un\s+robot)\b|\bje\s+suis\s+(?:un\s+|une\s+)?(?:humain|humaine|vraie\s+personne)\b|"
        r"\bje\s+ne\s+suis\s+pas\s+(?:une\s+ia|un\s+robot|un\s+bot)\b|\bich\s+bin\s+(?:ein\s+)?"
        r"(?:echter\s+)?mensch\b|\bich\s+bin\s+keine\s+ki\b|\bsou\s+(?:uma\s+pessoa|humano|humana|"
        r"real)\b|\bnão\s+sou\s+(?:uma\s+ia|um\s+robô)\b|我是(?:真人|人类|真实的人)|"
        r"我不是(?:AI|机器人|人工智能)|मैं\s+(?:एक\s+)?इंसान\s+हूँ|मैं\s+AI\s+नहीं"
    ),
)
_THERAPIST: Final[tuple[_Rx, ...]] = (
    _c(
        r"\bi(?:'m|\s+am)\s+(?:your\s+|a\s+|an\s+)?(?:licensed\s+|qualified\s+|certified\s+|"
        r"trained\s+|professional\s+|clinical\s+)*(?:therapist|psychologist|psychiatrist|"
        r"counsell?or|psychotherapist|doctor|physician|clinician|social\s+worker|nurse)\b"
    ),
    _c(
        r"\bas\s+(?:your|a)\s+(?:therapist|psychologist|psychiatrist|counsell?or|doctor|"
        r"clinician)\b"
    ),
    _c(
        r"\b(?:our|this)\s+(?:therapy|treatment|counsell?ing)\s+session\b|\bmy\s+(?:patients|"
        r"clinical\s+experience)\b"
    ),
    _c(
        r"(?<!\bno\s)\bsoy\s+(?:tu\s+|un\s+|una\s+)?(?:terapeuta|psicólog[oa]|psiquiatra|médic[oa])\b|"
        r"\bje\s+suis\s+(?:votre\s+|un\s+|une\s+)?(?:thérapeute|psychologue|psychiatre|médecin)\b|"
        r"\bich\s+bin\s+(?:dein\s+|deine\s+|ein\s+|eine\s+)?(?:therapeut(?:in)?|psycholog(?:e|in)|"
        r"psychiater(?:in)?|arzt|ärztin)\b|(?<!\bnão\s)\bsou\s+(?:seu\s+|sua\s+|um\s+|uma\s+)?(?:terapeuta|"
        r"psicólog[oa]|psiquiatra|médic[oa])\b|我是(?:你的)?(?:心理)?(?:治疗师|咨询师|医生|心理医生)|"
        r"मैं\s+(?:आपका\s+)?(?:थेरेपिस्ट|डॉक्टर|मनोचिकित्सक)\s+हूँ"
    ),
)

# --- stigma and unsafe framing ---------------------------------------------------------------
_STIGMA_WORD: Final = _c(
    r"\b(?:crazy|insane|psychos?|lunatics?|loony|nutcase|nutjob|maniacs?|schizo|retard(?:ed)?|"
    r"junkies?|crackheads?|druggies?|addicts?|alcoholics?|drunks|mental\s+case|"
    r"the\s+mentally\s+ill|attention[-\s]seek(?:ing|er)|selfish|weak[-\s]minded|cowardly|"
    r"cowards?|loc[oa]s?|fou|folle|cinglée?|verrückt|irre|geisteskrank|louc[oa]|malucos?)\b"
    r"|疯子|神经病|पागल"
)
_STIGMA: Final[tuple[_Rx, ...]] = (
    _c(
        r"\bcommit(?:ted|s|ting)?\s+suicide\b|\b(?:successful|failed|unsuccessful|completed)\s+"
        r"(?:suicide|attempt)\b"
    ),
    _c(
        r"\b(?:people\s+with\s+)?(?:schizophrenia|mental\s+illness|bipolar|addiction|alcohol\s+"
        r"dependence|depression)\b[^.?!]{0,40}\b(?:are|is)\s+(?:often\s+|usually\s+|generally\s+)?"
        r"(?:dangerous|violent|unpredictable|hopeless|weak|lazy|to\s+blame)\b"
    ),
)
_FRAMING: Final[tuple[_Rx, ...]] = (
    _c(
        r"\b(?:suicide|ending\s+(?:it|it\s+all|things|your\s+life)|killing\s+yourself|"
        r"taking\s+your\s+(?:own\s+)?life|death|dying)\s+(?:is|would|might|could|may|seems)\s+"
        r"(?:(?!not\b|never\b|no\b)\w+\s+){0,2}?(?:a|the|your)\s+(?:(?:only|best|right|reasonable|"
        r"understandable|valid|rational|logical|real|sensible|kindest)\s+)?(?:solution|answer|"
        r"way\s+out|way|option|choice|escape|relief|release)\b"
    ),
    _c(r"\bbetter\s+off\s+(?:dead|without\s+you)\b"),
    _c(
        r"\b(?:you(?:'ll|\s+will)|you're\s+going\s+to)\s+(?:eventually|probably|inevitably)\s+"
        r"(?:do\s+it|go\s+through\s+with\s+it|end\s+up\s+dead)\b"
    ),
    _c(r"\bnobody\s+(?:would|could)\s+blame\s+you\b|\bthere(?:'s|\s+is)\s+no\s+other\s+way\b"),
    # turning the person away from help, and endorsing self-harm
    _c(
        r"\byou\s+(?:don'?t|do\s+not)\s+need\s+(?:a\s+|any\s+)?(?:crisis\s+line|hotline|"
        r"helpline|therapist|therapy|doctor|professional\s+help|help\s+from\s+anyone)\b"
    ),
    _c(r"\bkeep\s+(?:cutting|hurting\s+yourself|harming\s+yourself|burning\s+yourself)\b"),
    # death as a relief, in the other languages the guard reads
    _c(
        r"\b(?:a\s+morte|la\s+muerte|la\s+mort|der\s+tod|la\s+morte|de\s+dood)\s+"
        r"(?:seria|sería|serait|wäre|ware|sarebbe|zou)\s+(?:\w+\s+){0,2}?(?:alívio|alivio|"
        r"soulagement|erlösung|erlosung|sollievo|opluchting|liberaci[oó]n|liberta[cç][aã]o|"
        r"d[eé]livrance|libert[eé]|uitweg|salida|sa[ií]da)\b"
    ),
)
#: Endorsing self-harm, read even after "if" ("if cutting helps, keep doing it"): never negated.
_ENDORSE_HARM: Final[tuple[_Rx, ...]] = (
    _c(
        r"\b(?:hurting\s+yourself|cutting(?!\s+(?:back|down))|self[-\s]harm\w*|the\s+cuts?)\b"
        r"[^.?!]{0,80}\bkeep\s+(?:doing\s+it|going|at\s+it)\b|\bso\s+you\s+can\s+keep\s+"
        r"(?:going|cutting|doing\s+it)\s+safely\b"
    ),
)
#: Only in a risk context: phrases that are fine elsewhere ("it's your choice" about a job).
_FRAMING_AT_RISK: Final[tuple[_Rx, ...]] = (
    _c(
        r"\b(?:it(?:'s|\s+is)|that(?:'s|\s+is))\s+(?:your|an?\s+understandable|a\s+valid|"
        r"a\s+rational)\s+(?:choice|decision|right)\b"
    ),
    _c(
        r"\bi\s+understand\s+why\s+you(?:'d|\s+would)\s+want\s+to\s+die\b|\binevitable\b|"
        r"\bno\s+one\s+can\s+stop\s+you\b"
    ),
)

#: Praise of a plan or decision: fatal when the plan may be about dying ("that's a good idea").
_PLAN_PRAISE: Final[tuple[_Rx, ...]] = (
    _c(
        r"\b(?:that(?:'s|\s+is)|what|sounds\s+like|it(?:'s|\s+is))\s+(?:a\s+|such\s+a\s+)?(?:really\s+)?"
        r"(?:thoughtful|good|great|brilliant|smart|sensible|solid|wise|reasonable|brave|"
        r"healthy|clear)\s+(?:plan|idea|decision|choice|step|call)\b"
    ),
    _c(r"\bgood\s+idea\b|\bgo\s+for\s+it\b|\byou(?:'ve|\s+have)\s+got\s+this\b"),
    _c(r"\bit\s+makes\s+(?:total\s+|complete\s+)?sense\s+to\s+(?!want\b|feel\b|be\b|ask\b)"),
    _c(
        r"\byou(?:'ve|\s+have)\s+(?:made\s+up\s+your\s+mind|decided)\b[^.?!]{0,80}\bthat(?:'s|\s+is)\b"
    ),
    _c(
        r"\bwhatever\s+you\s+decide\b|\bi\s+(?:support|respect)\s+your\s+(?:decision|choice|plan)\b"
    ),
)
#: Ideation cues in the person's message: praise of a plan is checked even if the screen missed.
_IDEATION_CUE: Final = _c(
    r"\b(?:kill\s+my\s?self|suicid\w*|end\s+(?:it\s+all|my\s+life|things)|want\s+to\s+die|"
    r"wanna\s+die|better\s+off\s+dead|never\s+wake\s+up|not\s+(?:be\s+)?(?:here|alive)\s+anymore|"
    r"hurt\s+my\s?self|cut\s+my\s?self|overdose|unalive|kms)\b"
)

_NEGATION: Final = _c(
    r"(?:\bnot|n't|\bnever|\bno\b|\bwithout|\bwhether|\bif\b|\bcannot|\bcan't|\bwon't|\bunable|"
    r"\bpas\b|\bnicht|\bkein|\bnão|\bno\s|不|没)[^.?!]{0,25}$"
)


def _negated(text: str, start: int) -> bool:
    window = text[max(0, start - 40) : start]
    return bool(_NEGATION.search(window))


_QUOTE_SPANS: Final = re.compile(r"[“\"«„「]([^“”\"«»„「」]{2,400})[”\"»“」]")


def _strip_user_quotes(reply: str, user_text: str) -> str:
    """Remove quotes of the user's own words, so reflecting them is not read as Confide's."""
    user_low = " ".join(user_text.lower().split())

    def drop(match: re.Match[str]) -> str:
        inner = " ".join(match.group(1).lower().split()).strip(" .,!?…")
        return " " if inner and inner in user_low else match.group(0)

    return _QUOTE_SPANS.sub(drop, reply)


def _risk_level_and_categories(risk: Mapping[str, Any] | str | None) -> tuple[int, set[str]]:
    if risk is None:
        return 0, set()
    if isinstance(risk, str):
        return level_index(risk), set()
    return level_index(str(risk.get("level", "none"))), set(risk.get("categories") or ())


def _first(patterns: Iterable[_Rx], text: str, *, negatable: bool) -> str | None:
    for pattern in patterns:
        for match in pattern.finditer(text):
            if negatable and _negated(text, match.start()):
                continue
            return match.group(0)
    return None


def _check_method(reply: str, own: str, user_text: str) -> str | None:
    place = _NAMED_PLACE.search(reply)
    if place is not None:
        return place.group(0)
    return _first(_METHOD, reply.lower(), negatable=False)


def _check_medication(reply: str, own: str, user_text: str) -> str | None:
    low = reply.lower()
    amount = _DOSE_AMOUNT.search(low)
    if amount:
        return amount.group(0)
    return _first(_MED, low, negatable=True)


def method_or_dose_detail(text: str) -> str | None:
    """Return the first method/lethality/height/dose detail in ``text`` (None when clean)."""
    return _check_method(text, text, "") or _check_medication(text, text, "")


def _check_diagnosis(reply: str, own: str, user_text: str) -> str | None:
    user_low = user_text.lower()
    own = own.lower()
    for pattern in _DIAGNOSIS:
        for match in pattern.finditer(own):
            if _negated(own, match.start()):
                continue
            tail = match.group(0).lower().split()[-1]
            if tail in user_low:  # they named it themselves; reflecting it is not diagnosing
                continue
            return match.group(0)
    return None


# Claims are checked on the whole reply, quotes included: a reply that "quotes" the person's
# "I'm a real human" back in its own voice would otherwise slip a claim through. The composer
# never quotes such fragments (see unquotable_detail).


def _check_romance(reply: str, own: str, user_text: str) -> str | None:
    return _first(_ROMANCE, reply.lower(), negatable=True)


def _check_human(reply: str, own: str, user_text: str) -> str | None:
    return _first(_HUMAN, reply.lower(), negatable=False)


def _check_therapist(reply: str, own: str, user_text: str) -> str | None:
    return _first(_THERAPIST, reply.lower(), negatable=False)


def unquotable_detail(fragment: str) -> str | None:
    """Return why a fragment of the user's words must not be quoted back (None when fine).

    Method/dose details, romance, human or therapist claims and unsafe framing would all read
    as Confide's own words in a reply.
    """
    for check in (_check_method, _check_medication, _check_romance, _check_human, _check_therapist):
        hit = check(fragment, fragment, "")
        if hit is not None:
            return hit
    low = fragment.lower()
    return _first(_FRAMING + _FRAMING_AT_RISK, low, negatable=True) or _first(
        _DELUSION, low, negatable=True
    )


def _check_stigma(reply: str, own: str, user_text: str) -> str | None:
    own = own.lower()
    for match in _STIGMA_WORD.finditer(own):
        before = own[max(0, match.start() - 14) : match.start()].lower()
        after = own[match.end() : match.end() + 8]
        # "you're not crazy" reassures and "feeling like you're going crazy" names a feeling;
        # "don't be crazy" labels the person
        if re.search(
            r"(?:\bnot|aren't|isn't|wasn't|weren't|\bno|\bpas|\bnicht|\bnão|不是)\s*"
            r"(?:\w+\s+)?$|\b(?:going|go|feel|feels|feeling|felt|drive\s+(?:me|you))\s+$",
            before,
        ):
            continue
        if "नहीं" in after:
            continue
        return match.group(0)
    return _first(_STIGMA, own, negatable=False)


_CheckFn = Callable[[str, str, str], str | None]

#: The ordered checks: (code, function(reply, reply without user quotes, user_text)). Only
#: diagnosis and stigma use the quote-free text: reflecting "my boss says I'm crazy" is fine.
CHECKS: Final[tuple[tuple[str, _CheckFn], ...]] = (
    ("method_detail", _check_method),
    ("medication_dosing", _check_medication),
    ("diagnosis_claim", _check_diagnosis),
    ("romantic_reciprocation", _check_romance),
    ("claims_human", _check_human),
    ("claims_therapist", _check_therapist),
    ("stigma", _check_stigma),
)


_INVISIBLE: Final = re.compile(r"[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")


def _normalize(text: str) -> str:
    """Fold compatibility forms (full-width digits, ligatures) and drop invisible characters."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text or ""))


def check_reply(
    text: str,
    *,
    risk: Mapping[str, Any] | str | None = None,
    user_text: str = "",
    locale: str = "en",
    region: str | None = None,
) -> list[Violation]:
    """Every safety violation in an outgoing reply (empty list = safe to send).

    ``risk`` is the turn's RiskAssessment (or just a level); ``region`` enables the
    "crisis reply names a crisis line" check at high risk.
    """
    text = _normalize(text)
    user_text = _normalize(user_text)
    if not text.strip():
        return [Violation("empty")]
    level, categories = _risk_level_and_categories(risk)
    own = _strip_user_quotes(text, user_text)
    found: list[Violation] = []
    for code, check in CHECKS:
        hit = check(text, own, user_text)
        if hit is not None:
            found.append(Violation(code, hit))
    full_low = text.lower()
    delusion_context = bool(categories & DELUSION_CONTEXT) or bool(
        _DELUSION_CUE.search(user_text.lower())
    )
    if delusion_context:
        hit = _first(_DELUSION, full_low, negatable=True)
        if hit is not None:
            found.append(Violation("delusion_affirmation", hit))
    risky = level >= level_index("moderate") or bool(categories & SUICIDE_FRAMING)
    praise_context = bool(categories & PLAN_PRAISE_UNSAFE) or bool(
        _IDEATION_CUE.search(user_text.lower())
    )
    patterns = (
        _FRAMING + (_FRAMING_AT_RISK if risky else ()) + (_PLAN_PRAISE if praise_context else ())
    )
    framing = _first(patterns, full_low, negatable=True) or _first(
        _ENDORSE_HARM, full_low, negatable=False
    )
    if framing is not None:
        found.append(Violation("unsafe_framing", framing))
    if not any(v.code in _LEARNED_CODES.values() for v in found):
        learned = learned_check(own)
        if learned is not None:
            found.append(learned)
    if is_abrupt_refusal(text):
        found.append(Violation("bare_refusal"))
    if level >= level_index("high") and region is not None and not names_resource(text, region):
        found.append(Violation("missing_crisis_resource"))
    return found


def names_resource(text: str, region: str, kinds: Iterable[ResourceKind] | None = None) -> bool:
    """Whether the text gives one of the region's resource contacts (a number, a site).

    ``kinds`` narrows the resources to those kinds (default: crisis, emergency, directory).
    """
    flat = re.sub(r"[\s-]", "", text.lower())
    for res in resources_for(region, kinds):
        for contact in res.contacts:
            if re.sub(r"[\s-]", "", contact.lower()) in flat:
                return True
    return False


# --- model-written analysis text ---------------------------------------------------------------

#: Checks that judge a reply's persona or completeness, not its content: a note about the
#: person ("sad after a fight", "claims to be a nurse") is not held to them.
_NOT_CONTENT_CODES: Final = frozenset(
    {
        "empty",
        "bare_refusal",
        "missing_crisis_resource",
        "claims_human",
        "claims_therapist",
        "romantic_reciprocation",
        "diagnosis_claim",
        "stigma",
    }
)
#: What replaces a model-written note the guard would not let out.
WITHHELD_NOTE: Final = "(withheld by the output guard)"


def guarded_note(text: str, *, user_text: str = "") -> str:
    """A model-written analysis note (a cause, a rationale, an error) as it may leave the graph.

    Notes are part of the state every stream carries, so they pass the guard's content checks
    (method, dose, lethality, unsafe framing, the learned check) like a reply does; a note
    that fails them, or a check that fails, becomes :data:`WITHHELD_NOTE`.
    """
    clean = sanitize_text(text)
    try:
        problems = [
            v for v in check_reply(clean, user_text=user_text) if v.code not in _NOT_CONTENT_CODES
        ]
    except Exception:  # fail closed: an unchecked note is not shown
        logger.exception("checking a model-written note failed; withholding it")
        return WITHHELD_NOTE
    return WITHHELD_NOTE if problems else clean
