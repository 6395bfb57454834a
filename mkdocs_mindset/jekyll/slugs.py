"""Jekyll's ``slugify`` and ``titleize_slug``, so category pages and post URLs keep their old names.

Jekyll decides which characters survive with the Unicode classes ``\\p{L}`` (letters), ``\\p{M}``
(marks) and ``\\p{Nd}`` (decimal digits). Python's ``re`` has no ``\\p{...}`` and its ``\\w`` drops
combining marks (which would break Devanagari, Thai, ...) while keeping other numerals, so the
character classes are checked with :mod:`unicodedata` instead.
"""

from __future__ import annotations

import unicodedata
from typing import Literal

__all__ = ["SlugMode", "slugify", "titleize_slug"]

SlugMode = Literal["default", "pretty"]
"""Jekyll slugify modes the plugin needs: ``default`` for names, ``pretty`` for ``:title``."""

# Jekyll's "pretty" mode also keeps these URL-safe punctuation characters.
_PRETTY_EXTRA = frozenset("._~!$&'()+,;=@")


def _keeps(char: str, extra: frozenset[str]) -> bool:
    """Whether Jekyll keeps ``char``: a letter, a mark, a decimal digit, or a mode extra."""
    if char in extra:
        return True
    category = unicodedata.category(char)
    return category[0] in "LM" or category == "Nd"


def slugify(text: str, *, mode: SlugMode = "default", cased: bool = False) -> str:
    """Return Jekyll's slug for ``text``; may be ``""`` (e.g. ``🚀``), which callers must handle.

    Every run of other characters becomes one ``-``, then leading/trailing ``-`` go and the
    result is lowercased unless ``cased``. ``C++`` and ``C#`` both give ``c``: callers that key
    pages by slug must detect that collision rather than rely on slugs being unique.
    """
    extra = _PRETTY_EXTRA if mode == "pretty" else frozenset()
    parts: list[str] = []
    in_gap = False
    for char in text:
        if _keeps(char, extra):
            if in_gap and parts:
                parts.append("-")
            parts.append(char)
            in_gap = False
        else:
            in_gap = True
    slug = "".join(parts)
    return slug if cased else slug.lower()


def titleize_slug(slug: str) -> str:
    """Make Jekyll's fallback title from a filename slug: ``some-title`` → ``Some Title``.

    Like Ruby's ``String#split``, trailing empty pieces are dropped; each word is capitalized
    (first letter upper, rest lower), so ``iOS-tips`` becomes ``Ios Tips`` as in Jekyll.
    """
    words = slug.split("-")
    while words and not words[-1]:
        words.pop()
    return " ".join(word[:1].upper() + word[1:].lower() for word in words)
