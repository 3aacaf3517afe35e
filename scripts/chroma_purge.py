"""Purge what a Chroma server keeps on disk after collections were deleted (operator tool).

`confide forget` deletes a user's memories through the server's API: they leave every query at
once, but the server's files keep traces until compacted: the deleted text in free pages and
full-text index segments of `chroma.sqlite3`, and the deleted collection's vector segment
directory. This script, run on the machine that holds the server's `--path`:

1. runs `chroma vacuum --path DIR --force` (compacts the SQLite file and its full-text index);
2. removes segment directories that no segment in `chroma.sqlite3` refers to any more.

Chroma recommends stopping the server while vacuuming (reads and writes block meanwhile).

    python scripts/chroma_purge.py --path /var/lib/chroma [--yes]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def chroma_cli() -> str:
    beside = Path(sys.executable).parent / "chroma"
    found = str(beside) if beside.is_file() else shutil.which("chroma")
    if not found:
        sys.exit("the 'chroma' CLI (ships with chromadb) was not found")
    return found


def orphaned_segments(path: Path) -> list[Path]:
    con = sqlite3.connect(path / "chroma.sqlite3")
    try:
        live = {str(row[0]) for row in con.execute("SELECT id FROM segments")}
    finally:
        con.close()
    folders = [d for d in sorted(path.iterdir()) if d.is_dir() and _UUID.match(d.name)]
    return [d for d in folders if d.name not in live]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", required=True, type=Path, help="the Chroma server's --path")
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    args = parser.parse_args()
    path: Path = args.path
    if not (path / "chroma.sqlite3").is_file():
        sys.exit(f"{path} holds no chroma.sqlite3")
    orphans = orphaned_segments(path)
    if not args.yes:
        answer = input(f"vacuum {path} and remove {len(orphans)} orphaned segment(s)? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            return 1
    subprocess.run(
        [chroma_cli(), "vacuum", "--path", str(path), "--force"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    for folder in orphans:
        shutil.rmtree(folder)
    print(
        f"vacuumed {path}; removed {len(orphans)} orphaned segment director"
        f"{'y' if len(orphans) == 1 else 'ies'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
