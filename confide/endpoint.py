"""The OpenAI-compatible endpoint as the model picker sees it: its models, and a local Ollama.

Plain ``urllib`` (no client library): ``GET {base_url}/models`` is one small JSON request, and
the picker must not import the OpenAI client just to list names. Every failure becomes an
:class:`~confide.errors.EndpointError` with a one-line reason; detection never raises.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Final

from confide.errors import EndpointError

#: Where Ollama listens by default; its OpenAI-compatible API lives under ``/v1``.
OLLAMA_BASE_URL: Final = "http://127.0.0.1:11434/v1"
#: Detection runs at startup: a closed port answers at once, a hung one must not delay much.
DETECT_TIMEOUT_S: Final = 0.5
LIST_TIMEOUT_S: Final = 5.0


@dataclass(frozen=True)
class Endpoint:
    """An OpenAI-compatible server and the models it serves."""

    base_url: str
    models: tuple[str, ...]
    #: True when found by probing a local Ollama rather than configured by the user.
    detected: bool = False


def list_models(
    base_url: str | None, api_key: str | None = None, timeout: float = LIST_TIMEOUT_S
) -> list[str]:
    """The model ids served at ``base_url`` (``GET {base_url}/models``), sorted.

    ``base_url`` None means OpenAI's own API. Raises :class:`EndpointError` when the server
    cannot be reached or answers something that is not a model list.
    """
    root = (base_url or "https://api.openai.com/v1").rstrip("/")
    request = urllib.request.Request(f"{root}/models", headers={"Accept": "application/json"})
    if api_key:
        request.add_header("Authorization", f"Bearer {api_key}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(2_000_000)
    except urllib.error.HTTPError as exc:
        raise EndpointError(f"{root}/models answered HTTP {exc.code}") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise EndpointError(f"cannot reach {root}: {reason}") from exc
    try:
        data = json.loads(body.decode("utf-8"))
        items = data["data"] if isinstance(data, dict) else data
        names = {str(item["id"]) for item in items}
    except (ValueError, KeyError, TypeError) as exc:
        raise EndpointError(f"{root}/models did not return a model list") from exc
    return sorted(names)


def detect_ollama(
    base_url: str = OLLAMA_BASE_URL, timeout: float = DETECT_TIMEOUT_S
) -> Endpoint | None:
    """A running local Ollama with its models, or None (never raises: detection is optional)."""
    try:
        return Endpoint(base_url, tuple(list_models(base_url, timeout=timeout)), detected=True)
    except EndpointError:
        return None


def should_detect(engine: str, llm_configured: bool) -> bool:
    """Probe for a local Ollama only when nothing is configured and the engine is automatic."""
    return engine == "auto" and not llm_configured
