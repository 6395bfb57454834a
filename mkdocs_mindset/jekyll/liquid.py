"""The Liquid that real Jekyll and fastpages posts use, rendered to Markdown before MkDocs reads it.

Posts copied unchanged from Jekyll hold `{% post_url %}` links, fastpages includes, `{% raw %}`
blocks and `{{ site.baseurl }}`; without this module they reach the page as raw `{% ... %}` text.
Only that subset is rendered. Anything else (`for`, `if`, `assign`, custom tags) is left exactly as
written and reported, so nothing is lost silently.

Pure: text and a `LiquidContext` in, Markdown and problems out; no MkDocs imports. The plugin
builds one `LiquidSite` per build (link targets and site values) and asks it once per page, so a
page costs time in proportion to its own length, never to the number of posts.

Links to this site are written so that they work from the page and under any base path:

- as a Markdown link destination (`[x]({% post_url a %})`), the link points at the target's
  *source file* (`2021-12-13-a.md`), which MkDocs itself turns into a relative URL and checks;
- anywhere else (raw HTML, text, code), it is a URL relative to the page (`../../2021/12/13/a/`).

Every inserted value is escaped for the place it lands in: link destination, HTML attribute,
text or code. URLs taken from front matter or include parameters must be http(s), mailto or
relative: a `javascript:` URL never becomes a live link.
"""

from __future__ import annotations

import bisect
import datetime as dt
import html
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Final
from urllib.parse import quote, unquote, urlsplit

from .fastpages import CALLOUT_INCLUDES, YOUTUBE_ID
from .posts import Post
from .text import fenced_code
from .urls import LINK_SCHEMES, MEDIA_SCHEMES, has_scheme, is_safe_url, scheme

__all__ = [
    "LiquidContext",
    "LiquidSite",
    "SiteIndex",
    "page_values",
    "post_names",
    "post_page_values",
    "render",
    "site_values",
]

_URL_ATTRIBUTES: Final = frozenset(
    {"href", "src", "action", "formaction", "poster", "cite", "data", "background", "xlink:href"}
)
_LIMIT = 5000  # longest tag or output markup considered, so a stray `{{` costs little

_START = re.compile(r"\{[{%]")
_TAG = re.compile(
    r"\{%(-?)\s*([A-Za-z_](?:[\w-]*\w)?|#)?((?:(?!\{%|%\}).){0," + str(_LIMIT) + r"}?)(-?)%\}",
    re.S,
)
_OUTPUT = re.compile(r"\{\{(-?)((?:(?!\{\{|\}\}).){0," + str(_LIMIT) + r"}?)(-?)\}\}", re.S)
_URL_THEN_BASEURL = re.compile(r"\{\{-?\s*site\.baseurl\s*-?\}\}")
_LINK_TAG = re.compile(r"\{%-?\s*(?:post_url|link)\s")
_POST_NAME = re.compile(r"(?:(.+)/)?(\d{2,4})-(\d{1,2})-(\d{1,2})-([^/]+)")
_VARIABLE = re.compile(r"[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*")
_STRING = re.compile(r"""'([^']*)'|"([^"]*)\"""")
_FILTER = re.compile(r"\s*([A-Za-z_][\w-]*)\s*(?::(.*))?", re.S)
_INCLUDE_NAME = re.compile(r"\s*([\w./@-]+)(.*)", re.S)
_INCLUDE_PARAM = re.compile(
    r"""([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([\w.-]+))""", re.S
)
_LANGUAGE = re.compile(r"[\w+#.-]+")
_TICKS = re.compile(r"`+")
_BLANK_START = re.compile(r"\A(?:[ \t]*\r?\n)+")
_BLANK_END = re.compile(r"(?:\r?\n[ \t]*)+\Z")
_INDENT = re.compile(r"[ \t]*")
_WRAPPER_OPEN = re.compile(r"[ \t]*(?:<[A-Za-z][^<>{}]*>[ \t]*)*")
_WRAPPER_CLOSE = re.compile(r"[ \t]*(?:</[A-Za-z][\w-]*[ \t]*>[ \t]*)*\r?")
# Inside an open HTML tag: the attribute whose value the prefix ends in (quoted or not).
_ATTRIBUTE = re.compile(r"""\s([\w:.-]+)\s*=\s*(?:"([^"]*)|'([^']*)|([^\s"'=<>`]*))\Z""")
# The prefix ends inside a Markdown link destination: inline `](` or a reference definition.
_DESTINATION = re.compile(r"(?:\]\(\s*|\A[ ]{0,3}\[(?!\^)[^\]]+\]:[ \t]*)<?([^\s()<>]*)\Z")
_PATH_TAIL = re.compile(r"[^\s()<>{}\"'`]*")
_UNSAFE_IN_DESTINATION = re.compile(r"[\s<>()\"\\`\x00-\x1f\x7f]")
_HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.I)
_HTML_TAG = re.compile(r"<[^>]*>")
_MAX_WIDTH = re.compile(r"\s*(\d{1,5})\s*(?:px)?\s*")


