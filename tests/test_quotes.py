"""Pull-quotes, the lede, callouts and embeds: through Python-Markdown and through real builds."""

from __future__ import annotations

import logging
import textwrap
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from quotes_helpers import (
    PLUGIN,
    POST,
    POST_SRC,
    POST_URL,
    content,
    material,
    plugin_site,
    render,
    soup,
    standalone_site,
)

from mkdocs_mindset.markdown.quotes import (
    QuotesExtension,
    makeExtension,
    parse_tweet_url,
    parse_youtube_url,
)

VIDEO = "dQw4w9WgXcQ"


def md(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def classes(el: object) -> list[str]:
    return list(el.get("class") or [])  # type: ignore[attr-defined]


# -- the lede -------------------------------------------------------------------------------


def test_lede_is_the_first_blockquote_after_the_title() -> None:
    page = soup(
        md("""
        # Title

        > What this post is about.

        Body.

        > A later quote.
        """)
    )
    lede, later = page.find_all("blockquote")
    assert classes(lede) == ["mindset-pullquote", "mindset-pullquote--lead"]
    assert lede.p.get_text() == "What this post is about."
    assert not later.attrs


def test_lede_may_open_the_body_without_a_title() -> None:
    lede = soup("> Summary first.\n\nBody.\n").blockquote
    assert "mindset-pullquote--lead" in classes(lede)


@pytest.mark.parametrize(
    "text",
    [
        "Intro first.\n\n> Not a lede.\n",
        "# Title\n\nIntro first.\n\n> Not a lede.\n",
        "## Subtitle\n\n> Not a lede.\n",
    ],
)
def test_lede_only_when_the_quote_comes_first(text: str) -> None:
    assert not soup(text).blockquote.attrs


def test_lede_skips_an_html_comment_before_it() -> None:
    lede = soup("# T\n\n<!-- draft note -->\n\n> Summary.\n").find("blockquote")
    assert "mindset-pullquote--lead" in classes(lede)


def test_lede_is_never_hidden_even_when_it_repeats_the_text() -> None:
    page = soup("> Cats sleep most of the day.\n\nCats sleep most of the day.\n")
    lede = page.blockquote
    assert "mindset-pullquote--lead" in classes(lede)
    assert lede.get("aria-hidden") is None
    assert page.find("aside") is None


def test_lede_with_attribution_becomes_a_figure() -> None:
    figure = soup("> Stay hungry.\n> — Stewart Brand\n\nBody.\n").figure
    assert classes(figure) == ["mindset-pullquote", "mindset-pullquote--lead"]
    assert figure.blockquote.get_text(strip=True) == "Stay hungry."
    assert figure.figcaption.cite.get_text() == "Stewart Brand"


def test_lede_option_off_all_and_posts() -> None:
    text = "> Summary.\n"
    assert not soup(text, lede="off").blockquote.attrs
    assert soup(text, lede="all").blockquote.attrs
    # Standalone, "posts" needs someone (the plugin) to say the page is a post.
    assert not soup(text, lede="posts").blockquote.attrs
    ext = QuotesExtension(lede="posts")
    ext.start_page(is_post=True, name="_posts/2020-01-01-a.md")
    assert ext.lede_enabled
    assert "mindset-pullquote" in markdown.markdown(text, extensions=[ext])
    ext.start_page(is_post=False)
    assert not ext.lede_enabled
    assert (
        markdown.markdown(text, extensions=[ext]) == "<blockquote>\n<p>Summary.</p>\n</blockquote>"
    )


def test_lede_enabled_is_a_plain_switch() -> None:
    ext = QuotesExtension(lede="off")
    ext.lede_enabled = True
    assert "mindset-pullquote--lead" in markdown.markdown("> Summary.\n", extensions=[ext])


@pytest.mark.parametrize("attr_list", [True, False])
def test_explicit_lede_marker_works_anywhere_and_despite_the_option(attr_list: bool) -> None:
    page = soup("Intro.\n\n> The point of it all.\n{: .lede}\n", attr_list=attr_list, lede="off")
    lede = page.blockquote
    assert classes(lede) == ["mindset-pullquote", "mindset-pullquote--lead"]
    assert lede.p.attrs == {} and "{:" not in page.get_text()


def test_lede_config_accepts_yaml_booleans_and_rejects_nonsense() -> None:
    assert QuotesExtension(lede=False).lede_mode == "off"
    assert QuotesExtension(lede=True).lede_mode == "all"
    assert QuotesExtension(lede="POSTS").lede_mode == "posts"
    with pytest.raises(ValueError, match="lede"):
        QuotesExtension(lede="sometimes")


def test_make_extension_and_loading_by_name() -> None:
    assert isinstance(makeExtension(callouts=False), QuotesExtension)
    html = markdown.markdown("> Hi.\n", extensions=["mkdocs_mindset.markdown.quotes"])
    assert 'class="mindset-pullquote mindset-pullquote--lead"' in html


# -- explicit pull-quotes -------------------------------------------------------------------

ARTICLE = "Intro.\n\nWe ship small changes. Big releases hide big risks. The end.\n\n"


@pytest.mark.parametrize("marker", ["{: .pullquote}", "{: .pull-quote}", "{:.pullquote}"])
@pytest.mark.parametrize("attr_list", [True, False])
def test_marker_under_the_quote_makes_a_pullquote(marker: str, attr_list: bool) -> None:
    page = soup(ARTICLE + f"> Big releases hide big risks.\n{marker}\n", attr_list=attr_list)
    aside = page.find("aside")
    assert aside is not None
    assert classes(aside) == ["mindset-pullquote"]
    assert aside.get("aria-hidden") == "true"
    assert aside.p.get_text() == "Big releases hide big risks."
    assert aside.p.attrs == {}  # the class attr_list put on the <p> has moved
    assert "{:" not in page.get_text()
    assert page.find("blockquote") is None


@pytest.mark.parametrize("attr_list", [True, False])
def test_marker_as_its_own_paragraph_after_or_before(attr_list: bool) -> None:
    after = soup(
        ARTICLE + "> Big releases hide big risks.\n\n{: .pullquote}\n", attr_list=attr_list
    )
    before = soup(ARTICLE + "{: .pullquote}\n> Big releases hide big risks.\n", attr_list=attr_list)
    for page in (after, before):
        assert page.find("aside", class_="mindset-pullquote") is not None
        assert "{:" not in page.get_text()


def test_other_classes_and_id_of_the_marker_move_to_the_pullquote() -> None:
    for attr_list in (True, False):
        page = soup(ARTICLE + "> Unique words.\n{: .pullquote .wide #pq1}\n", attr_list=attr_list)
        quote = page.find(class_="mindset-pullquote")
        assert classes(quote) == ["mindset-pullquote", "wide"]
        assert quote.get("id") == "pq1"


def test_pullquote_with_new_words_stays_readable() -> None:
    page = soup(ARTICLE + "> Words that appear nowhere else.\n{: .pullquote}\n")
    quote = page.find(class_="mindset-pullquote")
    assert quote.name == "blockquote"
    assert quote.get("aria-hidden") is None
    assert page.find("aside") is None


def test_pullquote_that_adds_a_sentence_stays_readable() -> None:
    page = soup(ARTICLE + "> Big releases hide big risks. And nobody notices.\n{: .pullquote}\n")
    assert page.find(class_="mindset-pullquote").name == "blockquote"


def test_repetition_ignores_case_punctuation_quotes_and_ellipses() -> None:
    text = ARTICLE + "> “big RELEASES hide big risks” … we ship small changes!\n{: .pullquote}\n"
    assert soup(text).find("aside", attrs={"aria-hidden": "true"}) is not None


def test_repetition_counts_whole_words_only() -> None:
    text = "Intro.\n\nWe shipped smaller changes today.\n\n> ship small changes\n{: .pullquote}\n"
    assert soup(text).find("aside") is None


def test_code_blocks_do_not_count_as_repeating() -> None:
    quote = "> Shown as source.\n{: .pullquote}\n"
    text = "Intro.\n\n    > Shown as source.\n    {: .pullquote}\n\n" + quote
    assert soup(text).find(class_="mindset-pullquote").name == "blockquote"
    fenced = "Intro.\n\n```md\n> Shown as source.\n```\n\n> Shown as source.\n{: .pullquote}\n"
    html = markdown.markdown(
        fenced, extensions=["attr_list", "pymdownx.superfences", QuotesExtension()]
    )
    assert 'blockquote class="mindset-pullquote"' in html


def test_of_two_identical_pullquotes_one_stays_readable() -> None:
    quote = "> Unique line here.\n{: .pullquote}\n"
    text = f"Intro.\n\n{quote}\nMiddle.\n\n{quote}"
    quotes = soup(text).find_all(class_="mindset-pullquote")
    assert [q.name for q in quotes] == ["aside", "blockquote"]


def test_double_angle_is_the_plain_markdown_pullquote() -> None:
    page = soup(ARTICLE + ">> Big releases hide big risks.\n")
    aside = page.find("aside")
    assert aside is not None and aside.get("aria-hidden") == "true"
    assert page.find("blockquote") is None


def test_double_angle_then_a_plain_quote() -> None:
    page = soup("Intro.\n\n>> Fresh words.\n\n> Plain.\n")
    assert page.find(class_="mindset-pullquote").get_text(strip=True) == "Fresh words."
    assert page.find_all("blockquote")[-1].attrs == {}


def test_double_angle_with_new_words_is_a_styled_quote() -> None:
    page = soup("Intro.\n\n>> Fresh words.\n")
    quote = page.find(class_="mindset-pullquote")
    assert quote.name == "blockquote"
    assert quote.find("blockquote") is None


def test_explicit_marker_wins_over_the_lede() -> None:
    page = soup("# T\n\n> Unique opening.\n{: .pullquote}\n\nBody.\n")
    quote = page.find(class_="mindset-pullquote")
    assert "mindset-pullquote--lead" not in classes(quote)


def test_merged_quotes_are_split_after_a_marked_paragraph() -> None:
    # Python-Markdown merges quotes separated by a blank line; kramdown keeps them apart.
    page = soup(
        ARTICLE + "> Big releases hide big risks.\n{: .pullquote}\n\n> Someone else said this.\n"
    )
    assert page.find("aside").get_text(strip=True) == "Big releases hide big risks."
    plain = page.find("blockquote")
    assert plain.attrs == {} and plain.get_text(strip=True) == "Someone else said this."


# -- attribution ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line", ["— Ada Lovelace", "--Ada Lovelace", "-- Ada Lovelace", "―Ada Lovelace"]
)
def test_attribution_line_becomes_figcaption_cite(line: str) -> None:
    page = soup(f"Intro.\n\n> The engine weaves patterns.\n> {line}\n{{: .pullquote}}\n")
    figure = page.find("figure", class_="mindset-pullquote")
    assert figure is not None
    assert [c.name for c in figure.find_all(recursive=False)] == ["blockquote", "figcaption"]
    assert figure.blockquote.get_text(strip=True) == "The engine weaves patterns."
    caption = figure.figcaption
    assert classes(caption) == ["mindset-pullquote__attribution"]
    assert caption.cite.get_text() == "Ada Lovelace"


