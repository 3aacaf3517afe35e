"""Modal screens over the chat: crisis resources, the erase confirmation, the session list."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static, TextArea
from textual.widgets.option_list import Option

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

    def __init__(self, title: str, body: str, confirm_label: str) -> None:
        super().__init__(classes="modal")
        self.title_text = title
        self.body = body
        self.confirm_label = confirm_label

    def compose(self) -> ComposeResult:
        """Show the title, the explanation and the two buttons."""
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            yield Static(Text(self.body))
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", variant="primary")
                yield Button(self.confirm_label, id="confirm", variant="error")

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


class SessionsScreen(ModalScreen[str | None]):
    """Earlier sessions, most recent first; Enter resumes the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, rows: Sequence[SessionRow], current: str | None) -> None:
        super().__init__(classes="modal")
        self.rows = list(rows)
        self.current = current

    def compose(self) -> ComposeResult:
        """Show the list, or a note when there is nothing to resume."""
        with Vertical(id="sessions-dialog", classes="dialog"):
            yield Static(Text("Sessions", style="bold"), classes="dialog-title")
            if self.rows:
                yield OptionList(
                    *[Option(session_label(r, self.current), id=r.session_id) for r in self.rows],
                    id="sessions-list",
                )
                yield Static(Text("Enter resumes · Esc goes back", style="dim"))
            else:
                yield Static(Text("No saved sessions yet. Esc goes back.", style="dim"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Resume the chosen session."""
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Go back without switching."""
        self.dismiss(None)