# -- what a build knows -------------------------------------------------------------------------


def post_names(src_uri: str) -> list[str]:
    """The names `{% post_url %}` accepts for a post, most specific first.

    Jekyll matches `sub/2021-12-13-x` against `_posts/sub/…` (folders inside `_posts`) and
    `cat/2021-12-13-x` against `cat/_posts/…` (folders above it); a bare `2021-12-13-x` is its
    deprecated fallback that still works, so it is accepted too. Dates compare as dates
    (`2021-1-5-x` is `2021-01-05-x`).
    """
    parts = src_uri.split("/")
    if "_posts" not in parts[:-1]:
        return []
    at = parts.index("_posts")
    above, inside = parts[:at], parts[at + 1 : -1]
    stem = _normal_post_name(posixpath.splitext(parts[-1])[0])
    if stem is None:
        return []
    names = []
    if not above:
        names.append("/".join([*inside, stem]))
    if not inside and above:
        names.append("/".join([*above, stem]))
    if stem not in names:
        names.append(stem)
    return names


def _normal_post_name(name: str) -> str | None:
    """`sub/2021-1-5-x` -> `sub/2021-01-05-x`; None when it holds no date."""
    m = _POST_NAME.fullmatch(name.strip().strip("/"))
    if m is None:
        return None
    folder, year, month, day, slug = m.groups()
    stem = f"{int(year):04d}-{int(month):02d}-{int(day):02d}-{slug}"
    return f"{folder}/{stem}" if folder else stem


def _url_key(url: str) -> str:
    """One spelling per URL: unquoted, no leading `/` or `./` (the home page is `""`)."""
    url = unquote(url).lstrip("/")
    return "" if url in {".", "./"} else url.removeprefix("./")


@dataclass(frozen=True)
class SiteIndex:
    """Every link target of one build; made once per build, then only looked up."""

    posts: Mapping[str, str] = field(default_factory=dict)
    """`post_url` name (`2021-12-13-x`, `sub/2021-12-13-x`) -> source path of the post."""
    files: Mapping[str, str] = field(default_factory=dict)
    """Source path relative to docs/ (`about.md`, `_posts/x.md`, `images/a.png`) -> its URL."""
    urls: Mapping[str, str] = field(default_factory=dict)
    """URL (unquoted, site-relative) -> source path, to find the file a site path names."""

    @classmethod
    def build(cls, posts: Iterable[str], files: Iterable[tuple[str, str]]) -> SiteIndex:
        """`posts`: source paths of published posts; `files`: (source path, URL) of every file."""
        by_src = dict(files)
        names: dict[str, str] = {}
        fallbacks: dict[str, str] = {}
        for src in sorted(posts):
            found = post_names(src)
            if found:
                names.setdefault(found[0], src)
                for name in found[1:]:
                    fallbacks.setdefault(name, src)
        for name, src in fallbacks.items():
            names.setdefault(name, src)
        urls: dict[str, str] = {}
        for src, url in by_src.items():
            urls.setdefault(_url_key(url), src)
        return cls(posts=names, files=by_src, urls=urls)

    def post(self, name: str) -> str | None:
        """Source path of the post `{% post_url name %}` means."""
        key = _normal_post_name(name)
        return self.posts.get(key) if key is not None else None

    def file(self, path: str) -> str | None:
        """Source path `{% link path %}` means (a leading `/` or `./` is allowed)."""
        path = unquote(path.strip()).lstrip("/").removeprefix("./")
        return path if path in self.files else None

    def at(self, path: str) -> str | None:
        """Source path of the file served at a site path (`/images/a.png`, `/about/`)."""
        key = _url_key(path)
        src = self.urls.get(key)
        if src is None and key and not key.endswith("/") and not posixpath.splitext(key)[1]:
            src = self.urls.get(key + "/")
        return src


def site_values(config: Mapping[str, Any]) -> dict[str, object]:
    """`site.*` from an MkDocs config: Jekyll's names for what MkDocs calls otherwise.

    Top-level scalars under `extra:` become `site.<name>` too, the place a migrated
    `_config.yml` value (`stable_branch: 2.25.x`) belongs in MkDocs.
    """
    site_url = str(config.get("site_url") or "").rstrip("/")
    repo = str(config.get("repo_url") or "").rstrip("/")
    values: dict[str, object] = {}
    extra = config.get("extra") or {}
    if isinstance(extra, Mapping):
        values.update({str(k): v for k, v in extra.items() if _is_scalar(v)})
    values.update(
        {
            "url": site_url,
            "baseurl": urlsplit(site_url).path.rstrip("/"),
            "title": config.get("site_name") or "",
            "name": config.get("site_name") or "",
            "description": config.get("site_description") or "",
            "author": config.get("site_author") or "",
        }
    )
    if repo:  # unset, it stays unknown: a warning beats links to `/issues/1`
        values.update({"repository": repo, "github": {"repository_url": repo}})
    return values


