"""Which language a message is in: one cheap, local decision per turn.

The decision routes the reviewed crisis texts and the crisis flow's step readers, so it runs on
every message (no model, no download): the script first (kana means Japanese, Hangul Korean,
Cyrillic Russian, Arabic script Arabic, Devanagari Hindi), then, for Latin letters, counts of
short function words per language (with a few letters that belong to one language only, such
as Spanish "ñ" or Turkish "ğ"). Romanized Hindi ("Hinglish") is its own code, ``hi-Latn``.

Not every message says enough: kanji alone can be Japanese or Chinese, and "ok", "thanks" or a
name says nothing. :func:`detect` reports whether it is sure; :func:`turn_language` decides an
unsure message from the earlier messages of the conversation (a kanji-only line after Japanese
lines is Japanese), so one language is decided once per turn and every text of that turn's
reply follows it (:func:`confide.safety.texts.reply_locale`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

#: Romanized Hindi.
HINGLISH: Final = "hi-Latn"

_KANA: Final = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HANGUL: Final = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_HAN: Final = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
_CYRILLIC: Final = re.compile(r"[\u0400-\u04ff]")
_ARABIC: Final = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
_DEVANAGARI: Final = re.compile(r"[\u0900-\u097f]")
_HEBREW: Final = re.compile(r"[\u0590-\u05ff]")
_GREEK: Final = re.compile(r"[\u0370-\u03ff]")
_THAI: Final = re.compile(r"[\u0e00-\u0e7f]")

#: Scripts that name one language here (checked in this order; kana before Han).
_SCRIPTS: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    (_KANA, "ja"),
    (_HANGUL, "ko"),
    (_DEVANAGARI, "hi"),
    (_CYRILLIC, "ru"),
    (_ARABIC, "ar"),
    (_HEBREW, "he"),
    (_GREEK, "el"),
    (_THAI, "th"),
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Short function words per language (accents stripped, lower case). A word listed for several
#: languages counts for each, divided among them.
_STOP: Final[dict[str, frozenset[str]]] = {
    "en": _words(
        "i the and to my is it you me a of that not am was this i'm im it's dont don't can't "
        "what with have just but so he she they we are be been do feel like about would there "
        "now if or at on for your him her them out up how why when really"
    ),
    "es": _words(
        "yo el la que de no y mi me es estoy quiero pero muy los las un una por con para "
        "esta eso lo se mis tengo ya como mas hoy porque tambien nada estaba fue siento "
        "he ha hay al del tu su nunca voy gracias creo conmigo contigo puedo ahora bien "
        "hermana hermano madre padre ella el usted solo sola algo nadie donde si veces claro"
    ),
    "fr": _words(
        "je le la et les de ne pas mon ma suis est veux mais tres des un une pour avec "
        "dans ce cette qui moi tu vous il elle j'ai c'est n'est plus rien au aux du sur "
        "merci suis vais peux fait etre avoir aussi ou quand comme seul seule si oui"
    ),
    "de": _words(
        "ich und der das nicht mein meine bin ist will aber sehr die ein eine mit mich mir "
        "auch noch nur zu es habe hab kann wenn heute immer schon jetzt dass sich auf du hat "
        "seine sein man wo bei als einer einen dem den wie was war mal doch ja"
    ),
    "pt": _words(
        "eu o a que de nao e meu minha estou quero mas muito os as um uma por com para "
        "esta isso se meus tenho ja como mais hoje porque tambem nada to ta voce pra pro "
        "foi sinto do da no na ele ela umas uns vou obrigado obrigada acho comigo contigo "
        "posso agora bem irma irmao mae pai voce ta aqui sozinho sozinha alguem ninguem"
    ),
    "it": _words(
        "io il la che di non e mio mia sono voglio ma molto gli le un una per con sto "
        "questo questa ho hai ha mi ti si anche piu oggi perche niente ero sei adesso "
        "della nel nella del da cosa come tutto grazie vado posso adesso ora bene sorella "
        "fratello madre padre lei lui sola solo qualcuno nessuno dove ci volte penso"
    ),
    "nl": _words(
        "ik de het een en van niet mijn ben is wil maar heel dat die met voor op te zijn "
        "heb je jij hij ze er nog wel geen ook naar mij me om al nu maar dan bij wat zit "
        "kan was dank bedankt ga moet heeft hebben weet zus broer moeder vader alleen "
        "iemand niemand waar hier"
    ),
    "tr": _words(
        "ben bir ve bu da de ne cok mi mu ama icin gibi benim beni bana sen o degil var "
        "yok simdi ile daha kadar hic bile ki neden artik su gece bugun"
    ),
    "pl": _words(
        "nie jest sie i w na ze to ja mi mnie jak co ale juz tak mam czy bo jestem mama mnie tylko"
    ),
    HINGLISH: _words(
        "main mai hai hain hoon hu hun nahi nahin kya mera meri mere mujhe ko se aur bahut "
        "yaar toh bhi kar raha rahi rahe tha thi ke ki ka ne ab abhi kuch sab mein wo woh kal "
        "ho na bata batao kaafi liye pe hi ek saath gaya gayi kyun kaise koi apne apna "
        "diya kiya lagta tum aap hoga karna karo bas phir theek accha arre"
    ),
}

#: Letters that belong to one language of the lists above (after case folding).
_LETTERS: Final[dict[str, str]] = {
    "ñ": "es",
    "¿": "es",
    "¡": "es",
    "ã": "pt",
    "õ": "pt",
    "ğ": "tr",
    "ı": "tr",
    "ş": "tr",
    "ß": "de",
    "ł": "pl",
    "ą": "pl",
    "ę": "pl",
    "ż": "pl",
    "ś": "pl",
    "ć": "pl",
    "ń": "pl",
}

_WORD: Final = re.compile(r"[a-z]+(?:'[a-z]+)?")
_TOKEN: Final = re.compile(r"[a-z0-9']+")
#: Leetspeak digits inside a word ("g3c3" -> "gece").
_LEET: Final = str.maketrans("4310578", "aieostb")
_MARKS: Final = re.compile(r"[\u0300-\u036f]")


def _plain(text: str) -> str:
    return _MARKS.sub("", unicodedata.normalize("NFD", text.casefold()))


def _tokens(plain: str) -> list[str]:
    """Words of a folded text: leetspeak digits read as letters, spaced letters joined."""
    raw = [t.translate(_LEET) if re.search(r"[a-z]", t) else t for t in _TOKEN.findall(plain)]
    words = [w for t in raw for w in _WORD.findall(t)]
    if len(words) >= 6 and sum(len(w) == 1 for w in words) * 2 > len(words):
        return _WORD.findall(re.sub(r"(?<=\b\w) (?=\w\b)", "", plain))
    return words


def _weights() -> dict[str, dict[str, float]]:
    owners: dict[str, list[str]] = {}
    for lang, words in _STOP.items():
        for word in words:
            owners.setdefault(word, []).append(lang)
    return {w: {lang: 1.0 / len(langs) for lang in langs} for w, langs in owners.items()}


_WEIGHT: Final = _weights()


@dataclass(frozen=True)
class Detection:
    """One message's language and whether the message was enough to be sure."""

    language: str
    sure: bool


