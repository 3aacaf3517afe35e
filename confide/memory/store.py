"""Emotion-aware long-term memory on an embedded chromadb, scoped per user id.

Isolation: every user's memories live in their own collection, named after a hash of the user
id; every public method takes the user id first and there is no method without it, so no call
can reach another user's memories (returned records are checked against the hash as well).
Erasure: :meth:`MemoryStore.forget_user` drops the user's collection, removes its vector
segment files and VACUUMs chromadb's SQLite file, so the text does not linger in free pages.

Memory text is data, never instructions: the store returns it verbatim and callers that put it
into a prompt must quote it (:func:`quote_memory`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import numpy.typing as npt

from confide.errors import EmbedderMismatchError, MemoryStoreError
from confide.facts import Encoder
from confide.memory.retrieval import Candidate, RetrievalConfig, emotion_vector, rank
from confide.records import PLUTCHIK, RecalledMemory

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection
    from langchain_core.embeddings import Embeddings

    from confide.config import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Kinds of memory: a user disclosure, a per-session summary, a safety-relevant disclosure.
KINDS: tuple[str, ...] = ("disclosure", "summary", "safety")
SCHEMA_VERSION = 1
MAX_TEXT_CHARS = 2000
_EMO_PREFIX = "emo_"


#: What the store needs from an embedder: an id, a dimension and unit vectors.
TextEmbedder = Encoder


class LangChainEmbedder:
    """Adapts any LangChain ``Embeddings`` (OpenAI-compatible, Ollama, ...) to the store."""

    def __init__(
        self, embeddings: Embeddings, model_id: str | None = None, dimension: int | None = None
    ) -> None:
        self._embeddings = embeddings
        name = model_id
        if name is None:
            for attr in ("model", "model_name", "model_id"):
                value = getattr(embeddings, attr, None)
                if isinstance(value, str) and value:
                    name = value
                    break
        self._model_id = f"langchain:{name or type(embeddings).__name__}"
        self._dimension = dimension

    @property
    def model_id(self) -> str:
        """``langchain:<model>``, recorded in the collections it builds."""
        return self._model_id

    @property
    def dimension(self) -> int:
        """Vector size, probed once with a short text when not given."""
        if self._dimension is None:
            self._dimension = len(self._embeddings.embed_query("dimension probe"))
        return self._dimension

    def embed(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """Embed and L2-normalise (cosine space)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        arr = np.asarray(self._embeddings.embed_documents(texts), dtype=np.float32)
        norms = np.linalg.norm(arr, axis=1, keepdims=True)
        normed: npt.NDArray[np.float32] = arr / np.clip(norms, 1e-12, None)
        return normed


def as_embedder(embedder: TextEmbedder | Embeddings | None) -> TextEmbedder:
    """Return the offline MiniLM by default; LangChain embeddings are wrapped."""
    if embedder is None:
        from confide.memory.embedder import default_embedder

        return default_embedder()
    if isinstance(embedder, TextEmbedder):
        return embedder
    return LangChainEmbedder(embedder)


def user_key(user_id: str) -> str:
    """Stable, non-reversible key of a user id (names the user's collection)."""
    if not isinstance(user_id, str) or not user_id.strip():
        raise MemoryStoreError("a memory operation needs a non-empty user id")
    return hashlib.sha256(f"confide-user:{user_id}".encode()).hexdigest()[:40]


def _collection_name(user_id: str) -> str:
    return f"u-{user_key(user_id)}"


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


def quote_memory(text: str, limit: int = 300) -> str:
    """Render memory text as one quoted, escaped line: data for a prompt, never instructions."""
    flat = _CONTROL.sub(" ", text).strip()
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return json.dumps(flat, ensure_ascii=False)


@dataclass(frozen=True)
class MemoryRecord:
    """A stored memory as written (for listing and export)."""

    id: str
    text: str
    kind: str
    session_id: str
    created_at: float
    salience: float
    emotion: dict[str, float] = field(default_factory=dict)


def _metadata(
    ukey: str,
    kind: str,
    session_id: str,
    created_at: float,
    salience: float,
    emotion: Mapping[str, float] | None,
) -> dict[str, str | int | float | bool]:
    meta: dict[str, str | int | float | bool] = {
        "user": ukey,
        "kind": kind,
        "session_id": session_id,
        "created_at": float(created_at),
        "salience": min(1.0, max(0.0, float(salience))),
        "v": SCHEMA_VERSION,
    }
    for key, value in emotion_vector(emotion).items():
        meta[_EMO_PREFIX + key] = float(value)
    return meta


