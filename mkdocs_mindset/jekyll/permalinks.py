"""Jekyll permalink styles and templates, so migrated posts keep the URLs readers already link to.

A template such as ``/:categories/:year/:month/:day/:title/`` is expanded the way Jekyll 4's
``URL`` and ``UrlDrop`` do it: each ``:name`` placeholder (the longest run of ``a-z`` and ``_``)
is replaced by its URL-escaped value, then the path is cleaned. Then
:func:`url_to_dest_path` turns the URL into a file path that cannot leave the site folder,
whatever a post's front matter says.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Sequence
from urllib.parse import quote, unquote

from .slugs import slugify

__all__ = [
    "OUTPUT_EXT",
    "STYLES",
    "PermalinkError",
    "expand",
    "fit_name",
    "is_valid_site_permalink",
    "parent_folders",
    "url_to_dest_path",
    "validate_template",
]

OUTPUT_EXT = ".html"
"""What ``:output_ext`` stands for: posts are always rendered to HTML."""

STYLES: dict[str, str] = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
"""Jekyll's built-in permalink styles for posts (``date`` is Jekyll's default)."""


class PermalinkError(ValueError):
    """A permalink template uses a placeholder Jekyll does not define (Jekyll aborts the build)."""


# Jekyll's placeholder syntax: a colon and the longest run of lowercase letters and underscores,
# so ``:short_day`` is never read as ``:short`` and ``:title:output_ext`` is two placeholders.
_PLACEHOLDER = re.compile(r":([a-z_]+)")

# RFC 3986 ``pchar`` plus ``/``: what Jekyll leaves unescaped in a placeholder value.
_SAFE = "-._~!$&'()*+,;=:@/"
# A value made only of those and ASCII letters and digits, which ``quote`` returns unchanged.

# English names: Jekyll's strftime ignores the locale, Python's does not.
_SHORT_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_LONG_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_LONG_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_DateField = Callable[[datetime.datetime], str]

# Date placeholders of Jekyll 4's ``UrlDrop``; ``:week`` is the ISO week (``%V``), not ``%W``.
_DATE_FIELDS: dict[str, _DateField] = {
    "year": lambda d: f"{d.year:04d}",
    "short_year": lambda d: f"{d.year % 100:02d}",
    "month": lambda d: f"{d.month:02d}",
    "i_month": lambda d: str(d.month),
    "short_month": lambda d: _LONG_MONTHS[d.month - 1][:3],
    "long_month": lambda d: _LONG_MONTHS[d.month - 1],
    "day": lambda d: f"{d.day:02d}",
    "i_day": lambda d: str(d.day),
    "y_day": lambda d: f"{d.timetuple().tm_yday:03d}",
    "w_year": lambda d: str(d.isocalendar()[0]),
    "week": lambda d: f"{d.isocalendar()[1]:02d}",
    "w_day": lambda d: str(d.isoweekday()),
    "short_day": lambda d: _SHORT_DAYS[d.weekday()],
    "long_day": lambda d: _LONG_DAYS[d.weekday()],
    "hour": lambda d: f"{d.hour:02d}",
    "minute": lambda d: f"{d.minute:02d}",
    "second": lambda d: f"{d.second:02d}",
}

_OTHER_FIELDS = frozenset({"title", "slug", "categories", "output_ext", "collection"})

_ALL_FIELDS = frozenset(_DATE_FIELDS) | _OTHER_FIELDS

# A lone ``%`` in a template's literal text, which would make an invalid URL.
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")

# A final path segment that names a file: a dot then an extension holding at least one letter,
# so ``v1.2`` stays a folder name while ``feed.xml`` and ``post.html`` are files.

# ``C:`` at the start of a path is a drive on Windows and would make ``os.path.join`` jump out.
_DRIVE = re.compile(r"[A-Za-z]:")


def validate_template(template: str) -> None:
    """Raise :class:`PermalinkError` naming the first placeholder Jekyll would not know."""
    for match in _PLACEHOLDER.finditer(template):
        if _resolve_name(match[1]) is None:
            raise _unknown(match[1], template)


def is_valid_site_permalink(value: str) -> bool:
    """Whether ``value`` works as the site ``permalink``: a style name or a template.

    A template needs no leading ``/``: Jekyll adds it (``news/:year/:title/`` is accepted).
    """
    if value in STYLES:
        return True
    if ":" not in value and "/" not in value:
        return False  # neither a style name nor anything shaped like a path
    try:
        validate_template(value)
    except PermalinkError:
        return False
    return True


def expand(
    template: str,
    *,
    date: datetime.datetime,
    title: str,
    categories: Sequence[str],
    allow_styles: bool = True,
) -> str:
    """Return the URL path (leading ``/``, percent-escaped) of a post, as Jekyll 4 builds it.

    ``date`` should already be in the site zone (its wall-clock fields are used as they are).
    ``title`` is the post's slug (front matter ``slug`` or the filename slug): ``:title`` keeps
    its case (Jekyll's ``pretty`` slugify), ``:slug`` is the default slugify. ``:categories``
    are lowercased and escaped but not slugified, duplicates dropped, joined by ``/``. Style
    names apply only with ``allow_styles`` (the site option); front matter ``permalink`` is a
    template only, as in Jekyll. Raises :class:`PermalinkError` for an unknown placeholder.
    """
    if allow_styles and template in STYLES:
        template = STYLES[template]
    values = _Values(date=date, title=title, categories=categories)
    pieces: list[str] = []
    for literal, name, suffix in _parse(template):
        pieces.append(literal)
        if name is not None:
            pieces += (quote(values[name], safe=_SAFE), suffix)
    return _clean_url("".join(pieces))


@functools.lru_cache(maxsize=64)
def _parse(template: str) -> tuple[tuple[str, str | None, str], ...]:
    """(escaped literal text, placeholder, literal suffix) triples; parsed once per template.

    Raises :class:`PermalinkError` for an unknown placeholder (not cached, so it is raised
    again for the next post that uses the template).
    """
    pieces: list[tuple[str, str | None, str]] = []
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        name = _resolve_name(match[1])
        if name is None:
            raise _unknown(match[1], template)
        # ``:title_`` is ``:title`` followed by a literal underscore, as in Jekyll.
        literal = _escape_literal(template[position : match.start()])
        pieces.append((literal, name, match[1][len(name) :]))
        position = match.end()
    pieces.append((_escape_literal(template[position:]), None, ""))
    return tuple(pieces)


def url_to_dest_path(url: str) -> str:
    """Return the output file, relative to ``site_dir`` with ``/`` separators, for a URL path.

    Jekyll's rule: ``/a/b/`` → ``a/b/index.html``; a last segment with an extension is the file
    (``/a/b.html``, ``/feed.xml``, even ``/a/v1.2``); one without gets ``.html`` (``/a/b`` →
    ``a/b.html``, ``/.htaccess`` → ``.htaccess.html``, as Ruby's ``File.extname`` sees them).
    The URL is unescaped; a query or fragment is ignored; backslashes count as separators;
    empty, ``.``-only and ``..`` segments are dropped, so no front matter can write outside the
    site folder; a segment too long for a file name is cut (:func:`fit_name`). Never starts
    with ``/``.
    """
    path = url.split("?", 1)[0].split("#", 1)[0]
    path = unquote(path).replace("\\", "/").replace("\x00", "")
    segments = [segment for segment in path.split("/") if segment.strip(".")]
    if not segments:
        return "index.html"
    if _DRIVE.match(segments[0]):
        segments[0] = segments[0][0] + "%3A" + segments[0][2:]
    if path.endswith("/"):
        segments.append("index.html")
    elif "." not in segments[-1].lstrip("."):
        segments[-1] += ".html"
    return "/".join(fit_name(segment) for segment in segments)


def parent_folders(dest_path: str) -> list[str]:
    """The folders a site file needs, outermost first: `a/b/index.html` -> `a`, `a/b`."""
    parts = dest_path.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts))]


NAME_BYTES = 255
"""The longest file or folder name most file systems accept, in bytes (UTF-8)."""


def fit_name(name: str, limit: int = NAME_BYTES) -> str:
    """`name` cut to at most `limit` UTF-8 bytes (whole characters), a short extension kept.

    A 300-letter category or slug would otherwise stop the build with ENAMETOOLONG; a
    collision that the cut makes is reported like any other.
    """
    encoded = name.encode("utf-8", "surrogatepass")
    if len(encoded) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    suffix = dot + ext if stem and len(ext) <= 10 else ""
    room = limit - len(suffix.encode("utf-8", "surrogatepass"))
    cut = (name[: -len(suffix)] if suffix else name).encode("utf-8", "surrogatepass")[:room]
    return cut.decode("utf-8", "ignore") + suffix


def _unknown(name: str, template: str) -> PermalinkError:
    """The error for an unknown placeholder, listing the ones that exist."""
    known = ", ".join(f":{field}" for field in sorted(_ALL_FIELDS))
    return PermalinkError(
        f"unknown placeholder ':{name}' in permalink {template!r} (known: {known})"
    )


def _resolve_name(name: str) -> str | None:
    """Map a matched placeholder name to a known one, trying Jekyll's one-``_``-suffix rule."""
    if name in _ALL_FIELDS:
        return name
    if name.endswith("_") and name[:-1] in _ALL_FIELDS:
        return name[:-1]
    return None


class _Values:
    """A post's unescaped placeholder values, each worked out only if the template uses it."""

    def __init__(self, *, date: datetime.datetime, title: str, categories: Sequence[str]) -> None:
        self.date, self.title, self.categories = date, title, categories

    def __getitem__(self, name: str) -> str:
        field = _DATE_FIELDS.get(name)
        if field is not None:
            return field(self.date)
        if name == "categories":
            # lowercased, duplicates dropped, order kept
            return "/".join(dict.fromkeys(str(c).lower() for c in self.categories))
        if name == "title":
            return slugify(self.title, mode="pretty", cased=True)
        if name == "slug":
            return slugify(self.title)
        return OUTPUT_EXT if name == "output_ext" else "posts"  # `collection`


def _escape_literal(text: str) -> str:
    """Escape a template's own text, keeping any ``%XX`` the user already wrote."""
    return quote(_STRAY_PERCENT.sub("%25", text), safe=_SAFE + "%")


def _clean_url(url: str) -> str:
    """Collapse ``//``, drop dot-only segments, force a leading ``/``, keep a trailing one."""
    segments = [
        segment for segment in url.split("/") if segment and unquote(segment).strip(".") != ""
    ]
    cleaned = "/" + "/".join(segments)
    if url.endswith("/") and cleaned != "/":
        cleaned += "/"
    return cleaned
