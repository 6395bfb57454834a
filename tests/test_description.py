"""Description resolution order, plain text, safe subtitle HTML and truncation (pure)."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup

from mkdocs_mindset.site.description import (
    Description,
    describe,
    excerpt_text,
    first_block,
    plain_text,
    safe_html,
    truncate_words,
)


def _describe(**kwargs: Any) -> Description:
    args: dict[str, Any] = {
        "description": None,
        "excerpt": None,
        "body": None,
        "site_description": None,
        "max_words": 100,
    }
    args.update(kwargs)
    return describe(**args)


# --- resolution order ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "text", "source"),
    [
        (
            {"description": "From front matter.", "excerpt": "Excerpt.", "body": "Body.",
             "site_description": "Site."},
            "From front matter.", "description",
        ),
        ({"excerpt": "Excerpt.", "body": "Body.", "site_description": "Site."}, "Excerpt.",
         "excerpt"),
        ({"body": "Body *text*.", "site_description": "Site."}, "Body text.", "body"),
        ({"body": "", "site_description": "Site **desc**."}, "Site desc.", "site"),
        ({"description": "   ", "excerpt": "", "body": "Body."}, "Body.", "body"),
        ({"description": "<script>x()</script>", "body": "Body."}, "Body.", "body"),
        ({}, "", None),
        ({"site_description": "  "}, "", None),
    ],
)  # fmt: skip
def test_resolution_order(kwargs: dict[str, Any], text: str, source: str | None) -> None:
    result = _describe(**kwargs)
    assert result.text == text
    assert result.source == source


def test_subtitle_only_for_front_matter_text() -> None:
    assert _describe(description="Said *once*.").subtitle == "Said <em>once</em>."
    assert _describe(excerpt="An excerpt.").subtitle == "An excerpt."
    assert _describe(body="Body text.").subtitle is None
    assert _describe(site_description="Site.").subtitle is None


@pytest.mark.parametrize(
    "body",
    ["> A tutorial on X.\n\nMore.", "A tutorial on x\n\nMore.", "## Intro\n\n> a TUTORIAL on X!"],
)
def test_no_subtitle_when_it_repeats_the_lede(body: str) -> None:
    result = _describe(description="A tutorial on X.", body=body)
    assert result.text == "A tutorial on X."
    assert result.subtitle is None


def test_subtitle_kept_when_lede_differs() -> None:
    result = _describe(description="A tutorial on X.", body="> Something else.")
    assert result.subtitle == "A tutorial on X."


def test_truncation_counts_words_of_plain_text() -> None:
    result = _describe(description="one *two* three four five", max_words=3)
    assert result.text == "one two three…"
    # The subtitle is the author's whole sentence; only metadata is cut.
    assert result.subtitle == "one <em>two</em> three four five"


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("a b c", 3, "a b c"),
        ("a b c d", 3, "a b c…"),
        ("a, b, c, d", 3, "a, b, c…"),
        ("  a \n b  ", 100, "a b"),
        ("a b c", 0, "a b c"),
    ],
)
def test_truncate_words(text: str, words: int, expected: str) -> None:
    assert truncate_words(text, words) == expected


# --- the excerpt from the body ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("First para.\n\nSecond.", "First para."),
        ("# Title\n\nFirst para.", "First para."),
        ("# Title\nFirst para under it.", "First para under it."),
        ("Title\n=====\n\nFirst.", "First."),
        ("Sub\n---\nText.", "Text."),
        ("> The lede, *styled*.\n\nBody.", "The lede, styled."),
        ("![a chart](chart.png)\n\nAfter the image.", "After the image."),
        ("[![badge](b.svg)](https://ci)\n\nText.", "Text."),
        ("* TOC\n{:toc}\n\nReal text.", "Real text."),
        ("```python\ncode()\n```\n\nProse.", "Prose."),
        ("    indented code\n\nProse.", "Prose."),
        ('{% include note.html content="x" %}\n\nProse.', "Prose."),
        ("<!-- comment -->\n\nProse.", "Prose."),
        ("---\n\nProse.", "Prose."),
        ("| a | b |\n|---|---|\n\nProse.", "Prose."),
        ("Text with [a link](https://x) and `code`.", "Text with a link and code."),
        ("Line one\nline two.", "Line one line two."),
        ("<p>Raw <b>HTML</b> para</p>\n\nNext.", "Raw HTML para"),
        ("Hello {{ site.title }} world", "Hello world"),
        ('[Pages][1] moved.\n\nMore.\n\n[1]: https://x.org "T"', "Pages moved."),
        ("See [docs].\n\n[docs]: /docs/\n[^1]: a footnote", "See docs."),
        ("[1]: https://x.org\n\nText after the definitions.", "Text after the definitions."),
        ("", ""),
        ("# Only a heading", ""),
        # A definition whose URL is Liquid still makes a link, as in Jekyll (its news posts).
        ("See [the release][rel].\n\n[rel]: {% post_url 2013-05-06-x %}", "See the release."),
        ("[Docs][d] here.\n\n[d]: {{ site.baseurl }}/docs/", "Docs here."),
    ],
)
def test_excerpt_text(body: str, expected: str) -> None:
    assert excerpt_text(body) == expected


def test_excerpt_uses_the_post_separator() -> None:
    body = "One.\n\nTwo.\n<!--more-->\nThree."
    assert excerpt_text(body, "<!--more-->") == "One. Two."
    assert first_block(body, "<!--more-->") == "One.\n\nTwo."


def test_excerpt_crlf_line_endings() -> None:
    assert excerpt_text("# T\r\n\r\nFirst.\r\n\r\nSecond.") == "First."


# --- plain text for metadata ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("5 > 3 & \"x\" 'y'", "5 > 3 & \"x\" 'y'"),
        ("a < b", "a < b"),
        ("x<y and y>z", "x<y and y>z"),
        ("I <3 Python", "I <3 Python"),
        ("AT&T &amp; co", "AT&T & co"),
        ("&lt;b&gt; is bold", "<b> is bold"),
        ("Caf&eacute; &#x2713;", "Café ✓"),
        ("C++ *and* C#", "C++ and C#"),
        ("See [docs](https://x.org) now", "See docs now"),
        ('Use <a href="https://x">this</a><script>alert("x")</script>!', "Use this!"),
        ("a<style>p{}</style>b", "ab"),
        ("unclosed <script>alert(1)", "unclosed"),
        ("<p>one</p><p>two</p>", "one two"),
        ("<div>a</div><div>b</div>", "a b"),
        ("x <custom-el>y</custom-el> z", "x y z"),
        ("tab\tand\nnewline   spaces", "tab and newline spaces"),
        ("<!-- hidden --> shown", "shown"),
        ("{% raw %}liquid{% endraw %} text", "liquid text"),
        ("`<div>` tags", "<div> tags"),
        ("'single' and \"double\"", "'single' and \"double\""),
        # kramdown's backslash escapes: `\|` keeps kramdown from reading a table row (GeoServer).
        (r"([war](w)\|[zip](z))", "(war|zip)"),
        (r"It\'s \"x\" \<b\> a\: b \= \$5", 'It\'s "x" <b> a: b = $5'),
        (r"a \* b \_ c \# d", "a * b _ c # d"),
    ],
)
def test_plain_text(source: str, expected: str) -> None:
    assert plain_text(source) == expected


# --- safe HTML for the subtitle ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("plain", "plain"),
        ('5 > 3 & "x"', '5 &gt; 3 &amp; "x"'),
        ("*em* **strong** `code`", "<em>em</em> <strong>strong</strong> <code>code</code>"),
        ("[link](https://x.org/?a=1&b=2)", '<a href="https://x.org/?a=1&amp;b=2">link</a>'),
        ('<a href="https://x" onclick="evil()" class="c">l</a>', '<a href="https://x">l</a>'),
        ('<a href="javascript:alert(1)">j</a>', "j"),
        ('<a href="JaVa&#83;cript:alert(1)">j</a>', "j"),
        ('<a href=" java\tscript:x">j</a>', "j"),
        ('<a href="data:text/html,x">d</a>', "d"),
        ('<a href="mailto:a@b.c">m</a>', '<a href="mailto:a@b.c">m</a>'),
        ('<a href="../other/">r</a>', '<a href="../other/">r</a>'),
        ("<script>alert(1)</script>text", "text"),
        ('<img src=x onerror="alert(1)">pic', "pic"),
        ("<b>open", "<b>open</b>"),
        ("<em>a <strong>b</em> c", "<em>a <strong>b</strong></em> c"),
        ("<span style='x'>s</span>", "s"),
        ("x<y and y>z", "x&lt;y and y&gt;z"),
    ],
)
def test_safe_html(source: str, expected: str) -> None:
    assert str(safe_html(source)) == expected


@pytest.mark.parametrize(
    "hostile",
    [
        '<a href="https://x">ok</a><script>alert(1)</script>',
        "<svg onload=alert(1)><script>x</script></svg>",
        "<iframe src=javascript:alert(1)></iframe>",
        '"><img src=x onerror=alert(1)>',
        "<scr<script>ipt>alert(1)</script>",
        "<a href='javascript&colon;alert(1)'>x</a>",
        "<<script>alert(1)//<</script>",
        "<style>*{display:none}</style>",
    ],
)
def test_safe_html_never_lets_markup_through(hostile: str) -> None:
    soup = BeautifulSoup(f"<div>{safe_html(hostile)}</div>", "html.parser")
    allowed = {"div", "a", "em", "strong", "code", "b", "i", "br"}
    for tag in soup.find_all(True):
        assert tag.name in allowed
        assert set(tag.attrs) <= {"href"}
        href = tag.get("href")
        if href is not None:
            assert not str(href).lower().startswith(("javascript", "data", "vbscript"))
    assert "script" not in {t.name for t in soup.find_all(True)}


def test_fastpages_description_with_html() -> None:
    raw = 'A Tutorial on GitHub <a href="https://github.com/features/actions">Actions</a> For Data'
    result = _describe(description=raw, body="Body.")
    assert result.text == "A Tutorial on GitHub Actions For Data"
    assert str(result.subtitle) == (
        'A Tutorial on GitHub <a href="https://github.com/features/actions">Actions</a> For Data'
    )
