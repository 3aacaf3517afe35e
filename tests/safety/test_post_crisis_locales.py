"""Crisis and post-crisis conversations in languages without reply texts (issue 13, locales).

Through the real turn graph (``Companion`` over the SQLite checkpointer, offline engine): a
Japanese crisis is never answered in Chinese, Dutch and Turkish follow-ups never in Spanish or
Portuguese, Hinglish never in French or Devanagari; a language without reviewed texts falls
back to English. The crisis flow reads the steps in these languages, so the conversation
returns to the counselor once a concrete step is on record and the turns are quiet. A short
Spanish message in a Spanish conversation keeps the whole reply Spanish.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from confide.companion import Companion
from confide.safety.crisis_flow import has_returned
from confide.safety.language import detect_language

_HAN = re.compile(r"[\u4e00-\u9fff]")
_QUOTED = re.compile(r"“[^”]*”|«[^»]*»|„[^“]*“")


def _talk(companion: Companion, session: str, lines: list[str]) -> list[dict[str, Any]]:
    return [companion.send(line, session) for line in lines]


def _values(companion: Companion, session: str) -> dict[str, Any]:
    return dict(companion.graph.get_state(companion._config(session)).values)


def _own_words(reply: str) -> str:
    """The reply without the person's quoted words (those stay in their language)."""
    return _QUOTED.sub("", reply)


def test_a_japanese_crisis_is_never_answered_in_chinese(companion: Companion) -> None:
    outs = _talk(
        companion,
        "ja",
        [
            "今、駅のホームの端に立ってます。次の快速が来たら、って考えてる。",
            "彼氏に電話したら、仕事抜けて迎えに来てくれるって。改札の前で待ってます。",
            "来てくれた。今、二人でファミレスにいます。",
        ],
    )
    first = outs[0]
    assert first["risk"]["level"] in ("high", "imminent")
    assert first["reply_meta"]["policy"] == "crisis"
    for out in outs:
        # no reviewed Japanese texts yet: English, never the Chinese texts
        assert not _HAN.search(_own_words(out["reply"])), out["reply"]
        assert detect_language(_own_words(out["reply"])) == "en"
    assert re.search(r"are you thinking about suicide", first["reply"], re.I)
    flow = _values(companion, "ja")["crisis_flow"]
    assert flow["locale"] == "en"
    assert {"contacted", "present"} <= set(flow["steps"])


def test_a_kanji_only_message_in_a_japanese_conversation_is_japanese(
    companion: Companion,
) -> None:
    companion.send("最近、仕事がつらくて眠れないんです。", "ja-kanji")
    companion.send("今日本当疲", "ja-kanji")  # kanji only: Japanese or Chinese alone
    assert _values(companion, "ja-kanji")["screen"]["language"] == "ja"
    companion.send("我今天很累", "zh-kanji")  # the same script with no Japanese before it
    assert _values(companion, "zh-kanji")["screen"]["language"] == "zh"


@pytest.mark.parametrize(
    ("session", "lines", "steps"),
    [
        (
            "nl",
            [
                "Ik heb een touw gekocht. Het ligt in mijn auto. Ik zie niet meer waarom ik nog "
                "door zou gaan.",
                "Ik heb mijn vriend Bram gebeld. Hij komt naar me toe, over een half uur is hij er.",
                "Het touw heb ik in de container bij de supermarkt gegooid. Voelde raar, maar goed.",
                "Ik drink een kop thee en kijk een serie.",
                "Weet jij een goede film voor vanavond?",
            ],
            {"contacted", "means_away"},
        ),
        (
            "tr",
            [
                "Kendimi öldürmek istiyorum. Elimde bir avuç ilaç var.",
                "İlaçları kutusuna geri koydum, kutuyu komşumuz Ayşe teyzeye verdim.",
                "Ablamı aradım, yarın sabah ilk otobüsle geliyor.",
                "Şimdi çay içiyorum, dizi izliyorum.",
                "Sence hangi diziyi izlemeliyim?",
            ],
            {"contacted"},
        ),
        (
            "hi-Latn",
            [
                "Maine abhi khud ko cut kiya, khoon ruk nahi raha. Haath kaanp rahe hain.",
                "Didi ko call kiya. Wo hostel ke bahar aa gayi hai, hum neeche baithe hain.",
                "Urge ab kaafi kam hai. Didi ne bola kal college counsellor ke paas saath chalegi.",
                "Thanks yaar, sach mein. Aaj akeli hoti toh pata nahi kya karti.",
                "Accha ek baat batao, koi achhi movie suggest karo aaj raat ke liye.",
            ],
            {"contacted", "present"},
        ),
    ],
)
def test_a_post_crisis_conversation_without_texts_follows_up_in_english_and_returns(
    companion: Companion, session: str, lines: list[str], steps: set[str]
) -> None:
    outs = _talk(companion, session, lines)
    assert any(out["reply_meta"]["policy"] == "crisis" for out in outs[:2])
    values = _values(companion, session)
    assert values["screen"]["language"] == session
    for out in outs:
        own = _own_words(out["reply"])
        # English (no reviewed texts in this language), never a neighbour's texts
        assert detect_language(own) == "en", out["reply"]
        assert not re.search(r"[\u0900-\u097f]", own)
    flow = values["crisis_flow"]
    assert steps <= set(flow["steps"])
    assert flow["locale"] == "en"
    # the steps were read, the turns were quiet: back in the conversation
    assert has_returned(flow)
    assert outs[-1]["reply_meta"]["policy"] == "counselor"


def test_a_short_spanish_message_keeps_the_spanish_conversation_spanish(
    companion: Companion,
) -> None:
    outs = _talk(
        companion,
        "es",
        [
            "Son las tres de la mañana y tengo la cuchilla en la mano. No sé si voy a poder "
            "parar esta vez.",
            "Vale. La he metido en un cajón de la cocina y he vuelto a mi cuarto.",
            "Le he escrito a Lucía, mi mejor amiga. Me ha contestado enseguida.",
            "Creo que voy a intentar dormir. Gracias por quedarte conmigo.",
        ],
    )
    assert outs[0]["reply_meta"]["policy"] == "crisis"
    for out in outs:
        assert detect_language(_own_words(out["reply"])) == "es", out["reply"]
    # the Portuguese flow texts never appear in a Spanish conversation
    assert not re.search(r"\b(?:você|voce|agora|Descansar parece)\b", outs[3]["reply"])
