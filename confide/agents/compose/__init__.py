"""The offline counselor: a curated move library, a slot extractor and the composer."""

from confide.agents.compose.composer import Composition, compose, opener, safety_reply
from confide.agents.compose.extract import Details, extract, extract_session, second_person

__all__ = [
    "Composition",
    "Details",
    "compose",
    "extract",
    "extract_session",
    "opener",
    "safety_reply",
    "second_person",
]
