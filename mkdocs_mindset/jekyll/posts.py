"""Jekyll posts: which files are posts, and their front matter normalised into one `Post`.

Pure: takes a path and the file's text, returns a `Post` and the problems found. The plugin
logs the problems (so `--strict` can fail the build) and never re-reads the file.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from .dates import DateError, parse_date, parse_date_leniently, split_post_filename
from .front_matter import split_front_matter
from .slugs import titleize_slug
from .text import lines_outside_code, same_words

# Jekyll's Markdown extensions (its `markdown_ext`, plus `.mdown`, which MkDocs reads as
# Markdown; Jekyll 4.3 would publish such a post unconverted) and its HTML posts.
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mkd", ".mkdn", ".mkdown", ".mdown")
HTML_EXTENSIONS = (".html",)
POST_EXTENSIONS = MARKDOWN_EXTENSIONS + HTML_EXTENSIONS
POSTS_FOLDER = "_posts"

_ATX_H1 = re.compile(r"^[ \t]{0,3}#(?!#)[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_H1 = re.compile(r"^[ \t]{0,3}=+[ \t]*$")
# Lines that open another block (quote, list, table, HTML, fence, indented code), never a heading.
_NOT_HEADING_TEXT = re.compile(r"^(?:[ \t]{0,3}(?:[>*+|<-]|\d+[.)]|`{3}|~{3})|[ ]{4}|\t)")
_FALSE_WORDS = frozenset({"false", "no", "off", "n"})


@dataclass(frozen=True)
class Problem:
    """Something a user can fix in a post; `key` is the front matter key, when there is one."""

    src_uri: str
    message: str
    key: str | None = None

    def __str__(self) -> str:
        where = f"{self.src_uri}: '{self.key}'" if self.key else self.src_uri
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Image:
    """A post's `image`: a path or URL as written, and its alt text."""

    path: str
    alt: str = ""


@dataclass(frozen=True)
class Post:
    """One Jekyll post with every front matter rule already applied.

    Immutable: the read cache shares one `Post` across `mkdocs serve` rebuilds.
    """

    src_uri: str
    slug: str
    title: str
    date: dt.datetime
    meta: Mapping[str, Any]
    """The front matter as written (read-only)."""
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    description: str | None = None
    excerpt: str | None = None
    excerpt_separator: str = "\n\n"
    image: Image | None = None
    author: str | None = None
    modified: dt.datetime | None = None
    permalink: str | None = None
    published: bool = True
    listed: bool = True
    """False for fastpages `hide: true`: built, but listed nowhere."""
    sticky_rank: int | None = None
    """fastpages' `sticky_rank`: such posts open the posts index, lowest rank first."""
    searchable: bool = True
    html: bool = False
    """An HTML post (`.html`): its body is HTML, placed in the page as written."""
    title_in_body: bool = False
    """True when the body's own leading H1 stays and serves as the page heading."""
    drops_leading_h1: bool = False
    """True when the body opened with an H1 repeating the title (the header shows it once)."""
    front_matter: str = ""
    """The front matter block as written, so it can be kept out of the page if MkDocs left it."""
    url: str = ""
    """Site-relative URL path set by the plugin from the permalink (e.g. `/2020/05/20/x/`)."""

    @property
    def sort_key(self) -> tuple[dt.datetime, str]:
        return (self.date, self.src_uri)


def in_posts_folder(src_uri: str) -> bool:
    """Whether the file is anywhere under a folder named `_posts`."""
    return POSTS_FOLDER in src_uri.split("/")[:-1]


def has_post_extension(src_uri: str) -> bool:
    """Markdown or HTML: the files Jekyll reads as posts when their names are dated."""
    return src_uri.lower().endswith(POST_EXTENSIONS)


def is_html_post_path(src_uri: str) -> bool:
    return src_uri.lower().endswith(HTML_EXTENSIONS)


def is_post_path(src_uri: str) -> bool:
    """Jekyll's rule: a dated name (`YYYY-MM-DD-title.md`) anywhere under a `_posts` folder.

    Jekyll skips every other file there, even one with a `date` in its front matter (fastpages
    ships a `_posts/README.md`).
    """
    name = posixpath.basename(src_uri)
    return (
        in_posts_folder(src_uri)
        and has_post_extension(name)
        and split_post_filename(name) is not None
    )


