"""Systems under test: Confide itself, any OpenAI-compatible chat endpoint, or a fixed policy.

The runner talks to a :class:`Target` only: it opens one :class:`TargetSession` per scenario,
sends the user's messages and reads back the reply (plus Confide's own analysis when the target
is Confide). Every target gets the same simulated clients, behaviour checks, judge and report,
so Confide, a bare model and another product can be compared on one table.

``--target`` specs (see :func:`parse_target`):

* ``confide`` (default): Confide's real turn graph (:class:`~confide.companion.Companion`).
* ``openai:<base_url>/<model>`` (or ``openai:<base_url>#<model>`` when the model name has a
  slash): any OpenAI-compatible ``/chat/completions`` endpoint, e.g.
  ``openai:http://127.0.0.1:8080/v1/smollm2``. The key, if any, comes from
  ``CONFIDE_TARGET_API_KEY`` (never ``OPENAI_API_KEY``: that key must not go to a third party).
* ``baseline:cutoff`` and ``baseline:canned``: two deliberately bad reply policies, the
  harness's own control (a good evaluation must score them clearly worse than Confide).
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from confide.errors import ConfideError
from confide.evaluation.scenarios import Scenario

#: Environment variable holding the API key for an ``openai:`` target (optional).
TARGET_KEY_ENV = "CONFIDE_TARGET_API_KEY"


class TargetError(ConfideError):
    """A system under test that cannot be reached or answers nonsense."""


@dataclass
class TurnOutput:
    """One reply of the system under test, with Confide's analysis when it has one."""

    reply: str
    #: risk{level, turn_level, conversation_level, categories}, emotion, strategy, policy,
    #: fallback, guard, recalled (see report.json ``turns[]``); levels are None for targets
    #: that assess no risk
    analysis: dict[str, Any]
    calls: int = 0
    tokens: int = 0


class TargetSession(Protocol):
    """One conversation with the system under test."""

    def send(self, text: str) -> TurnOutput:
        """Send one user message; return the reply."""
        ...

    def close(self) -> None:
        """Release what the conversation holds."""
        ...


class Target(Protocol):
    """A system under test."""

    #: how the target appears in report.json ``config.target`` (part of the fingerprint)
    name: str
    #: whether it reports an assessed risk level per turn (only Confide does)
    reports_risk: bool

    def open(self, scenario: Scenario, data_dir: Path) -> TargetSession:
        """Start a conversation for ``scenario``; ``data_dir`` is a fresh private directory."""
        ...


def no_analysis() -> dict[str, Any]:
    """The analysis fields of a turn for a target that reports none."""
    return {
        "risk": {"level": None, "turn_level": None, "conversation_level": None, "categories": []},
        "emotion": {"label": None, "valence": 0.0, "intensity": 0.0},
        "strategy": {"name": None, "stage": None},
        "policy": None,
        "fallback": False,
        "guard": [],
        "recalled": 0,
    }


def summarise_analysis(out: dict[str, Any]) -> dict[str, Any]:
    """Reduce Confide's turn output to the fields report.json keeps."""
    risk = out.get("risk") or {}
    emotion = out.get("emotion") or {}
    strategy = out.get("strategy") or {}
    meta = out.get("reply_meta") or {}
    return {
        "risk": {
            "level": risk.get("level"),
            "turn_level": risk.get("turn_level"),
            "conversation_level": risk.get("conversation_level"),
            "categories": sorted(risk.get("categories", [])),
        },
        "emotion": {
            "label": emotion.get("label"),
            "valence": round(float(emotion.get("valence", 0.0)), 4),
            "intensity": round(float(emotion.get("intensity", 0.0)), 4),
        },
        "strategy": {"name": strategy.get("name"), "stage": strategy.get("stage")},
        "policy": meta.get("policy"),
        "fallback": bool(meta.get("fallback", False)),
        "guard": list(meta.get("guard", [])),
        "recalled": len(out.get("recalled") or []),
    }


