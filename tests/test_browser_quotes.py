"""Pull-quotes and callouts as a reader sees them: headless Chromium on real builds.

Each theme variant gets a real site built with the plugin, served over HTTP on localhost and
opened in Debian's Chromium through Playwright. The checks are about what the CSS does:
sizes, contrast against the actual page background, visible callouts, the video frame. Every
run leaves screenshots in ``artifacts/screenshots/`` to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import CHROMIUM, CHROMIUM_ARGS, serve, sync_api
from quotes_helpers import POST, POST_SRC, POST_URL, material, plugin_site

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"

# Name -> theme settings. The issue asks for the first three; the others cover the fallbacks.
VARIANTS: dict[str, dict[str, Any]] = {
    "material-light": material("default"),
    "material-slate": material("slate"),
    "mkdocs": {"name": "mkdocs"},
    "mkdocs-dark": {"name": "mkdocs", "color_mode": "dark"},
    "readthedocs": {"name": "readthedocs"},
}


# -- colour arithmetic (WCAG 2.x) -------------------------------------------------------------

RGBA = tuple[float, float, float, float]


def parse_color(value: str) -> RGBA:
    """A computed CSS colour (``rgb()``, ``rgba()`` or ``color(srgb …)``) as 0-255 RGBA."""
    numbers = [float(n) for n in re.findall(r"[-+]?\d*\.?\d+(?:e[-+]?\d+)?", value)]
    if value.startswith("color(srgb"):
        r, g, b = (n * 255 for n in numbers[:3])
        return r, g, b, numbers[3] if len(numbers) > 3 else 1.0
    if value.startswith("rgb"):
        r, g, b = numbers[:3]
        return r, g, b, numbers[3] if len(numbers) > 3 else 1.0
    raise ValueError(f"unexpected computed colour {value!r}")


def over(top: RGBA, bottom: RGBA) -> RGBA:
    """``top`` painted over an opaque ``bottom``."""
    alpha = top[3]
    r, g, b = (t * alpha + u * (1 - alpha) for t, u in zip(top[:3], bottom[:3], strict=True))
    return r, g, b, 1.0


def luminance(color: RGBA) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in color[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGBA, b: RGBA) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# Computed styles of an element plus the background layers behind it, innermost first.
PROBE = """
(el) => {
  const style = getComputedStyle(el);
  const layers = [];
  for (let node = el; node; node = node.parentElement) {
    layers.push(getComputedStyle(node).backgroundColor);
  }
  const box = el.getBoundingClientRect();
  return {
    color: style.color,
    fontSize: parseFloat(style.fontSize),
    borderLeftWidth: parseFloat(style.borderInlineStartWidth),
    borderLeftColor: style.borderInlineStartColor,
    borderTopWidth: parseFloat(style.borderTopWidth),
    background: style.backgroundColor,
    display: style.display,
    transition: style.transitionDuration,
    layers,
    width: box.width,
    height: box.height,
  };
}
"""


def backdrop(layers: list[str]) -> RGBA:
    """The opaque colour an element is painted on: its ancestors' backgrounds composited."""
    result: RGBA = (255.0, 255.0, 255.0, 1.0)  # the canvas
    for value in reversed(layers):
        result = over(parse_color(value), result)
    return result


# -- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Every variant built once and served from one local HTTP server; yields the base URL."""
    root = tmp_path_factory.mktemp("quote-sites")
    for name, theme_config in VARIANTS.items():
        site = plugin_site(root / name, {POST_SRC: POST}, theme_config=theme_config)
        assert site.exists(POST_URL), name
    with serve(root) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


def open_post(browser: Any, served: str, variant: str, **context: Any) -> Any:
    """The demo post of one variant, with every request off localhost refused (offline)."""
    ctx = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **context})
    ctx.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(served) else route.abort(),
    )
    page = ctx.new_page()
    page.goto(f"{served}{variant}/site/{POST_URL}", wait_until="load")
    page.wait_for_function("document.fonts.status === 'loaded'")
    return page


def probe(page: Any, selector: str) -> dict[str, Any]:
    handle = page.locator(selector).first
    handle.wait_for(state="attached")
    return dict(handle.evaluate(PROBE))


def body_paragraph(page: Any) -> dict[str, Any]:
    return probe(page, "p:text-matches('^Body text comes first')")


def screenshot(page: Any, name: str, selector: str | None = None) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    if selector is None:
        page.screenshot(path=str(path), full_page=True)
    else:
        page.locator(selector).first.screenshot(path=str(path))
    return path


