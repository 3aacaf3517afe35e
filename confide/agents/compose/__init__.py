"""The offline counselor: a curated move library, a slot extractor and the composer."""

from confide.agents.compose.composer import (
    Composition,
    compose,
    freshen,
    opener,
    safety_reply,
    said_in,
    sentence_keys,
)
from confide.agents.compose.extract import Details, extract, extract_session, second_person

__all__ = [
    "Composition",
    "Details",
    "compose",
    "extract",
    "extract_session",
    "freshen",
    "opener",
    "safety_reply",
    "said_in",
    "second_person",
    "sentence_keys",
]
