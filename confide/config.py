"""Settings: explicit argument > environment > config file > default.

Environment variables: ``CONFIDE_DATA_DIR``, ``CONFIDE_ENGINE`` (auto|offline|llm),
``CONFIDE_MODEL``, ``OPENAI_BASE_URL``, ``OPENAI_API_KEY``, ``CONFIDE_REGION``,
``CONFIDE_MODE`` (agent|fused), ``CONFIDE_STRUCTURED_METHOD``
(json_schema|function_calling|json_mode), ``CONFIDE_CRISIS_DEADLINE`` and
``CONFIDE_TURN_DEADLINE`` (seconds), ``CONFIDE_STRATEGY_HEAD`` (open|esconv; esconv is the
opt-in strategy head trained on ESConv, CC BY-NC 4.0), ``CONFIDE_CHECKPOINT_URL`` (a SQLite
file or ``postgresql://...``), ``CONFIDE_MEMORY_URL`` (a directory or ``http://host:port`` of a
Chroma server), ``CONFIDE_CONFIG`` (path of the config file).
The config file is TOML (``config.toml`` in the user config dir), keys as the field names.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

import platformdirs

from confide.errors import ConfigError

EngineChoice = Literal["auto", "offline", "llm"]
Mode = Literal["agent", "fused"]
StructuredMethod = Literal["json_schema", "function_calling", "json_mode"]
#: "open": the Apache-2.0 strategy head (default); "esconv": the opt-in head trained on ESConv,
#: whose file carries the CC BY-NC 4.0 licence (non-commercial use only).
StrategyHeadChoice = Literal["open", "esconv"]

_ENV = {
    "data_dir": "CONFIDE_DATA_DIR",
    "engine": "CONFIDE_ENGINE",
    "model": "CONFIDE_MODEL",
    "base_url": "OPENAI_BASE_URL",
    "api_key": "OPENAI_API_KEY",
    "region": "CONFIDE_REGION",
    "mode": "CONFIDE_MODE",
    "structured_method": "CONFIDE_STRUCTURED_METHOD",
    "user_id": "CONFIDE_USER",
    "theme": "CONFIDE_THEME",
    "max_tokens": "CONFIDE_MAX_TOKENS",
    "crisis_deadline_s": "CONFIDE_CRISIS_DEADLINE",
    "turn_deadline_s": "CONFIDE_TURN_DEADLINE",
    "strategy_head": "CONFIDE_STRATEGY_HEAD",
    "checkpoint_url": "CONFIDE_CHECKPOINT_URL",
    "memory_url": "CONFIDE_MEMORY_URL",
}


def is_server_url(value: str) -> bool:
    """True for a server URL (``scheme://...``); anything else is a local path."""
    return "://" in value


def default_data_dir() -> Path:
    """Per-user data directory (conversations, memories, audit log). Never leaves the machine."""
    return Path(platformdirs.user_data_dir("confide", appauthor=False))


def default_config_path() -> Path:
    """Per-user config file location."""
    return Path(platformdirs.user_config_dir("confide", appauthor=False)) / "config.toml"


@dataclass(frozen=True)
class Settings:
    """Resolved settings for one process."""

    data_dir: Path = field(default_factory=default_data_dir)
    engine: EngineChoice = "auto"
    model: str = "gpt-4o-mini"
    base_url: str | None = None
    api_key: str | None = None
    region: str = "US"
    mode: Mode = "agent"
    structured_method: StructuredMethod = "function_calling"
    user_id: str = "local"
    theme: str = "dark"
    timeout_s: float = 60.0
    #: Total time (s) a crisis turn may spend on model calls (risk check + acknowledgment);
    #: the fixed crisis text with the region's resources never waits longer.
    crisis_deadline_s: float = 5.0
    #: Total time (s) any other turn may spend on model calls; then the offline engine answers.
    turn_deadline_s: float = 45.0
    max_tokens: int = 512
    audit_include_text: bool = False
    retrieval_strategy: str = "semantic"  # chosen by recall@5, see README "Memory"
    strategy_head: StrategyHeadChoice = "open"
    #: Conversations: a SQLite file (default ``data_dir/conversations.sqlite``) or a
    #: ``postgresql://`` URL (see :mod:`confide.backends`).
    checkpoint_url: str | None = None
    #: Memories: a chromadb directory (default ``data_dir/memory``) or the ``http(s)://`` URL
    #: of a Chroma server.
    memory_url: str | None = None

    @property
    def llm_configured(self) -> bool:
        """An OpenAI-compatible endpoint is configured (key or base URL)."""
        return bool(self.api_key or self.base_url)

    @property
    def resolved_engine(self) -> Literal["offline", "llm"]:
        """The engine that will run: LLM when configured (or forced), else offline."""
        if self.engine == "offline":
            return "offline"
        if self.engine == "llm":
            return "llm"
        return "llm" if self.llm_configured else "offline"

    @property
    def checkpoint_path(self) -> Path:
        """SQLite file holding conversation checkpoints (unused with a PostgreSQL URL)."""
        if self.checkpoint_url and not is_server_url(self.checkpoint_url):
            return Path(self.checkpoint_url).expanduser()
        return self.data_dir / "conversations.sqlite"

    @property
    def memory_path(self) -> Path:
        """Chromadb PersistentClient directory (unused with a Chroma server URL)."""
        if self.memory_url and not is_server_url(self.memory_url):
            return Path(self.memory_url).expanduser()
        return self.data_dir / "memory"

    @property
    def audit_path(self) -> Path:
        """JSONL audit log of safety events."""
        return self.data_dir / "audit.jsonl"


_CHOICES: dict[str, tuple[str, ...]] = {
    "engine": ("auto", "offline", "llm"),
    "mode": ("agent", "fused"),
    "structured_method": ("json_schema", "function_calling", "json_mode"),
    "theme": ("dark", "light"),
    "strategy_head": ("open", "esconv"),
}


_URL_SCHEMES: dict[str, tuple[str, ...]] = {
    "checkpoint_url": ("postgresql", "postgres"),
    "memory_url": ("http", "https"),
}


def _coerce(name: str, value: Any) -> Any:
    if name == "data_dir":
        return Path(str(value)).expanduser()
    if name == "max_tokens":
        try:
            return int(value)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{name} must be an integer, got {value!r}") from exc
    if name in ("timeout_s", "crisis_deadline_s", "turn_deadline_s"):
        try:
            number = float(value)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{name} must be a number, got {value!r}") from exc
        if not 0 < number <= 3600:
            raise ConfigError(f"{name} must be between 0 and 3600 seconds, got {value!r}")
        return number
    if name == "audit_include_text":
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in ("1", "true", "yes", "on")
    if name == "region":
        return str(value).strip().upper()
    if name in _URL_SCHEMES:
        url = str(value).strip()
        scheme = url.split("://", 1)[0].lower() if is_server_url(url) else ""
        if scheme and scheme not in _URL_SCHEMES[name]:
            allowed = ", ".join(f"{s}://" for s in _URL_SCHEMES[name])
            raise ConfigError(f"{name} must be a local path or start with {allowed}")
        return url or None
    if name in _CHOICES and str(value) not in _CHOICES[name]:
        allowed = "|".join(_CHOICES[name])
        raise ConfigError(f"{name} must be one of {allowed}, got {value!r}")
    return None if value is None else str(value)


def load_settings(
    config_path: Path | None = None,
    environ: dict[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Resolve settings: explicit ``overrides`` > environment > config file > defaults."""
    env = dict(os.environ if environ is None else environ)
    path = config_path or Path(env.get("CONFIDE_CONFIG") or default_config_path())
    values: dict[str, Any] = {}
    known = {f.name for f in fields(Settings)}
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc
        unknown = set(data) - known
        if unknown:
            raise ConfigError(f"unknown keys in {path}: {', '.join(sorted(unknown))}")
        values.update(data)
    for name, var in _ENV.items():
        if env.get(var):
            values[name] = env[var]
    for name, value in overrides.items():
        if name not in known:
            raise ConfigError(f"unknown setting {name!r}")
        if value is not None:
            values[name] = value
    return replace(Settings(), **{k: _coerce(k, v) for k, v in values.items()})