# -- tests ----------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_lede_is_larger_than_body_text_and_readable(
    browser: Any, served: str, variant: str
) -> None:
    page = open_post(browser, served, variant)
    try:
        body = body_paragraph(page)
        for selector in (".mindset-pullquote--lead p", "aside.mindset-pullquote p"):
            quote = probe(page, selector)
            ratio = quote["fontSize"] / body["fontSize"]
            assert ratio >= 1.15, f"{variant} {selector}: {ratio:.2f}x body text"
            ground = backdrop(quote["layers"])
            text = over(parse_color(quote["color"]), ground)
            score = contrast(text, ground)
            assert score >= 4.5, f"{variant} {selector}: contrast {score:.2f}:1"
        lede = probe(page, ".mindset-pullquote--lead")
        assert lede["borderLeftWidth"] >= 2, f"{variant}: the lede has no accent rule"
        assert parse_color(lede["borderLeftColor"])[3] > 0
        screenshot(page, f"quotes-{variant}")
        screenshot(page, f"quotes-{variant}-lede", ".mindset-pullquote--lead")
        screenshot(page, f"quotes-{variant}-pullquotes", "aside.mindset-pullquote")
    finally:
        page.context.close()


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_callouts_have_a_visible_border_and_background(
    browser: Any, served: str, variant: str
) -> None:
    page = open_post(browser, served, variant)
    try:
        for kind in ("note", "tip", "warning", "important"):
            box = probe(page, f".admonition.{kind}")
            title = probe(page, f".admonition.{kind} > .admonition-title")
            ground = backdrop(box["layers"][1:])
            edge = over(parse_color(box["borderLeftColor"]), ground)
            bordered = box["borderLeftWidth"] >= 1 and contrast(edge, ground) >= 1.5
            fills = [over(parse_color(c), ground) for c in (box["background"], title["background"])]
            tinted = any(contrast(fill, ground) >= 1.04 for fill in fills)
            assert bordered or tinted, f"{variant} {kind}: callout not told apart from the page"
            body = probe(page, f".admonition.{kind} > p:not(.admonition-title)")
            under = backdrop(body["layers"])
            score = contrast(over(parse_color(body["color"]), under), under)
            assert score >= 4.5, f"{variant} {kind}: callout text contrast {score:.2f}:1"
        screenshot(page, f"callouts-{variant}", ".admonition.note")
    finally:
        page.context.close()


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_youtube_embed_is_lazy_and_sized(browser: Any, served: str, variant: str) -> None:
    page = open_post(browser, served, variant)
    try:
        iframe = page.locator(".mindset-embed--youtube iframe")
        assert iframe.evaluate("el => el.loading") == "lazy"
        assert "youtube-nocookie.com/embed/" in iframe.get_attribute("src")
        box = probe(page, ".mindset-embed--youtube iframe")
        assert box["width"] >= 300, f"{variant}: frame only {box['width']}px wide"
        assert abs(box["height"] - box["width"] * 9 / 16) <= 2, (variant, box)
        column = probe(page, ".mindset-embed--youtube")
        assert box["width"] == pytest.approx(column["width"], abs=1)
        card = probe(page, "a.mindset-tweet")
        assert card["display"] == "flex" and card["borderLeftWidth"] >= 2
        screenshot(page, f"embeds-{variant}", ".mindset-embed--youtube")
    finally:
        page.context.close()


def test_reduced_motion_and_print(browser: Any, served: str) -> None:
    page = open_post(browser, served, "material-light", reduced_motion="reduce")
    try:
        assert probe(page, "a.mindset-tweet")["transition"] in ("0s", "0s, 0s")
        page.emulate_media(media="print")
        assert probe(page, ".mindset-embed__frame")["display"] == "none"
        after = page.locator(".mindset-embed__caption a").evaluate(
            "el => getComputedStyle(el, '::after').content"
        )
        assert "youtube.com/watch" in after
        quote = probe(page, "aside.mindset-pullquote p")
        assert parse_color(quote["color"])[:3] == (0, 0, 0)
    finally:
        page.context.close()


def test_narrow_screen_keeps_everything_inside(browser: Any, served: str) -> None:
    page = open_post(browser, served, "material-light", viewport={"width": 360, "height": 800})
    try:
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        frame = probe(page, ".mindset-embed--youtube iframe")
        assert frame["width"] <= 360 and abs(frame["height"] - frame["width"] * 9 / 16) <= 2
        screenshot(page, "quotes-material-narrow")
    finally:
        page.context.close()
