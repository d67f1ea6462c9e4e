"""The rules version: a digest of everything that decides what is extracted from a report — the
reference data (catalogue, lexicons, gazetteer, patterns) and the code of transforms/. Every
document and figure carries it, so a warehouse can tell which rules produced what and redo the
reports extracted by older ones. The bundled sample reports are inputs, not rules."""

import hashlib
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
NOT_RULES = ("sample_reports",)
DIGITS = 12


def rule_files() -> list[Path]:
    files = [*PACKAGE.glob("*.py"), *(p for p in (PACKAGE / "data").rglob("*") if p.is_file())]
    return sorted(p for p in files if not any(part in NOT_RULES for part in p.parts) and p.suffix != ".pyc")


@cache
def rules_version() -> str:
    digest = hashlib.sha256()
    for path in rule_files():
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:DIGITS]
