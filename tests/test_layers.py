"""The data path runs one way: nlp never imports extract, extract never imports store or api, and the
model imports nothing of sitrep (read from the source, so a new import breaks this test)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "sitrep"
FORBIDDEN = {
    "nlp": ("sitrep.extract", "sitrep.geo", "sitrep.fuse", "sitrep.store", "sitrep.api", "sitrep.cli"),
    "extract": ("sitrep.store", "sitrep.api", "sitrep.cli", "sitrep.fuse"),
    "model.py": ("sitrep.",),
}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_downstream(layer: str) -> None:
    target = PACKAGE / layer
    files = [target] if target.is_file() else sorted(target.rglob("*.py"))
    assert files
    offences = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in files
        for name in _imports(path)
        if name.startswith(FORBIDDEN[layer])
    ]
    assert offences == []