def test_attribution_in_its_own_paragraph_with_markup() -> None:
    figure = soup(
        "Intro.\n\n>> One line.\n>>\n>> — Jane *Doe*, [site](https://example.org)\n"
    ).figure
    cite = figure.figcaption.cite
    assert cite.em.get_text() == "Doe"
    assert cite.a["href"] == "https://example.org"
    assert figure.blockquote.get_text(strip=True) == "One line."


def test_attribution_of_a_hidden_pullquote_nests_a_figure_in_the_aside() -> None:
    aside = soup(ARTICLE + "> Big releases hide big risks.\n> — the author\n{: .pullquote}\n").aside
    assert aside.get("aria-hidden") == "true"
    assert aside.figure.blockquote.p.get_text() == "Big releases hide big risks."
    assert aside.figure.figcaption.cite.get_text() == "the author"


def test_attribution_with_smarty_dashes() -> None:
    html = markdown.markdown(
        "Intro.\n\n>> A sentence here.\n>> -- Someone\n",
        extensions=["smarty", QuotesExtension()],
    )
    assert BeautifulSoup(html, "html.parser").cite.get_text() == "Someone"


def test_a_single_dash_line_is_content_not_attribution() -> None:
    page = soup("Intro.\n\n>> — only a dash line\n")
    assert page.find("figcaption") is None


