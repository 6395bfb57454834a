"""Screenshots of the same posts built by Jekyll (minima) and by MkDocs with the plugin (Material).

The demo site's posts (`docs/_posts/`) are built twice: by Jekyll 4.3 with its default theme,
minima, as a GitHub Pages blog looked, and by this repository's own `mkdocs.yml`. Headless
Chromium then takes a screenshot of each chosen page in both, and the pairs land in
`docs/assets/compare/`, where the "Side by side" page of the user guide shows them.

    python scripts/compare_with_jekyll.py                # regenerate docs/assets/compare/
    python scripts/compare_with_jekyll.py --out /tmp/x   # somewhere else

Needs `jekyll` and the minima theme (Debian: `apt-get install jekyll jekyll-theme-minima`),
Debian's `chromium` at /usr/bin/chromium and the `playwright` Python package (the test extra).
Every request off localhost is refused, so the screenshots show what the sites ship.
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
JEKYLL_CONFIG = """\
title: mkdocs-mindset
description: The demo posts, as Jekyll and minima render them.
theme: minima
timezone: UTC
permalink: pretty
defaults:
  - scope: {path: ""}
    values: {layout: post, render_with_liquid: false}
"""
JEKYLL_HOME = "---\nlayout: home\n---\n"
_QUIET_MKDOCS = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass(frozen=True)
class Pair:
    """One comparison: a page of the Jekyll site and the page showing the same in MkDocs.

    A post is named by its slug and found in each site wherever its permalink put it.
    """

    name: str
    jekyll: str
    mkdocs: str


PAIRS = (
    Pair("lede", "the-lede-is-a-promise", "the-lede-is-a-promise"),
    Pair("permalink", "moving-house", "moving-house"),
    Pair("listing", "", "mindset"),
)


def _url(site: Path, name: str) -> str:
    """The URL of the page written at `<anything>/<name>/index.html` (the home page for "")."""
    if not name:
        return ""
    found = sorted(site.glob(f"**/{name}/index.html"))
    if not found:
        raise SystemExit(f"{site} has no page named {name!r}")
    return found[0].parent.relative_to(site).as_posix() + "/"


def _only(base: str):  # type: ignore[no-untyped-def]
    """A route handler that lets requests to `base` through and refuses every other."""

    def handle(route, request):  # type: ignore[no-untyped-def]
        return route.continue_() if request.url.startswith(base) else route.abort()

    return handle


def build_jekyll(work: Path) -> Path:
    """The demo posts under minima; Liquid off, since a few show Liquid as examples."""
    source, site = work / "jekyll", work / "jekyll-site"
    shutil.copytree(REPO / "docs" / "_posts", source / "_posts")
    (source / "_config.yml").write_text(JEKYLL_CONFIG, encoding="utf-8")
    (source / "index.md").write_text(JEKYLL_HOME, encoding="utf-8")
    command = ["jekyll", "build", "--quiet", "--source", str(source), "--destination", str(site)]
    subprocess.run(command, check=True)
    return site


def build_mkdocs(work: Path) -> Path:
    """This repository's own demo site, as `mkdocs build` makes it."""
    site = work / "mkdocs-site"
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(REPO / "mkdocs.yml")]
    subprocess.run([*command, "--site-dir", str(site)], check=True, env=_QUIET_MKDOCS)
    return site


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No request log on the terminal."""


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """The folder over HTTP on a free loopback port, for as long as the block runs."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def screenshots(out: Path, pairs: tuple[Pair, ...] = PAIRS, height: int = 1100) -> list[Path]:
    """Build both sites and write `<name>-jekyll.png` and `<name>-mkdocs.png` for each pair."""
    from playwright.sync_api import sync_playwright  # the test extra; only this script needs it

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        sites = {"jekyll": build_jekyll(work), "mkdocs": build_mkdocs(work)}
        with (
            serve(sites["jekyll"]) as jekyll,
            serve(sites["mkdocs"]) as mkdocs,
            sync_playwright() as pw,
        ):
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                for pair in pairs:
                    for label, base in (("jekyll", jekyll), ("mkdocs", mkdocs)):
                        url = _url(sites[label], getattr(pair, label))
                        context = browser.new_context(viewport={"width": 1000, "height": height})
                        context.route("**/*", _only(base))
                        page = context.new_page()
                        page.goto(base + url, wait_until="load")
                        path = out / f"{pair.name}-{label}.png"
                        page.screenshot(path=str(path))
                        written.append(path)
                        context.close()
            finally:
                browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "assets" / "compare")
    args = parser.parse_args(argv)
    for path in screenshots(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