def _emotion_of(meta: Mapping[str, Any]) -> dict[str, float]:
    return {key: float(meta.get(_EMO_PREFIX + key, 0.0)) for key in PLUTCHIK}


class MemoryStore:
    """Emotion-aware long-term memory, scoped per user id.

    Args:
        path: chromadb PersistentClient directory (``settings.memory_path``).
        embedder: the offline MiniLM (default), any :class:`TextEmbedder`, or LangChain
            ``Embeddings``. Each collection records the embedder id and dimension it was
            built with; using another raises :class:`EmbedderMismatchError`.
        config: default retrieval strategy and weights.
    """

    def __init__(
        self,
        path: Path | str,
        embedder: TextEmbedder | Embeddings | None = None,
        *,
        config: RetrievalConfig | None = None,
    ) -> None:
        self.path = Path(path)
        self.embedder = as_embedder(embedder)
        self.config = config or RetrievalConfig()
        self._lock = threading.RLock()
        self._client: ClientAPI = self._open_client()
        self._collections: dict[str, Collection] = {}

    def _open_client(self) -> ClientAPI:
        """The embedded client at ``self.path``, shared process-wide with its lock.

        One chromadb client per directory (concurrent clients race on the tenant), in a private
        data dir (0700). :class:`~confide.memory.remote.RemoteMemoryStore` overrides it.
        """
        from confide.privacy import secure_dir

        secure_dir(self.path)
        client, self._lock = _shared_client(self.path)
        return client

    # collections ---------------------------------------------------------------------------
    def _check_embedder(self, collection: Collection) -> None:
        meta = collection.metadata or {}
        built_id, built_dim = meta.get("embedder"), meta.get("dimension")
        want_id, want_dim = self.embedder.model_id, self.embedder.dimension
        if built_id != want_id or built_dim != want_dim:
            raise EmbedderMismatchError(
                f"this user's memories were built with embedder {built_id!r} "
                f"(dimension {built_dim}), but the configured embedder is {want_id!r} "
                f"(dimension {want_dim}). Configure the original embedder again, or erase "
                "the memories (`confide forget`) to rebuild them with the new one."
            )

    def _collection(self, user_id: str, create: bool) -> Collection | None:
        name = _collection_name(user_id)
        with self._lock:
            cached = self._collections.get(name)
            if cached is not None:
                return cached
            if create:
                collection = self._client.get_or_create_collection(
                    name,
                    embedding_function=None,
                    configuration={"hnsw": {"space": "cosine"}},
                    metadata={
                        "embedder": self.embedder.model_id,
                        "dimension": self.embedder.dimension,
                        "schema": SCHEMA_VERSION,
                    },
                )
            else:
                existing = {c.name for c in self._client.list_collections()}
                if name not in existing:
                    return None
                collection = self._client.get_collection(name, embedding_function=None)
            self._check_embedder(collection)
            self._collections[name] = collection
            return collection

    def _embed(self, texts: list[str]) -> npt.NDArray[np.float32]:
        vectors = self.embedder.embed(texts)
        if vectors.ndim != 2 or vectors.shape[1] != self.embedder.dimension:
            raise EmbedderMismatchError(
                f"embedder {self.embedder.model_id!r} returned vectors of shape {vectors.shape},"
                f" expected dimension {self.embedder.dimension}"
            )
        return vectors

    # writes --------------------------------------------------------------------------------
    def add(
        self,
        user_id: str,
        text: str,
        *,
        kind: str = "disclosure",
        session_id: str = "default",
        created_at: float | None = None,
        salience: float = 0.5,
        emotion: Mapping[str, float] | None = None,
        memory_id: str | None = None,
        embedding: npt.NDArray[np.float32] | None = None,
    ) -> str:
        """Remember ``text`` for ``user_id``; the same ``memory_id`` overwrites (idempotent).

        ``embedding`` is this embedder's vector of ``text`` (cut to :data:`MAX_TEXT_CHARS`)
        when the caller has it already; otherwise the store computes it.
        """
        return self.add_many(
            user_id,
            [text],
            kinds=[kind],
            session_ids=[session_id],
            created_ats=[created_at if created_at is not None else time.time()],
            saliences=[salience],
            emotions=[emotion],
            ids=[memory_id] if memory_id else None,
            embeddings=None if embedding is None else np.asarray(embedding, np.float32)[None, :],
        )[0]

    def add_many(
        self,
        user_id: str,
        texts: Sequence[str],
        *,
        kinds: Sequence[str],
        session_ids: Sequence[str],
        created_ats: Sequence[float],
        saliences: Sequence[float],
        emotions: Sequence[Mapping[str, float] | None],
        ids: Sequence[str] | None = None,
        embeddings: npt.NDArray[np.float32] | None = None,
    ) -> list[str]:
        """Batch write; ``embeddings`` skips the embedder (benchmarks insert synthetic vectors)."""
        n = len(texts)
        columns = (kinds, session_ids, created_ats, saliences, emotions)
        if any(len(col) != n for col in columns) or (ids is not None and len(ids) != n):
            raise MemoryStoreError("add_many: every column needs one value per text")
        for kind in kinds:
            if kind not in KINDS:
                raise MemoryStoreError(f"unknown memory kind {kind!r} (one of {KINDS})")
        if n == 0:
            return []
        clean = [str(t)[:MAX_TEXT_CHARS] for t in texts]
        if any(not t.strip() for t in clean):
            raise MemoryStoreError("a memory needs non-empty text")
        vectors = self._embed(clean) if embeddings is None else embeddings
        if vectors.shape != (n, self.embedder.dimension):
            raise EmbedderMismatchError(
                f"embeddings of shape {vectors.shape} do not fit ({n}, {self.embedder.dimension})"
            )
        ukey = user_key(user_id)
        out_ids = list(ids) if ids is not None else [uuid.uuid4().hex for _ in range(n)]
        metas = [
            _metadata(ukey, kinds[i], session_ids[i], created_ats[i], saliences[i], emotions[i])
            for i in range(n)
        ]
        batch = max(1, self._client.get_max_batch_size())
        for start in range(0, n, batch):
            part = slice(start, start + batch)

            def upsert(collection: Collection, part: slice = part) -> None:
                collection.upsert(
                    ids=out_ids[part],
                    embeddings=vectors[part],
                    documents=clean[part],
                    metadatas=metas[part],  # type: ignore[arg-type]
                )

            self._retry(user_id, True, upsert)
        return out_ids

    def _retry(self, user_id: str, create: bool, op: Callable[[Collection], T]) -> T | None:
        """Run ``op`` on the user's collection, once more if it was dropped meanwhile.

        Another store instance (``confide forget``) may delete the collection this one cached.
        """
        for attempt in (0, 1):
            collection = self._collection(user_id, create=create)
            if collection is None:
                return None
            try:
                return op(collection)
            except EmbedderMismatchError:
                raise
            except Exception:
                with self._lock:
                    self._collections.pop(_collection_name(user_id), None)
                if attempt:
                    raise
        return None  # pragma: no cover - the loop returns or raises

    def delete(self, user_id: str, ids: Sequence[str]) -> None:
        """Delete some of this user's memories (ids of other users match nothing).

        They leave search at once; their text can stay in chromadb's internal write log until
        chromadb purges it. Only :meth:`forget_user` guarantees erasure on disk.
        """
        if ids:
            self._retry(user_id, False, lambda c: c.delete(ids=list(ids)))

    def forget_user(self, user_id: str) -> int:
        """Erase every memory of ``user_id`` from disk; returns how many were erased.

        Drops the collection, removes its vector segment files, merges the full-text index and
        VACUUMs the SQLite file, so neither the text nor its index trigrams are left behind.
        Raises :class:`MemoryStoreError` if erasure fails.
        """
        name = _collection_name(user_id)
        with self._lock:
            self._collections.pop(name, None)
            try:
                existing = {c.name: c for c in self._client.list_collections()}
                collection = existing.get(name)
                count = 0
                segment_dirs: list[Path] = []
                if collection is not None:
                    count = collection.count()
                    segment_dirs = self._segment_dirs(str(collection.id))
                    self._client.delete_collection(name)
                for folder in segment_dirs:
                    shutil.rmtree(folder, ignore_errors=False)
                self._vacuum()
            except (OSError, sqlite3.Error) as exc:
                raise MemoryStoreError(f"could not erase memories: {exc}") from exc
            except Exception as exc:  # chromadb's own errors
                raise MemoryStoreError(f"could not erase memories: {exc}") from exc
            return count

    def _sqlite_path(self) -> Path:
        return self.path / "chroma.sqlite3"

    def _segment_dirs(self, collection_id: str) -> list[Path]:
        db = self._sqlite_path()
        if not db.is_file():
            return []
        con = sqlite3.connect(db)
        try:
            rows = con.execute(
                "SELECT id FROM segments WHERE collection = ?", (collection_id,)
            ).fetchall()
        finally:
            con.close()
        return [self.path / str(r[0]) for r in rows if (self.path / str(r[0])).is_dir()]

    def _vacuum(self) -> None:
        """Purge deleted text from chromadb's SQLite file.

        chromadb keeps a trigram full-text index (FTS5) whose segments still hold the trigrams
        of deleted documents until they are merged: 'optimize' merges them away, then VACUUM
        rewrites the file without free pages.
        """
        db = self._sqlite_path()
        if not db.is_file():
            return
        con = sqlite3.connect(db, timeout=30)
        try:
            tables = {
                row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            for fts in ("embedding_fulltext_search",):
                if fts in tables:
                    con.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")
            con.commit()
            con.execute("VACUUM")
        finally:
            con.close()

    # reads ---------------------------------------------------------------------------------
    def count(self, user_id: str) -> int:
        """How many memories this user has."""
        return int(self._retry(user_id, False, lambda c: c.count()) or 0)

    def memories(self, user_id: str, *, kinds: Sequence[str] | None = None) -> list[MemoryRecord]:
        """Every memory of this user, oldest first (for export and the privacy screen)."""
        where = _where(kinds, None, None)
        got = self._retry(
            user_id, False, lambda c: c.get(where=where, include=["documents", "metadatas"])
        )
        if got is None:
            return []
        ukey = user_key(user_id)
        records = []
        for mid, doc, meta in zip(
            got["ids"], got["documents"] or [], got["metadatas"] or [], strict=True
        ):
            records.append(MemoryRecord(**_stored(mid, doc, meta, ukey)))
        return sorted(records, key=lambda r: (r.created_at, r.id))

    def candidates(
        self,
        user_id: str,
        query: str | None = None,
        *,
        n: int = 30,
        query_embedding: npt.NDArray[np.float32] | None = None,
        kinds: Sequence[str] | None = None,
        exclude_session: str | None = None,
        session_started_at: float | None = None,
    ) -> list[Candidate]:
        """Fetch the ``n`` memories of this user nearest in meaning to the query.

        ``exclude_session`` leaves out that session's memories (those written since
        ``session_started_at`` when given, so a reused session id still sees older sessions).
        """
        if n <= 0 or self._collection(user_id, create=False) is None:
            return []
        if query_embedding is None:
            if query is None or not query.strip():
                return []
            query_embedding = self._embed([query])[0]
        vector = np.asarray(query_embedding, dtype=np.float32).tolist()
        where = _where(kinds, exclude_session, session_started_at)
        got = self._retry(
            user_id,
            False,
            lambda c: c.query(
                query_embeddings=[vector],
                n_results=n,
                where=where,
                include=["documents", "metadatas", "distances"],
            ),
        )
        if got is None:
            return []
        ukey = user_key(user_id)
        ids = got["ids"][0]
        docs = (got["documents"] or [[]])[0]
        metas = (got["metadatas"] or [[]])[0]
        dists = (got["distances"] or [[]])[0]
        out = []
        for mid, doc, meta, dist in zip(ids, docs, metas, dists, strict=True):
            out.append(Candidate(**_stored(mid, doc, meta, ukey), d_sem=float(dist)))
        return out

    def search(
        self,
        user_id: str,
        query: str,
        *,
        emotion: Mapping[str, float] | None = None,
        k: int = 5,
        config: RetrievalConfig | None = None,
        now: float | None = None,
        kinds: Sequence[str] | None = None,
        exclude_session: str | None = None,
        session_started_at: float | None = None,
        query_embedding: npt.NDArray[np.float32] | None = None,
    ) -> list[RecalledMemory]:
        """Rank this user's memories for ``query`` in the given emotional state, best first."""
        cfg = config or self.config
        pool = self.candidates(
            user_id,
            query,
            n=max(cfg.pool, k),
            query_embedding=query_embedding,
            kinds=kinds,
            exclude_session=exclude_session,
            session_started_at=session_started_at,
        )
        return rank(pool, emotion, cfg, now=time.time() if now is None else now, k=k)


def _where(
    kinds: Sequence[str] | None, exclude_session: str | None, since: float | None
) -> dict[str, Any] | None:
    clauses: list[dict[str, Any]] = []
    if kinds:
        clauses.append({"kind": {"$in": list(kinds)}})
    if exclude_session is not None:
        other: dict[str, Any] = {"session_id": {"$ne": exclude_session}}
        if since is not None:
            other = {"$or": [other, {"created_at": {"$lt": float(since)}}]}
        clauses.append(other)
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def _check_owner(meta: Mapping[str, Any] | None, ukey: str) -> None:
    if not meta or meta.get("user") != ukey:
        raise MemoryStoreError("memory store returned a record of another user; refusing it")


def _stored(mid: str, doc: str | None, meta: Mapping[str, Any], ukey: str) -> dict[str, Any]:
    """A stored memory's fields (id, text, kind, session, time, salience, emotion).

    Raises :class:`MemoryStoreError` when the record is not this user's (``ukey``).
    """
    _check_owner(meta, ukey)
    return {
        "id": mid,
        "text": doc or "",
        "kind": str(meta.get("kind", "disclosure")),
        "session_id": str(meta.get("session_id", "")),
        "created_at": float(meta.get("created_at", 0.0)),
        "salience": float(meta.get("salience", 0.0)),
        "emotion": _emotion_of(meta),
    }


#: One chromadb client (and one lock) per store path in this process. Creating clients for one
#: path concurrently races inside chromadb ("Could not connect to tenant default_tenant"),
#: which silently turned memory off for some users; sharing one client under a lock cannot.
_CLIENTS: dict[str, tuple[ClientAPI, threading.RLock]] = {}
_CLIENTS_LOCK = threading.Lock()


def _shared_client(path: Path) -> tuple[ClientAPI, threading.RLock]:
    """The process-wide chromadb client and lock for ``path`` (created once, under a lock)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    key = str(path.resolve())
    with _CLIENTS_LOCK:
        shared = _CLIENTS.get(key)
        if shared is None:
            client = chromadb.PersistentClient(
                path=key, settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False)
            )
            shared = _CLIENTS[key] = (client, threading.RLock())
        return shared


def open_memory_store(
    settings: Settings,
    embedder: TextEmbedder | Embeddings | None = None,
) -> MemoryStore | None:
    """Open the configured store (``memory_url``); log and return None if it cannot open.

    The graph runs without long-term memory when this returns None.
    """
    try:
        config = RetrievalConfig().with_strategy(settings.retrieval_strategy)
        return _store_for(settings, embedder, config=config)
    except Exception as exc:  # memory is optional: any failure means "run without it"
        log.warning("memory store unavailable at %s: %s", _where_stored(settings), exc)
        return None


def _store_for(
    settings: Settings,
    embedder: TextEmbedder | Embeddings | None = None,
    *,
    config: RetrievalConfig | None = None,
) -> MemoryStore:
    """The embedded store at ``memory_path``, or a Chroma server's for an http(s) URL."""
    if settings.memory_url and "://" in settings.memory_url:
        from confide.memory.remote import RemoteMemoryStore

        return RemoteMemoryStore(settings.memory_url, embedder, config=config)
    return MemoryStore(settings.memory_path, embedder, config=config)


def _where_stored(settings: Settings) -> str:
    if settings.memory_url and "://" in settings.memory_url:
        from confide.backends import redact

        return redact(settings.memory_url)
    return str(settings.memory_path)


def forget_user_memories(settings: Settings, user_id: str) -> int:
    """Erase ``user_id``'s memories in the configured store; raises on failure.

    For ``confide forget``: unlike :func:`open_memory_store` it never hides an error, because
    a user asking for erasure must learn when it did not happen.
    """
    remote = bool(settings.memory_url and "://" in settings.memory_url)
    if not remote and not settings.memory_path.exists():
        return 0
    try:
        store = _store_for(settings)
    except Exception as exc:
        raise MemoryStoreError(f"could not open the memory store to erase it: {exc}") from exc
    return store.forget_user(user_id)