def page_values(meta: Mapping[str, Any], **computed: object) -> dict[str, object]:
    """`page.*`: front matter keys, then the values the plugin worked out (title, url, date)."""
    values: dict[str, object] = {str(k): v for k, v in meta.items()}
    values.update({k: v for k, v in computed.items() if v is not None})
    return values


def post_page_values(post: Post) -> dict[str, object]:
    """`page.*` of a post: its front matter, with the title, date and lists Jekyll works out."""
    return page_values(
        post.meta,
        title=post.title,
        date=post.date,
        categories=post.categories,
        tags=post.tags,
        slug=post.slug,
        description=post.description,
        path=post.src_uri,
        name=posixpath.basename(post.src_uri),
    )


@dataclass(frozen=True)
class LiquidContext:
    """What one page's Liquid can see."""

    src_uri: str
    """The page's source path relative to docs/ (`_posts/2020-05-20-x.md`)."""
    page_url: str
    """The page's site-relative URL (`2020/05/20/x/`; `""` for the home page)."""
    index: SiteIndex = field(default_factory=SiteIndex)
    site: Mapping[str, object] = field(default_factory=dict)
    page: Mapping[str, object] = field(default_factory=dict)

    @property
    def site_url(self) -> str:
        """The absolute site URL without its trailing slash, or `""` when unset."""
        return str(self.site.get("url") or "")


@dataclass(frozen=True)
class LiquidSite:
    """What every page of a build shares: made once per build, asked once per page."""

    index: SiteIndex
    site: Mapping[str, object]

    @classmethod
    def build(
        cls, config: Mapping[str, Any], posts: Iterable[str], files: Iterable[tuple[str, str]]
    ) -> LiquidSite:
        """`posts`: published posts' source paths; `files`: (source path, URL) of every file."""
        return cls(SiteIndex.build(posts, files), site_values(config))

    def render(
        self, text: str, *, src_uri: str, page_url: str, page: Mapping[str, object]
    ) -> tuple[str, list[str]]:
        """Render one page's Markdown; see `render`."""
        return render(text, LiquidContext(src_uri, page_url, self.index, self.site, page))


# -- values -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _SitePath:
    """A path from the site root (`{{ site.baseurl }}`, `| relative_url`): written per context."""

    path: str  # "" (the root) or starting with "/"


@dataclass(frozen=True)
class _FileLink:
    """A file of this site (`post_url`, `link`): its source path and URL."""

    src_uri: str
    url: str


_Value = str | _SitePath | _FileLink


class _Unsupported(Exception):
    """An expression outside the subset: the text is left as written."""


class _Unknown(Exception):
    """A variable nobody defined: it renders empty, like Liquid's nil."""


def _is_scalar(value: object) -> bool:
    return isinstance(value, (str, int, float, bool, dt.date)) or value is None


def _text_of(value: object) -> str:
    """How Liquid prints a value, on one line."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S %z").strip()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        if all(_is_scalar(v) for v in value):
            return ", ".join(_text_of(v) for v in value)
        raise _Unsupported("a list of objects")
    if isinstance(value, Mapping):
        raise _Unsupported("an object")
    return " ".join(str(value).split())


def _percent_encoded(url: str) -> str:
    """Spaces, quotes, brackets and controls percent-encoded: nothing can end the URL early."""
    return _UNSAFE_IN_DESTINATION.sub(lambda m: quote(m.group(), safe=""), url)


def _in_destination(url: str) -> str:
    """A URL as a Markdown link destination.

    Python-Markdown copies a destination into `href` as written, so an entity in it would be
    decoded by the browser; `&` is written `&amp;`, which the browser reads back as `&`.
    """
    return _percent_encoded(url).replace("&", "&amp;")


def _attribute_url(url: str) -> str:
    """A checked URL inside a double-quoted HTML attribute."""
    return html.escape(_percent_encoded(url))


def _in_attribute(value: str, *, quoted: bool) -> str:
    """A value inside an HTML attribute; unquoted, its spaces must not end the value."""
    escaped = html.escape(value)
    return escaped if quoted else re.sub(r"\s", "&#32;", escaped)


def _as_text(value: str) -> str:
    """Plain text in Markdown or HTML: no tags, no link syntax, no quote that ends an attribute.

    Character references work in Markdown text and in raw HTML alike.
    """
    escaped = html.escape(value)
    return escaped.replace("[", "&#91;").replace("]", "&#93;").replace("`", "&#96;")


def _relative(target: str, start_dir: str) -> str:
    """`target` (a site-relative path) relative to the folder `start_dir`."""
    rel = posixpath.relpath(target.rstrip("/") or ".", start_dir or ".")
    if target.endswith("/") or target == "":
        rel = "./" if rel == "." else rel + "/"
    return rel


def _folder(url: str) -> str:
    """The folder a URL's relative links start from: `a/b/` -> `a/b`, `a/b.html` -> `a`."""
    return url.rsplit("/", 1)[0] if "/" in url else ""


# -- where a value lands ------------------------------------------------------------------------

_CODE, _CODE_SPAN, _TEXT, _ATTR, _DEST = "code", "code span", "text", "attribute", "destination"


