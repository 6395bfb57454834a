"""HTML posts: their body reaches the page exactly as written, through MkDocs' own render.

Jekyll passes an `.html` post's body through untouched (after Liquid); Python-Markdown would
read its text as Markdown (`*` becomes emphasis, indented lines code). The plugin tells this
extension which page is an HTML post; for that page the whole text is set aside before any
Markdown processing and is the output, so other plugins' `on_page_content` see the real HTML.
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor


class HtmlBodyExtension(Extension):
    """Registered once per build; `start_page` says whether the next page is an HTML post."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.raw = False
        self.kept = ""

    def start_page(self, *, raw: bool) -> None:
        self.raw, self.kept = raw, ""

    def extendMarkdown(self, md: Markdown) -> None:
        # Before every preprocessor (whitespace normalising is 30) and after every postprocessor.
        md.preprocessors.register(_SetAside(md, self), "mindset_html_body", 200)
        md.postprocessors.register(_PutBack(md, self), "mindset_html_body", 0)
        md.registerExtension(self)


class _SetAside(Preprocessor):
    def __init__(self, md: Markdown, ext: HtmlBodyExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        if not self.ext.raw:
            return lines
        self.ext.kept = "\n".join(lines)
        return []


class _PutBack(Postprocessor):
    def __init__(self, md: Markdown, ext: HtmlBodyExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, text: str) -> str:
        return self.ext.kept.strip() if self.ext.raw else text
