"""Screen and risk records at one level, for the turn states the safety tests build."""

from __future__ import annotations

from confide.records import RiskAssessment, ScreenResult


def screen_at(
    level: str,
    categories: tuple[str, ...] = (),
    *,
    normalized_text: str,
    boundary: tuple[str, ...] = (),
    method_seeking: bool = False,
    language: str = "en",
) -> ScreenResult:
    """The screen's record of a message at ``level`` (no evidence, not figurative)."""
    return ScreenResult(
        level=level,  # type: ignore[typeddict-item]
        categories=list(categories),
        evidence=[],
        normalized_text=normalized_text,
        third_party=False,
        figurative=False,
        method_seeking=method_seeking,
        boundary=list(boundary),
        language=language,
    )


def risk_at(level: str, categories: tuple[str, ...] = ()) -> RiskAssessment:
    """A risk assessment at ``level`` for the turn and the conversation, from the screen."""
    return RiskAssessment(
        level=level,  # type: ignore[typeddict-item]
        turn_level=level,  # type: ignore[typeddict-item]
        conversation_level=level,  # type: ignore[typeddict-item]
        categories=list(categories),
        evidence=[],
        sources=["screen"],
    )
