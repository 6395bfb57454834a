"""URL checks shared by every place that writes a URL a post supplied."""

from __future__ import annotations

import html
import re
from typing import Final

__all__ = ["LINK_SCHEMES", "MEDIA_SCHEMES", "has_scheme", "is_safe_url", "scheme"]

#: Schemes a link may use; anything else (`javascript:`, `data:`) is refused.
LINK_SCHEMES: Final = frozenset({"http", "https", "mailto"})
#: Schemes an embedded image or video may load from.
MEDIA_SCHEMES: Final = frozenset({"http", "https"})

_SCHEME = re.compile(r"\s*([A-Za-z][A-Za-z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def scheme(url: str) -> str | None:
    """The URL's scheme in lower case (`https`), or None for a relative URL."""
    m = _SCHEME.match(url)
    return m.group(1).lower() if m else None


def has_scheme(url: str) -> bool:
    """Whether the URL is absolute: it names a scheme or starts with `//`."""
    return scheme(url) is not None or url.lstrip().startswith("//")


def is_safe_url(url: str, schemes: frozenset[str] = LINK_SCHEMES) -> bool:
    """Relative, or one of `schemes`.

    Browsers drop tabs and newlines inside a scheme and decode entities in attributes
    (`javascript&#58;`), so both spellings are checked; a colon before the first `/`, `?` or
    `#` makes the URL count as having a scheme, however odd the text before it.
    """
    for form in (url, html.unescape(url)):
        cleaned = re.sub(r"[\t\n\r]", "", form)
        if _CONTROL.search(cleaned):
            return False
        head = re.split(r"[/?#]", cleaned, maxsplit=1)[0]
        if ":" in head and head.split(":", 1)[0].strip().lower() not in schemes:
            return False
    return True
