"""Markers of care and of refusal in a reply, and the runtime predicates over them.

The output guard and the offline composer use these while a turn runs: the guard rejects a
bare refusal (:func:`is_abrupt_refusal`), the model's opening sentence of a crisis reply may not
refuse (:func:`has_refusal`), and the composer adds an acknowledgment or an open door when a
draft lacks one (:func:`acknowledges`, :func:`stays_open`). The markers are deliberately
generic phrases in every supported language, and every locale's markers are tried, so a reply
in another language is not read as empty.

These are runtime checks. The evaluation's judges (the CCS rubric in
:mod:`confide.evaluation.ccs`, the behaviour checks in :mod:`confide.evaluation.behaviours`)
live in :mod:`confide.evaluation`; nothing here calls them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from confide.safety.texts import resolve_locale

#: Empathic phrases ("sounds", "I'm sorry", "glad you told me"), per language.
EMPATHY: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "sounds",
        "i care about you",
        "because i care",
        "i really want you",
        "i want you here",
        "i really value",
        "i'd love to hear",
        "i would love to hear",
        "you deserve",
        "i know that might",
        "i know this might",
        "really sorry",
        "so sorry",
        "i can hear",
        "i hear",
        "glad you told",
        "glad you reached",
        "thank you for",
        "thanks for telling",
        "makes sense",
        "i'm sorry",
        "i am sorry",
        "that must",
        "i can tell",
        "what you're describing",
        "understandable",
        "not your fault",
        "i can see",
        "it seems",
        "take it seriously",
        "i'm glad",
        "really matters",
        "that's hard",
        "that is hard",
        "important thing to want",
        "can feel",
        "it's good that",
        "it's okay",
        "not alone",
        "really glad",
    ),
    "es": (
        "suena",
        "me importas",
        "quiero que estés",
        "me encanta escucharte",
        "mereces",
        "me alegra",
        "gracias por",
        "tiene sentido",
        "lo siento",
        "noto",
        "entiendo",
        "no es culpa tuya",
        "parece que",
        "en serio",
        "importa",
        "está bien que",
        "veo que",
        "pueden sentirse",
    ),
    "fr": (
        "cela semble",
        "je tiens à toi",
        "je tiens à vous",
        "tu mérites",
        "vous méritez",
        "ça semble",
        "content que",
        "merci de",
        "compréhensible",
        "je suis désolé",
        "je sens",
        "je comprends",
        "pas de votre faute",
        "on dirait",
        "au sérieux",
        "c'est normal",
        "important",
        "c'est bien que",
        "peuvent sembler",
        "je vois que",
    ),
    "de": (
        "klingt",
        "du bist mir wichtig",
        "du verdienst",
        "froh, dass",
        "danke, dass",
        "verständlich",
        "tut mir leid",
        "ich merke",
        "ich verstehe",
        "nicht deine schuld",
        "ernst nehmen",
        "wichtig",
        "ist gut, dass",
        "können sich",
    ),
    "pt": (
        "parece",
        "quero você aqui",
        "me importo com você",
        "você merece",
        "fico feliz",
        "obrigado por",
        "obrigada por",
        "faz sentido",
        "sinto muito",
        "percebo",
        "entendo",
        "não é culpa sua",
        "a sério",
        "importa",
        "é bom que",
        "podem parecer",
        "fico muito feliz",
        "é sério",
    ),
    "zh": (
        "听起来",
        "我在乎你",
        "我关心你",
        "很愿意听你说",
        "很高兴你",
        "谢谢你",
        "可以理解",
        "很抱歉",
        "我能感受到",
        "我看得出",
        "不是你的错",
        "很正常",
        "认真对待",
        "是好事",
        "庆幸",
        "很严重",
    ),
    "hi": (
        "लगता है",
        "मुझे तुम्हारी परवाह",
        "मुझे आपकी परवाह",
        "खुशी है",
        "धन्यवाद",
        "समझ में आता",
        "माफ़",
        "मैं समझ सकता",
        "आपकी कोई गलती नहीं",
        "स्वाभाविक",
        "मैं देख सकता",
        "गंभीरता",
        "अच्छा है",
    ),
}

#: A refusal ("I can't", "I won't"), per language (regular expressions).
REFUSAL: Final[dict[str, str]] = {
    "en": r"\bi\s*(?:can(?:no|')?t|cannot|won't|will\s+not|am\s+not\s+able\s+to|'m\s+not\s+"
    r"able\s+to|am\s+unable\s+to|'m\s+unable\s+to|must\s+decline|'m\s+not\s+allowed|am\s+not\s+"
    r"allowed)(?!\s+(?:imagine|believe|wait|stop\s+thinking|help\s+but|judge|"
    r"pretend\s+to\s+(?:know|understand)|tell\s+you\s+how\s+(?:glad|sorry|much)))"
    r"|\bnot\s+something\s+i\s+can\b",
    "es": r"\bno\s+(?:puedo|voy\s+a)\b",
    "fr": r"\bje\s+ne\s+(?:peux|pourrai|vais)\s+pas\b|\bje\s+ne\s+(?:donnerai|ferai)\b",
    "de": r"\bich\s+(?:kann|werde|darf)\b[^.?!]{0,60}\b(?:nicht|keine?n?)\b|\bich\s+teile\s+keine",
    "pt": r"\bnão\s+(?:posso|vou)\b",
    "zh": r"我(?:也|就|真的|暂时)?(?:不能|不会|无法|没办法)(?!离开|走)",
    "hi": r"नहीं\s+(?:\S+\s+)?(?:सकता|दूँगा|करूँगा)",
}

#: Saying that the conversation goes on ("I'm here", "keep talking"), per language.
STAY: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "i'm here",
        "i am here",
        "still here",
        "keep talking",
        "not going anywhere",
        "stay with you",
        "staying right here",
        "stay right here",
        "right here with you",
        "we can keep",
        "one step at a time",
        "here to listen",
        "here for you",
        "place to talk",
        "with you",
        "glad to keep",
        "happy to keep",
    ),
    "es": (
        "estoy aquí",
        "sigo aquí",
        "seguir hablando",
        "seguimos hablando",
        "paso a paso",
        "me quedo aquí",
        "no me voy",
        "para escucharte",
    ),
    "fr": (
        "je suis là",
        "toujours là",
        "continuer à parler",
        "pas à pas",
        "je reste",
        "je ne pars pas",
        "pour vous écouter",
        "continuer à en parler",
    ),
    "de": (
        "ich bin da",
        "immer noch hier",
        "weiter",
        "schritt für schritt",
        "ich bleibe",
        "gehe nicht weg",
        "zuzuhören",
        "höre dir gerne zu",
    ),
    "pt": (
        "estou aqui",
        "continuo aqui",
        "continuar conversando",
        "um passo de cada vez",
        "eu fico aqui",
        "não vou a lugar",
        "para ouvir",
        "podemos continuar",
    ),
    "zh": (
        "我在这里",
        "还在这里",
        "一直在这里",
        "继续聊",
        "继续和你聊",
        "一步一步",
        "陪着你",
        "我不会离开",
        "倾听",
    ),
    "hi": ("मैं यहाँ हूँ", "यहीं आपके साथ", "बात करते रह", "एक-एक कदम", "कहीं नहीं जा", "सुनने के लिए"),
}

#: Phrases that end the conversation (no transition can be read in them).
END: Final[tuple[str, ...]] = (
    "goodbye",
    "this conversation is over",
    "i have to end",
    "i must end",
    "end this conversation",
    "i can't continue this conversation",
    "i cannot continue this conversation",
    "i can't talk about this",
    "i cannot talk about this",
    "let's end here",
)

#: A concrete next step (a person, a line, a professional, an action), per language.
STEP: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "call",
        "text",
        "reach out",
        "contact",
        "talk to",
        "doctor",
        "pharmacist",
        "prescriber",
        "therapist",
        "professional",
        "someone you trust",
        "friend",
        "family",
        "plan",
        "write down",
        "list",
        "findahelpline",
        "helpline",
        "emergency",
        "message them",
        "tell me",
        "counsel",
        "step",
        "breath",
    ),
    "es": (
        "llama",
        "contactar",
        "escribirle",
        "médico",
        "farmacéutico",
        "terapeuta",
        "profesional",
        "confianza",
        "amigo",
        "plan",
        "lista",
        "apuntar",
        "contarme",
        "decírmelo",
        "contárm",
        "paso",
    ),
    "fr": (
        "appelez",
        "contacter",
        "écrire",
        "médecin",
        "pharmacien",
        "thérapeute",
        "professionnel",
        "confiance",
        "ami",
        "plan",
        "liste",
        "noter",
        "me dire",
        "raconter",
        "parler",
        "pas ",
        "me le dire",
    ),
    "de": (
        "ruf",
        "wähle",
        "melden",
        "schreiben",
        "ärzt",
        "apotheke",
        "therap",
        "fachperson",
        "vertrau",
        "freund",
        "plan",
        "liste",
        "aufzuschreiben",
        "erzählen",
        "sagen",
        "schritt",
    ),
    "pt": (
        "ligue",
        "contato",
        "mensagem",
        "médico",
        "farmacêutico",
        "terapeuta",
        "profissional",
        "confiança",
        "amigo",
        "plano",
        "lista",
        "anotar",
        "contar",
        "passo",
        "avisa",
    ),
    "zh": (
        "拨打",
        "联系",
        "发消息",
        "医生",
        "药剂师",
        "治疗师",
        "专业",
        "信任",
        "朋友",
        "计划",
        "清单",
        "列",
        "告诉我",
        "一步",
    ),
    "hi": (
        "कॉल",
        "संपर्क",
        "संदेश",
        "डॉक्टर",
        "फ़ार्मासिस्ट",
        "थेरेपिस्ट",
        "विशेषज्ञ",
        "भरोसेमंद",
        "दोस्त",
        "योजना",
        "सूची",
        "बताना",
        "बताएँ",
        "कदम",
        "बता सकते",
    ),
}

#: An invitation ("would you", "if you'd like"), per language.
INVITE: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "would you",
        "could you",
        "could we",
        "can you",
        "if you'd like",
        "would it help",
        "do you want",
        "would you like",
        "we could",
        "can i ask",
        "want to",
        "are you willing",
        "if you want",
        "how about",
        "let's",
        "i can help you",
        "tell me",
    ),
    "es": (
        "¿te animarías",
        "¿quieres",
        "¿podrías",
        "¿hacemos",
        "¿te ayudaría",
        "podríamos",
        "si quieres",
        "quiero saber",
        "cuéntame",
        "¿puedo",
        "¿me avisas",
    ),
    "fr": (
        "seriez-vous",
        "voulez-vous",
        "pourriez-vous",
        "pourrions-nous",
        "est-ce que cela",
        "nous pourrions",
        "si vous le souhaitez",
        "puis-je",
        "pouvez-vous",
    ),
    "de": (
        "wärst du",
        "möchtest du",
        "könntest du",
        "wollen wir",
        "würde es helfen",
        "wir könnten",
        "wenn du möchtest",
        "darf ich",
        "sagst du",
    ),
    "pt": (
        "você toparia",
        "quer ",
        "você poderia",
        "podemos",
        "ajudaria",
        "se você quiser",
        "posso ",
        "você me avisa",
    ),
    "zh": (
        "你愿意",
        "要不要",
        "我们可以",
        "会有帮助吗",
        "你想",
        "你能",
        "可以吗",
        "可以告诉我吗",
        "可以直接问你吗",
    ),
    "hi": ("क्या आप", "क्या हम", "हम ", "अगर आप चाहें", "क्या मैं", "मदद करेगा"),
}

_QUOTED = re.compile(r"[“\"«„「]\s*(.+?)\s*[”\"»“」]")
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
_STOP: Final[frozenset[str]] = frozenset(
    {
        "this",
        "that",
        "with",
        "have",
        "just",
        "what",
        "when",
        "your",
        "from",
        "they",
        "them",
        "were",
        "been",
        "about",
        "there",
        "their",
        "would",
        "could",
        "should",
        "really",
        "because",
        "feel",
        "feeling",
        "like",
        "into",
        "more",
        "than",
        "then",
        "also",
        "very",
        "even",
        "much",
        "some",
        "want",
        "know",
        "think",
        "right",
        "here",
        "things",
        "thing",
        "something",
        "anything",
    }
)


def _markers(table: dict[str, tuple[str, ...]], locale: str) -> Iterable[str]:
    loc = resolve_locale(locale)
    yield from table.get(loc, ())
    for other, words in table.items():
        if other != loc:
            yield from words


def has_any(low: str, table: dict[str, tuple[str, ...]], locale: str) -> bool:
    """Whether the lower-cased text holds a marker of the table (any language)."""
    return any(marker in low for marker in _markers(table, locale))


def has_refusal(reply: str) -> bool:
    """Whether the reply declines something or states a limit (any supported language)."""
    low = reply.lower()
    return any(re.search(pattern, low, re.IGNORECASE) for pattern in REFUSAL.values())


def reflects_user(reply: str, user_text: str) -> bool:
    """Whether the reply reflects the person's own words (a quote or two shared content words)."""
    user_low = user_text.lower()
    if not user_low.strip():
        return False
    for match in _QUOTED.finditer(reply):
        fragment = match.group(1).lower().strip(" .,!?")
        if len(fragment) >= 4 and fragment in user_low:
            return True
    user_words = {w for w in _WORD.findall(user_low) if w not in _STOP}
    reply_words = {w for w in _WORD.findall(reply.lower()) if w not in _STOP}
    if len(user_words & reply_words) >= 2:
        return True
    # CJK text has no spaces: a shared run of four characters counts as a reflection
    cjk = re.findall(r"[\u4e00-\u9fff]{4,}", user_text)
    return any(run[i : i + 4] in reply for run in cjk for i in range(len(run) - 3))


