"""The HTML the plugin adds to pages: a post's header and the category/tag listings.

Reads the per-build `Blog` and renders through `pages.Renderer` (the overridable templates);
links are made relative to the page being rendered so they work under any base path.
"""

from __future__ import annotations

from markupsafe import Markup
from mkdocs.structure.pages import Page

from .blog import Blog, Listing
from .pages import Entry, Header, Link, Renderer, Section, format_date, relative
from .posts import Post

TITLES = {"categories": "Categories", "tags": "Tags"}


def listing_title(listing: Listing) -> str:
    if listing.group is not None:
        return listing.group.name
    return TITLES.get(listing.taxonomy.kind, "Index")


class Views:
    def __init__(self, blog: Blog, renderer: Renderer, date_format: str) -> None:
        self.blog = blog
        self.renderer = renderer
        self.date_format = date_format
        self._dates: dict[str, str] = {}

    def date_text(self, post: Post) -> str:
        """The date as readers see it; a post shows it in its header and in every listing."""
        text = self._dates.get(post.src_uri)
        if text is None:
            text = self._dates[post.src_uri] = format_date(post.date, self.date_format)
        return text

    def post_page(self, html: str, post: Post, page: Page) -> str:
        """The header opens the page, or follows the body's own H1 when that is the title."""
        header = str(self.post_header(post, page))
        if post.title_in_body:
            end = html.find("</h1>")
            if end != -1:
                end += len("</h1>")
                return html[:end] + header + html[end:]
        return header + html

    def listing_page(self, html: str, listing: Listing, page: Page) -> str:
        """The title (unless the user's intro has its own H1), the intro, then the list."""
        listed = str(self.listing(listing, page))
        if "<h1" in html:
            return html + listed
        title = self.renderer.render("mindset/title.html", title=listing_title(listing))
        return str(title) + html + listed

    def links(self, kind: str, names: list[str], page: Page) -> list[Link]:
        taxonomy = self.blog.taxonomies.get(kind)
        if taxonomy is None:
            return []
        return [
            Link(group.name, relative(self.blog.group_urls[id(group)], page.url))
            for group in taxonomy.groups_of(names)
        ]

    def post_header(self, post: Post, page: Page) -> Markup:
        header = Header(
            title=post.title,
            show_title=not post.title_in_body,
            date=post.date,
            date_text=self.date_text(post),
            categories=self.links("categories", post.categories, page),
            tags=self.links("tags", post.tags, page),
            subtitle=self.blog.descriptions[post.src_uri].subtitle,
            author=post.author,
        )
        return self.renderer.post_header(header)

    def listing(self, listing: Listing, page: Page) -> Markup:
        kind = listing.taxonomy.kind
        if listing.group is None:
            sections = [
                Section(g.name, relative(self.blog.group_urls[id(g)], page.url), len(g.posts))
                for g in listing.taxonomy.groups
            ]
            return self.renderer.index(kind=kind, title=listing_title(listing), sections=sections)
        entries = [self.entry(post, page) for post in listing.group.posts]
        return self.renderer.listing(kind=kind, name=listing.group.name, entries=entries)

    def entry(self, post: Post, page: Page) -> Entry:
        return Entry(
            title=post.title,
            url=relative(post.url, page.url),
            date=post.date,
            date_text=self.date_text(post),
            description=self.blog.descriptions[post.src_uri].text,
        )
