"""The memory store on a Chroma server (``memory_url = "http://host:port"``).

Same per-user collections, isolation checks and ranking as the embedded store; only the client
differs (``chromadb.HttpClient``). Erasure drops the user's collection on the server, so its
records leave every query at once. The server's own files are out of reach from here: until
they are compacted, its SQLite file keeps the deleted text in free pages and full-text index
segments, and the collection's vector segment directory stays on its disk. The operator purges
both (docs/deployment.md, "Erasure on servers"; ``scripts/chroma_purge.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from confide.errors import ConfigError
from confide.memory.retrieval import RetrievalConfig
from confide.memory.store import MemoryStore, TextEmbedder

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from langchain_core.embeddings import Embeddings


def parse_chroma_url(url: str) -> tuple[str, int, bool]:
    """``http(s)://host[:port]`` as (host, port, ssl); the port defaults to Chroma's 8000."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"memory_url must look like http://host:port, got {url!r}")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ConfigError(f"memory_url must have no path or query, got {url!r}")
    return parts.hostname, parts.port or 8000, parts.scheme == "https"


class RemoteMemoryStore(MemoryStore):
    """Emotion-aware long-term memory on a Chroma server, scoped per user id."""

    def __init__(
        self,
        url: str,
        embedder: TextEmbedder | Embeddings | None = None,
        *,
        config: RetrievalConfig | None = None,
    ) -> None:
        self.url = url
        self._host, self._port, self._ssl = parse_chroma_url(url)
        # ``path`` only names the store in messages; nothing is written locally.
        super().__init__(Path(url), embedder, config=config)

    def _open_client(self) -> ClientAPI:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        return chromadb.HttpClient(
            host=self._host,
            port=self._port,
            ssl=self._ssl,
            settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False),
        )

    def close(self) -> None:
        """Close the HTTP connections of this store's client (idempotent).

        Every ``HttpClient`` has its own system and HTTP session (its admin client another);
        chromadb 1.5.9's ``close()`` leaves both sessions' sockets open, so they are closed here.
        """
        client: Any = self._client
        servers = [getattr(client, "_server", None)]
        servers.append(getattr(getattr(client, "_admin_client", None), "_server", None))
        client.close()
        for server in servers:
            session = getattr(server, "_session", None)
            if session is not None:
                session.close()

    def _segment_dirs(self, collection_id: str) -> list[Path]:
        return []  # the server's files: see the module docstring

    def _vacuum(self) -> None:
        return None  # the server's files: see the module docstring