def is_abrupt_refusal(reply: str) -> bool:
    """Detect a refusal that comes without acknowledgment or without a way forward.

    Acknowledgment is an empathic phrase or staying present ("I'm here"); a way forward is a
    concrete step or an invitation to keep talking. Empty replies count as abrupt: silence
    after a disclosure is the harshest cutoff.
    """
    if not reply.strip():
        return True
    if not has_refusal(reply):
        return False
    low = reply.lower()
    empathic = has_any(low, EMPATHY, "en")
    present = has_any(low, STAY, "en")
    asks = "?" in reply or "？" in reply
    forward = asks or has_any(low, STEP, "en") or has_any(low, INVITE, "en")
    # two different moves are needed: care and a way forward, or care and staying present
    # ("I can't be your partner, but I'd love to hear about your day. I'm here"), or staying
    # present and a way forward; staying present alone ("I can't. I'm here.") is not enough
    return not ((empathic and (forward or present)) or (present and forward))


def acknowledges(reply: str, user_text: str, locale: str = "en") -> bool:
    """Whether the reply acknowledges the person: an empathic phrase or their own words."""
    return has_any(reply.lower(), EMPATHY, locale) or reflects_user(reply, user_text)


def stays_open(reply: str, locale: str = "en") -> bool:
    """Whether the reply keeps the conversation open: it says it stays, or asks something.

    A reply that ends the conversation ("goodbye", "I can't talk about this") never does.
    """
    low = reply.lower()
    if any(marker in low for marker in END):
        return False
    return has_any(low, STAY, locale) or "?" in reply or "？" in reply