def test_plain_quotes_keep_their_dash_lines() -> None:
    text = "Intro.\n\n> A quote.\n> — Someone\n"
    assert render(text) == markdown.markdown(text, extensions=["attr_list"])


# -- callouts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind", "title"),
    [
        ("Note: Read this.", "note", "Note"),
        ("note: Read this.", "note", "Note"),
        ("TIP: Read this.", "tip", "Tip"),
        ("Warning : Read this.", "warning", "Warning"),
        ("Important: Read this.", "important", "Important"),
        ("**Note:** Read this.", "note", "Note"),
        ("**Tip**: Read this.", "tip", "Tip"),
        ("Update: Read this.", "info", "Update"),  # Material's `info` look
    ],
)
def test_callouts_become_admonitions(line: str, kind: str, title: str) -> None:
    div = soup(f"Intro.\n\n> {line}\n").find("div")
    assert classes(div) == ["admonition", kind, "mindset-callout"]
    first, body = div.find_all("p")
    assert classes(first) == ["admonition-title"] and first.get_text() == title
    assert body.get_text() == "Read this."
    assert soup(f"Intro.\n\n> {line}\n").find("blockquote") is None


def test_callout_keeps_further_paragraphs_and_markup() -> None:
    div = soup("Intro.\n\n> Note:\n> A *first* line.\n>\n> - a list\n").div
    assert [c.name for c in div.find_all(recursive=False)] == ["p", "p", "ul"]
    assert div.find_all("p")[1].em.get_text() == "first"


