"""The `kramdown` option: posts read the way Jekyll's kramdown read them, other pages untouched.

What each construct becomes against a real Jekyll is `test_jekyll_kramdown.py`'s job; these
builds pin down the switch itself, the heading-id aliases, `{:toc}` and the kramdown input.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import Site, content

KRAMDOWN_TEXT = """\
- fruit
  - apple
- vegetables

It's ~~gone~~ and $$E = mc^2$$ holds.

## Tips & tricks
"""


def post_and_page(body: str = KRAMDOWN_TEXT, front: str = "") -> dict[str, str]:
    """The same Markdown as a post and as an ordinary page."""
    return {
        "_posts/2024-01-01-a-post.md": f"---\ntitle: A post\n{front}---\n{body}",
        "page.md": f"---\ntitle: A page\n{front}---\n{body}",
    }


def body_html(site: Site, url: str) -> str:
    return str(content(site, url))


def test_posts_are_read_as_kramdown_by_default(make_site: Callable[..., Site]) -> None:
    site = make_site(post_and_page())
    post = content(site, "2024/01/01/a-post/")
    nested = post.select_one("ul > li > ul > li")
    assert nested is not None and nested.get_text(strip=True) == "apple"
    assert post.find("del").get_text() == "gone"
    assert "It\u2019s" in post.get_text()
    assert post.select_one("span.arithmatex").get_text() == "\\(E = mc^2\\)"


def test_an_ordinary_page_renders_exactly_as_with_kramdown_off(
    make_site: Callable[..., Site],
) -> None:
    default = body_html(make_site(post_and_page()), "page/")
    off = body_html(make_site(post_and_page(), plugin={"kramdown": "off"}), "page/")
    assert default == off
    assert "<del>" not in default and "~~gone~~" in default


def test_off_leaves_posts_to_python_markdown(make_site: Callable[..., Site]) -> None:
    site = make_site(post_and_page(), plugin={"kramdown": False})
    post = content(site, "2024/01/01/a-post/")
    assert post.find("del") is None
    assert post.select_one("ul > li > ul") is None  # two spaces do not nest


def test_all_reads_every_page_as_kramdown(make_site: Callable[..., Site]) -> None:
    site = make_site(post_and_page(), plugin={"kramdown": "all"})
    assert content(site, "page/").find("del").get_text() == "gone"


def test_heading_gets_kramdowns_id_and_keeps_mkdocs_own_as_an_alias(
    make_site: Callable[..., Site],
) -> None:
    files = {
        **post_and_page(),
        "links.md": "[new](_posts/2024-01-01-a-post.md#tips--tricks) and "
        "[old](_posts/2024-01-01-a-post.md#tips-tricks)\n",
    }
    site = make_site(
        files,
        strict=True,  # a link to an anchor the page lacks would fail the build
        markdown_extensions=[{"toc": {"permalink": True}}],
        validation={"anchors": "warn"},
    )
    soup = site.soup("2024/01/01/a-post/")
    heading = soup.select_one("article h2")
    assert heading["id"] == "tips--tricks"  # kramdown's and GFM's
    alias = heading.select_one("span.mindset-anchor")
    assert alias is not None and alias["id"] == "tips-tricks"  # MkDocs' own
    assert heading.select_one("a.headerlink")["href"] == "#tips--tricks"
    toc_links = [a["href"] for a in soup.select("nav.md-nav--secondary a.md-nav__link")]
    assert "#tips--tricks" in toc_links and "#tips-tricks" not in toc_links


def test_toc_marker_is_dropped_where_the_theme_shows_a_table_of_contents(
    make_site: Callable[..., Site],
) -> None:
    body = "* TOC\n{:toc}\n\n## First\n\n## Second\n"
    shown = make_site(post_and_page(body))
    post = content(shown, "2024/01/01/a-post/")
    assert "TOC" not in post.get_text() and post.find("ul") is None
    hidden = make_site(post_and_page(body, front="hide: [toc]\n"))
    links = [a["href"] for a in content(hidden, "2024/01/01/a-post/").select("div.toc a")]
    assert links == ["#first", "#second"]


def test_no_toc_heading_leaves_the_table_of_contents(make_site: Callable[..., Site]) -> None:
    body = "## Contents\n{:.no_toc}\n\n## Chapter\n"
    soup = make_site(post_and_page(body)).soup("2024/01/01/a-post/")
    assert soup.select_one("article h2.no_toc")["id"] == "contents"
    toc_links = [a["href"] for a in soup.select("nav.md-nav--secondary a.md-nav__link")]
    assert toc_links == ["#chapter"]


def test_kramdown_input_in_the_jekyll_config_turns_off_githubs_flavour(
    make_site: Callable[..., Site],
) -> None:
    files = {
        **post_and_page("Intro:\n- not a list\n\nSome ~~tildes~~.\n\n## Café crème\n"),
        "../_config.yml": "kramdown:\n  input: kramdown\n",
    }
    site = make_site(files, plugin={"jekyll_config": "_config.yml"})
    post = content(site, "2024/01/01/a-post/")
    assert post.find("del") is None and "~~tildes~~" in post.get_text()
    assert post.find("ul") is None
    assert post.select_one("h2")["id"] == "caf-crme"


def test_an_extension_the_site_configures_keeps_its_settings(
    make_site: Callable[..., Site],
) -> None:
    body = "H~2~O and ~~gone~~\n"
    site = make_site(post_and_page(body), markdown_extensions=["pymdownx.tilde"])
    post = content(site, "2024/01/01/a-post/")
    assert post.find("sub").get_text() == "2"  # the site's tilde, with subscript, not ours


@pytest.mark.parametrize("value", ["sometimes", 3])
def test_kramdown_option_names_its_accepted_values(
    make_site: Callable[..., Site], value: object
) -> None:
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):
        make_site(post_and_page(), plugin={"kramdown": value})
