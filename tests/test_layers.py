"""The package's layers, as its folder names promise: the Jekyll model stands on its own.

`mkdocs_mindset/jekyll/` is the pure model of Jekyll's rules: it must never import MkDocs,
Jinja or Python-Markdown (nor the layers built on it), so it can be read, tested and reused
without them. `markdown/` (the Python-Markdown extension) may use the Jekyll layer and
Python-Markdown, never MkDocs, the MkDocs glue in `site/` or the plugin.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "mkdocs_mindset"

FORBIDDEN = {
    "jekyll": ("mkdocs", "jinja2", "markdown", "mkdocs_mindset.site", "mkdocs_mindset.markdown",
               "mkdocs_mindset.plugin", "mkdocs_mindset.config"),
    "markdown": ("mkdocs", "jinja2", "mkdocs_mindset.site", "mkdocs_mindset.plugin",
                 "mkdocs_mindset.config"),
}  # fmt: skip


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, relative imports resolved against its package."""
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_what_lies_below_it(layer: str) -> None:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files, f"no modules in {layer}/"
    bad = [
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in files
        for module in sorted(imported_modules(path))
        if any(module == f or module.startswith(f + ".") for f in FORBIDDEN[layer])
    ]
    assert not bad, bad


def test_the_walk_sees_relative_imports() -> None:
    """The check cannot pass by failing to resolve `from ..site import x`."""
    modules = imported_modules(PACKAGE / "site" / "collect.py")
    assert "mkdocs_mindset.jekyll.posts" in modules
    assert "mkdocs" in {m.split(".")[0] for m in modules}