def test_a_callout_ends_at_a_blank_line_like_in_kramdown() -> None:
    page = soup("Intro.\n\n> Note: one.\n\n> Someone said this.\n")
    assert page.div.get_text().count("Someone") == 0
    assert (
        page.blockquote.attrs == {} and page.blockquote.get_text(strip=True) == "Someone said this."
    )


def test_a_lede_ends_at_a_blank_line_like_in_kramdown() -> None:
    page = soup("# T\n\n> Summary.\n\n> A quote.\n\n> More of that quote.\n")
    lede, plain = page.find_all("blockquote")
    assert lede.get_text(strip=True) == "Summary."
    assert plain.attrs == {} and len(plain.find_all("p")) == 2


def test_consecutive_callouts_stay_separate() -> None:
    page = soup("Intro.\n\n> Note: one.\n\n> Tip: two.\n\n> Warning: three.\n")
    kinds = [classes(d)[1] for d in page.find_all("div", class_="admonition")]
    assert kinds == ["note", "tip", "warning"]


@pytest.mark.parametrize(
    "text", ["> Caution: no.\n", "> Notes: no.\n", "> See: no.\n", "> A note: no.\n"]
)
def test_unknown_titles_stay_ordinary_quotes(text: str) -> None:
    assert render("Intro.\n\n" + text) == markdown.markdown("Intro.\n\n" + text)


def test_callouts_can_be_turned_off() -> None:
    text = "Intro.\n\n> Note: hello.\n"
    assert render(text, callouts=False) == markdown.markdown(text, extensions=["attr_list"])


@pytest.mark.parametrize("title", ["Tip", "Note", "Update"])
def test_callout_as_first_block_is_a_callout_not_a_lede(title: str) -> None:
    page = soup(f"# T\n\n> {title}: hi.\n")
    assert page.find(class_="mindset-pullquote") is None
    assert page.find(class_="admonition-title").get_text() == title


