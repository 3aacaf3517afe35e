"""Modal screens over the chat: crisis resources, the erase confirmation, the session list."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from confide.safety.texts_exercises import EXERCISE_ORDER, EXERCISES, ExerciseText
from confide.tui.backend import SessionRow


class ResourcesScreen(ModalScreen[None]):
    """'Get help now': crisis resources for the person's region, over the open chat."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Back to the conversation"),
        Binding("enter", "dismiss", "Back", show=False),
    ]

    def __init__(self, region: str, resources: str, plan: str = "") -> None:
        super().__init__(classes="modal")
        self.region_code = region
        self.resources = resources
        self.plan = plan

    def compose(self) -> ComposeResult:
        """Show the title, the resources and the way back."""
        with Vertical(id="resources-dialog", classes="dialog"):
            yield Static(Text("Get help now", style="bold"), classes="dialog-title")
            yield Static(
                Text(
                    "If you might act on thoughts of ending your life or are in danger, please "
                    "reach one of these now. You can talk to a person at any time.\n"
                ),
            )
            yield Static(Text(self.resources), id="resources-text")
            if self.plan:
                yield Static(Text("\n" + self.plan), id="resources-plan")
            yield Static(
                Text(
                    f"\nRegion: {self.region_code} "
                    "(set `region` in the config file or CONFIDE_REGION)"
                    "\nEsc returns to the conversation; it stays open.",
                    style="dim",
                )
            )

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        """Close the dialog and return to the chat."""
        self.dismiss(None)


class PlanScreen(ModalScreen[bool]):
    """The person's safety plan; ``e`` opens the editor (dismisses with True)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back to the conversation"),
        Binding("e", "edit", "Edit the plan"),
    ]

    def __init__(self, plan: str) -> None:
        super().__init__(classes="modal")
        self.plan = plan

    def compose(self) -> ComposeResult:
        """Show the plan and the keys."""
        with VerticalScroll(id="plan-dialog", classes="dialog"):
            yield Static(Text(self.plan), id="plan-text")
            yield Static(Text("\ne edits the plan · Esc returns to the conversation", style="dim"))

    def action_close(self) -> None:
        """Back to the chat."""
        self.dismiss(False)

    def action_edit(self) -> None:
        """Open the editor."""
        self.dismiss(True)


class PlanEditScreen(ModalScreen["dict[str, list[str]] | None"]):
    """Edit the six steps of the safety plan, one item per line; Ctrl+S saves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save the plan", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, steps: Sequence[tuple[str, str, str, list[str]]]) -> None:
        """``steps``: (step id, title, question, current items) for each of the six steps."""
        super().__init__(classes="modal")
        self.steps = list(steps)

    def compose(self) -> ComposeResult:
        """One titled text box per step."""
        with VerticalScroll(id="plan-edit-dialog", classes="dialog"):
            yield Static(Text("Edit my safety plan", style="bold"), classes="dialog-title")
            yield Static(Text("One item per line. Ctrl+S saves · Esc cancels.", style="dim"))
            for step, title, question, items in self.steps:
                yield Static(Text(title, style="bold"))
                yield Static(Text(question, style="dim"))
                yield TextArea("\n".join(items), id=f"plan-{step}", classes="plan-step")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="plan-cancel")
                yield Button("Save", id="plan-save", variant="primary")

    def on_mount(self) -> None:
        """Start in the first step."""
        self.query(TextArea).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save or cancel."""
        if event.button.id == "plan-save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        """Return every step's lines."""
        result = {
            step: [line for line in self.query_one(f"#plan-{step}", TextArea).text.splitlines()]
            for step, _title, _question, _items in self.steps
        }
        self.dismiss(result)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question whose safe answer (No) has the focus."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        body: str,
        confirm_label: str,
        *,
        cancel_label: str = "Cancel",
        confirm_variant: Literal["error", "default"] = "error",
    ) -> None:
        super().__init__(classes="modal")
        self.title_text = title
        self.body = body
        self.confirm_label = confirm_label
        self.cancel_label = cancel_label
        self.confirm_variant = confirm_variant

    def compose(self) -> ComposeResult:
        """Show the title, the explanation and the two buttons."""
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            yield Static(Text(self.body))
            with Horizontal(classes="buttons"):
                yield Button(self.cancel_label, id="cancel", variant="primary")
                yield Button(self.confirm_label, id="confirm", variant=self.confirm_variant)

    def on_mount(self) -> None:
        """Focus the safe choice."""
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer True only for the confirm button."""
        self.dismiss(event.button.id == "confirm")

    def action_cancel(self) -> None:
        """Esc answers no."""
        self.dismiss(False)


_ID_TIME = re.compile(r"^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})")


def session_label(row: SessionRow, current: str | None) -> Text:
    """Describe a session in one line: when, how many turns, how it began."""
    match = _ID_TIME.match(row.session_id)
    when = f"{match[1]}-{match[2]}-{match[3]} {match[4]}:{match[5]}" if match else row.session_id
    out = Text()
    out.append(when.ljust(17), style="bold")
    out.append(f"  {row.turns:>3} turn{'s' if row.turns != 1 else ' '}  ", style="dim")
    out.append(row.title or "(no messages)")
    if row.session_id == current:
        out.append("  (this session)", style="italic dim")
    return out


@dataclass(frozen=True)
class SessionAction:
    """What the person chose in the session list: ``open``, ``rename`` or ``delete`` a session."""

    kind: Literal["open", "rename", "delete"]
    session_id: str
    title: str = ""


SessionSearch = Callable[[str], Awaitable[Sequence[SessionRow]]]


class SessionList(OptionList):
    """The sessions; r renames and d (or Delete) deletes the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "act('rename')", "Rename"),
        Binding("d,delete", "act('delete')", "Delete"),
    ]

    def action_act(self, kind: str) -> None:
        """Ask the screen to rename or delete the highlighted session."""
        screen = self.screen
        if isinstance(screen, SessionsScreen):
            screen.act(kind)


