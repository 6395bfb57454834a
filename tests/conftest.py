"""Shared fixtures: build a real MkDocs site from inline files and read its HTML."""

from __future__ import annotations

import importlib.metadata
import logging
import os
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, settings
from mkdocs.commands.build import build
from mkdocs.config import load_config
from packaging.version import Version

# Hypothesis: generated input is slow to make and the builds are slow to run, so no deadline.
# CI's main run (`MINDSET_FULL_PROPERTIES=1`, set by .ci/run) runs enough cases for the floors
# (`property_helpers`): 1,100 per pure property (10 properties, 11,000 cases). Otherwise fewer,
# for a quick loop. No example database, so the
# runs leave nothing behind in the working tree.
_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
settings.register_profile(
    "ci", max_examples=1_100, deadline=None, database=None, suppress_health_check=_SLOW
)
settings.register_profile(
    "dev", max_examples=100, deadline=None, database=None, suppress_health_check=_SLOW
)
FULL_PROPERTIES = bool(os.environ.get("MINDSET_FULL_PROPERTIES"))
settings.load_profile("ci" if FULL_PROPERTIES else "dev")

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
POST_SUFFIXES = (".md", ".markdown")


def corpus_posts(name: str) -> list[Path]:
    """The posts of one corpus in `../shared/corpus/`; skips (fails in CI) when it is absent."""
    folder = CORPUS / name
    if not folder.is_dir():
        reason = f"needs the shared corpus ../shared/corpus/{name} (looked in {folder})"
        if os.environ.get("MINDSET_REQUIRE_CORPUS"):
            pytest.fail(reason)
        pytest.skip(reason)
    return sorted(p for p in folder.iterdir() if p.suffix in POST_SUFFIXES)


# Each corpus's real site settings (from the corpus README): they decide its Jekyll URLs.
CORPUS_SETTINGS: dict[str, dict[str, Any]] = {
    "jekyll-docs": {
        "timezone": "America/Los_Angeles",
        "permalink": "/news/:year/:month/:day/:title/",
    },
    "geoserver": {"timezone": "UTC", "permalink": "date"},
    "fastpages": {"timezone": "UTC", "permalink": "date"},
}


def needs_material(version: str, why: str) -> pytest.MarkDecorator:
    """Skip a test of a Material feature that the installed (older, but supported) one lacks."""
    installed = Version(importlib.metadata.version("mkdocs-material"))
    reason = f"{why}: needs Material {version} or newer, found {installed}"
    return pytest.mark.skipif(installed < Version(version), reason=reason)


MATERIAL_META = needs_material("9.6", "Material's meta plugin (`.meta.yml` defaults)")


@dataclass
class Site:
    root: Path
    site_dir: Path
    warnings: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)

    def path(self, url: str) -> Path:
        """The file MkDocs wrote for a site-relative URL (`a/b/` -> `a/b/index.html`)."""
        url = url.lstrip("/")
        if url == "" or url.endswith("/"):
            url += "index.html"
        return self.site_dir / url

    def exists(self, url: str) -> bool:
        return self.path(url).is_file()

    def html(self, url: str) -> str:
        return self.path(url).read_text(encoding="utf-8")

    def soup(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.html(url), "html.parser")

    def all_text(self) -> str:
        """Every file the build wrote, concatenated: for "absent from every output" checks."""
        return "\n".join(
            p.read_text(encoding="utf-8", errors="replace")
            for p in sorted(self.site_dir.rglob("*"))
            if p.is_file() and p.suffix in {".html", ".xml", ".json", ".txt"}
        )


def resolve(site: Site, page_url: str, href: str) -> Path:
    """The file a link on the page at `page_url` leads to; the link must stay in the site."""
    target = urljoin("http://site.test/" + page_url.lstrip("/"), href)
    assert target.startswith("http://site.test/"), f"{href!r} leaves the site"
    return site.path(unquote(target[len("http://site.test/") :].split("#")[0]))


def content(site: Site, url: str) -> Any:
    """The page's main content (each theme wraps it differently)."""
    soup = site.soup(url)
    return (
        soup.select_one("article.md-content__inner")
        or soup.select_one('[role="main"]')
        or soup.select_one("div.rst-content")
        or soup.body
    )


