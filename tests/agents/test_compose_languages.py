"""The offline composer never says back a non-English clause with English pronoun swaps.

"Minha vizinha me levou pra UPA" used to come back as "minha vizinha you levou pra UPA": the
quote slot took any clause with "me"/"my" and swapped English pronouns inside Portuguese.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from confide.agents.compose.extract import extract
from confide.companion import Companion
from confide.config import Settings


@pytest.mark.parametrize(
    "text",
    [
        "Minha vizinha me levou pra UPA. Fizeram exames e o médico disse que vou ficar em observação.",
        "Me siento muy sola desde que mi hermana se fue a vivir a otra ciudad.",
        "Mi hanno detto che mi chiameranno domani mattina per il colloquio.",
    ],
)
def test_no_quote_is_taken_from_a_non_english_clause(text: str) -> None:
    assert extract(text).quote == ""


def test_an_english_clause_is_still_said_back() -> None:
    quote = extract("My neighbour drove me to the ER and I was so scared the whole time.").quote
    assert quote == "your neighbour drove you to the ER and you were so scared the whole time"


def test_a_portuguese_message_is_not_mangled_through_the_graph(data_dir: Path) -> None:
    companion = Companion(Settings(data_dir=data_dir, engine="offline"), with_memory=False)
    try:
        out = companion.send(
            "Minha vizinha me levou pra UPA. Fizeram exames e o médico disse que vou ficar em "
            "observação.",
            "pt",
        )
    finally:
        companion.close()
    assert "you levou" not in out["reply"]
    assert "minha vizinha" not in out["reply"].lower()
