"""Write the README screenshots (docs/img/tui-*.svg) from the real app and the real Companion.

Offline engine, a throwaway data dir, fixed session ids and terminal size. Run from the repo
root: ``.venv/bin/python tests/tui/make_screenshots.py``.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

SCENES: dict[str, tuple[bool, list[str]]] = {
    "tui-main": (False, ["My sister is visiting next week and I'm dreading it"]),
    "tui-panel": (
        True,
        [
            "My mum keeps comparing me to my brother and it makes me feel small",
            "/new",
            "I failed my exam again and I feel worthless",
            "I studied for weeks and it still wasn't enough",
            "And my mum will compare me to my brother again",
        ],
    ),
    "tui-crisis": (
        True,
        ["I feel like such a burden to everyone", "I have a plan to end my life tonight"],
    ),
}


async def shoot(name: str, panel: bool, messages: list[str]) -> None:
    from tui_helpers import settle, type_text

    from confide.config import load_settings
    from confide.tui.app import ConfideApp

    app = ConfideApp(
        load_settings(engine="offline", region="US"),
        session_id=f"20260101-120000-{name[4:]}",
        reveal_seconds=0,
        show_panel=panel,
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, timeout=120)
        for text in messages:
            await type_text(pilot, text)
            await pilot.press("enter")
            await settle(pilot, timeout=120)
        app.composer.cursor_blink = False
        app.clear_notifications()
        svg = app.export_screenshot(title="Confide")
    app.close_companion()
    out = ROOT / "docs" / "img" / f"{name}.svg"
    out.write_text(svg, encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CONFIDE_DATA_DIR"] = tmp
        os.environ["CONFIDE_CONFIG"] = str(Path(tmp) / "none.toml")
        os.environ["ANONYMIZED_TELEMETRY"] = "False"
        for name, (panel, messages) in SCENES.items():
            asyncio.run(shoot(name, panel, messages))


if __name__ == "__main__":
    main()
