"""Widgets of the chat app: transcript messages, the composer, the insight panel, the banner."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Markdown, Static, TextArea
from textual.widgets.markdown import MarkdownStream

from confide.records import level_index
from confide.sanitize import sanitize_text
from confide.tui import chart
from confide.tui.commands import completion, matches

_LIST_ITEM = re.compile(r"^\s*([-*+•·]|\d+[.)])\s")


def reply_markdown(text: str) -> str:
    """Prepare a reply for Markdown: '•' lines become list items, single newlines stay breaks.

    Replies are plain text with line structure (the crisis resources come as '•' lines);
    Markdown would otherwise join them into one paragraph.
    """
    lines = text.split("\n")
    items = [bool(_LIST_ITEM.match(line)) for line in lines]
    out: list[str] = []
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        if stripped.startswith(("• ", "· ")):
            line = "- " + stripped[2:]
        has_next = i + 1 < len(lines) and bool(lines[i + 1].strip())
        next_item = has_next and items[i + 1]
        if line.strip() and has_next and not items[i] and not next_item:
            line = line.rstrip() + "  "  # a hard line break, as the text intended
        out.append(line)
        if items[i] and has_next and not next_item:
            out.append("")  # end the list, or the next line would continue its last item
    return "\n".join(out)


_COPY = Binding("c", "app.copy_message", "Copy")


class UserMessage(Static):
    """One message the person wrote, shown verbatim (never parsed as markup); c copies it."""

    can_focus = True
    BINDINGS: ClassVar[list[BindingType]] = [_COPY]

    def __init__(self, text: str) -> None:
        text = sanitize_text(text)  # no escape sequences or bidi overrides on screen
        super().__init__(Text(text), classes="message user")
        self.text = text
        self.border_title = "You"


class AssistantMessage(Vertical):
    """One reply of Confide: streamed Markdown, replaced by the final guarded reply; c copies."""

    can_focus = True
    BINDINGS: ClassVar[list[BindingType]] = [_COPY]

    def __init__(self) -> None:
        super().__init__(classes="message assistant")
        self.border_title = "Confide"
        self.text = ""
        self.final = False
        #: How many streamed tokens arrived before the final reply replaced them.
        self.streamed_tokens = 0
        self._stream: MarkdownStream | None = None
        self._reveal_words: list[str] = []
        self._reveal_shown = 0
        self._reveal_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        """Hold a Markdown body and a dim line saying how the reply came about."""
        yield Markdown("", classes="body")
        yield Static("", classes="meta")

    @property
    def body(self) -> Markdown:
        """The Markdown widget holding the reply."""
        return self.query_one(Markdown)

    @property
    def revealing(self) -> bool:
        """True while the final reply is still being revealed word by word."""
        return self._reveal_timer is not None

    async def add_token(self, token: str) -> None:
        """Append a streamed token of the draft."""
        if self.final:
            return
        if self._stream is None:
            self._stream = Markdown.get_stream(self.body)
        token = sanitize_text(token)
        self.text += token
        self.streamed_tokens += 1
        await self._stream.write(token)

    async def _stop_stream(self) -> None:
        if self._stream is not None:
            stream, self._stream = self._stream, None
            await stream.stop()

    async def set_final(self, text: str, reveal_seconds: float = 0.0) -> None:
        """Show the final reply: at once, or revealed progressively when nothing streamed."""
        streamed = bool(self.text)
        await self._stop_stream()
        self.final = True
        text = sanitize_text(text)
        self.text = text
        words = text.split(" ")
        if streamed or reveal_seconds <= 0 or len(words) < 4:
            await self.body.update(reply_markdown(text))
            return
        self._reveal_words = words
        self._reveal_shown = 0
        steps = min(len(words), 16)
        self._reveal_step = max(1, -(-len(words) // steps))
        self._reveal_timer = self.set_interval(reveal_seconds / steps, self._reveal_tick)
        self.app.refresh_bindings()  # Esc (show it all now) applies while revealing

    def _reveal_tick(self) -> None:
        self._reveal_shown += self._reveal_step
        if self._reveal_shown >= len(self._reveal_words):
            self.finish_reveal()
            return
        shown = " ".join(self._reveal_words[: self._reveal_shown])
        self.body.update(reply_markdown(shown) + " …")

    def finish_reveal(self) -> None:
        """Show the whole reply now (Esc during the reveal, or the reveal's last step)."""
        if self._reveal_timer is not None:
            self._reveal_timer.stop()
            self._reveal_timer = None
            self.app.refresh_bindings()
        self.body.update(reply_markdown(self.text))

    async def stop(self, note: str) -> None:
        """Mark the reply as stopped or failed, keeping what streamed."""
        await self._stop_stream()
        self.final = True
        shown = reply_markdown(self.text.strip())
        await self.body.update((shown + "\n\n" if shown else "") + f"*{note}*")
        self.add_class("stopped")

    def set_meta(self, meta: str) -> None:
        """Set the dim provenance line (strategy, stage, policy)."""
        self.query_one(".meta", Static).update(Text(meta))


class SystemNote(Markdown):
    """A note from the app itself (disclosure, command output), not from Confide."""

    def __init__(self, markdown: str, *, kind: str = "info") -> None:
        super().__init__(markdown, classes=f"note {kind}")


class Transcript(VerticalScroll):
    """The conversation, newest at the bottom, kept scrolled to the end while it grows."""

    can_focus = False

    def on_mount(self) -> None:
        """Stay anchored to the bottom as replies stream in."""
        self.anchor()


class Composer(TextArea):
    """The input box: Enter sends, Ctrl+J adds a line, Up/Down walk the sent-message history.

    Typing ``/`` suggests slash commands; Tab or Right accepts the suggestion.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Send", show=True),
        Binding("ctrl+j", "newline", "New line", show=True),
    ]

    class Submitted(Message):
        """The person pressed Enter: ``text`` is what the input held."""

        def __init__(self, composer: Composer, text: str) -> None:
            super().__init__()
            self.composer = composer
            self.text = text

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(soft_wrap=True, show_line_numbers=False, tab_behavior="focus", **kwargs)
        self.sent: list[str] = []
        self._history_pos: int | None = None
        self._draft = ""

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.action_submit()
            return
        if event.key in ("ctrl+j", "shift+enter", "alt+enter"):
            event.stop()
            event.prevent_default()
            self.action_newline()
            return
        if event.key == "tab" and self.suggestion:
            event.stop()
            event.prevent_default()
            self.insert(self.suggestion)
            return
        await super()._on_key(event)

    def action_submit(self) -> None:
        """Post the text for sending (the app decides whether it can go now)."""
        self.post_message(self.Submitted(self, self.text))

    def action_newline(self) -> None:
        """Insert a line break (multi-line messages)."""
        self.insert("\n")

    def remember(self, text: str) -> None:
        """Add a sent message to the history (no consecutive duplicates)."""
        if text.strip() and (not self.sent or self.sent[-1] != text):
            self.sent.append(text)
        self._history_pos = None

    def action_cursor_up(self, select: bool = False) -> None:
        """On the first line, Up recalls the previous message; elsewhere it moves the cursor."""
        if select or self.cursor_location[0] > 0 or not self.sent:
            super().action_cursor_up(select)
            return
        if self._history_pos is None:
            self._draft = self.text
            self._history_pos = len(self.sent)
        if self._history_pos > 0:
            self._history_pos -= 1
            self._load(self.sent[self._history_pos])

    def action_cursor_down(self, select: bool = False) -> None:
        """On the last line while browsing history, Down goes forward to the draft."""
        last_row = self.document.line_count - 1
        if select or self._history_pos is None or self.cursor_location[0] < last_row:
            super().action_cursor_down(select)
            return
        self._history_pos += 1
        if self._history_pos >= len(self.sent):
            self._history_pos = None
            self._load(self._draft)
        else:
            self._load(self.sent[self._history_pos])

    def _load(self, text: str) -> None:
        self.text = text
        self.move_cursor(self.document.end)

    def update_suggestion(self) -> None:
        """Suggest the rest of a slash command while one is being typed."""
        at_end = self.cursor_location == self.document.end
        self.suggestion = completion(self.text) if at_end else ""


class CommandHint(Static):
    """Below the input: the slash commands matching what is typed."""

    def show_for(self, text: str) -> None:
        """Show the matching commands, or hide when the text is not a command."""
        found = matches(text.strip()) if text.startswith("/") else []
        if not found:
            self.display = False
            return
        out = Text()
        for i, cmd in enumerate(found[:6]):
            if i:
                out.append("   ")
            out.append(cmd.name, style="bold")
            out.append(f" {cmd.help}", style="dim")
        self.update(out)
        self.display = True


_MEMORY_KINDS = {"disclosure": "you shared", "summary": "session summary", "safety": "safety note"}


def _section(title: str) -> Text:
    return Text(title.upper(), style="bold")


class InsightPanel(VerticalScroll):
    """What Confide understood this session: emotions, risk, strategy and recalled memories."""

    can_focus = False

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.trajectory: list[Mapping[str, Any]] = []
        #: The session on screen (memories from other sessions are marked as such).
        self.session_id = ""

    def compose(self) -> ComposeResult:
        """Lay out one static per section, updated as the agents report."""
        yield Static(_section("Get help now"), id="panel-help-title", classes="crisis-only")
        yield Static("", id="panel-resources", classes="crisis-only")
        yield Static(_section("Emotion over the session"), classes="title")
        yield Static(chart.valence_chart([]), id="panel-chart")
        yield Static("", id="panel-legend")
        yield Static(_section("Now"), classes="title")
        yield Static(Text("—", style="dim"), id="panel-emotion")
        yield Static(_section("Risk"), classes="title")
        yield Static(Text("—", style="dim"), id="panel-risk")
        yield Static(_section("Stage and strategy"), classes="title")
        yield Static(Text("—", style="dim"), id="panel-strategy")
        yield Static(_section("Why this reply"), classes="title")
        yield Static(Text("—", style="dim"), id="panel-recall")

    def _set(self, widget_id: str, content: Text) -> None:
        self.query_one(f"#{widget_id}", Static).update(content)

    def reset(self) -> None:
        """Clear everything (new session)."""
        self.trajectory = []
        self.remove_class("crisis")
        self._set("panel-chart", chart.valence_chart([]))
        self._set("panel-legend", Text(""))
        for wid in ("panel-emotion", "panel-risk", "panel-strategy", "panel-recall"):
            self._set(wid, Text("—", style="dim"))

    def _chart_width(self) -> int:
        width = self.content_region.width
        return max(12, width - 1) if width else 34

    def set_trajectory(self, records: Sequence[Mapping[str, Any]]) -> None:
        """Replace the trajectory (resuming a session)."""
        self.trajectory = list(records)
        self._redraw_chart()
        if self.trajectory:
            self.show_emotion(self.trajectory[-1], append=False)

    def _redraw_chart(self) -> None:
        self._set("panel-chart", chart.valence_chart(self.trajectory, width=self._chart_width()))
        self._set("panel-legend", chart.legend(self.trajectory))

    def on_resize(self) -> None:
        """Refit the chart to the panel's width."""
        self._redraw_chart()

    def show_emotion(self, record: Mapping[str, Any], append: bool = True) -> None:
        """Show the turn's emotion: the chart grows and the current emotion shows its shift."""
        if append:
            self.trajectory.append(record)
            self._redraw_chart()
        shift = record.get("shift") or {}
        arrow, word = chart.shift_arrow(float(shift.get("valence_delta_prev", 0.0)))
        if shift.get("guarded") and word == "lighter":
            # distress or risk this turn: the panel never reads it as lighter (emotion_panel)
            arrow, word = chart.shift_arrow(0.0)
        main = chart.dominant(record.get("vector"))
        out = Text()
        out.append(str(record.get("label", main)), style=f"bold {chart.EMOTION_COLOURS[main]}")
        secondary = [s for s in record.get("secondary", []) if s]
        if secondary:
            out.append(" with " + ", ".join(secondary), style="")
        out.append(f"  {arrow} {word}\n")
        out.append(
            f"valence {float(record.get('valence', 0.0)):+.2f} · "
            f"arousal {float(record.get('arousal', 0.0)):.2f}",
            style="dim",
        )
        summary = str(shift.get("summary", "")).strip()
        if summary:
            out.append(f"\n{summary}", style="italic")
        cause = str(shift.get("cause", "")).strip()
        if cause:
            out.append(f"\ncause: {cause}", style="dim")
        self._set("panel-emotion", out)

    def show_risk(self, risk: Mapping[str, Any]) -> None:
        """Show the risk level governing the reply, its categories and the evidence."""
        level = str(risk.get("level", "none"))
        out = Text()
        out.append(f" {level.upper()} ", style=chart.RISK_COLOURS.get(level, "bold red"))
        conv = str(risk.get("conversation_level", level))
        if conv != level:
            out.append(f"  conversation: {conv}", style="dim")
        cats = [str(c).replace("_", " ") for c in risk.get("categories", [])]
        if cats:
            out.append("\n" + ", ".join(cats))
        evidence = [str(e) for e in risk.get("evidence", [])][:3]
        for ev in evidence:
            out.append(f"\n“{ev[:60]}”", style="dim italic")
        self._set("panel-risk", out)

    def show_strategy(self, strategy: Mapping[str, Any]) -> None:
        """Show the stage and strategy chosen for the reply, with the rationale."""
        out = Text()
        out.append(str(strategy.get("stage", "")), style="bold")
        out.append(" → ")
        out.append(str(strategy.get("name", "")), style="bold")
        rationale = str(strategy.get("rationale", "")).strip()
        if rationale:
            out.append(f"\n{rationale}", style="italic")
        self._set("panel-strategy", out)

    def show_recall(self, recalled: Sequence[Mapping[str, Any]], meta: str = "") -> None:
        """Show the memories recalled for this reply and how the reply was produced."""
        out = Text()
        if not recalled:
            out.append("no memories recalled for this reply", style="dim")
        for mem in recalled[:5]:
            out.append("• ")
            out.append(str(mem.get("text", ""))[:120])
            kind = str(mem.get("kind", ""))
            where = "" if mem.get("session_id") == self.session_id else " · an earlier session"
            out.append(
                f"\n  {_MEMORY_KINDS.get(kind, kind)}{where} · "
                f"score {float(mem.get('score', 0.0)):.2f}\n",
                style="dim",
            )
        if meta:
            out.append(("\n" if not recalled else "") + meta, style="dim")
        out.rstrip()
        self._set("panel-recall", out)

    def show_resources(self, resources: str) -> None:
        """Crisis state: the resources stay at the top of the panel."""
        self._set("panel-resources", Text(resources))
        self.add_class("crisis")


def risk_is_crisis(risk: Mapping[str, Any] | None) -> bool:
    """Tell whether risk is high or imminent (show the banner and the resources)."""
    if not risk:
        return False
    return level_index(str(risk.get("level", "none"))) >= level_index("high")


class CrisisBanner(Static):
    """Shown when risk is high or imminent: the resources, and that the chat stays open."""

    def show_resources(self, resources: str) -> None:
        """Fill in the resources and show the banner."""
        out = Text()
        out.append("You deserve support right now. ", style="bold")
        out.append("You can reach a person at any time:\n")
        out.append(resources)
        out.append("\nThis conversation stays open. Ctrl+G shows these again.", style="italic")
        self.update(out)
        self.display = True