@dataclass(frozen=True)
class _Spot:
    """Where a value lands: the kind of place, and whether it begins a URL there."""

    kind: str
    url_start: bool = False
    quoted: bool = True


def _in_code_span(prefix: str) -> bool:
    """Whether a line's text so far has an open inline code span."""
    open_run = 0
    for m in _TICKS.finditer(prefix):
        run = len(m.group())
        if not open_run:
            open_run = run
        elif run == open_run:
            open_run = 0
    return open_run > 0


# -- the renderer -------------------------------------------------------------------------------


def has_liquid(text: str) -> bool:
    """Whether `text` holds any Liquid markup at all: most pages do not, and skip everything."""
    return "{%" in text or "{{" in text


def render(text: str, ctx: LiquidContext) -> tuple[str, list[str]]:
    """Render the supported Liquid in `text`; return Markdown and the problems found.

    Each problem names the line and the tag. Nothing here raises on bad input: unsupported
    tags stay as written, unknown link targets become `#`, unknown variables render empty.
    """
    if not has_liquid(text):
        return text, []
    return _Renderer(text, ctx).run()


class _Renderer:
    """One pass over one page: literal text is copied, each tag or output is replaced."""

    def __init__(self, text: str, ctx: LiquidContext) -> None:
        self.text = text
        self.ctx = ctx
        self.out: list[str] = []
        self.problems: list[str] = []
        self.pos = 0
        self.chunk_start = 0
        self.span = (0, 0)
        # `{{ site.baseurl }}{% post_url x %}` (Jekyll 3's idiom): the output is left out and
        # the link written from where the output began, absolute after `{{ site.url }}`.
        self.prefix: tuple[int, bool] | None = None
        self.next_prefix: tuple[int, bool] | None = None
        self._fence_index: tuple[list[int], list[int]] | None = None
        self.folder = _folder(ctx.page_url)
        self.src_folder = posixpath.dirname(ctx.src_uri)

    # -- driving ------------------------------------------------------------------------------

    def run(self) -> tuple[str, list[str]]:
        text = self.text
        while True:
            m = _START.search(text, self.pos)
            if m is None:
                self.out.append(text[self.pos :])
                break
            self.out.append(text[self.pos : m.start()])
            self.chunk_start = self.pos
            self.prefix, self.next_prefix = self.next_prefix, None
            if m.group() == "{%":
                self._tag(m.start())
            else:
                self._output(m.start())
        return "".join(self.out), self.problems

    def problem(self, message: str) -> None:
        """Report what the current tag became; the message quotes the tag as written."""
        shown = " ".join(self.text[self.span[0] : self.span[1]].split())
        if len(shown) > 80:
            shown = shown[:77] + "..."
        self.problems.append(f"Liquid '{shown}': {message}")

    def _keep(self, start: int, end: int) -> None:
        """Leave source text exactly as written."""
        self.out.append(self.text[start:end])
        self.pos = end

    def _trim_left(self, flag: str) -> None:
        """`{%-` / `{{-`: drop the whitespace written before the tag."""
        if not flag:
            return
        while self.out and not self.out[-1].strip():
            self.out.pop()
        if self.out:
            self.out[-1] = self.out[-1].rstrip()

    def _trim_right(self, flag: str) -> None:
        """`-%}` / `-}}`: skip the whitespace written after the tag."""
        if flag:
            while self.pos < len(self.text) and self.text[self.pos] in " \t\r\n":
                self.pos += 1

    # -- tags ---------------------------------------------------------------------------------

    def _tag(self, start: int) -> None:
        m = _TAG.match(self.text, start)
        self.span = (start, m.end() if m else start + 40)
        if m is None:
            self.problem("no closing '%}'; left as written")
            self._keep(start, start + 2)
            return
        left, name, markup, right = m.group(1), m.group(2) or "", m.group(3), m.group(4)
        handler = _TAG_HANDLERS.get(name)
        if handler is None:
            self._unsupported(m, name)
            return
        handler(self, m, markup.strip(), left, right)

    def _unsupported(self, m: re.Match[str], name: str) -> None:
        """Leave the tag, and the block it opens up to its `end…` tag, exactly as written."""
        end = self._block_end(name, m.end()) if name else None
        what = f"tag '{name}' is not supported" if name else "not a tag"
        if end is not None:
            self.problem(f"{what}; its block is left as written")
            self._keep(m.start(), end)
        else:
            self.problem(f"{what}; it is left as written")
            self._keep(m.start(), m.end())

    def _block_end(self, name: str, start: int) -> int | None:
        """End of the `end<name>` tag closing a block opened before `start` (nesting counted)."""
        if name.startswith("end"):
            return None
        depth = 1
        for m in _block_tags(name).finditer(self.text, start):
            depth += -1 if m.group(1) else 1
            if depth == 0:
                return m.end()
        return None

    def _body(self, m: re.Match[str], name: str) -> tuple[str, re.Match[str]] | None:
        """The text up to `{% end<name> %}`, and that closing tag; None (reported) without one."""
        end = _end_tag(name).search(self.text, m.end())
        if end is None:
            self.problem(f"no '{{% end{name} %}}' follows; left as written")
            self._keep(m.start(), m.end())
            return None
        return self.text[m.end() : end.start()], end

    def _raw(self, m: re.Match[str], markup: str, left: str, right: str) -> None:
        if _end_tag("raw").search(self.text, m.end()) is None:
            self.problem("no '{% endraw %}' follows; the rest of the page is left as written")
            self._keep(m.start(), len(self.text))
            return
        found = self._body(m, "raw")
        assert found is not None
        body, end = found
        self._trim_left(left)
        if right:
            body = body.lstrip(" \t\r\n")
        if end.group(1):
            body = body.rstrip(" \t\r\n")
        self.out.append(body)
        self.pos = end.end()
        self._trim_right(end.group(2))

    def _comment(self, m: re.Match[str], markup: str, left: str, right: str) -> None:
        found = self._body(m, "comment")
        if found is None:
            return
        self._trim_left(left)
        self.pos = found[1].end()
        self._trim_right(found[1].group(2))

    def _inline_comment(self, m: re.Match[str], markup: str, left: str, right: str) -> None:
        self._trim_left(left)
        self.pos = m.end()
        self._trim_right(right)

    def _highlight(self, m: re.Match[str], markup: str, left: str, right: str) -> None:
        found = self._body(m, "highlight")
        if found is None:
            return
        body, end = found
        if self._in_fence(m.start()):  # a fence inside a fence would end the outer one
            self.problem("inside a code block; left as written (wrap it in raw to show it)")
            self._keep(m.start(), end.end())
            return
        words = markup.split()
        language = words[0] if words else ""
        if language and not _LANGUAGE.fullmatch(language):
            self.problem(f"language {language!r} is not a name; ignored")
            language = ""
        code = _BLANK_END.sub("", _BLANK_START.sub("", body))
        longest = max((len(t) for t in _TICKS.findall(code)), default=0)
        fence = "`" * max(3, longest + 1)
        self._block(m.start(), end.end(), f"{fence}{language}\n{code}\n{fence}", indent_body=False)

    def _post_url(self, m: re.Match[str], markup: str, left: str, right: str) -> None:
        src = self.ctx.index.post(markup)
        if src is None:
            self.problem("no published post has that name; the link points to '#'")
        self._link_to(m, src, left, right)

    def _link(self, m: re.Match[str], markup: str, left: str, right: str) -> None:
        src = self.ctx.index.file(markup) if "{{" not in markup else None
        if src is None:
            self.problem("no such file in docs/; the link points to '#'")
        self._link_to(m, src, left, right)

    def _link_to(self, m: re.Match[str], src: str | None, left: str, right: str) -> None:
        at, absolute = self.prefix if self.prefix else (m.start(), False)
        self._trim_left(left)
        self.pos = m.end()
        if src is None:
            self.out.append("#")
        elif absolute:  # `{{ site.url }}{% post_url x %}`: the post's full address
            url = self.ctx.site_url + "/" + _url_key(self.ctx.index.files[src])
            self.out.append(self._escaped(url, self._where(at), at))
        else:
            self._emit(_FileLink(src, self.ctx.index.files[src]), at)
        self._trim_right(right)

    def _twitter(self, m: re.Match[str], markup: str, left: str, right: str) -> None:
        url = next((w for w in markup.split() if w.lower().startswith(("http:", "https:"))), "")
        if not url or not is_safe_url(url, MEDIA_SCHEMES):
            self.problem("no http(s) URL; removed")
            self._remove(m, left, right)
            return
        self._block(m.start(), m.end(), f"> twitter: {_percent_encoded(url)}")

    def _remove(self, m: re.Match[str], left: str, right: str) -> None:
        self._trim_left(left)
        self.pos = m.end()
        self._trim_right(right)

    # -- includes -----------------------------------------------------------------------------

    def _include(self, m: re.Match[str], markup: str, left: str, right: str) -> None:
        found = _INCLUDE_NAME.fullmatch(markup)
        if found is None:
            self.problem("not an include of a file name; removed")
            self._remove(m, left, right)
            return
        name = found.group(1)
        params = self._params(found.group(2))
        if name in CALLOUT_INCLUDES:
            self._callout(m, name, params, left, right)
        elif name == "youtube.html":
            self._youtube(m, params, left, right)
        elif name == "video.html":
            self._video(m, params)
        elif name == "image.html":
            self._image(m, params, left, right)
        else:
            why = "themes show their own table of contents" if name == "toc.html" else "unknown"
            self.problem(f"include '{name}' is not supported ({why}); removed")
            self._remove(m, left, right)

    def _params(self, markup: str) -> dict[str, str]:
        """`key="v"`, `key='v'` (backslash-escaped quotes allowed), `key=page.x` (resolved)."""
        params: dict[str, str] = {}
        for p in _INCLUDE_PARAM.finditer(markup):
            key, double, single, variable = p.groups()
            if double is not None:
                params[key] = double.replace('\\"', '"')
            elif single is not None:
                params[key] = single.replace("\\'", "'")
            else:
                try:
                    value = self._lookup(variable)
                except (_Unknown, _Unsupported):
                    self.problem(f"'{key}={variable}' is not available here; dropped")
                    continue
                params[key] = value.path or "/" if isinstance(value, _SitePath) else str(value)
        return params

    def _callout(
        self, m: re.Match[str], name: str, params: dict[str, str], left: str, right: str
    ) -> None:
        content = (params.get("content") or params.get("text") or "").strip()
        if not content:
            self.problem("no content; removed")
            self._remove(m, left, right)
            return
        lines = content.splitlines()
        quoted = [f"> {CALLOUT_INCLUDES[name]}: {lines[0].strip()}"]
        quoted += [f"> {line}".rstrip() for line in lines[1:]]
        self._block(m.start(), m.end(), "\n".join(quoted))

    def _youtube(self, m: re.Match[str], params: dict[str, str], left: str, right: str) -> None:
        content = params.get("content") or params.get("url") or ""
        href = _HREF.search(content)
        words = html.unescape(href.group(1) if href else _HTML_TAG.sub(" ", content)).split()
        url = words[0] if words else ""
        if YOUTUBE_ID.fullmatch(url):
            url = f"https://youtu.be/{url}"
        if not url or not is_safe_url(url, MEDIA_SCHEMES) or scheme(url) is None:
            self.problem("no video URL; removed")
            self._remove(m, left, right)
            return
        self._block(m.start(), m.end(), f"> youtube: {_percent_encoded(url)}")

    def _video(self, m: re.Match[str], params: dict[str, str]) -> None:
        src = self._media_url("url", params.get("url", ""), MEDIA_SCHEMES)
        self.pos = m.end()
        if src is None:
            return
        tag = f'<video controls preload="metadata" src="{_attribute_url(src)}"></video>'
        if self._alone(m.start(), m.end()) is not None:
            self._block(m.start(), m.end(), tag)
        else:
            self.out.append(tag)

    def _image(self, m: re.Match[str], params: dict[str, str], left: str, right: str) -> None:
        file = params.get("file", "")
        caption = " ".join(params.get("caption", "").split())
        alt = " ".join(params.get("alt", "").split())
        width = params.get("max-width", "")
        size = _MAX_WIDTH.fullmatch(width)
        if width and size is None:
            self.problem(f"max-width {width!r} is not a number; ignored")
        if caption or size:
            src = self._media_url("file", file, MEDIA_SCHEMES)
            link = self._media_url("url", params.get("url"), LINK_SCHEMES)
            if src is None:
                self._remove(m, left, right)
                return
            style = f' style="max-width: {size.group(1)}px"' if size else ""
            img = f'<img src="{_attribute_url(src)}" alt="{html.escape(alt)}"{style}>'
            if link:
                img = f'<a href="{_attribute_url(link)}">{img}</a>'
            parts = ["<figure>", img]
            if caption:
                parts.append(f"<figcaption>{html.escape(caption)}</figcaption>")
            self._block(m.start(), m.end(), "\n".join([*parts, "</figure>"]))
            return
        src = self._markdown_url("file", file, MEDIA_SCHEMES)
        if src is None:
            self._remove(m, left, right)
            return
        image = f"![{_as_text(alt)}]({src})"
        if params.get("url"):
            link = self._markdown_url("url", params["url"], LINK_SCHEMES)
            if link is not None:
                image = f"[{image}]({link})"
        self._trim_left(left)
        self.out.append(image)
        self.pos = m.end()
        self._trim_right(right)

    def _media_url(self, key: str, url: str | None, schemes: frozenset[str]) -> str | None:
        """An include's URL for raw HTML: checked, and a site path made relative to the page."""
        if url is None:
            return None
        url = url.strip()
        if not url or not is_safe_url(url, schemes):
            self.problem(f"{key} {url!r} is not an http(s) or relative URL; removed")
            return None
        if url.startswith("/") and not url.startswith("//"):
            return self._page_relative(url)
        return url

    def _markdown_url(self, key: str, url: str, schemes: frozenset[str]) -> str | None:
        """An include's URL as a Markdown destination: a site path links the file it names."""
        url = url.strip()
        if not url or not is_safe_url(url, schemes):
            self.problem(f"{key} {url!r} is not an http(s) or relative URL; removed")
            return None
        if url.startswith("/") and not url.startswith("//"):
            path, suffix = _split_suffix(url)
            src = self.ctx.index.at(path)
            if src is not None:
                return self._source_relative(src) + _in_destination(suffix)
            return _in_destination(self._page_relative(url))
        return _in_destination(url)

    # -- block placement ----------------------------------------------------------------------

    def _alone(self, start: int, end: int) -> tuple[int, int, str] | None:
        """When a tag is the only thing on its line (HTML wrapper tags aside): the line's
        bounds and indentation."""
        line_start = self.text.rfind("\n", 0, start) + 1
        line_end = self.text.find("\n", end)
        line_end = len(self.text) if line_end < 0 else line_end
        if self.chunk_start > line_start:
            return None  # an earlier tag on this line was rendered already
        before, after = self.text[line_start:start], self.text[end:line_end]
        if _WRAPPER_OPEN.fullmatch(before) and _WRAPPER_CLOSE.fullmatch(after):
            return line_start, line_end, _INDENT.match(before).group()  # type: ignore[union-attr]
        return None

    def _block(self, start: int, end: int, block: str, *, indent_body: bool = True) -> None:
        """Put a Markdown block on lines of its own, blank lines around it.

        A tag alone on its line (indented, or wrapped in HTML tags such as `<center>` that
        would otherwise keep Markdown from reading it) replaces that line; a tag inside a
        line splits it.
        """
        alone = self._alone(start, end)
        if alone is not None:
            line_start, line_end, indent = alone
            if self.out:
                self.out[-1] = self.out[-1][: len(self.out[-1]) - (start - line_start)]
            lines = block.split("\n")
            if indent:
                lines = [
                    indent + line if line and (indent_body or i in (0, len(lines) - 1)) else line
                    for i, line in enumerate(lines)
                ]
            self.out.append("\n" + "\n".join(lines) + "\n")
            self.pos = line_end
        else:
            self.out.append("\n\n" + block + "\n\n")
            self.pos = end

    # -- outputs ------------------------------------------------------------------------------

    def _output(self, start: int) -> None:
        m = _OUTPUT.match(self.text, start)
        self.span = (start, m.end() if m else start + 40)
        if m is None:
            self.problem("no closing '}}'; left as written")
            self._keep(start, start + 2)
            return
        left, expression, right = m.group(1), m.group(2).strip(), m.group(3)
        try:
            value = self._evaluate(expression)
        except _Unsupported as exc:
            self.problem(f"{exc} is not supported; left as written")
            self._keep(start, m.end())
            return
        except _Unknown:
            self.problem(f"unknown variable; rendered empty{_hint(expression)}")
            value = ""
        self._trim_left(left)
        self.pos = m.end()
        if expression == "site.url":
            # `{{ site.url }}{{ site.baseurl }}`: Jekyll's idiom for the site's own address.
            follow = _URL_THEN_BASEURL.match(self.text, self.pos)
            if follow is not None:
                self.pos = follow.end()
                right = "-" if follow.group().rstrip("}").endswith("-") else ""
        if expression in ("site.url", "site.baseurl") and _LINK_TAG.match(self.text, self.pos):
            self.next_prefix = (start, isinstance(value, str))
            return
        self._emit(value, start)
        self._trim_right(right)

    def _evaluate(self, expression: str) -> _Value:
        head, *filters = _split_filters(expression)
        names = []
        for text in filters:
            f = _FILTER.fullmatch(text)
            name = f.group(1) if f else text.strip()
            if name not in ("relative_url", "absolute_url") or (f and f.group(2)):
                raise _Unsupported(f"filter '{name}'")
            names.append(name)
        value: _Value
        string = _STRING.fullmatch(head)
        if string is not None:
            value = string.group(1) if string.group(1) is not None else string.group(2)
        elif _VARIABLE.fullmatch(head):
            value = self._lookup(head)
        else:
            raise _Unsupported("an expression that is not a variable or a string")
        for name in names:
            value = self._url_filter(value, absolute=name == "absolute_url")
        return value

    def _lookup(self, variable: str) -> _Value:
        """`site.x`, `site.github.repository_url`, `page.title`: the value, printed."""
        root, *path = variable.split(".")
        if variable == "site.baseurl":
            return _SitePath("")
        if variable == "site.url":
            return self.ctx.site_url or _SitePath("")
        if variable == "page.url":
            return _SitePath("/" + self.ctx.page_url)
        values: object = {"site": self.ctx.site, "page": self.ctx.page}
        for key in [root, *path]:
            if not isinstance(values, Mapping) or key not in values:
                raise _Unknown(variable)
            values = values[key]
        return _text_of(values)

    def _url_filter(self, value: _Value, *, absolute: bool) -> _Value:
        """Jekyll's `relative_url` / `absolute_url`; URLs with a scheme pass through."""
        if isinstance(value, _FileLink):
            value = _SitePath("/" + value.url)
        if isinstance(value, str):
            if has_scheme(value):
                return value
            value = _SitePath("/" + value.lstrip("/") if value else "")
        if absolute and self.ctx.site_url:
            return self.ctx.site_url + value.path
        return value

    # -- writing a value where it lands -------------------------------------------------------

    def _where(self, at: int) -> _Spot:
        """Judged from the source line before `at`: fences, code spans, tags, links."""
        if self._in_fence(at):
            return _Spot(_CODE)
        prefix = self.text[self.text.rfind("\n", 0, at) + 1 : at]
        if _in_code_span(prefix):
            return _Spot(_CODE_SPAN)
        lt = prefix.rfind("<")
        if lt > prefix.rfind(">") and re.match(r"<[A-Za-z]", prefix[lt:]):
            attr = _ATTRIBUTE.search(prefix[lt:])
            if attr is None:
                return _Spot(_ATTR, quoted=False)
            double, single, bare = attr.group(2), attr.group(3), attr.group(4)
            started = next((g for g in (double, single, bare) if g is not None), "")
            is_url = attr.group(1).lower() in _URL_ATTRIBUTES
            return _Spot(_ATTR, url_start=is_url and not started, quoted=bare is None)
        dest = _DESTINATION.search(prefix)
        if dest is not None:
            return _Spot(_DEST, url_start=not dest.group(1))
        return _Spot(_TEXT)

    def _in_fence(self, at: int) -> bool:
        if self._fence_index is None:
            self._fence_index = fenced_code(self.text)
        starts, ends = self._fence_index
        i = bisect.bisect_right(starts, at) - 1
        return i >= 0 and at < ends[i]

    def _emit(self, value: _Value, at: int) -> None:
        where = self._where(at)
        markdown_link = where.kind == _DEST and where.url_start
        if isinstance(value, _FileLink):
            if markdown_link:
                self.out.append(self._source_relative(value.src_uri))
                return
            url = _relative(value.url, self.folder)
        elif isinstance(value, _SitePath):
            if markdown_link:
                tail = _PATH_TAIL.match(self.text, self.pos)
                rest = tail.group() if tail else ""
                path, suffix = _split_suffix(value.path + rest)
                src = self.ctx.index.at(path) if path.startswith("/") or not path else None
                if src is not None:
                    self.out.append(self._source_relative(src) + _in_destination(suffix))
                    self.pos += len(rest)
                    return
            url = self._page_relative(value.path)
        else:
            url = value
            if where.url_start and not is_safe_url(url):
                self.problem(f"{url!r} is not a safe link; '#' is used instead")
                url = "#"
        self.out.append(self._escaped(url, where, at))

    def _escaped(self, value: str, where: _Spot, at: int) -> str:
        """`value` written for its spot; code shows it as is, unless it would end the code."""
        if where.kind == _CODE:
            line_start = self.text.rfind("\n", 0, at) + 1
            if not self.text[line_start:at].strip() and value.lstrip()[:3] in ("```", "~~~"):
                self.problem("the value would end the code block; dropped")
                return ""
            return value
        if where.kind == _CODE_SPAN:
            if "`" in value:
                self.problem("the value would end the inline code; dropped")
                return ""
            return value
        if where.kind == _DEST:
            return _in_destination(value)
        if where.kind == _ATTR:
            return _in_attribute(value, quoted=where.quoted)
        return _as_text(value)

    def _page_relative(self, path: str) -> str:
        """A site path (`""`, `/x/`, `/images/a.png`) as a URL relative to the page."""
        root = _relative("", self.folder).rstrip("/") or "."
        return root + path

    def _source_relative(self, src_uri: str) -> str:
        """The target's source path relative to this page's source: MkDocs resolves it."""
        rel = posixpath.relpath(src_uri, self.src_folder or ".")
        return quote(rel, safe="/!$'*+,;=:@~-._")