def folder_categories(src_uri: str) -> list[str]:
    """Folders above the first `_posts` are categories (`travel/_posts/x.md` -> `travel`)."""
    parts = src_uri.split("/")
    return [p for p in parts[: parts.index(POSTS_FOLDER)] if p]


def leading_h1(body: str) -> tuple[str | None, str]:
    """The body's first block when it is an `# H1` (or `H1` over `===`): (text, body after it)."""
    stripped = body.lstrip("\r\n")
    line, _, rest = stripped.partition("\n")
    match = _ATX_H1.match(line.rstrip("\r"))
    if match:
        return match.group(1).strip(), rest
    underline, _, after = rest.partition("\n")
    if (
        line.strip()
        and not _NOT_HEADING_TEXT.match(line)
        and _SETEXT_H1.match(underline.rstrip("\r"))
    ):
        return line.strip(), after
    return None, body


def first_h1(body: str) -> str | None:
    """First H1 (`# H1`, or a line over `===`) outside fenced code: MkDocs' own title rule."""
    previous = ""
    for line in lines_outside_code(body):
        if match := _ATX_H1.match(line):
            return match.group(1).strip()
        if previous.strip() and _SETEXT_H1.match(line) and not _NOT_HEADING_TEXT.match(previous):
            return previous.strip()
        previous = line
    return None


class _Reader:
    """Collects problems for one file while front matter values are coerced."""

    def __init__(self, src_uri: str, data: dict[str, Any]) -> None:
        self.src_uri = src_uri
        self.data = data
        self.problems: list[Problem] = []

    def warn(self, key: str | None, message: str) -> None:
        self.problems.append(Problem(self.src_uri, message, key))

    def text(self, key: str) -> str | None:
        """A scalar turned into a string; a list or mapping is reported and ignored."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, (dict, list, tuple, set)):
            self.warn(key, f"expected text, got a {type(value).__name__}; ignored")
            return None
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    def names(self, key: str, *, split: bool) -> list[str]:
        """Category or tag names: a list kept as is, a string split on whitespace when `split`."""
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return value.split() if split else [value.strip()] if value.strip() else []
        if isinstance(value, (list, tuple)):
            names: list[str] = []
            for item in value:
                if item is None:
                    continue
                if isinstance(item, (dict, list, tuple)):
                    self.warn(key, f"a {type(item).__name__} is not a name; ignored")
                    continue
                text = str(item).strip()
                if text:
                    names.append(text)
            return names
        if isinstance(value, dict):
            self.warn(key, "expected a name or a list of names, got a mapping; ignored")
            return []
        return [str(value)]

    def number(self, key: str) -> int | None:
        """A whole number; anything else is reported and ignored."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        self.warn(key, f"expected a whole number, got {value!r}; ignored")
        return None

    def flag(self, key: str) -> bool | None:
        """YAML booleans plus the words Jekyll users write (`no`, `off`, `false`)."""
        value = self.data.get(key)
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, str):
            word = value.strip().lower()
            if word in _FALSE_WORDS:
                return False
            if word in {"true", "yes", "on", "y"}:
                return True
        return None

    def when(self, key: str, tz: dt.tzinfo) -> dt.datetime | None:
        value = self.data.get(key)
        if value is None:
            return None
        try:
            return parse_date(value, tz)
        except DateError as exc:
            error = exc
        try:
            when, ignored = parse_date_leniently(value, tz)
        except DateError:
            self.warn(key, f"{error}; ignored")
            return None
        self.warn(key, f"{error}; read as {when.isoformat()}, ignoring {ignored!r}, as Jekyll does")
        return when


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


def _image(reader: _Reader) -> Image | None:
    value = reader.data.get("image")
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return Image(value.strip())
    if isinstance(value, dict) and isinstance(value.get("path"), str):
        alt = value.get("alt")
        return Image(value["path"].strip(), alt if isinstance(alt, str) else "")
    reader.warn("image", "expected a path or {path, alt}; ignored")
    return None


def author_name(value: object) -> str | None:
    """`author:` as a name, a `{name: ...}` mapping (jekyll-seo-tag) or a list of names."""
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v).strip() for v in value if v)
    if value is None or isinstance(value, (dict, set)):
        return None
    return str(value).strip() or None


