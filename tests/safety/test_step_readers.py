"""The crisis flow's step readers for languages without reply texts (issue 13, locales).

Each reader pattern of each language has one message it must read and one near miss it must
not (the same words negated, in the future, or about something else). The steps are also read
through :func:`confide.safety.crisis_flow.read_steps`, with the conversation's language and
with English passed as the locale (the message's own language is detected then).
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from confide.errors import ContentError
from confide.safety.crisis_flow import _LANGS, fold, load_step_readers, read_steps

STEPS_FILE = resources.files("confide.safety").joinpath("content", "crisis_steps.yaml")

#: language -> pattern -> (a message it reads, a near miss it must not read)
CASES: dict[str, dict[str, tuple[str, str]]] = {
    "nl": {
        "means": (
            "Het touw heb ik in de container bij de supermarkt gegooid.",
            "Het touw ligt nog in mijn auto.",
        ),
        "contacted": ("Ik heb mijn vriend Bram gebeld.", "Ik wil mijn vriend bellen."),
        "present": ("Mijn zus is nu hier.", "Mijn zus woont ver weg."),
        "emergency": ("Ik heb 112 gebeld.", "Moet ik 112 bellen?"),
        "safe": ("Ik ben nu veilig.", "Ik weet niet of ik het red."),
        "calmer": ("Ik ben wel rustiger nu.", "Het wordt steeds erger."),
        "setback_intent": ("Ik ga het nu doen.", "Ik ga nu thee zetten."),
        "setback_unsafe": ("Ik voel me niet veilig.", "Ik voel me moe."),
        "alone": ("Hij is weg, ik ben weer alleen.", "Hij is er nog steeds."),
        "rest": ("Ik ga zo slapen.", "Ik kijk naar het journaal."),
    },
    "tr": {
        "means": ("İlaçları kutusuna geri koydum.", "Elimde bir avuç ilaç var."),
        "contacted": ("Ablamı aradım.", "Ablamı aramak istiyorum."),
        "present": ("Ablam şimdi yanımda.", "Ablam yarın gelecek."),
        "emergency": ("112'yi aradım.", "112'yi aramalı mıyım?"),
        "safe": ("Şu an güvendeyim.", "Çok yoruldum."),
        "calmer": ("Şimdi biraz rahatladım.", "Gittikçe kötüleşiyor."),
        "setback_intent": ("Şimdi yapacağım.", "Şimdi çay yapıyorum."),
        "setback_unsafe": ("Güvende değilim.", "Evdeyim."),
        "alone": ("O gitti, yine yalnızım.", "O burada kalıyor."),
        "rest": ("Biraz uyuyacağım.", "Kedim kanepeyi tırmalıyor."),
    },
    "it": {
        "means": ("Ho buttato via le pastiglie.", "Ho preso le pastiglie."),
        "contacted": ("Ho scritto a mia cugina Marta.", "Non ho scritto a nessuno."),
        "present": ("Mia sorella è qui con me.", "Mia sorella vive a Roma."),
        "emergency": ("Ho chiamato il 112.", "Devo chiamare il 112?"),
        "safe": ("Adesso sono al sicuro.", "Non so cosa fare."),
        "calmer": ("Mi sento più tranquilla.", "Mi sento peggio."),
        "setback_intent": ("Adesso lo faccio.", "Adesso mangio qualcosa."),
        "setback_unsafe": ("Non mi sento al sicuro.", "Mi sento stanca."),
        "alone": ("Se n'è andata, sono di nuovo sola.", "È ancora qui."),
        "rest": ("Provo a dormire.", "Sto ascoltando De André."),
    },
    "ru": {
        "means": ("Вылил остаток в раковину.", "Налил ещё стакан."),
        "contacted": ("Позвонила маме.", "Никому не звонила."),
        "present": ("Мама сейчас рядом.", "Мама живёт далеко."),
        "emergency": ("Я вызвал скорую.", "Скорую вызывать не буду."),
        "safe": ("Я сейчас в безопасности.", "Я на кухне."),
        "calmer": ("Как-то отпустило немного.", "Становится только хуже."),
        "setback_intent": ("Сегодня это сделаю.", "Сегодня пойду к врачу."),
        "setback_unsafe": ("Я не в безопасности.", "Я в комнате."),
        "alone": ("Она ушла, я снова одна.", "Она осталась у меня."),
        "rest": ("Пойду спать.", "Смотрю телевизор."),
    },
    "ar": {
        "means": ("رميت الحبوب في القمامة.", "الحبوب ما زالت في درجي."),
        "contacted": ("اتصلت بأمي.", "لا أريد أن أخبر أحداً."),
        "present": ("أختي الآن معي.", "أختي تعيش في مدينة أخرى."),
        "emergency": ("اتصلت بالإسعاف.", "هل يجب أن أتصل؟"),
        "safe": ("لا، لست في خطر الآن.", "أنا متعبة جداً."),
        "calmer": ("أشعر بهدوء غريب الآن.", "الأمر يزداد سوءاً."),
        "setback_intent": ("سأفعلها الليلة.", "سأنام الليلة عند أمي."),
        "setback_unsafe": ("لست بأمان.", "أنا في غرفتي."),
        "alone": ("ذهبت وتركتني.", "بقيت معي طوال الليل."),
        "rest": ("سأنام الآن.", "أشاهد التلفاز."),
    },
    "ja": {
        "means": ("薬は母に預けました。", "薬がまだ手元にあります。"),
        "contacted": ("彼氏に電話したら、迎えに来てくれるって。", "誰にも言えない。"),
        "present": ("来てくれた。今、二人でファミレスにいます。", "まだ誰も来ない。"),
        "emergency": ("救急車を呼んだ。", "救急車は呼びたくない。"),
        "safe": ("今は安全な場所にいます。", "今は駅にいます。"),
        "calmer": ("少し落ち着いた。", "どんどん苦しくなる。"),
        "setback_intent": ("今からやる。", "今から帰る。"),
        "setback_unsafe": ("安全じゃない。", "家にいる。"),
        "alone": ("彼は帰っちゃった。", "彼はまだここにいる。"),
        "rest": ("もう寝ます。", "アニメの話をしたい。"),
    },
    "ko": {
        "means": ("다리 밖으로 걸어 나왔어.", "지금 다리 위에 있어."),
        "contacted": ("형한테 연락했더니 데리러 온대.", "아무한테도 말 못 하겠어."),
        "present": ("친구 왔어요.", "친구는 내일 온대요."),
        "emergency": ("119에 전화했어.", "119에 전화해야 할까?"),
        "safe": ("지금은 안전해.", "지금은 편의점 앞이야."),
        "calmer": ("아까보다는 숨이 좀 쉬어져.", "점점 더 힘들어."),
        "setback_intent": ("지금 뛰어내릴 거야.", "지금 라면 먹을 거야."),
        "setback_unsafe": ("안전하지 않아.", "집에 있어."),
        "alone": ("또 혼자야.", "친구랑 같이 있어."),
        "rest": ("오늘은 친구 집에서 자기로 했어요.", "라면 끓이는 중이야."),
    },
    "hi-Latn": {
        "means": ("Theek hai, neeche aa gaya.", "Abhi terrace pe hoon."),
        "contacted": ("Didi ko call kiya.", "Didi ko call nahi kiya."),
        "present": ("Wo hostel ke bahar aa gayi hai.", "Wo kal aayegi."),
        "emergency": ("Maine ambulance ko call kiya.", "Ambulance mat bulana."),
        "safe": ("Ab safe hoon.", "Pata nahi kya karun."),
        "calmer": ("Urge ab kaafi kam hai.", "Urge bahut zyada hai."),
        "setback_intent": ("Aaj raat khatam kar dunga.", "Aaj raat khana khaunga."),
        "setback_unsafe": ("Main safe nahi hoon.", "Main room mein hoon."),
        "alone": ("Wo chali gayi.", "Wo yahin baithi hai."),
        "rest": ("Ab so jaungi.", "Bhai kahaniyan suna raha hai."),
    },
}

#: Step patterns and the step :func:`read_steps` reports for them.
STEP_OF = {
    "means": "means_away",
    "contacted": "contacted",
    "present": "present",
    "emergency": "emergency",
    "safe": "safe",
}

PAIRS = [
    (lang, name, pos, neg) for lang, table in CASES.items() for name, (pos, neg) in table.items()
]


@pytest.mark.parametrize(("lang", "name", "positive", "negative"), PAIRS)
def test_each_reader_pattern_reads_its_example_and_not_the_near_miss(
    lang: str, name: str, positive: str, negative: str
) -> None:
    pattern = getattr(_LANGS[lang], name)
    assert pattern.search(fold(positive)), (lang, name, positive)
    assert not pattern.search(fold(negative)), (lang, name, negative)


@pytest.mark.parametrize(
    ("lang", "name", "positive", "negative"), [p for p in PAIRS if p[1] in STEP_OF]
)
@pytest.mark.parametrize("locale_given", ["conversation", "en"])
def test_read_steps_reports_the_step(
    lang: str, name: str, positive: str, negative: str, locale_given: str
) -> None:
    locale = lang if locale_given == "conversation" else "en"
    assert STEP_OF[name] in read_steps(positive, locale).steps, (lang, positive)
    assert STEP_OF[name] not in read_steps(negative, locale).steps, (lang, negative)


def test_every_new_language_has_every_reader() -> None:
    for lang, table in CASES.items():
        assert set(table) == {
            *STEP_OF,
            "calmer",
            "setback_intent",
            "setback_unsafe",
            "alone",
            "rest",
        }
        assert lang in _LANGS


@pytest.mark.parametrize(
    ("lang", "negated"),
    [
        ("nl", "Ik heb mijn zus niet gebeld."),
        ("it", "Non ho chiamato mia sorella."),
        ("ru", "Нет, не позвонила маме."),
        ("ar", "لم أتصل بأمي."),
        ("tr", "Ablamı aramadım."),
        ("ko", "엄마한테 전화 안 했어."),
        ("ja", "母に電話してない。"),
        ("hi-Latn", "Didi ko call nahi kiya."),
    ],
)
def test_a_negated_contact_is_not_a_step(lang: str, negated: str) -> None:
    assert "contacted" not in read_steps(negated, lang).steps


def test_a_negation_in_an_earlier_sentence_does_not_undo_a_step() -> None:
    reading = read_steps("Не прыгнула. Позвонила маме, она приехала.", "ru")
    assert {"contacted", "present"} <= set(reading.steps)


def test_a_person_is_said_back_only_in_the_reply_language() -> None:
    # Dutch has no reply texts: the reply is English, so "je vriend" must not be said back
    dutch = read_steps("Ik heb mijn vriend Bram gebeld.", "nl")
    assert "contacted" in dutch.steps and dutch.person == ""
    assert dutch.who == "mijn vriend"  # their own words, for the safety plan
    # Spanish has texts: said back in Spanish; an English reply does not get "tu hermano"
    assert read_steps("Le escribí a mi hermano.", "es").person == "tu hermano"
    assert read_steps("Le escribí a mi hermano.", "en").person == ""
    assert read_steps("I texted my brother", "en").person == "your brother"


def test_the_readers_come_from_the_packaged_file() -> None:
    assert load_step_readers() == _LANGS
    assert list(_LANGS) == [
        *("en", "es", "fr", "de", "pt", "zh", "hi"),
        *("nl", "tr", "it", "ru", "ar", "ja", "ko", "hi-Latn"),
    ]
    # fragments are expanded, a list of alternatives is joined with |
    assert "{" + "NEG_EN}" not in _LANGS["en"].means.pattern
    assert _LANGS["en"].means.pattern.startswith("(?<!n't\\s)")
    assert _LANGS["en"].swaps == (("my ", "your "), ("our ", "your "))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "    rest: '\\b(?:sleep|",
            "    resting: '\\b(?:sleep|",
            "language 'en': unknown key(s) 'resting'",
        ),
        (
            "      - '{NEG_EN}\\b(?:put|",
            "      - '{NEG_ENN}\\b(?:put|",
            "language 'en': means: unknown fragment {NEG_ENN}",
        ),
        (
            "    negation: '\\b(?:not|",
            "    negation: '(\\b(?:not|",
            "language 'en': negation: the pattern does not compile",
        ),
        (
            "    swaps: [['my ', 'your '], ",
            "    swaps: [['my '], ",
            "language 'en': 'swaps' must be a list of [mine, yours] text pairs",
        ),
        (
            "  - name: NEVER\n",
            "  - name: never\n",
            "fragment 'never': a fragment name is upper case",
        ),
    ],
)
def test_a_malformed_readers_file_is_refused(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    text = STEPS_FILE.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    copy = tmp_path / "crisis_steps.yaml"
    copy.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(ContentError, match=re.escape(message)):
        load_step_readers(copy)
