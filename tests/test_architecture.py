"""The layers and what each may import (docs/architecture.md): checked over the source, so a
shortcut across layers fails here rather than in review."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = {"transforms", "warehouse", "orchestration", "notebooks", "tests"}
MAY_IMPORT = {
    "transforms": {"transforms"},
    "warehouse": {"warehouse", "transforms"},
    "orchestration": {"orchestration", "transforms", "warehouse", "notebooks"},
    "notebooks": {"notebooks", "warehouse", "transforms"},
}
NEVER = {"transforms": {"dagster"}, "warehouse": {"dagster"}, "notebooks": {"dagster"}}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("layer", sorted(MAY_IMPORT))
def test_each_layer_imports_only_what_it_may(layer):
    broken = {}
    for path in sorted((ROOT / layer).rglob("*.py")):
        imported = imports_of(path)
        wrong = (imported & OURS) - MAY_IMPORT[layer] | (imported & NEVER.get(layer, set()))
        if wrong:
            broken[str(path.relative_to(ROOT))] = sorted(wrong)
    assert broken == {}
