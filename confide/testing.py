"""Fakes that fail loudly, for tests and for the safety metrics of the LLM engine.

:class:`ScriptedChatModel` is a real LangChain ``BaseChatModel``: it answers from a script
(or a responder function), records every call, supports ``with_structured_output`` with any
method, streams token by token, and raises when called more often than scripted. A safety test
gives the counselor an empty script to prove that it was never reached. Misuse raises
:class:`FakeModelMisuse`, a ``BaseException`` that the engine's fail-safe handling (which
catches ``Exception``) cannot turn into a fallback reply.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.runnables import Runnable, RunnableConfig, RunnableLambda
from pydantic import BaseModel, Field, PrivateAttr

Answer = str | dict[str, Any] | Exception
#: A responder gets (messages, schema name or None) and returns the answer.
Responder = Callable[[Sequence[BaseMessage], str | None], Answer]


class FakeModelMisuse(BaseException):
    """A fake model was used in a way its test did not script.

    A ``BaseException`` on purpose: production code turns every ``Exception`` of a model into
    a safe reply (the engine never re-raises a test hook), so a fake's loud failure must be
    something no ``except Exception`` can swallow. It ends the test like ``pytest.fail``.
    """


class ScriptExhaustedError(FakeModelMisuse):
    """The fake was called more often than its script allows."""


class UnexpectedCallError(FakeModelMisuse):
    """A responder was asked for something its test says must never be asked."""


class ScriptedChatModel(BaseChatModel):
    """A scripted chat model. ``script`` items are consumed in order; or use ``responder``.

    An item that is an ``Exception`` is raised (to simulate a provider failure); a ``dict``
    answers a structured call; a ``str`` answers a text call (or is parsed as JSON for a
    structured call, which lets tests feed unparsable answers).
    """

    script: list[Any] = Field(default_factory=list)
    responder: Any = None
    model_name: str = "scripted-fake"
    _calls: list[dict[str, Any]] = PrivateAttr(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted-fake"

    @property
    def calls(self) -> list[dict[str, Any]]:
        """Every call: {"kind": "text"|"structured", "schema": str|None, "messages": [...]}."""
        return self._calls

    def _next(self, messages: Sequence[BaseMessage], schema: str | None) -> Answer:
        self._calls.append(
            {
                "kind": "structured" if schema else "text",
                "schema": schema,
                "messages": [m.content for m in messages],
            }
        )
        if self.responder is not None:
            answer: Answer = self.responder(messages, schema)
        elif self.script:
            answer = self.script.pop(0)
        else:
            raise ScriptExhaustedError(
                f"ScriptedChatModel called more often than scripted (call {len(self._calls)},"
                f" schema={schema})"
            )
        if isinstance(answer, Exception):
            raise answer
        return answer

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        answer = self._next(messages, None)
        text = answer if isinstance(answer, str) else json.dumps(answer)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        answer = self._next(messages, None)
        text = answer if isinstance(answer, str) else json.dumps(answer)
        for i, word in enumerate(text.split(" ")):
            token = word if i == 0 else " " + word
            chunk = ChatGenerationChunk(message=AIMessageChunk(content=token))
            if run_manager:
                run_manager.on_llm_new_token(token, chunk=chunk)
            yield chunk

    def with_structured_output(
        self,
        schema: type[BaseModel] | dict[str, Any],
        *,
        include_raw: bool = False,
        **kwargs: Any,
    ) -> Runnable[Any, Any]:
        """Answer structured calls from the script, as the real providers do."""
        name = schema.__name__ if isinstance(schema, type) else str(schema.get("title"))

        def run(value: Any, config: RunnableConfig | None = None) -> Any:
            messages = value if isinstance(value, list) else [value]
            answer = self._next(messages, name)
            raw_text = answer if isinstance(answer, str) else json.dumps(answer)
            raw = AIMessage(content=raw_text)
            parsed: Any = None
            error: Exception | None = None
            try:
                data = json.loads(raw_text) if isinstance(answer, str) else answer
                parsed = schema.model_validate(data) if isinstance(schema, type) else data
            except Exception as exc:  # unparsable on purpose: the caller must fail closed
                error = exc
            if include_raw:
                return {"raw": raw, "parsed": parsed, "parsing_error": error}
            if error is not None:
                raise error
            return parsed

        return RunnableLambda(run)
