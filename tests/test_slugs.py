"""Jekyll slugify and titleize_slug, rule by rule."""

from __future__ import annotations

import pytest

from mkdocs_mindset.jekyll.slugs import slugify, titleize_slug


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Machine Learning", "machine-learning"),
        ("machine-learning", "machine-learning"),
        ("  Developer   notes  ", "developer-notes"),
        ("GIS", "gis"),
        ("fastpages", "fastpages"),
        ("Deep_Work", "deep-work"),  # underscore is not a letter or digit
        ("a.b/c\\d", "a-b-c-d"),
        ("Python 3.10", "python-3-10"),
        ("--already--dashed--", "already-dashed"),
        ("Ünïcödé Straße", "ünïcödé-straße"),
        ("日本語", "日本語"),
        ("日本語 ブログ", "日本語-ブログ"),
        ("हिन्दी", "हिन्दी"),  # combining vowel signs are marks and survive
        ("e\u0301te\u0301", "e\u0301te\u0301"),  # decomposed accents survive too
        ("Привет, мир!", "привет-мир"),
        ("٣ أرقام", "٣-أرقام"),  # Arabic-Indic digits are decimal digits
        ("x² ½", "x"),  # superscripts and fractions are not decimal digits
        ("C++", "c"),
        ("C#", "c"),
        ("🚀", ""),
        ("🚀 Launch 🚀", "launch"),
        ("!!!", ""),
        ("", ""),
        ("tab\tand\nnewline", "tab-and-newline"),
    ],
)
def test_slugify_default_mode(text: str, expected: str) -> None:
    assert slugify(text) == expected


def test_cpp_and_csharp_collide() -> None:
    """The collision is real; callers (the category index) must report it."""
    assert slugify("C++") == slugify("C#") == "c"


@pytest.mark.parametrize(
    ("text", "cased", "expected"),
    [
        ("Some Title", False, "some-title"),
        ("Some Title", True, "Some-Title"),
        ("v1.2 notes", True, "v1.2-notes"),
        ("Q&A: what's new?", True, "Q&A-what's-new"),
        ("a_b~c", True, "a_b~c"),  # pretty mode keeps the underscore
        ("what?!", False, "what-!"),
    ],
)
def test_slugify_pretty_mode(text: str, cased: bool, expected: str) -> None:
    assert slugify(text, mode="pretty", cased=cased) == expected


def test_slugify_cased_default_keeps_case() -> None:
    assert slugify("Hello World", cased=True) == "Hello-World"


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("some-title", "Some Title"),
        ("welcome-to-jekyll", "Welcome To Jekyll"),
        ("iOS-tips", "Ios Tips"),
        ("single", "Single"),
        ("a--b", "A  B"),
        ("trailing-", "Trailing"),
        ("-leading", " Leading"),
        ("", ""),
        ("日本語-ブログ", "日本語 ブログ"),
        ("über-cool", "Über Cool"),
    ],
)
def test_titleize_slug(slug: str, expected: str) -> None:
    assert titleize_slug(slug) == expected
