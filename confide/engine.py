"""The one seam for every model and store: :class:`Services`, built once per graph.

A caller swaps the chat model in one line (``build_graph(chat_model=...)``) and a test passes a
fake. Every model call made on behalf of an agent goes through :func:`structured_call` or
:func:`text_call`, which count calls, enforce a total deadline on the whole call (streaming
included, see :mod:`confide.deadline`), sanitise the answer, tag internal calls so they never
leak into any stream of the graph, and turn every failure into :class:`ModelError`
/ :class:`ParseError` so that callers can fail closed. No exception is re-raised as a test
hook: fakes fail loudly with a ``BaseException`` (:class:`confide.testing.FakeModelMisuse`).

No model call is visible to a stream consumer. Every call runs with the run's streaming
callback handlers removed (LangGraph's ``messages``/``tools`` handlers, ``astream_events`` and
``astream_log``), so neither its prompt nor its tokens nor its answer reach ``messages`` or
``astream_events``; tracers (LangSmith) still see it, under its parent run. A reply that should
stream hands its tokens to ``on_token`` instead, and the counselor passes them through the
guard sentence by sentence (:class:`confide.safety.streaming.ReplyPreview`).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from langchain_core.exceptions import OutputParserException
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.runnables import RunnableConfig
from pydantic import BaseModel, ValidationError

from confide.config import Settings
from confide.deadline import CallCancelled, current_deadline, run_with_deadline
from confide.errors import ModelError, ModelTimeoutError, ParseError
from confide.facts import FactsCache
from confide.sanitize import looks_like_json, sanitize_obj, sanitize_text

if TYPE_CHECKING:
    from confide.memory.store import MemoryStore
    from confide.safety.audit import AuditLog

T = TypeVar("T", bound=BaseModel)
R = TypeVar("R")

#: LangGraph leaves calls carrying this tag out of the ``messages`` stream (every call carries
#: it; the calls also run without any streaming handler, see :func:`_quiet_callbacks`).
NOSTREAM_TAG = "nostream"

#: Callback handlers that feed a stream consumer rather than a tracer, matched by class name
#: where the library gives no public base class to test against.
_STREAM_HANDLER_NAMES = frozenset(
    {
        "StreamMessagesHandler",
        "StreamMessagesHandlerV2",
        "StreamToolCallHandler",
        "_AstreamEventsCallbackHandler",
        "LogStreamCallbackHandler",
    }
)

EscalationHook = Callable[[dict[str, Any]], None]

#: The calls counter of the node running in this context (see :func:`counting_calls`).
_NODE_CALLS: ContextVar[list[int] | None] = ContextVar("confide_node_calls", default=None)


@contextmanager
def counting_calls() -> Iterator[list[int]]:
    """Count the model calls made in this context (a node's run): ``box[0]`` when done.

    Every call :class:`CallStats` records (answered, failed or abandoned, as the process-wide
    statistics count it) is counted; the graph adds each node's count to the turn's
    ``llm_calls`` channel (:func:`confide.facts.count_calls`).
    """
    box = [0]
    token = _NODE_CALLS.set(box)
    try:
        yield box
    finally:
        _NODE_CALLS.reset(token)


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
        box = _NODE_CALLS.get()
        if box is not None:
            box[0] += 1
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
    #: Per-turn facts shared by the nodes (the user message's sentence vectors), process-local.
    facts: FactsCache = field(default_factory=FactsCache)
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
        return _clean_model(schema, schema.model_validate(json.loads(match.group(0))))
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, ValidationError, depth
        raise ParseError(f"model answer does not fit {schema.__name__}: {exc}") from exc


def _clean_model(schema: type[T], value: T) -> T:
    """Sanitise every string of a parsed answer (control chars, escapes, lone surrogates)."""
    data = value.model_dump()
    clean = sanitize_obj(data)
    if clean == data:
        return value
    try:
        return schema.model_validate(clean)
    except ValidationError as exc:
        raise ParseError(f"sanitised answer does not fit {schema.__name__}: {exc}") from exc


#: Raised by the OpenAI client's parse helpers (json_mode/json_schema) when the answer was cut
#: at the token limit or filtered; matched by name so the offline engine never imports openai.
_ANSWER_ERRORS = frozenset({"LengthFinishReasonError", "ContentFilterFinishReasonError"})


def _is_answer_error(exc: BaseException) -> bool:
    """True when ``exc`` reports an unusable answer rather than a failed call.

    Malformed bodies and schema violations surface from the clients as parser, validation,
    value, lookup, type or assertion errors (the OpenAI client asserts on some malformed
    structured answers); all of them mean "the endpoint answered, but not usably".
    """
    if isinstance(
        exc,
        (
            OutputParserException,
            ValueError,  # JSONDecodeError, ValidationError, UnicodeError
            AssertionError,
            LookupError,
            TypeError,
            AttributeError,
            RecursionError,
        ),
    ):
        return True
    return any(cls.__name__ in _ANSWER_ERRORS for cls in type(exc).__mro__)


def _bounded(services: Services, name: str, work: Callable[[threading.Event], R]) -> R:
    """Run one model call within the current deadline, mapping every failure to ModelError.

    Only ``Exception`` is mapped: a ``BaseException`` (Ctrl-C, or a test fake's loud
    :class:`confide.testing.FakeModelMisuse`) passes through untouched.
    """
    deadline = current_deadline()
    budget = services.settings.turn_deadline_s
    left = budget if deadline is None else min(budget, deadline - time.monotonic())
    try:
        return run_with_deadline(work, left, name)
    except ModelTimeoutError as exc:
        if "not called" not in str(exc):
            services.stats.record(None, failed=True)
            services._trip()  # a hang or a trickle: skip the model for the breaker window
        raise
    except ModelError:
        services.stats.record(None, failed=True)  # e.g. a cut stream: the transport failed
        services._trip()
        raise
    except Exception as exc:
        if _is_answer_error(exc):
            # The endpoint answered, but the answer was malformed, cut or filtered: a bad
            # answer (ParseError), not a dead endpoint, so the breaker stays closed.
            services.stats.record(None)
            raise ParseError(f"{name}: unusable answer: {type(exc).__name__}: {exc}") from exc
        services.stats.record(None, failed=True)
        services._trip()
        raise ModelError(f"{name}: model call failed: {type(exc).__name__}: {exc}") from exc


def _stream_handler_types() -> tuple[type, ...]:
    """langchain-core's markers of streaming handlers (private: absent, the names decide)."""
    try:
        from langchain_core.tracers._streaming import (
            _StreamingCallbackHandler,
            _V2StreamingCallbackHandler,
        )
    except ImportError:  # pragma: no cover - another langchain-core
        return ()
    return (_StreamingCallbackHandler, _V2StreamingCallbackHandler)


_STREAM_HANDLER_TYPES: tuple[type, ...] = _stream_handler_types()


def _is_stream_handler(handler: object) -> bool:
    """True for a handler that forwards a run's data to a stream consumer."""
    if _STREAM_HANDLER_TYPES and isinstance(handler, _STREAM_HANDLER_TYPES):
        return True
    return any(cls.__name__ in _STREAM_HANDLER_NAMES for cls in type(handler).__mro__)


def _quiet_callbacks() -> Any:
    """The current run's callbacks without its streaming handlers (a copy; None if none).

    Model calls inherit the node's callbacks through the context; passing this copy instead
    keeps tracers and the parent run while no stream (``messages``, ``astream_events``,
    ``astream_log``, ``tools``) ever sees the call.
    """
    from langchain_core.callbacks.base import BaseCallbackManager
    from langchain_core.runnables.config import var_child_runnable_config

    parent = var_child_runnable_config.get() or {}
    callbacks = parent.get("callbacks")
    if isinstance(callbacks, BaseCallbackManager):
        quiet = callbacks.copy()
        for handler in [*quiet.handlers, *quiet.inheritable_handlers]:
            if _is_stream_handler(handler):
                quiet.remove_handler(handler)
        return quiet
    if isinstance(callbacks, list):
        return [h for h in callbacks if not _is_stream_handler(h)]
    return None


def _config(name: str, tags: list[str]) -> RunnableConfig:
    config: RunnableConfig = {"tags": tags, "run_name": f"confide.{name}"}
    quiet = _quiet_callbacks()
    # an empty list, not None: None would let the run's own (streaming) callbacks back in
    config["callbacks"] = quiet if quiet is not None else []
    return config


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
    The call is bounded by the node's total deadline (:mod:`confide.deadline`), and every
    string of the answer is sanitised before anyone sees it.
    """
    model = services.chat_model
    if model is None:
        raise ModelError("no chat model configured")
    if not services.model_available():
        raise ModelError(f"{name}: model unavailable (recent failure); using the offline path")
    method = services.settings.structured_method
    config = _config(name, [NOSTREAM_TAG, f"confide:{name}"])

    def work(cancel: threading.Event) -> Any:
        runnable = model.with_structured_output(schema, method=method, include_raw=True)
        return runnable.invoke(list(messages), config=config)

    out = _bounded(services, name, work)
    raw = out.get("raw") if isinstance(out, dict) else None
    services.stats.record(raw if isinstance(raw, BaseMessage) else None)
    parsed = out.get("parsed") if isinstance(out, dict) else None
    if isinstance(parsed, schema):
        return _clean_model(schema, parsed)
    if isinstance(parsed, dict):
        try:
            return _clean_model(schema, schema.model_validate(parsed))
        except ValidationError:
            pass
    if isinstance(raw, AIMessage):
        for call in raw.tool_calls or []:
            try:
                return _clean_model(schema, schema.model_validate(call.get("args", {})))
            except ValidationError:
                continue
        try:
            content = raw.content if isinstance(raw.content, str) else json.dumps(raw.content)
        except (TypeError, ValueError) as exc:
            raise ParseError(f"{name}: unreadable structured answer") from exc
        return _parse_json_into(schema, sanitize_text(content))
    raise ParseError(f"{name}: unparsable structured answer")


def _is_openai_client(model: BaseChatModel) -> bool:
    """OpenAI-compatible streams end with a finish reason; other models may not report one."""
    return any(cls.__name__ == "BaseChatOpenAI" for cls in type(model).__mro__)


def text_call(
    services: Services,
    messages: Sequence[BaseMessage],
    *,
    name: str,
    on_token: Callable[[str], None] | None = None,
) -> str:
    """Plain prose completion; with ``on_token`` the answer is streamed to that callback.

    The tokens go to ``on_token`` (called in the call's worker thread, never after the call
    was abandoned), not to any stream of the graph: the caller decides what may be shown
    (the counselor passes them through the guard). The answer is sanitised; an empty answer,
    a stream that was cut (no finish reason) and an answer that is a JSON document rather
    than prose raise ModelError/ParseError.
    """
    model = services.chat_model
    if model is None:
        raise ModelError("no chat model configured")
    if not services.model_available():
        raise ModelError(f"{name}: model unavailable (recent failure); using the offline path")
    config = _config(name, [NOSTREAM_TAG, f"confide:{name}"])

    def work(cancel: threading.Event) -> BaseMessage:
        if on_token is None:
            return model.invoke(list(messages), config=config)
        total: AIMessageChunk | None = None
        for chunk in model.stream(list(messages), config=config):
            if cancel.is_set():
                raise CallCancelled(name)  # closing the generator closes the response
            total = chunk if total is None else total + chunk
            if isinstance(chunk.content, str) and chunk.content:
                on_token(chunk.content)
        if total is None:
            return AIMessage(content="")
        if _is_openai_client(model) and not total.response_metadata.get("finish_reason"):
            raise ModelError(f"{name}: the stream was cut before the answer finished")
        return total

    message = _bounded(services, name, work)
    services.stats.record(message)
    content = message.content
    text = (
        content
        if isinstance(content, str)
        else "".join(
            part.get("text", "") if isinstance(part, dict) else str(part) for part in content
        )
    )
    text = sanitize_text(text).strip()
    if not text:
        raise ModelError(f"{name}: empty answer")
    if looks_like_json(text):
        raise ParseError(f"{name}: the model answered with a JSON document, not prose")
    return text


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
        # per read; the whole call is bounded by the turn's deadline (confide.deadline)
        timeout=min(settings.timeout_s, settings.turn_deadline_s),
        max_retries=1,
        temperature=0.7,
        max_tokens=settings.max_tokens,
        # ChatOpenAI sends max_tokens as max_completion_tokens, which llama.cpp's and some
        # other OpenAI-compatible servers ignore; the classic field bounds them too.
        extra_body={"max_tokens": settings.max_tokens} if settings.base_url else None,
    )