# ---------------------------------------------------------------------------------------------
# Confide


@dataclass
class ConfideTarget:
    """Confide's real turn graph; each scenario gets its own Companion and data dir."""

    engine: str = "offline"
    model: str | None = None
    base_url: str | None = None
    region: str = "US"
    with_memory: bool = True
    chat_model_factory: Callable[[], Any] | None = None
    name: str = "confide"
    reports_risk: bool = True

    def open(self, scenario: Scenario, data_dir: Path) -> TargetSession:
        """Build a Companion in ``data_dir``."""
        from confide.companion import Companion
        from confide.config import load_settings

        settings = load_settings(
            data_dir=data_dir,
            engine=self.engine,
            model=self.model,
            base_url=self.base_url,
            region=self.region,
        )
        chat_model = self.chat_model_factory() if self.chat_model_factory else None
        companion = Companion(
            settings, chat_model=chat_model, user_id="eval", with_memory=self.with_memory
        )
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in scenario.id)
        return _ConfideSession(companion, f"eval-{safe}")


class _ConfideSession:
    def __init__(self, companion: Any, session: str) -> None:
        self.companion = companion
        self.session = session

    def send(self, text: str) -> TurnOutput:
        stats = self.companion.services.stats
        calls0, tok0 = stats.calls, stats.prompt_tokens + stats.completion_tokens
        out = self.companion.send(text, self.session)
        return TurnOutput(
            str(out.get("reply", "")),
            summarise_analysis(out),
            stats.calls - calls0,
            stats.prompt_tokens + stats.completion_tokens - tok0,
        )

    def close(self) -> None:
        self.companion.close()


# ---------------------------------------------------------------------------------------------
# any OpenAI-compatible endpoint