def _hint(expression: str) -> str:
    """Where an unknown `site.*` value comes from in MkDocs."""
    if not expression.startswith("site."):
        return ""
    if expression.startswith(("site.repository", "site.github")):
        return " (set repo_url in mkdocs.yml)"
    name = expression.split(".")[1].split("|")[0].strip()
    return f" (add '{name}' under 'extra:' in mkdocs.yml)"


def _split_filters(expression: str) -> list[str]:
    """`"a|b" | relative_url` -> [`"a|b"`, ` relative_url`]: pipes inside strings stay."""
    parts: list[str] = []
    current: list[str] = []
    quote_char = ""
    for ch in expression:
        if quote_char:
            if ch == quote_char:
                quote_char = ""
        elif ch in "'\"":
            quote_char = ch
        elif ch == "|":
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(ch)
    parts.append("".join(current).strip())
    return parts


def _split_suffix(url: str) -> tuple[str, str]:
    """`/a/b.png?x#y` -> (`/a/b.png`, `?x#y`)."""
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    return url[:cut], url[cut:]


@lru_cache(maxsize=64)
def _end_tag(name: str) -> re.Pattern[str]:
    return re.compile(r"\{%(-?)\s*end" + re.escape(name) + r"\s*(-?)%\}")


@lru_cache(maxsize=64)
def _block_tags(name: str) -> re.Pattern[str]:
    return re.compile(
        r"\{%-?\s*(end)?"
        + re.escape(name)
        + r"(?![\w-])(?:(?!\{%|%\}).){0,"
        + str(_LIMIT)
        + r"}?-?%\}",
        re.S,
    )


_Handler = Callable[[_Renderer, "re.Match[str]", str, str, str], None]

_TAG_HANDLERS: Final[dict[str, _Handler]] = {
    "raw": _Renderer._raw,
    "comment": _Renderer._comment,
    "#": _Renderer._inline_comment,
    "highlight": _Renderer._highlight,
    "post_url": _Renderer._post_url,
    "link": _Renderer._link,
    "include": _Renderer._include,
    "include_cached": _Renderer._include,
    "twitter": _Renderer._twitter,
}