# -- embeds ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        f"https://youtu.be/{VIDEO}",
        f"https://www.youtube.com/watch?v={VIDEO}",
        f"https://youtube.com/watch?feature=share&v={VIDEO}",
        f"https://m.youtube.com/watch?v={VIDEO}",
        f"<https://youtu.be/{VIDEO}>",
    ],
)
def test_youtube_embed(url: str) -> None:
    figure = soup(f"Intro.\n\n> youtube: {url}\n").figure
    assert classes(figure) == ["mindset-embed", "mindset-embed--youtube"]
    frame = figure.find("div", class_="mindset-embed__frame")
    iframe = frame.iframe
    assert iframe["src"] == f"https://www.youtube-nocookie.com/embed/{VIDEO}"
    assert iframe["loading"] == "lazy"
    assert iframe["title"]
    assert iframe.has_attr("allowfullscreen")
    assert figure.figcaption.a["href"] == f"https://www.youtube.com/watch?v={VIDEO}"
    assert figure.find("blockquote") is None


def test_youtube_start_time_and_title() -> None:
    figure = soup(
        f'Intro.\n\n> youtube: https://youtu.be/{VIDEO}?t=1m30s "My <b>talk</b>"\n'
    ).figure
    assert figure.iframe["src"].endswith("?start=90")
    assert figure.iframe["title"] == "YouTube video: My talk"
    assert figure.figcaption.get_text() == "Watch “My talk” on YouTube"
    assert figure.find("b") is None


@pytest.mark.parametrize(
    "url",
    [
        f"http://youtu.be/{VIDEO}",
        f"https://youtu.be/{VIDEO}x",
        "https://youtu.be/short",
        f"https://evil.example/watch?v={VIDEO}",
        f"https://youtube.com.evil.example/watch?v={VIDEO}",
        f"https://user@youtube.com/watch?v={VIDEO}",
        "javascript:alert(1)",
        f'https://youtu.be/{VIDEO}"onload="x',
    ],
)
def test_bad_youtube_urls_stay_quotes_with_a_warning(
    url: str, caplog: pytest.LogCaptureFixture
) -> None:
    text = f"Intro.\n\n> youtube: {url}\n"
    with caplog.at_level(logging.WARNING):
        page = soup(text)
    assert page.find("iframe") is None
    assert page.blockquote is not None
    assert any("youtube" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    ("url", "href"),
    [
        ("https://twitter.com/jack/status/20", "https://twitter.com/jack/status/20"),
        ("https://x.com/jack/status/20?s=20&t=abc", "https://x.com/jack/status/20"),
        ("https://mobile.twitter.com/jack/status/20/photo/1", "https://twitter.com/jack/status/20"),
    ],
)
def test_twitter_link_card(url: str, href: str) -> None:
    figure = soup(f"Intro.\n\n> twitter: {url}\n").figure
    assert classes(figure) == ["mindset-embed", "mindset-embed--twitter"]
    card = figure.find("a", class_="mindset-tweet")
    assert card["href"] == href
    assert card.find(class_="mindset-tweet__author").get_text() == "@jack"
    assert figure.find("script") is None and figure.find("iframe") is None


@pytest.mark.parametrize(
    "url",
    [
        "http://twitter.com/jack/status/20",
        "https://twitter.com/jack",
        "https://evil.example/jack/status/20",
        "https://twitter.com/<b>/status/20",
    ],
)
def test_bad_twitter_urls_stay_quotes(url: str) -> None:
    assert soup(f"Intro.\n\n> twitter: {url}\n").find(class_="mindset-tweet") is None


def test_embeds_can_be_turned_off() -> None:
    text = f"Intro.\n\n> youtube: https://youtu.be/{VIDEO}\n"
    assert render(text, embeds=False) == markdown.markdown(text, extensions=["attr_list"])


def test_url_parsers() -> None:
    assert parse_youtube_url(f"https://youtu.be/{VIDEO}?t=42") == (VIDEO, 42)
    assert parse_youtube_url(f"https://www.youtube.com/embed/{VIDEO}") == (VIDEO, None)
    assert parse_youtube_url(f"https://www.youtube.com/watch?v={VIDEO}&t=1h") == (VIDEO, 3600)
    assert parse_youtube_url(f"https://youtu.be:8443/{VIDEO}") is None
    assert parse_youtube_url("https://[::1") is None
    assert parse_tweet_url("https://www.x.com/a_b/statuses/1") == ("x.com", "a_b", "1")
    assert parse_tweet_url("https://twitter.com/waytoolongaccountname/status/1") is None


