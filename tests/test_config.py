from pathlib import Path

import pytest

from confide.config import load_settings
from confide.errors import ConfigError


def test_defaults_are_offline_and_local(data_dir: Path) -> None:
    s = load_settings()
    assert s.resolved_engine == "offline"
    assert s.data_dir == data_dir
    assert not s.llm_configured


def test_precedence_argument_over_env_over_file(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('model = "from-file"\nregion = "uk"\nmode = "fused"\n')
    env = {"CONFIDE_MODEL": "from-env"}
    s = load_settings(config_path=cfg, environ=env)
    assert s.model == "from-env"
    assert s.region == "UK"
    assert s.mode == "fused"
    s2 = load_settings(config_path=cfg, environ=env, model="from-arg")
    assert s2.model == "from-arg"


def test_llm_engine_switches_on_with_an_endpoint(tmp_path: Path) -> None:
    s = load_settings(
        config_path=tmp_path / "none.toml", environ={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}
    )
    assert s.resolved_engine == "llm"
    forced = load_settings(
        config_path=tmp_path / "none.toml", environ={"OPENAI_BASE_URL": "x"}, engine="offline"
    )
    assert forced.resolved_engine == "offline"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("engine = 'gpt'", "engine must be one of"),
        ("nonsense = 1", "unknown keys"),
        ("x = [", "not valid TOML"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_settings(config_path=cfg, environ={})


def test_reply_length_bound_reaches_openai_compatible_servers(tmp_path: Path) -> None:
    from confide.engine import make_chat_model

    s = load_settings(
        config_path=tmp_path / "none.toml",
        environ={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "CONFIDE_MAX_TOKENS": "200"},
    )
    model = make_chat_model(s)
    assert s.max_tokens == 200
    assert model.max_tokens == 200  # type: ignore[attr-defined]
    assert model.extra_body == {"max_tokens": 200}  # type: ignore[attr-defined]