class SessionsScreen(ModalScreen[SessionAction | None]):
    """Earlier sessions, most recent first: search, resume (Enter), rename (r), delete (d)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        rows: Sequence[SessionRow],
        current: str | None,
        *,
        search: SessionSearch | None = None,
        query: str = "",
    ) -> None:
        super().__init__(classes="modal")
        self.shown: list[SessionRow] = []
        self.rows = list(rows)
        self.current = current
        self.search = search
        self.query_text = query

    def compose(self) -> ComposeResult:
        """The search box, the list (or a note when there is nothing), the keys."""
        with Vertical(id="sessions-dialog", classes="dialog"):
            yield Static(Text("Sessions", style="bold"), classes="dialog-title")
            if self.search is not None:
                yield Input(
                    self.query_text,
                    placeholder="Search your sessions (words in the name or the messages)",
                    id="sessions-search",
                )
            yield SessionList(id="sessions-list")
            yield Static("", id="sessions-empty")
            yield Static(
                Text(
                    "Type to search · ↓ to the list · Enter resumes · r renames · d deletes · "
                    "Esc goes back",
                    style="dim",
                )
            )

    def on_mount(self) -> None:
        """Fill the list; focus the search box (or the list)."""
        self._fill(self.rows)
        if self.query_text and self.search is not None:
            self._run_search(self.query_text)
        if self.rows and not self.query_text:
            self.query_one(SessionList).focus()
        elif self.search is not None:
            self.query_one(Input).focus()

    def _fill(self, rows: Sequence[SessionRow]) -> None:
        option_list = self.query_one(SessionList)
        option_list.clear_options()
        self.shown = list(rows)
        option_list.add_options(
            [Option(session_label(r, self.current), id=r.session_id) for r in rows]
        )
        if rows:
            option_list.highlighted = 0
        empty = self.query_one("#sessions-empty", Static)
        if rows:
            empty.update("")
        elif self.query_text.strip():
            empty.update(Text(f"No session mentions {self.query_text.strip()!r}.", style="dim"))
        else:
            empty.update(Text("No saved sessions yet.", style="dim"))

    def on_input_changed(self, event: Input.Changed) -> None:
        """Search as the person types."""
        self.query_text = event.value
        self._run_search(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the search box resumes the first match."""
        if self.shown:
            self.dismiss(SessionAction("open", self.shown[0].session_id))

    def _run_search(self, query: str) -> None:
        if not query.strip() or self.search is None:
            self._fill(self.rows)
            return
        self.run_worker(self._search(query), group="search", exclusive=True, exit_on_error=False)

    async def _search(self, query: str) -> None:
        assert self.search is not None
        try:
            rows = await self.search(query)
        except Exception as exc:  # UI boundary: a failed search leaves the list as it was
            self.notify(f"Search failed: {exc}", severity="error")
            return
        if query == self.query_text:
            self._fill(rows)

    def _highlighted(self) -> SessionRow | None:
        index = self.query_one(SessionList).highlighted
        if index is None or not 0 <= index < len(self.shown):
            return None
        return self.shown[index]

    def act(self, kind: str) -> None:
        """Rename or delete the highlighted session (the app asks for the name or a yes)."""
        row = self._highlighted()
        if row is not None and kind in ("rename", "delete"):
            self.dismiss(SessionAction(kind, row.session_id, row.title))  # type: ignore[arg-type]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Resume the chosen session."""
        if event.option.id:
            self.dismiss(SessionAction("open", event.option.id))

    def action_cancel(self) -> None:
        """Go back without switching."""
        self.dismiss(None)


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line of text (a session's name); Enter accepts, Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__(classes="modal")
        self.title_text = title
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        """The question and the input."""
        with Vertical(id="prompt-dialog", classes="dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Static(Text("Enter saves · Esc cancels", style="dim"))

    def on_mount(self) -> None:
        """Focus the input."""
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Return the text."""
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Return nothing."""
        self.dismiss(None)


class ExerciseScreen(ModalScreen[str | None]):
    """A guided exercise, one step at a time (Enter or Space: next; Esc: back to the chat).

    Without an exercise, the person first chooses one from the list. Dismisses with the id of
    the exercise finished, or None when stopped early.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "stop", "Back to the conversation"),
        Binding("enter,space", "next", "Next step", show=False),
    ]

    def __init__(self, exercise: ExerciseText | None = None) -> None:
        super().__init__(classes="modal")
        self.exercise = exercise
        #: Steps shown so far (0: the introduction only).
        self.shown = 0

    def compose(self) -> ComposeResult:
        """The chooser, or the exercise's text so far."""
        with VerticalScroll(id="exercise-dialog", classes="dialog"):
            yield Static(Text("Grounding and coping", style="bold"), id="exercise-title")
            yield OptionList(
                *[
                    Option(Text(f"{EXERCISES[k].title}, about {EXERCISES[k].minutes} min"), id=k)
                    for k in EXERCISE_ORDER
                ],
                id="exercise-list",
            )
            yield Static("", id="exercise-text")
            yield Static("", id="exercise-keys")

    def on_mount(self) -> None:
        """Start the exercise, or let the person choose one."""
        if self.exercise is not None:
            self._start(self.exercise)
        else:
            self.query_one("#exercise-keys", Static).update(
                Text("Enter chooses · Esc goes back", style="dim")
            )
            self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Start the chosen exercise."""
        event.stop()
        if event.option.id in EXERCISES:
            self._start(EXERCISES[event.option.id])

    def _start(self, exercise: ExerciseText) -> None:
        self.exercise = exercise
        self.shown = 0
        self.query_one(OptionList).display = False
        self.query_one("#exercise-title", Static).update(
            Text(f"{exercise.title} · about {exercise.minutes} minutes", style="bold")
        )
        self.set_focus(None)
        self._show_text()

    def _show_text(self) -> None:
        exercise = self.exercise
        if exercise is None:
            return
        out = Text(exercise.intro + "\n")
        for n, step in enumerate(exercise.steps[: self.shown], 1):
            style = "bold" if n == self.shown else ""
            out.append(f"\n{n}. {step}\n", style=style)
        done = self.shown > len(exercise.steps)
        if done:
            out.append("\n" + exercise.closing, style="italic")
        self.query_one("#exercise-text", Static).update(out)
        total = len(exercise.steps)
        keys = (
            "Enter returns to the conversation"
            if done
            else f"step {self.shown} of {total} · Enter or Space: next · Esc stops"
            if self.shown
            else "Enter or Space starts · Esc goes back"
        )
        self.query_one("#exercise-keys", Static).update(Text("\n" + keys, style="dim"))
        self.query_one(VerticalScroll).scroll_end(animate=False)

    def action_next(self) -> None:
        """Show the next step; after the last, close."""
        exercise = self.exercise
        if exercise is None:
            option_list = self.query_one(OptionList)
            if option_list.highlighted is not None:
                option_list.action_select()
            return
        if self.shown > len(exercise.steps):
            self.dismiss(exercise.id)
            return
        self.shown += 1
        self._show_text()

    def action_stop(self) -> None:
        """Back to the chat."""
        self.dismiss(None)
