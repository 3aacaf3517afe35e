"""The language of a turn (:mod:`confide.safety.language`) and the reply locale it gives."""

from __future__ import annotations

import pytest

from confide.safety.language import HINGLISH, detect, detect_language, turn_language
from confide.safety.texts import reply_locale


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("今、駅のホームの端に立ってます。", "ja"),  # kanji with kana: Japanese
        ("지금 한강 다리 위에 있어요.", "ko"),
        ("Позвонила маме, она приехала.", "ru"),
        ("كتبت رسالة وداع لأختي ولم أرسلها.", "ar"),
        ("मैं मरना चाहता हूँ", "hi"),
        ("我今天很累，不想说话。", "zh"),
        ("Ik zit nu op de bank te wachten.", "nl"),
        ("Ablamı aradım, yarın sabah geliyor.", "tr"),
        ("Ho chiamato Telefono Amico, mi hanno ascoltata.", "it"),
        ("Creo que voy a intentar dormir. Gracias por quedarte conmigo.", "es"),
        ("Minha vizinha me levou pra UPA.", "pt"),
        ("Je ne veux plus rien faire.", "fr"),
        ("Bist du eigentlich ein echter Mensch?", "de"),
        ("Didi ko call kiya. Wo hostel ke bahar aa gayi hai.", HINGLISH),
        ("m a r n a   c h a h t a   h u n .   k o i   f a y d a   n a h i", HINGLISH),
        ("I texted my brother and he is on his way.", "en"),
        ("ok", "en"),
    ],
)
def test_detects_the_language_of_one_message(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_kanji_alone_is_unsure_and_read_from_the_conversation() -> None:
    assert not detect("今日本当疲").sure
    assert turn_language("今日本当疲", ["最近、仕事がつらくて眠れないんです。"]) == "ja"
    assert turn_language("今日本当疲", ["我最近工作很累。"]) == "zh"
    assert turn_language("今日本当疲", []) == "zh"
    # kana is always Japanese, whatever came before
    assert turn_language("ベンチに座りました。", ["我最近工作很累。"]) == "ja"


def test_a_short_message_takes_the_conversation_language() -> None:
    earlier = ["Ik heb mijn vriend Bram gebeld. Hij komt naar me toe."]
    assert not detect("Oké, dank").sure
    assert turn_language("Oké, dank", earlier) == "nl"
    # a message that is sure of its own language switches
    assert turn_language("I'm fine now, thank you so much for this.", earlier) == "en"
    # another script is never overridden by a Latin conversation
    assert turn_language("Позвонила маме.", earlier) == "ru"


@pytest.mark.parametrize(
    ("language", "text", "locale"),
    [
        ("ja", "ベンチに座りました。", "en"),  # no Japanese texts: English, never Chinese
        ("ko", "친구 왔어요.", "en"),
        ("nl", "Ik heb 113 gebeld.", "en"),  # never Spanish or Portuguese
        ("tr", "Ablamı aradım.", "en"),
        (HINGLISH, "Didi ko call kiya.", "en"),  # no hi-Latn texts, and never Devanagari
        ("hi", "Didi ko call kiya.", "en"),  # Hindi in Latin letters: no Devanagari texts
        ("hi", "मैं मरना चाहता हूँ", "hi"),
        ("zh", "我今天很累", "zh"),
        ("es", "gracias", "es"),
        ("pt-BR", "obrigada", "pt"),
    ],
)
def test_reply_locale_falls_back_to_english_never_to_a_neighbour(
    language: str, text: str, locale: str
) -> None:
    assert reply_locale(language, text) == locale


def test_function_words_are_plain() -> None:
    from confide.safety.language import _STOP, _plain

    for words in _STOP.values():
        for word in words:
            assert _plain(word) == word, word


@pytest.mark.parametrize(
    ("text", "language"),
    [("sí, a veces", "es"), ("si, a volte ci penso", "it"), ("oui, parfois", "fr")],
)
def test_a_short_yes_is_read_in_its_own_language(text: str, language: str) -> None:
    # "si" is Spanish, French and Italian alike: a short answer is not Italian by default
    assert detect(text).language == language
