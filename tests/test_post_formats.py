"""Every post format Jekyll reads: HTML posts, and Markdown under each of Jekyll's extensions.

An `.html` post's body is HTML: Jekyll renders its Liquid and places it in the layout as
written; Markdown syntax in it stays text. MkDocs alone would copy such a file to
`site/_posts/…`, front matter and all, and leave it out of every listing. Jekyll's URLs for the
same files are checked in tests/test_jekyll_urls.py ("HTML and other post formats").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Site, build_site, content, theme, write_site
from jekyll_oracle import Blog, build_jekyll, jekyll_body, mindset_body, require_jekyll

HTML_BODY = """\
<p>Written <b>by hand</b> in 2004, with *asterisks* and_underscores_ kept as text.</p>

    <p>Indented four spaces, which Markdown would make a code block.</p>
<ul>
<li>one</li>
<li>{{ page.title }}</li>
</ul>
"""

FILES = {
    "_posts/2004-05-06-archive.html": (
        "---\ntitle: From the archive\ncategories: [Old]\ndescription: An <em>old</em> one.\n"
        "---\n" + HTML_BODY
    ),
    "_posts/2004-05-07-no-title.html": "---\ncategories: [Old]\n---\n<p>Only a paragraph.</p>\n",
    "_posts/index.html": "---\ntitle: Undated\n---\n<p>Jekyll skips this file.</p>\n",
    "_posts/2005-01-02-kramdown-ext.mkdown": "---\ncategories: [Old]\n---\n*Markdown* here.\n",
    "_posts/2005-01-03-mdown-ext.mdown": "---\ncategories: [Old]\n---\n*Markdown* too.\n",
    "_posts/2005-01-04-plain.md": "---\ncategories: [Old]\n---\n*Markdown* as usual.\n",
}


def build(tmp_path: Path, theme_name: str) -> Site:
    cfg = {
        "site_url": "https://example.org/",
        "theme": theme(theme_name),
        "plugins": ["search", {"mindset": {"timezone": "UTC", "liquid": "posts"}}],
    }
    return build_site(write_site(tmp_path, FILES, cfg), strict=True)


@pytest.mark.parametrize("theme_name", ["material", "mkdocs"])
def test_html_posts_are_posts_with_their_html_as_written(tmp_path: Path, theme_name: str) -> None:
    site = build(tmp_path, theme_name)
    page = content(site, "old/2004/05/06/archive/")
    assert page.select_one("header.mindset-post-header h1").get_text() == "From the archive"
    assert page.select_one(".mindset-subtitle").decode_contents() == "An <em>old</em> one."
    html = site.html("old/2004/05/06/archive/")
    assert "<p>Written <b>by hand</b> in 2004, with *asterisks* and_underscores_ kept" in html
    assert "    <p>Indented four spaces" in html and "<pre>" not in str(page)
    assert [li.get_text() for li in page.select("ul li")] == ["one", "From the archive"]
    # the title comes from the file name, as in Jekyll (no heading is looked for in HTML)
    untitled = content(site, "old/2004/05/07/no-title/")
    assert untitled.select_one("h1").get_text() == "No Title"
    assert (
        site.soup("old/2004/05/07/no-title/").find("meta", attrs={"name": "description"})["content"]
        == "Only a paragraph."
    )


def test_every_format_is_listed_and_nothing_under_posts_is_published_raw(tmp_path: Path) -> None:
    site = build(tmp_path, "material")
    entries = content(site, "categories/old/").select(".mindset-entry__title")
    listed = [a.get_text() for a in entries]
    assert listed == ["Plain", "Mdown Ext", "Kramdown Ext", "No Title", "From the archive"]
    assert not list(site.site_dir.rglob("_posts"))
    assert "---" not in site.all_text().split("<body", 1)[-1].split("</body>")[0]
    assert site.exists("old/2005/01/02/kramdown-ext/")
    assert "<em>Markdown</em> here." in site.html("old/2005/01/02/kramdown-ext/")
    assert "<em>Markdown</em> too." in site.html("old/2005/01/03/mdown-ext/")
    assert any("'_posts/index.html' is in a _posts folder without a dated name" in line
               for line in site.infos)  # fmt: skip
    assert site.warnings == []


def test_an_html_posts_body_equals_jekylls(tmp_path: Path) -> None:
    require_jekyll()
    blog = Blog({"_posts/2004-05-06-archive.html": FILES["_posts/2004-05-06-archive.html"]})
    blog.config["permalink"] = "pretty"
    jekyll = build_jekyll(blog, tmp_path)
    ours = build(tmp_path / "ours", "mkdocs")
    theirs = jekyll_body(jekyll, "old/2004/05/06/archive/index.html")
    mine = mindset_body(ours, "old/2004/05/06/archive/index.html")
    # The oracle's Jekyll renders posts without Liquid; compare everything before the list.
    assert str(theirs).split("<ul>")[0].split("<body>")[-1].strip() == (
        str(mine).split("<ul>")[0].split(">", 1)[-1].strip()
    )
