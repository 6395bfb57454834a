"""The repository's own site: every option documented, and the demo builds under --strict."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import build_site

from mkdocs_mindset.config import MindsetConfig
from mkdocs_mindset.jekyll.front_matter import split_front_matter

ROOT = Path(__file__).resolve().parents[1]


def test_every_option_is_in_the_options_reference() -> None:
    reference = (ROOT / "docs" / "options.md").read_text(encoding="utf-8")
    names = [name for name, _ in MindsetConfig._schema]
    missing = [n for n in names if not re.search(rf"`{re.escape(n)}`", reference)]
    assert not missing, f"options missing from docs/options.md: {missing}"


def test_demo_site_builds_strictly_and_hides_the_unpublished_post(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    site = build_site(tmp_path / "mkdocs.yml", strict=True)
    assert site.exists("categories/")
    front = [
        split_front_matter(p.read_text("utf-8")).data for p in (ROOT / "docs").rglob("_posts/*")
    ]
    unpublished = [fm for fm in front if fm.get("published") is False]
    if not unpublished:
        pytest.fail("the demo gallery must show an unpublished post staying hidden")
    text = site.all_text()
    for fm in unpublished:
        assert str(fm["title"]) not in text