# -- plain blockquotes ----------------------------------------------------------------------

PLAIN = [
    "Intro.\n\n> A plain quote.\n",
    "Intro.\n\n> One.\n>\n> Two with *emphasis*.\n",
    "Intro.\n\n> Outer\n>\n> > inner\n",
    "Intro.\n\n> A quote with a list:\n>\n> - a\n> - b\n",
    "Intro.\n\n> Quote {: .other}\n",
    "Intro.\n\n> Quote\n{: .other}\n",
    "Intro.\n\n- item\n\n    > nested quote\n",
    "Intro.\n\n> Time: 10:30.\n",
    "Intro.\n\n> youtube is great: really\n",
    "Intro.\n\n> Two quotes\n\n> merged by Python-Markdown.\n",
    "Intro.\n\n>     code\n\n>     more code\n",
    "Intro.\n\n> - a\n\n> - b\n",
]


@pytest.mark.parametrize("text", PLAIN)
def test_plain_blockquotes_are_untouched(text: str) -> None:
    assert render(text) == markdown.markdown(text, extensions=["attr_list"])


def test_nested_callouts_inside_lists_are_found() -> None:
    page = soup("Intro.\n\n- item\n\n    > Note: nested.\n")
    assert page.li.find("div", class_="admonition") is not None


def test_text_is_escaped() -> None:
    html = render("Intro.\n\n> Note: <script>alert(1)</script> & more\n")
    assert "<p>&lt;script&gt;" not in html  # raw HTML is Python-Markdown's business...
    html = render(f"Intro.\n\n> youtube: https://youtu.be/{VIDEO} a&b <i>\n")
    assert 'title="YouTube video: a&amp;b"' in html  # ...but what we build is escaped


# -- real builds ----------------------------------------------------------------------------


def _post_article(site_root: Path) -> BeautifulSoup:
    html = (site_root / "site" / POST_URL / "index.html").read_text(encoding="utf-8")
    return content(BeautifulSoup(html, "html.parser"))


def _check_every_form(article: BeautifulSoup) -> None:
    lede = article.find(class_="mindset-pullquote--lead")
    assert lede is not None and lede.name == "blockquote"
    assert "mindset-pullquote" in classes(lede)
    assert lede.get_text(strip=True).startswith("A lede written once")

    aside = article.find("aside", class_="mindset-pullquote")
    assert aside is not None and aside["aria-hidden"] == "true"
    assert aside.get_text(strip=True) == "Good writing is rewriting, and rewriting takes time."

    figure = article.find("figure", class_="mindset-pullquote")
    assert figure is not None and figure.get("aria-hidden") is None
    assert figure.figcaption.cite.get_text() == "Edsger W. Dijkstra"

    kinds = [classes(d)[1] for d in article.find_all("div", class_="admonition")]
    assert kinds == ["note", "tip", "warning", "important"]
    for div in article.find_all("div", class_="admonition"):
        assert div.find("p", class_="admonition-title") is not None

    iframe = article.find("iframe")
    assert iframe["src"] == f"https://www.youtube-nocookie.com/embed/{VIDEO}"
    assert iframe["loading"] == "lazy"
    assert article.find("a", class_="mindset-tweet")["href"] == "https://twitter.com/jack/status/20"

    plain = [
        b
        for b in article.find_all("blockquote")
        if not b.attrs and not b.find_parent(class_="mindset-pullquote")
    ]
    assert [b.get_text(strip=True) for b in plain] == [
        "Caution: an unknown title stays an ordinary quote.",
        "An ordinary quote stays an ordinary quote.",
    ]


