import pytest
from langchain_core.messages import HumanMessage
from pydantic import BaseModel

from confide.config import load_settings
from confide.engine import Services, structured_call, text_call
from confide.errors import ModelError, ParseError
from confide.testing import ScriptedChatModel, ScriptExhaustedError


class Verdict(BaseModel):
    level: str
    reason: str


def _services(script: list[object]) -> Services:
    return Services(settings=load_settings(), chat_model=ScriptedChatModel(script=script))


def test_structured_call_parses_and_counts() -> None:
    s = _services([{"level": "low", "reason": "passive wish"}])
    out = structured_call(s, Verdict, [HumanMessage(content="hi")], name="t")
    assert out == Verdict(level="low", reason="passive wish")
    assert s.stats.calls == 1


def test_json_embedded_in_prose_is_recovered() -> None:
    s = _services(['Sure! {"level": "none", "reason": "figurative"} hope that helps'])
    out = structured_call(s, Verdict, [HumanMessage(content="hi")], name="t")
    assert out.level == "none"


def test_unparsable_answer_raises_parse_error() -> None:
    s = _services(["I cannot answer that in JSON."])
    with pytest.raises(ParseError):
        structured_call(s, Verdict, [HumanMessage(content="hi")], name="t")


def test_provider_failure_opens_the_breaker() -> None:
    s = _services([ConnectionError("refused"), "never reached"])
    with pytest.raises(ModelError, match="refused"):
        text_call(s, [HumanMessage(content="hi")], name="t")
    with pytest.raises(ModelError, match="unavailable"):
        text_call(s, [HumanMessage(content="hi")], name="t")
    assert s.chat_model is not None
    assert len(s.chat_model.calls) == 1  # type: ignore[attr-defined]


def test_fake_fails_loudly_when_over_called() -> None:
    s = _services([])
    with pytest.raises(ScriptExhaustedError):
        text_call(s, [HumanMessage(content="hi")], name="t")
