"""The pass over one page: literal text is copied, each Liquid tag or output is replaced.

`Renderer` knows Liquid's own tags (`raw`, `comment`, `highlight`) and outputs; Jekyll's and
fastpages' tags are added by `jekyll_tags.JekyllRenderer`.
"""

from __future__ import annotations

import bisect
import posixpath
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import ClassVar, Final
from urllib.parse import quote

from ..text import fenced_code
from ..urls import has_scheme, is_safe_url
from .context import LiquidContext
from .values import (
    ATTR,
    CODE,
    CODE_SPAN,
    DEST,
    TEXT,
    FileLink,
    SitePath,
    Spot,
    Unknown,
    Unsupported,
    Value,
    as_text,
    folder,
    in_attribute,
    in_code_span,
    in_destination,
    relative,
    text_of,
)

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
_VARIABLE = re.compile(r"[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*")
_STRING = re.compile(r"""'([^']*)'|"([^"]*)\"""")
_FILTER = re.compile(r"\s*([A-Za-z_][\w-]*)\s*(?::(.*))?", re.S)
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


class Renderer:
    """One pass over one page: literal text is copied, each tag or output is replaced."""

    handlers: ClassVar[dict[str, str]]
    """Tag name -> the name of the method that renders it; subclasses add their tags."""

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
        self.folder = folder(ctx.page_url)
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
        handler = self.handlers.get(name)
        if handler is None:
            self._unsupported(m, name)
            return
        getattr(self, handler)(m, markup.strip(), left, right)

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

    def _remove(self, m: re.Match[str], left: str, right: str) -> None:
        self._trim_left(left)
        self.pos = m.end()
        self._trim_right(right)

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
        except Unsupported as exc:
            self.problem(f"{exc} is not supported; left as written")
            self._keep(start, m.end())
            return
        except Unknown:
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

    def _evaluate(self, expression: str) -> Value:
        head, *filters = _split_filters(expression)
        names = []
        for text in filters:
            f = _FILTER.fullmatch(text)
            name = f.group(1) if f else text.strip()
            if name not in ("relative_url", "absolute_url") or (f and f.group(2)):
                raise Unsupported(f"filter '{name}'")
            names.append(name)
        value: Value
        string = _STRING.fullmatch(head)
        if string is not None:
            value = string.group(1) if string.group(1) is not None else string.group(2)
        elif _VARIABLE.fullmatch(head):
            value = self._lookup(head)
        else:
            raise Unsupported("an expression that is not a variable or a string")
        for name in names:
            value = self._url_filter(value, absolute=name == "absolute_url")
        return value

    def _lookup(self, variable: str) -> Value:
        """`site.x`, `site.github.repository_url`, `page.title`: the value, printed."""
        root, *path = variable.split(".")
        if variable == "site.baseurl":
            return SitePath("")
        if variable == "site.url":
            return self.ctx.site_url or SitePath("")
        if variable == "page.url":
            return SitePath("/" + self.ctx.page_url)
        values: object = {"site": self.ctx.site, "page": self.ctx.page}
        for key in [root, *path]:
            if not isinstance(values, Mapping) or key not in values:
                raise Unknown(variable)
            values = values[key]
        return text_of(values)

    def _url_filter(self, value: Value, *, absolute: bool) -> Value:
        """Jekyll's `relative_url` / `absolute_url`; URLs with a scheme pass through."""
        if isinstance(value, FileLink):
            value = SitePath("/" + value.url)
        if isinstance(value, str):
            if has_scheme(value):
                return value
            value = SitePath("/" + value.lstrip("/") if value else "")
        if absolute and self.ctx.site_url:
            return self.ctx.site_url + value.path
        return value

    # -- writing a value where it lands -------------------------------------------------------

    def _where(self, at: int) -> Spot:
        """Judged from the source line before `at`: fences, code spans, tags, links."""
        if self._in_fence(at):
            return Spot(CODE)
        prefix = self.text[self.text.rfind("\n", 0, at) + 1 : at]
        if in_code_span(prefix):
            return Spot(CODE_SPAN)
        lt = prefix.rfind("<")
        if lt > prefix.rfind(">") and re.match(r"<[A-Za-z]", prefix[lt:]):
            attr = _ATTRIBUTE.search(prefix[lt:])
            if attr is None:
                return Spot(ATTR, quoted=False)
            double, single, bare = attr.group(2), attr.group(3), attr.group(4)
            started = next((g for g in (double, single, bare) if g is not None), "")
            is_url = attr.group(1).lower() in _URL_ATTRIBUTES
            return Spot(ATTR, url_start=is_url and not started, quoted=bare is None)
        dest = _DESTINATION.search(prefix)
        if dest is not None:
            return Spot(DEST, url_start=not dest.group(1))
        return Spot(TEXT)

    def _in_fence(self, at: int) -> bool:
        if self._fence_index is None:
            self._fence_index = fenced_code(self.text)
        starts, ends = self._fence_index
        i = bisect.bisect_right(starts, at) - 1
        return i >= 0 and at < ends[i]

    def _emit(self, value: Value, at: int) -> None:
        where = self._where(at)
        markdown_link = where.kind == DEST and where.url_start
        if isinstance(value, FileLink):
            if markdown_link:
                self.out.append(self._source_relative(value.src_uri))
                return
            url = relative(value.url, self.folder)
        elif isinstance(value, SitePath):
            if markdown_link:
                tail = _PATH_TAIL.match(self.text, self.pos)
                rest = tail.group() if tail else ""
                path, suffix = split_suffix(value.path + rest)
                src = self.ctx.index.at(path) if path.startswith("/") or not path else None
                if src is not None:
                    self.out.append(self._source_relative(src) + in_destination(suffix))
                    self.pos += len(rest)
                    return
            url = self._page_relative(value.path)
        else:
            url = value
            if where.url_start and not is_safe_url(url):
                self.problem(f"{url!r} is not a safe link; '#' is used instead")
                url = "#"
        self.out.append(self._escaped(url, where, at))

    def _escaped(self, value: str, where: Spot, at: int) -> str:
        """`value` written for its spot; code shows it as is, unless it would end the code."""
        if where.kind == CODE:
            line_start = self.text.rfind("\n", 0, at) + 1
            if not self.text[line_start:at].strip() and value.lstrip()[:3] in ("```", "~~~"):
                self.problem("the value would end the code block; dropped")
                return ""
            return value
        if where.kind == CODE_SPAN:
            if "`" in value:
                self.problem("the value would end the inline code; dropped")
                return ""
            return value
        if where.kind == DEST:
            return in_destination(value)
        if where.kind == ATTR:
            return in_attribute(value, quoted=where.quoted)
        return as_text(value)

    def _page_relative(self, path: str) -> str:
        """A site path (`""`, `/x/`, `/images/a.png`) as a URL relative to the page."""
        root = relative("", self.folder).rstrip("/") or "."
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


def split_suffix(url: str) -> tuple[str, str]:
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


Renderer.handlers = {
    "raw": "_raw",
    "comment": "_comment",
    "#": "_inline_comment",
    "highlight": "_highlight",
}
