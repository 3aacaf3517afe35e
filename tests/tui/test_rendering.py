"""Pure rendering helpers of the app: the trajectory chart, reply Markdown, slash commands."""

from __future__ import annotations

from typing import Any

from markdown_it import MarkdownIt

from confide.tui import chart, commands
from confide.tui.widgets import reply_markdown


def record(turn: int, valence: float, emotion: str) -> dict[str, Any]:
    vector = dict.fromkeys(chart.PLUTCHIK, 0.0)
    vector[emotion] = 0.8
    return {"turn": turn, "valence": valence, "vector": vector}


def test_chart_draws_negative_turns_below_and_positive_above_the_axis() -> None:
    text = chart.valence_chart([record(1, -0.9, "sadness"), record(2, 0.9, "joy")], width=20)
    rows = text.plain.splitlines()
    axis = next(i for i, row in enumerate(rows) if "┼" in row)
    col_sad, col_joy = 3, 5  # after the 3-column axis labels, one turn every two columns
    assert all(rows[i][col_sad] == " " for i in range(axis))
    assert rows[axis + 1][col_sad] == "█"
    assert rows[axis - 1][col_joy] == "█"
    assert all(rows[i][col_joy] == " " for i in range(axis + 1, axis + 4))
    assert rows[-1].split()[0] == "turn" and rows[-1].split()[-1] == "2"


def test_chart_colours_each_bar_by_its_dominant_emotion() -> None:
    text = chart.valence_chart([record(1, -0.9, "sadness"), record(2, -0.9, "anger")], width=20)
    styles = {str(span.style) for span in text.spans}
    assert chart.EMOTION_COLOURS["sadness"] in styles
    assert chart.EMOTION_COLOURS["anger"] in styles
    assert "sadness" in chart.legend([record(1, -0.5, "sadness")]).plain


def test_chart_keeps_the_latest_turns_when_the_session_outgrows_it() -> None:
    records = [record(i, -0.5, "fear") for i in range(1, 41)]
    last_row = chart.valence_chart(records, width=23).plain.splitlines()[-1]
    assert last_row.split()[-1] == "40" and "turn 31" in last_row


def test_neutral_turn_is_marked_on_the_axis_and_arrows_follow_valence() -> None:
    text = chart.valence_chart([record(1, 0.0, "trust")], width=10).plain
    assert "●" in text
    assert chart.shift_arrow(0.4)[1] == "lighter"
    assert chart.shift_arrow(-0.4)[1] == "heavier"
    assert chart.shift_arrow(0.02)[1] == "steady"
    assert chart.dominant({}) == "neutral"


def test_reply_markdown_keeps_resource_lines_as_a_list() -> None:
    reply = "You can reach someone now:\n• Line A: call 1\n• Line B: text 2\nI'm here with you."
    html = MarkdownIt("gfm-like").render(reply_markdown(reply))
    assert html.count("<li>") == 2
    assert "I'm here with you." not in html.split("</ul>")[0]  # not glued to the last item
    plain = MarkdownIt("gfm-like").render(reply_markdown("first line\nsecond line"))
    assert "<br" in plain


def test_slash_commands_parse_complete_and_escape() -> None:
    assert commands.is_command("/export")
    assert commands.is_command("  /Sessions  ")
    assert not commands.is_command("//not a command")
    assert not commands.is_command("I feel /meh today")
    assert not commands.is_command("/new\nsecond line")
    assert commands.parse("/Export now") == ("/export", "now")
    assert commands.completion("/ex") == "port"
    assert commands.completion("/export") == ""
    assert commands.completion("hello") == ""
    assert [c.name for c in commands.matches("/s")] == ["/sessions", "/search"]
    assert commands.unescape("//shrug") == "/shrug"
