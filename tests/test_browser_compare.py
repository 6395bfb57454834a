"""The side-by-side screenshots of the user guide can be made again, from a fresh checkout.

`scripts/compare_with_jekyll.py` builds the demo posts with Jekyll and minima and with this
site's `mkdocs.yml`, then screenshots the same page in both with headless Chromium.
"""

from __future__ import annotations

import importlib.util
import os
import struct
import sys
from pathlib import Path

import pytest
from jekyll_oracle import require_jekyll

pytestmark = pytest.mark.browser

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "compare_with_jekyll.py"
CHROMIUM = Path("/usr/bin/chromium")


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_screenshots_of_a_post_in_both_sites(tmp_path: Path) -> None:
    require_jekyll()
    if not CHROMIUM.exists():
        if os.environ.get("MINDSET_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing (install Debian's chromium package)")
    spec = importlib.util.spec_from_file_location("compare_with_jekyll", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = script  # dataclasses look their module up while being made
    try:
        spec.loader.exec_module(script)
        written = script.screenshots(tmp_path, pairs=script.PAIRS[:1], height=600)
    finally:
        del sys.modules[spec.name]
    assert [p.name for p in written] == ["lede-jekyll.png", "lede-mkdocs.png"]
    jekyll, mkdocs = written
    assert png_size(jekyll) == png_size(mkdocs) == (1000, 600)
    assert jekyll.read_bytes() != mkdocs.read_bytes()
    assert min(jekyll.stat().st_size, mkdocs.stat().st_size) > 10_000  # not a blank page
