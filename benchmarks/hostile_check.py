"""How long the checker takes on hostile and extreme bodies (the measurements behind body_limits).

    .venv/bin/python benchmarks/hostile_check.py

Each body is checked as `check` does (limits, Markdown with the site's settings, sanitising and the
report); bodies over a limit are refused before Markdown sees them. Prints seconds per body.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from build_tools.reading import safety  # noqa: E402
from build_tools.reading.body_limits import MAX_BODY_CHARS, MAX_UNCLOSED_BRACKETS, MAX_UNCLOSED_TAGS  # noqa: E402

FILLER = "Il bando finanzia progetti di digitalizzazione delle cooperative.\n\n"
SIZE = MAX_BODY_CHARS - 2_000

BODIES = {
    "1 MB on one line (refused)": "parola " * 150_000,
    "1 MB of `<a` on one line (refused)": "<a" * 500_000,
    f"{SIZE // 1000} KB typical sheet": ("## Cosa finanzia\n\nIl bando finanzia *progetti* di [digitalizzazione]"
                                         "(https://example.org/a) delle cooperative.\n\n- voce uno\n- voce due\n\n"
                                         "| a | b |\n|---|---|\n| 1 | 2 |\n\n") * (SIZE // 190),
    f"{MAX_UNCLOSED_TAGS} unclosed `<b` + filler": "<b\n" * MAX_UNCLOSED_TAGS + FILLER * (SIZE // len(FILLER)),
    f"{MAX_UNCLOSED_TAGS} unclosed `<http:` + filler": "<http://a\n" * MAX_UNCLOSED_TAGS + FILLER * (SIZE // len(FILLER)),
    f"{MAX_UNCLOSED_BRACKETS} unclosed `[` per paragraph": ("[x " * MAX_UNCLOSED_BRACKETS + "\n\n") * (SIZE // (3 * MAX_UNCLOSED_BRACKETS + 2)),
    "lists nested 10 deep": ("".join("    " * i + "- x\n" for i in range(10)) + "\n") * (SIZE // 230),
    "backticks on every line": "`a\n" * (SIZE // 3),
    "onclick on every line": '<span onclick="a">t</span>\n' * (SIZE // 27),
}


def main() -> int:
    safety.body_problems("Riscaldamento.\n")  # imports Markdown and its extensions once
    for name, body in BODIES.items():
        started = time.perf_counter()
        problems, _ = safety.body_problems(body)
        elapsed = time.perf_counter() - started
        verdict = "refused" if any(not warning for _, _, warning in problems) else "accepted"
        print(f"{name:45s} {len(body):>9,} chars  {elapsed:6.3f} s  {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