def read_post(
    src_uri: str,
    text: str,
    tz: dt.tzinfo,
    *,
    use_folder_categories: bool = True,
    defaults: Mapping[str, Any] | None = None,
) -> tuple[Post | None, list[Problem], str]:
    """Normalise one post file: the post, the problems found, and its body.

    The body is the Markdown after the front matter (and after a leading H1 that repeats the
    title); it describes the post and is not kept, since MkDocs holds every page's Markdown.
    The post is None (with a problem) only when it has no date at all.
    """
    front = split_front_matter(text)
    data, body = {**(defaults or {}), **front.data}, front.body  # `_config.yml` defaults first
    reader = _Reader(src_uri, data)
    if front.error:
        reader.warn(None, front.error)

    filename = posixpath.basename(src_uri)
    parsed_name = split_post_filename(filename)
    stem = posixpath.splitext(filename)[0]
    if parsed_name is None:
        reader.warn(None, "file name does not start with YYYY-MM-DD-; dated from front matter")
        file_date, name_slug = None, stem
    else:
        file_date, name_slug = parsed_name

    date = reader.when("date", tz)
    if date is None and file_date is not None:
        date = parse_date(file_date, tz)
    if date is None:
        reader.warn("date", "no date in the file name or front matter; the post was skipped")
        return None, reader.problems, body

    slug = reader.text("slug") or name_slug

    categories = _unique(
        [
            *(folder_categories(src_uri) if use_folder_categories else []),
            *reader.names("categories", split=True),
            *reader.names("category", split=False),
        ]
    )
    tags = reader.names("tag", split=False) if "tag" in data else reader.names("tags", split=True)

    html = is_html_post_path(src_uri)
    # Titles from headings are a Markdown habit (jekyll-titles-from-headings reads only those).
    heading, after_heading = leading_h1(body) if not html else (None, body)
    title = (reader.text("title") or "").strip()
    title_in_body = False
    if html and not title:
        title = titleize_slug(slug)
    elif not title:
        later = first_h1(body) if heading is None else None
        title = heading or later or titleize_slug(slug)
        title_in_body = later is not None  # a later `# H1` stays the page's one heading
    drops_leading_h1 = heading is not None and same_words(heading, title)
    if heading is not None:
        if drops_leading_h1:
            body = after_heading  # shown once, by the post header
        elif first_h1(after_heading) is None:
            title_in_body = True  # the body's one H1 is the page heading
        # else the body's H1s are its sections (fastpages does this): the header shows the title

    published = reader.flag("published")
    hide = data.get("hide")
    if hide is not None and not isinstance(hide, (bool, list, str, dict)):
        reader.warn("hide", f"expected true or false (or Material's list), got {hide!r}; ignored")
    search_exclude = reader.flag("search_exclude")
    excerpt_separator = reader.text("excerpt_separator") or "\n\n"

    post = Post(
        src_uri=src_uri,
        slug=slug,
        title=title,
        date=date,
        meta=MappingProxyType(data),
        categories=categories,
        tags=_unique(tags),
        description=reader.text("description"),
        excerpt=reader.text("excerpt"),
        excerpt_separator=excerpt_separator,
        image=_image(reader),
        author=author_name(data.get("author")),
        modified=reader.when("last_modified_at", tz) or reader.when("modified_date", tz),
        permalink=reader.text("permalink"),
        published=published is not False,
        listed=hide is not True,
        sticky_rank=reader.number("sticky_rank"),
        searchable=search_exclude is not True,
        html=html,
        title_in_body=title_in_body,
        drops_leading_h1=drops_leading_h1,
        front_matter=front.block,
    )
    return post, reader.problems, body


def page_markdown(post: Post, markdown: str) -> str:
    """The Markdown MkDocs read for a post, as the post's page renders it.

    MkDocs leaves front matter it cannot parse in the text (it becomes the page's first
    paragraph): it goes, as the warning said. A leading H1 that repeats the title goes too,
    since the post header shows the title once.
    """
    if post.front_matter and markdown.startswith(post.front_matter):
        markdown = markdown[len(post.front_matter) :]
    if post.drops_leading_h1:
        heading, rest = leading_h1(markdown)
        if heading is not None and same_words(heading, post.title):
            markdown = rest
    return markdown