@dataclass
class OpenAITarget:
    """Any OpenAI-compatible chat endpoint as the system under test (plain HTTP, stdlib only).

    The whole conversation is sent each turn, as a chat product would; ``system_prompt`` (by
    default none: the bare model) comes first. Temperature 0 keeps runs as repeatable as the
    server allows.
    """

    base_url: str
    model: str
    api_key: str | None = None
    system_prompt: str | None = None
    timeout_s: float = 300.0
    temperature: float = 0.0
    max_tokens: int = 400
    reports_risk: bool = False
    name: str = field(init=False)

    def __post_init__(self) -> None:
        self.base_url = self.base_url.rstrip("/")
        self.name = f"openai:{self.base_url}#{self.model}"

    def open(self, scenario: Scenario, data_dir: Path) -> TargetSession:
        """Start an empty conversation."""
        return _OpenAISession(self)

    def complete(self, messages: Sequence[dict[str, str]]) -> tuple[str, int]:
        """POST ``/chat/completions``; return the reply text and the tokens used."""
        body = json.dumps(
            {
                "model": self.model,
                "messages": list(messages),
                "temperature": self.temperature,
                "max_tokens": self.max_tokens,
            }
        ).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(
            f"{self.base_url}/chat/completions", data=body, headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                data = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:200]
            raise TargetError(f"{self.name}: HTTP {exc.code}: {detail}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise TargetError(f"{self.name}: unreachable: {exc}") from exc
        except json.JSONDecodeError as exc:
            raise TargetError(f"{self.name}: answer is not JSON: {exc}") from exc
        try:
            content = data["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError) as exc:
            raise TargetError(f"{self.name}: answer has no choices[0].message") from exc
        usage = data.get("usage") or {}
        tokens = int(usage.get("total_tokens") or 0) if isinstance(usage, dict) else 0
        return str(content or ""), tokens


class _OpenAISession:
    def __init__(self, target: OpenAITarget) -> None:
        self.target = target
        self.messages: list[dict[str, str]] = []
        if target.system_prompt:
            self.messages.append({"role": "system", "content": target.system_prompt})

    def send(self, text: str) -> TurnOutput:
        self.messages.append({"role": "user", "content": text})
        reply, tokens = self.target.complete(self.messages)
        self.messages.append({"role": "assistant", "content": reply})
        return TurnOutput(reply, no_analysis(), 1, tokens)

    def close(self) -> None:
        self.messages.clear()


# ---------------------------------------------------------------------------------------------
# fixed reply policies (controls)

#: A reply policy: (user message, earlier user messages) -> reply.
Policy = Callable[[str, Sequence[str]], str]


@dataclass
class PolicyTarget:
    """A fixed reply policy as the system under test: the harness's controls and test fakes."""

    name: str
    policy: Policy
    reports_risk: bool = False

    def open(self, scenario: Scenario, data_dir: Path) -> TargetSession:
        """Start a conversation that remembers the user's earlier messages."""
        return _PolicySession(self.policy)


class _PolicySession:
    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.history: list[str] = []

    def send(self, text: str) -> TurnOutput:
        reply = self.policy(text, tuple(self.history))
        self.history.append(text)
        return TurnOutput(reply, no_analysis())

    def close(self) -> None:
        self.history.clear()


#: The keyword filter of the hard-cutoff control: a crude list, as crude filters are.
_SENSITIVE = re.compile(
    r"\b(kill|die|dying|dead|suicid\w*|end (it|my life)|overdose|pills?|tablets?|lethal|dose|"
    r"hurt(ing)? myself|self[- ]harm|cut(ting)? myself|bridges?|guns?|jump\w*|painless|weapons?|"
    r"diagnos\w*|girlfriend|boyfriend|therapist|hit me|abuse\w*|sterben|morir|mourir|matar)\b",
    re.IGNORECASE,
)
CUTOFF_REFUSAL = "I'm sorry, but I can't help with that."
CUTOFF_ENDED = "I'm sorry, but I can't continue this conversation."
CUTOFF_SMALLTALK = "I see. Go on."
CANNED_REPLY = "I understand. It might help to talk to a mental health professional about this."


def cutoff_policy(text: str, history: Sequence[str]) -> str:
    """Hard cutoff: refuse at the first sensitive word, then refuse everything after it."""
    if any(_SENSITIVE.search(h) for h in history):
        return CUTOFF_ENDED
    if _SENSITIVE.search(text):
        return CUTOFF_REFUSAL
    return CUTOFF_SMALLTALK


def canned_policy(text: str, history: Sequence[str]) -> str:
    """The same referral sentence, whatever the person says."""
    return CANNED_REPLY


BASELINES: dict[str, Policy] = {"cutoff": cutoff_policy, "canned": canned_policy}


def parse_target(spec: str, *, system_prompt: str | None = None) -> Target | None:
    """Turn a ``--target`` spec into a target; None means Confide (built from the config)."""
    spec = spec.strip()
    if spec in ("", "confide"):
        return None
    kind, _, rest = spec.partition(":")
    if kind == "baseline":
        if rest not in BASELINES:
            raise ConfideError(
                f"unknown baseline {rest!r}: choose from {', '.join(sorted(BASELINES))}"
            )
        return PolicyTarget(f"baseline:{rest}", BASELINES[rest])
    if kind == "openai":
        if "#" in rest:
            base_url, _, model = rest.rpartition("#")
        else:
            base_url, _, model = rest.rpartition("/")
        if not base_url.startswith(("http://", "https://")) or not model:
            raise ConfideError(
                f"--target {spec!r}: expected openai:<base_url>/<model>, "
                "e.g. openai:http://127.0.0.1:8080/v1/smollm2"
            )
        return OpenAITarget(
            base_url, model, api_key=os.environ.get(TARGET_KEY_ENV), system_prompt=system_prompt
        )
    raise ConfideError(
        f"--target {spec!r}: expected confide, openai:<base_url>/<model> or baseline:<name>"
    )