@pytest.mark.parametrize("theme_name", ["material", "mkdocs", "readthedocs"])
def test_plugin_build_renders_every_form(tmp_path: Path, theme_name: str) -> None:
    theme_config = material() if theme_name == "material" else {"name": theme_name}
    site = plugin_site(
        tmp_path,
        {POST_SRC: POST, "about.md": "# About\n\n> A quote on a page that is not a post.\n"},
        theme_config=theme_config,
        strict=True,
    )
    assert site.warnings == []
    _check_every_form(_post_article(tmp_path))
    # The lede is for posts: an ordinary page's first quote stays a quote.
    about = content(site.soup("about/"))
    assert about.find("blockquote").attrs == {}
    # The plugin links its stylesheet, which carries the quotes section.
    head = site.soup(POST_URL).head
    hrefs = [link.get("href", "") for link in head.find_all("link", rel="stylesheet")]
    assert any(h.endswith("assets/mindset/mindset.css") for h in hrefs)
    css = (site.site_dir / "assets" / "mindset" / "mindset.css").read_text(encoding="utf-8")
    assert ".mindset-pullquote--lead" in css and ".mindset-callout" in css


def test_plugin_lede_option_all_and_off(tmp_path: Path) -> None:
    files = {POST_SRC: POST, "about.md": "# About\n\n> First quote.\n"}
    site = plugin_site(
        tmp_path / "all", files, theme_config=material(), plugin={**PLUGIN, "lede": "all"}
    )
    assert "mindset-pullquote--lead" in classes(content(site.soup("about/")).blockquote)
    site = plugin_site(
        tmp_path / "off", files, theme_config=material(), plugin={**PLUGIN, "lede": "off"}
    )
    assert content(site.soup(POST_URL)).find(class_="mindset-pullquote--lead") is None


def test_plugin_callouts_and_embeds_options(tmp_path: Path) -> None:
    site = plugin_site(
        tmp_path,
        {POST_SRC: POST},
        theme_config=material(),
        plugin={**PLUGIN, "callouts": False, "embeds": False},
    )
    article = content(site.soup(POST_URL))
    assert article.find("div", class_="admonition") is None
    assert article.find("iframe") is None and article.find(class_="mindset-tweet") is None
    assert article.find("aside", class_="mindset-pullquote") is not None


def test_plugin_bad_embed_warns_naming_the_file(tmp_path: Path) -> None:
    post = "---\ntitle: T\n---\nBody.\n\n> youtube: https://example.org/video\n"
    site = plugin_site(tmp_path, {POST_SRC: post}, theme_config=material())
    assert any(POST_SRC in w and "youtube" in w for w in site.warnings), site.warnings


@pytest.mark.parametrize("theme_name", ["material", "mkdocs"])
def test_standalone_extension_in_a_real_build(tmp_path: Path, theme_name: str) -> None:
    theme_config = material() if theme_name == "material" else {"name": theme_name}
    site = standalone_site(
        tmp_path, {"index.md": POST.split("---\n", 2)[2]}, theme_config=theme_config
    )
    _check_every_form(content(site.soup("")))
    hrefs = [link.get("href", "") for link in site.soup("").find_all("link", rel="stylesheet")]
    assert "mindset.css" in hrefs


def test_docs_page_shows_every_form_live(tmp_path: Path) -> None:
    page = (Path(__file__).resolve().parents[1] / "docs" / "pullquotes.md").read_text("utf-8")
    site = plugin_site(
        tmp_path,
        {"pullquotes.md": page, "options.md": "# Options\n"},
        theme_config=material(),
        markdown_extensions=["attr_list", "admonition", "tables", "pymdownx.superfences"],
    )
    article = content(site.soup("pullquotes/"))
    assert "mindset-pullquote--lead" in classes(article.find("blockquote"))
    assert article.find("aside", class_="mindset-pullquote", attrs={"aria-hidden": "true"})
    assert article.find("blockquote", class_="mindset-pullquote", attrs={"aria-hidden": None})
    assert article.find("figure", class_="mindset-pullquote").figcaption.cite
    kinds = [classes(d)[1] for d in article.find_all("div", class_="mindset-callout")]
    assert kinds == ["note", "tip", "warning", "important", "info"]  # `Update:` looks like info
    assert article.find("iframe", attrs={"loading": "lazy"})
    assert article.find("a", class_="mindset-tweet")
    leaked = [t for t in article.find_all(string=True) if "{:" in t and not t.find_parent("code")]
    assert leaked == []  # markers appear only in code