def h1s(site: Site, url: str) -> list[str]:
    return [h.get_text(" ", strip=True) for h in site.soup(url).find_all("h1")]


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def write_site(root: Path, files: dict[str, str], config: dict[str, Any]) -> Path:
    """Write `mkdocs.yml` and `docs/` under `root`; file texts are dedented."""
    docs = root / "docs"
    for rel, text in files.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    if not (docs / "index.md").exists():
        (docs / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    cfg = {"site_name": "Test blog", "docs_dir": "docs", "site_dir": "site", **config}
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    return config_file


def build_site(config_file: Path, *, strict: bool = False, dirty: bool = False) -> Site:
    """Build with MkDocs' real `build()`; warnings are captured like `--strict` counts them."""
    capture = _Capture()
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.INFO)  # info lines are read too, as `mkdocs build` shows them
    logger.addHandler(capture)
    try:
        cfg = load_config(config_file=str(config_file), strict=strict)
        build(cfg, dirty=dirty)
    finally:
        logger.removeHandler(capture)
        logger.setLevel(level)
    site = Site(config_file.parent, Path(cfg.site_dir))
    site.warnings = [r.getMessage() for r in capture.records if r.levelno >= logging.WARNING]
    site.infos = [r.getMessage() for r in capture.records if r.levelno == logging.INFO]
    return site


def theme(name: str) -> dict[str, Any]:
    """Theme settings that keep test builds offline (no web fonts)."""
    if name == "material":
        return {"name": "material", "font": False}
    return {"name": name}


@pytest.fixture
def make_site(tmp_path: Path) -> Iterator[Callable[..., Site]]:
    """`make_site(files, theme="material", plugin={...}, strict=False, **mkdocs_config)`."""

    def _make(
        files: dict[str, str],
        *,
        theme_name: str = "material",
        plugin: dict[str, Any] | None = None,
        strict: bool = False,
        **config: Any,
    ) -> Site:
        plugins: list[Any] = ["search", {"mindset": plugin or {"timezone": "UTC"}}]
        cfg = {"theme": theme(theme_name), "plugins": plugins, **config}
        return build_site(write_site(tmp_path, files, cfg), strict=strict)

    yield _make


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in a `test_jekyll_*` module compares with Jekyll: mark it `oracle`."""
    for item in items:
        if item.path.name.startswith("test_jekyll_"):
            item.add_marker(pytest.mark.oracle)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The Jekyll comparisons' and the property tests' counts, at the end of every run."""
    import jekyll_oracle
    from property_helpers import COUNTS

    lines = jekyll_oracle.summary_lines()
    if lines:
        terminalreporter.section("compared with Jekyll 4.3")
        for line in lines:
            terminalreporter.write_line(line)
    if COUNTS.ran_pure or COUNTS.ran_builds:
        terminalreporter.section("property tests")
        terminalreporter.write_line(
            f"property tests: {COUNTS.pure_cases:,} pure cases, "
            f"{COUNTS.built_posts:,} posts in {COUNTS.built_sites:,} built sites"
        )
        for problem in _property_shortfalls():
            terminalreporter.write_line(f"FAILED: {problem}", red=True)


def _property_shortfalls() -> list[str]:
    """In a full run, totals below the floors: the generated input must not quietly shrink.

    Only a run that included a property module is judged (`pytest -k` on other tests is not).
    """
    from property_helpers import BUILT_POSTS_FLOOR, COUNTS, PURE_CASES_FLOOR

    if not FULL_PROPERTIES:
        return []
    problems = []
    if COUNTS.ran_pure and COUNTS.pure_cases < PURE_CASES_FLOOR:
        problems.append(f"{COUNTS.pure_cases:,} pure property cases < {PURE_CASES_FLOOR:,}")
    if COUNTS.ran_builds and COUNTS.built_posts < BUILT_POSTS_FLOOR:
        problems.append(f"{COUNTS.built_posts:,} generated posts built < {BUILT_POSTS_FLOOR:,}")
    return problems


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail a full session whose property tests ran fewer cases or posts than the floors."""
    if _property_shortfalls() and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
