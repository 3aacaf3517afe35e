"""Run every ``benchmarks/bench_*.py`` in its own process and print their output.

Usage: ``make bench`` (or ``python -m benchmarks.run [name ...]``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    here = Path(__file__).parent
    scripts = sorted(here.glob("bench_*.py"))
    if argv:
        scripts = [s for s in scripts if any(a in s.stem for a in argv)]
    failed = 0
    for script in scripts:
        print(f"\n## {script.stem}\n", flush=True)
        proc = subprocess.run([sys.executable, str(script)], cwd=here.parent, check=False)
        failed += proc.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