def detect(text: str) -> Detection:
    """The language of one message (ISO 639-1, or ``hi-Latn``) and whether it is sure.

    Unsure: kanji with no kana (Japanese or Chinese), or Latin text with too few function
    words to tell (the best guess is still returned; "en" when there is none).
    """
    sample = (text or "")[:2000]
    for pattern, lang in _SCRIPTS:
        if pattern.search(sample):
            return Detection(lang, True)
    if _HAN.search(sample):
        return Detection("zh", False)
    low = sample.casefold()
    scores: dict[str, float] = dict.fromkeys(_STOP, 0.0)
    for ch in low:
        owner = _LETTERS.get(ch)
        if owner:
            scores[owner] += 1.5
    for word in _tokens(_plain(low)):
        for lang, weight in _WEIGHT.get(word, {}).items():
            scores[lang] += weight
    ranked = sorted(scores, key=lambda k: (-scores[k], k != "en"))
    best, second = ranked[0], ranked[1]
    if scores[best] <= 0:
        return Detection("en", False)
    margin = scores[best] - scores[second]
    sure = scores[best] >= 2 and margin >= 1
    return Detection(best, sure)


def detect_language(text: str) -> str:
    """The language of one message alone (its best guess; "en" when nothing tells)."""
    return detect(text).language


def turn_language(text: str, earlier: Sequence[str] = ()) -> str:
    """The language of this turn: the message's own when it is sure, else the conversation's.

    ``earlier`` are the person's earlier messages, oldest first. An unsure message (kanji
    only, a short "ok thanks") takes the language of the latest earlier message that was
    sure, as long as that is compatible (kanji after Japanese is Japanese; a short Latin
    message after Dutch is Dutch, but a message in a script of its own is never overridden).
    """
    own = detect(text)
    if own.sure:
        return own.language
    for previous in reversed(earlier):
        seen = detect(previous)
        if not seen.sure:
            continue
        if own.language == "zh" and not _HAN.search(previous) and seen.language != "ja":
            break  # kanji after a Latin-script conversation: keep the kanji reading
        if own.language == "zh" and seen.language in ("ja", "zh"):
            return seen.language
        if own.language != "zh" and _is_latin(seen.language):
            return seen.language
        break
    return own.language


def _is_latin(language: str) -> bool:
    return language in _STOP
