import jinja2
import pytest

from confide.prompts import Prompt, all_prompts, get_prompt


def test_every_shipped_prompt_has_id_and_version() -> None:
    prompts = all_prompts()
    for p in prompts:
        assert p.id and p.version
        assert get_prompt(p.id) is p


def test_missing_variable_fails_loudly() -> None:
    p = Prompt(id="x", version="1", text="Hello {{ name }}")
    assert p.render(name="Ana") == "Hello Ana"
    with pytest.raises(jinja2.UndefinedError):
        p.render()


def test_unknown_prompt_is_an_error() -> None:
    with pytest.raises(KeyError):
        get_prompt("does.not.exist")
