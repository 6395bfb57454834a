"""Jekyll's tags (`post_url`, `link`, `include`) and fastpages' (`twitter`, its includes)."""

from __future__ import annotations

import html
import re

from ..fastpages import CALLOUT_INCLUDES, YOUTUBE_ID
from ..urls import LINK_SCHEMES, MEDIA_SCHEMES, is_safe_url, scheme
from .context import url_key
from .renderer import Renderer, split_suffix
from .values import (
    FileLink,
    SitePath,
    Unknown,
    Unsupported,
    as_text,
    attribute_url,
    in_destination,
    percent_encoded,
)

_LITERAL = re.compile(r"-?\d+(?:\.\d+)?|true|false")
_INCLUDE_NAME = re.compile(r"\s*([\w./@-]+)(.*)", re.S)
_INCLUDE_PARAM = re.compile(
    r"""([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([\w.-]+))""", re.S
)
_HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.I)
_HTML_TAG = re.compile(r"<[^>]*>")
_MAX_WIDTH = re.compile(r"\s*(\d{1,5})\s*(?:px)?\s*")


class JekyllRenderer(Renderer):
    """The Liquid pass with Jekyll's and fastpages' tags."""

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
            url = self.ctx.site_url + "/" + url_key(self.ctx.index.files[src])
            self.out.append(self._escaped(url, self._where(at), at))
        else:
            self._emit(FileLink(src, self.ctx.index.files[src]), at)
        self._trim_right(right)

    def _twitter(self, m: re.Match[str], markup: str, left: str, right: str) -> None:
        url = next((w for w in markup.split() if w.lower().startswith(("http:", "https:"))), "")
        if not url or not is_safe_url(url, MEDIA_SCHEMES):
            self.problem("no http(s) URL; removed")
            self._remove(m, left, right)
            return
        self._block(m.start(), m.end(), f"> twitter: {percent_encoded(url)}")

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
        """`key="v"`, `key='v'` (backslash-escaped quotes allowed), `key=1` or `key=true`
        (literals), `key=page.x` (resolved)."""
        params: dict[str, str] = {}
        for p in _INCLUDE_PARAM.finditer(markup):
            key, double, single, variable = p.groups()
            if double is not None:
                params[key] = double.replace('\\"', '"')
            elif single is not None:
                params[key] = single.replace("\\'", "'")
            elif _LITERAL.fullmatch(variable):  # `v=1`, `width=1.5`, `big=true`: Liquid literals
                params[key] = variable
            else:
                try:
                    value = self._lookup(variable)
                except (Unknown, Unsupported):
                    self.problem(f"'{key}={variable}' is not available here; dropped")
                    continue
                params[key] = value.path or "/" if isinstance(value, SitePath) else str(value)
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
        self._block(m.start(), m.end(), f"> youtube: {percent_encoded(url)}")

    def _video(self, m: re.Match[str], params: dict[str, str]) -> None:
        src = self._media_url("url", params.get("url", ""), MEDIA_SCHEMES)
        self.pos = m.end()
        if src is None:
            return
        tag = f'<video controls preload="metadata" src="{attribute_url(src)}"></video>'
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
            img = f'<img src="{attribute_url(src)}" alt="{html.escape(alt)}"{style}>'
            if link:
                img = f'<a href="{attribute_url(link)}">{img}</a>'
            parts = ["<figure>", img]
            if caption:
                parts.append(f"<figcaption>{html.escape(caption)}</figcaption>")
            self._block(m.start(), m.end(), "\n".join([*parts, "</figure>"]))
            return
        src = self._markdown_url("file", file, MEDIA_SCHEMES)
        if src is None:
            self._remove(m, left, right)
            return
        image = f"![{as_text(alt)}]({src})"
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
            path, suffix = split_suffix(url)
            src = self.ctx.index.at(path)
            if src is not None:
                return self._source_relative(src) + in_destination(suffix)
            return in_destination(self._page_relative(url))
        return in_destination(url)


JekyllRenderer.handlers = {
    **Renderer.handlers,
    "post_url": "_post_url",
    "link": "_link",
    "include": "_include",
    "include_cached": "_include",
    "twitter": "_twitter",
}
