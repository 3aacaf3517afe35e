"""The one seam for every model and store: :class:`Services`, built once per graph.

A caller swaps the chat model in one line (``build_graph(chat_model=...)``) and a test passes a
fake. Every model call made on behalf of an agent goes through :func:`structured_call` or
:func:`text_call`, which count calls, enforce a timeout, tag internal calls so they never leak
into the user-facing ``messages`` stream, and turn every failure into :class:`ModelError` /
:class:`ParseError` so that callers can fail closed.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from langchain_core.exceptions import OutputParserException
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from pydantic import BaseModel, ValidationError

from confide.config import Settings
from confide.errors import ModelError, ParseError

if TYPE_CHECKING:
    from confide.memory.store import MemoryStore
    from confide.safety.audit import AuditLog

T = TypeVar("T", bound=BaseModel)

#: LangGraph leaves calls carrying this tag out of the ``messages`` stream.
NOSTREAM_TAG = "nostream"

EscalationHook = Callable[[dict[str, Any]], None]


@dataclass
class CallStats:
    """LLM call accounting for one process (thread-safe)."""

    calls: int = 0
    failures: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, message: BaseMessage | None, failed: bool = False) -> None:
        """Count one call and its token usage when the provider reports it."""
        with self._lock:
            self.calls += 1
            self.failures += int(failed)
            usage = getattr(message, "usage_metadata", None) if message is not None else None
            if usage:
                self.prompt_tokens += int(usage.get("input_tokens", 0))
                self.completion_tokens += int(usage.get("output_tokens", 0))


@dataclass
class Services:
    """Everything the agents need besides state and context.

    ``chat_model`` is None in the offline engine. ``memory`` is None when memory is disabled
    or failed to open; agents must then work without it.
    """

    settings: Settings
    chat_model: BaseChatModel | None = None
    memory: MemoryStore | None = None
    audit: AuditLog | None = None
    on_escalation: EscalationHook | None = None
    stats: CallStats = field(default_factory=CallStats)
    #: Circuit breaker: after a transport failure, skip the model until this time (unix s),
    #: so one dead endpoint costs one timeout per turn window, not one per agent.
    model_down_until: float = 0.0
    breaker_seconds: float = 30.0

    def model_available(self) -> bool:
        """False while the circuit breaker is open after a model failure."""
        return self.chat_model is not None and time.time() >= self.model_down_until

    def _trip(self) -> None:
        self.model_down_until = time.time() + self.breaker_seconds

    @property
    def engine(self) -> str:
        """``"llm"`` when a chat model is present, else ``"offline"``."""
        return "llm" if self.chat_model is not None else "offline"

    @property
    def model_name(self) -> str:
        """A readable name of the active model ("offline" for the offline engine)."""
        if self.chat_model is None:
            return "offline"
        for attr in ("model_name", "model", "model_id"):
            value = getattr(self.chat_model, attr, None)
            if isinstance(value, str) and value:
                return value
        return type(self.chat_model).__name__


_JSON_BLOCK = re.compile(r"\{.*\}", re.DOTALL)


def _parse_json_into(schema: type[T], text: str) -> T:
    """Parse the first JSON object in ``text`` into ``schema`` or raise ParseError."""
    match = _JSON_BLOCK.search(text or "")
    if not match:
        raise ParseError(f"no JSON object in model answer for {schema.__name__}")
    try:
        return schema.model_validate(json.loads(match.group(0)))
    except (json.JSONDecodeError, ValidationError) as exc:
        raise ParseError(f"model answer does not fit {schema.__name__}: {exc}") from exc


#: Raised by the OpenAI client's parse helpers (json_mode/json_schema) when the answer was cut
#: at the token limit or filtered; matched by name so the offline engine never imports openai.
_ANSWER_ERRORS = frozenset({"LengthFinishReasonError", "ContentFilterFinishReasonError"})


def _is_answer_error(exc: BaseException) -> bool:
    """True when ``exc`` reports an unusable answer rather than a failed call."""
    if isinstance(exc, OutputParserException):
        return True
    return any(cls.__name__ in _ANSWER_ERRORS for cls in type(exc).__mro__)


def structured_call(
    services: Services,
    schema: type[T],
    messages: Sequence[BaseMessage],
    *,
    name: str,
) -> T:
    """Ask the chat model for ``schema``; raise ModelError/ParseError on any failure.

    The method (json_schema, function_calling, json_mode) is configurable because many local
    servers lack json_schema support. When the structured parser fails, the raw answer is
    searched for a JSON object; if that fails too, ParseError is raised (callers fail closed).
    """
    model = services.chat_model
    if model is None:
        raise ModelError("no chat model configured")
    if not services.model_available():
        raise ModelError(f"{name}: model unavailable (recent failure); using the offline path")
    method = services.settings.structured_method
    try:
        runnable = model.with_structured_output(schema, method=method, include_raw=True)
        out = runnable.invoke(
            list(messages),
            config={"tags": [NOSTREAM_TAG, f"confide:{name}"], "run_name": f"confide.{name}"},
        )
    except AssertionError:
        raise  # a test fake's loud failure (e.g. called more often than scripted) stays loud
    except Exception as exc:  # any provider/network error becomes a ModelError
        if _is_answer_error(exc):
            # The endpoint answered, but the answer was cut at the token limit or filtered:
            # a bad answer (ParseError), not a dead endpoint, so the breaker stays closed.
            services.stats.record(None)
            raise ParseError(f"{name}: unusable structured answer: {exc}") from exc
        services.stats.record(None, failed=True)
        services._trip()
        raise ModelError(f"{name}: model call failed: {exc}") from exc
    raw = out.get("raw") if isinstance(out, dict) else None
    services.stats.record(raw if isinstance(raw, BaseMessage) else None)
    parsed = out.get("parsed") if isinstance(out, dict) else None
    if isinstance(parsed, schema):
        return parsed
    if isinstance(parsed, dict):
        try:
            return schema.model_validate(parsed)
        except ValidationError:
            pass
    if isinstance(raw, AIMessage):
        for call in raw.tool_calls or []:
            try:
                return schema.model_validate(call.get("args", {}))
            except ValidationError:
                continue
        content = raw.content if isinstance(raw.content, str) else json.dumps(raw.content)
        return _parse_json_into(schema, content)
    raise ParseError(f"{name}: unparsable structured answer")


def text_call(
    services: Services,
    messages: Sequence[BaseMessage],
    *,
    name: str,
    stream: bool = False,
) -> str:
    """Plain text completion; ``stream=True`` lets the tokens reach the ``messages`` stream."""
    model = services.chat_model
    if model is None:
        raise ModelError("no chat model configured")
    if not services.model_available():
        raise ModelError(f"{name}: model unavailable (recent failure); using the offline path")
    tags = [f"confide:{name}"] + ([] if stream else [NOSTREAM_TAG])
    try:
        message = model.invoke(list(messages), config={"tags": tags, "run_name": f"confide.{name}"})
    except AssertionError:
        raise  # a test fake's loud failure stays loud
    except Exception as exc:
        services.stats.record(None, failed=True)
        services._trip()
        raise ModelError(f"{name}: model call failed: {exc}") from exc
    services.stats.record(message)
    content = message.content
    text = (
        content
        if isinstance(content, str)
        else "".join(
            part.get("text", "") if isinstance(part, dict) else str(part) for part in content
        )
    )
    if not text.strip():
        raise ModelError(f"{name}: empty answer")
    return text.strip()


def make_chat_model(settings: Settings) -> BaseChatModel:
    """The default provider: any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, llama.cpp).

    Imported lazily so the offline engine never loads the OpenAI client.
    """
    from langchain_openai import ChatOpenAI
    from pydantic import SecretStr

    return ChatOpenAI(
        model=settings.model,
        base_url=settings.base_url,
        # local servers accept any key; never send a real one unless the user configured it
        api_key=SecretStr(settings.api_key or "not-needed"),
        timeout=settings.timeout_s,
        max_retries=1,
        temperature=0.7,
        max_tokens=settings.max_tokens,
        # ChatOpenAI sends max_tokens as max_completion_tokens, which llama.cpp's and some
        # other OpenAI-compatible servers ignore; the classic field bounds them too.
        extra_body={"max_tokens": settings.max_tokens} if settings.base_url else None,
    )
