"""karier.rules must import only the standard library (and itself) — no Django."""

import ast
import sys
from pathlib import Path

import karier.rules

PACKAGE = Path(karier.rules.__file__).parent


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, 0
        elif isinstance(node, ast.ImportFrom):
            yield node.module or "", node.level


def test_only_standard_library_imports():
    files = sorted(PACKAGE.glob("*.py"))
    assert len(files) >= 10
    for path in files:
        for module, level in _imports(path):
            if level:
                continue
            top = module.split(".")[0]
            assert top in sys.stdlib_module_names or top == "__future__", f"{path.name}: {module}"


def test_all_public_names_exist_and_are_unique():
    names = karier.rules.__all__
    assert len(names) == len(set(names))
    for name in names:
        assert hasattr(karier.rules, name), name
