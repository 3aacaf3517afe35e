"""A small in-memory companion with the public Companion interface, for UI-only tests.

It shapes its events like the real graph (node updates, optional tokens, the final reply) and
can be told to fail, to stream tokens, or to wait mid-turn so that a test can stop it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from confide.config import Settings
from confide.errors import InputError

PLUTCHIK = ("joy", "trust", "fear", "surprise", "sadness", "disgust", "anger", "anticipation")


@dataclass(frozen=True)
class FakeEvent:
    kind: Literal["token", "node", "reply"]
    node: str = ""
    text: str = ""
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class FakeSession:
    session_id: str
    turns: int
    title: str


@dataclass
class FakeMessage:
    type: str
    content: str


def _emotion(turn: int, text: str, prev: float) -> dict[str, Any]:
    sad = any(w in text.lower() for w in ("sad", "worthless", "alone", "die", "kill"))
    vector = dict.fromkeys(PLUTCHIK, 0.0)
    vector["sadness" if sad else "joy"] = 0.7
    valence = -0.6 if sad else 0.4
    return {
        "turn": turn,
        "vector": vector,
        "label": "sadness" if sad else "joy",
        "secondary": [],
        "valence": valence,
        "arousal": 0.4,
        "intensity": 0.7,
        "ekman": "sadness" if sad else "joy",
        "shift": {
            "delta_prev": {},
            "delta_start": {},
            "valence_delta_prev": valence - prev,
            "valence_delta_start": 0.0,
            "trend": "stable",
            "summary": "sadness rising" if sad else "lighter than before",
        },
        "source": "fake",
    }


class FakeCompanion:
    """In-memory stand-in for ``confide.companion.Companion``."""

    def __init__(
        self,
        settings: Settings,
        *,
        tokens: bool = False,
        fail: Exception | None = None,
        gate: threading.Event | None = None,
        broken_risk: bool = False,
    ) -> None:
        self.settings = settings
        self.ended: list[str] = []
        self.tokens = tokens
        self.fail = fail
        self.gate = gate
        self.broken_risk = broken_risk
        self.closed = False
        self.forgotten = 0
        self._sessions: dict[str, list[dict[str, Any]]] = {}
        self._pending: dict[str, str] = {}
        self._seq = 0
        self.titles: dict[str, str] = {}
        self.regenerated = 0

    @property
    def engine(self) -> str:
        return self.settings.resolved_engine

    @property
    def model_name(self) -> str:
        return "offline" if self.engine == "offline" else self.settings.model

    @property
    def safety_status(self) -> str:
        return "ok: fake"

    def new_session_id(self) -> str:
        self._seq += 1
        return f"20260101-00000{self._seq}-fake{self._seq:02d}"

    def pending(self, session_id: str) -> bool:
        return session_id in self._pending

    def stream(self, text: str | None, session_id: str) -> Iterator[FakeEvent]:
        if text is None:
            if session_id not in self._pending:
                return
            text = self._pending[session_id]
        else:
            cleaned = text.strip()
            if not cleaned:
                raise InputError("the message is empty")
            if len(cleaned) > 20_000:
                raise InputError("the message is too long")
            text = cleaned
        self._pending[session_id] = text
        log = self._sessions.setdefault(session_id, [])
        turn = len(log) + 1
        prev = log[-1]["emotion"]["valence"] if log else 0.0
        if self.fail is not None:
            raise self.fail
        emotion = _emotion(turn, text, prev)
        high = "kill myself" in text.lower()
        risk = {
            "level": "high" if high else "none",
            "turn_level": "high" if high else "none",
            "conversation_level": "high" if high else "none",
            "categories": ["suicidal_ideation_active"] if high else [],
            "evidence": ["kill myself"] if high else [],
            "sources": ["screen"],
        }
        strategy = {
            "stage": "Comforting" if high else "Exploration",
            "name": "Reflection of Feelings" if high else "Question",
            "probs": {},
            "rationale": "fake rationale for the test",
            "source": "policy",
        }
        recalled = (
            [
                {
                    "id": "m1",
                    "text": "an earlier talk about exams",
                    "kind": "disclosure",
                    "session_id": "old",
                    "created_at": 0.0,
                    "emotion": {},
                    "salience": 0.5,
                    "score": 0.81,
                    "d_sem": 0.1,
                    "d_emo": 0.2,
                }
            ]
            if turn > 1
            else []
        )
        yield FakeEvent("node", "screen", data={"turn": turn})
        yield FakeEvent("node", "emotion", data={"emotion": emotion})
        if self.broken_risk:  # a malformed record: categories is not a list
            yield FakeEvent("node", "risk", data={"risk": {"level": "low", "categories": 5}})
        else:
            yield FakeEvent("node", "risk", data={"risk": risk})
        yield FakeEvent("node", "recall", data={"recalled": recalled})
        yield FakeEvent("node", "strategy", data={"strategy": strategy})
        reply = (
            "I'm really glad you told me. Are you safe right now? You can call or text 988."
            if high
            else f"It sounds like a lot is on your mind. You said: {text[:40]}. Tell me more?"
        )
        if self.tokens:
            for word in reply.split(" "):
                yield FakeEvent("token", "counselor", text=word + " ")
                if self.gate is not None:
                    self.gate.wait(5)
        meta = {
            "engine": "offline",
            "model": "offline",
            "policy": "crisis" if high else "counselor",
            "prompt_id": "",
            "prompt_version": "",
            "llm_calls": 0,
            "fallback": False,
            "notes": [],
            "guard": [],
        }
        # the reply node drafts and guards in one step: its update carries the reply
        node = "compassionate_completion" if high else "counselor"
        yield FakeEvent("node", node, data={"reply_meta": meta})
        yield FakeEvent("reply", node, text=reply)
        del self._pending[session_id]
        log.append(
            {
                "turn": turn,
                "user": text,
                "reply": reply,
                "emotion": emotion,
                "risk": risk,
                "strategy": strategy,
                "recalled": recalled,
                "reply_meta": meta,
            }
        )
        yield FakeEvent("node", "remember", data={})

    def history(self, session_id: str) -> list[Any]:
        out: list[Any] = []
        for item in self._sessions.get(session_id, []):
            out += [FakeMessage("human", item["user"]), FakeMessage("ai", item["reply"])]
        if session_id in self._pending:
            out.append(FakeMessage("human", self._pending[session_id]))
        return out

    def turn_log(self, session_id: str) -> list[dict[str, Any]]:
        return list(self._sessions.get(session_id, []))

    def sessions(self) -> list[FakeSession]:
        return [
            FakeSession(sid, len(log), self.titles.get(sid) or (log[0]["user"][:60] if log else ""))
            for sid, log in reversed(self._sessions.items())
        ]

    def export(self, session_id: str, fmt: Literal["markdown", "json"]) -> str:
        log = self.turn_log(session_id)
        if fmt == "json":
            return json.dumps(
                {"schema": "confide.transcript/1", "session_id": session_id, "turns": log}
            )
        return "\n".join(f"**You:** {t['user']}\n\n**Confide:** {t['reply']}" for t in log)

    def has_session(self, session_id: str) -> bool:
        return session_id in self._sessions or session_id in self._pending

    def rename_session(self, session_id: str, title: str) -> str:
        self.titles[session_id] = title.strip()
        return title.strip()

    def search_sessions(self, query: str) -> list[FakeSession]:
        words = query.lower().split()
        return [
            row
            for row in self.sessions()
            if all(
                w
                in " ".join(
                    [
                        row.title,
                        *(t["user"] + " " + t["reply"] for t in self._sessions[row.session_id]),
                    ]
                ).lower()
                for w in words
            )
        ]

    def delete_session(self, session_id: str) -> dict[str, int]:
        self._sessions.pop(session_id, None)
        self._pending.pop(session_id, None)
        self.titles.pop(session_id, None)
        return {"sessions": 1, "memories": 0}

    def regenerate(self, session_id: str) -> Iterator[FakeEvent]:
        log = self._sessions.get(session_id) or []
        if not log:
            raise InputError("there is no reply to regenerate in this session yet")
        last = log.pop()
        self.regenerated += 1
        for event in self.stream(last["user"], session_id):
            if event.kind == "reply":
                event = FakeEvent(
                    "reply", event.node, text=f"{event.text} (again {self.regenerated})"
                )
                self._sessions[session_id][-1]["reply"] = event.text
            yield event

    def forget(self) -> dict[str, int]:
        n = len(self._sessions)
        self._sessions.clear()
        self._pending.clear()
        self.forgotten += 1
        return {"sessions": n, "memories": 0, "audit_events": 0}

    def end_session(self, session_id: str) -> str | None:
        self.ended.append(session_id)
        return None

    def safety_plan(self, session_id: str | None = None) -> Any:
        from confide.safety.safety_plan import PlanStore

        return PlanStore(self.settings.data_dir).load(self.settings.user_id)

    def safety_plan_text(self, session_id: str | None = None) -> str:
        from confide.safety.safety_plan import format_plan

        return format_plan(self.safety_plan(session_id), self.settings.region)

    def save_safety_plan(self, plan: Any) -> None:
        from confide.safety.safety_plan import PlanStore

        PlanStore(self.settings.data_dir).save(self.settings.user_id, plan)

    def close(self) -> None:
        self.closed = True
