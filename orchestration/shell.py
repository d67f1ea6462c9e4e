"""`fazhi sql` with no query: a read-only shell on the warehouse. Each statement (ended by `;`
at the end of a line) goes through the same guard, timeout and row cap as a one-off query; an
error is one line and the shell goes on. `.tables` lists the relations, `.quit` or end of input
leaves."""

import sys
from collections.abc import Callable, Iterator
from typing import TextIO

HELP = "fazhi sql (read-only): end a statement with ';'; .tables lists tables and views; .quit leaves"
TABLES_QUERY = (
    "SELECT table_name AS name, table_type AS type FROM information_schema.tables "
    "WHERE table_schema = 'main' ORDER BY table_type, table_name;"
)


def statements(lines: TextIO, prompt: Callable[[str], None]) -> Iterator[str]:
    """Statements as typed: lines gathered until one ends with ';'; dot commands on their own."""
    buffer: list[str] = []
    while True:
        prompt("   ...> " if buffer else "fazhi> ")
        line = lines.readline()
        if not line:
            return
        text = line.strip()
        if not buffer and text in (".quit", ".exit"):
            return
        if not buffer and text == ".tables":
            yield TABLES_QUERY
            continue
        if text:
            buffer.append(line.rstrip("\n"))
        if text.endswith(";"):
            yield "\n".join(buffer)
            buffer = []


def run_shell(answer: Callable[[str], int], lines: TextIO = sys.stdin) -> int:
    """Answer every statement typed until the input ends; exit status 0."""
    interactive = lines.isatty()

    def prompt(text: str) -> None:
        if interactive:
            print(text, end="", file=sys.stderr, flush=True)

    if interactive:
        print(HELP, file=sys.stderr)
    for statement in statements(lines, prompt):
        answer(statement)
    return 0
