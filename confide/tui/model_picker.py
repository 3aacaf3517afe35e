"""The model picker (``/model``, Ctrl+L): the endpoint's models, and the offline engine.

The list comes from ``GET {base_url}/models`` of the configured endpoint, or of a local Ollama
found at startup when nothing is configured. The offline engine is always the first choice,
so a person can go back to it (or stay on it) at any time.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from confide.config import Settings
from confide.endpoint import Endpoint, detect_ollama, list_models

OFFLINE_ID = "offline"


@dataclass(frozen=True)
class ModelChoice:
    """What the person picked: the offline engine, or a model of an endpoint."""

    engine: str  # "offline" or "llm"
    model: str = ""
    base_url: str | None = None

    def settings_for(self, settings: Settings) -> Settings:
        """The settings the companion is rebuilt with."""
        if self.engine == "offline":
            return replace(settings, engine="offline")
        return replace(settings, engine="llm", model=self.model, base_url=self.base_url)


def find_endpoint(settings: Settings, ollama_url: str | None) -> tuple[Endpoint | None, str]:
    """The endpoint whose models to offer, and an error line when its list failed.

    Blocking (HTTP): call it in a worker. A configured endpoint is asked; otherwise a local
    Ollama is probed (``ollama_url`` None skips it).
    """
    from confide.errors import EndpointError

    if settings.llm_configured:
        try:
            models = list_models(settings.base_url, settings.api_key)
        except EndpointError as exc:
            return None, str(exc)
        return Endpoint(settings.base_url or "OpenAI", tuple(models)), ""
    if ollama_url:
        found = detect_ollama(ollama_url)
        if found is not None:
            return found, ""
    return None, ""


def describe_current(engine: str, model: str) -> str:
    """One line naming what answers now."""
    return "the offline engine" if engine == "offline" else f"the model {model}"


class ModelPickerScreen(ModalScreen[ModelChoice | None]):
    """Choose the model (or the offline engine); Enter picks, Esc keeps the current one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, endpoint: Endpoint | None, error: str, current_engine: str, current_model: str
    ) -> None:
        super().__init__(classes="modal")
        self.endpoint = endpoint
        self.error = error
        self.current_engine = current_engine
        self.current_model = current_model

    def _label(self, name: str, detail: str, current: bool) -> Text:
        out = Text()
        out.append(name, style="bold")
        if detail:
            out.append(f"  {detail}", style="dim")
        if current:
            out.append("  (now)", style="italic dim")
        return out

    def compose(self) -> ComposeResult:
        """The choices, where they come from, and the keys."""
        offline_now = self.current_engine == "offline"
        options = [
            Option(
                self._label("Offline engine", "runs on this machine, no model", offline_now),
                id=OFFLINE_ID,
            )
        ]
        endpoint = self.endpoint
        if endpoint is not None:
            for name in endpoint.models:
                now = not offline_now and name == self.current_model
                options.append(Option(self._label(name, "", now), id=f"model:{name}"))
        with Vertical(id="model-dialog", classes="dialog"):
            yield Static(Text("Choose the model", style="bold"), classes="dialog-title")
            yield Static(Text(self._source_line()), id="model-source")
            yield OptionList(*options, id="model-list")
            yield Static(Text("Enter chooses · Esc keeps the current one", style="dim"))

    def _source_line(self) -> str:
        endpoint = self.endpoint
        if self.error:
            return f"The endpoint's models could not be listed: {self.error}"
        if endpoint is None:
            return (
                "No endpoint is configured and no local Ollama was found on 127.0.0.1:11434. "
                "Set OPENAI_BASE_URL (Ollama, vLLM, LM Studio, llama.cpp) or base_url in the "
                "config file to choose a model."
            )
        where = "a local Ollama at " if endpoint.detected else ""
        if not endpoint.models:
            return f"{where}{endpoint.base_url} serves no models."
        count = len(endpoint.models)
        return f"{count} model{'s' if count != 1 else ''} from {where}{endpoint.base_url}"

    def on_mount(self) -> None:
        """Highlight what answers now."""
        option_list = self.query_one(OptionList)
        if self.current_engine != "offline":
            try:
                option_list.highlighted = option_list.get_option_index(
                    f"model:{self.current_model}"
                )
            except OptionDoesNotExist:  # the current model is not in the endpoint's list
                option_list.highlighted = 0
        option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Return the choice."""
        option_id = event.option.id or OFFLINE_ID
        if option_id == OFFLINE_ID or self.endpoint is None:
            self.dismiss(ModelChoice("offline"))
            return
        base_url = None if self.endpoint.base_url == "OpenAI" else self.endpoint.base_url
        self.dismiss(ModelChoice("llm", option_id.removeprefix("model:"), base_url))

    def action_cancel(self) -> None:
        """Keep the current model."""
        self.dismiss(None)
