"""Head tags from plain values, escaping, JSON-LD and injection into finished pages (pure)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import Counter

import pytest
from bs4 import BeautifulSoup, Tag

from mkdocs_mindset.site.seo import (
    SOCIAL_CARD_TAGS,
    HeadInfo,
    head_block,
    inject_head,
    json_ld_data,
    json_ld_script,
    og_locale,
    site_url_for,
)

TZ = dt.timezone(dt.timedelta(hours=2))
UTC = dt.timezone.utc
POST = HeadInfo(
    title="My post",
    description="A post about things.",
    url="https://example.org/blog/2020/05/20/my-post/",
    site_name="Example",
    locale="en_US",
    is_article=True,
    published=dt.datetime(2020, 5, 20, 10, 0, tzinfo=TZ),
    modified=dt.datetime(2020, 6, 1, 8, 30, tzinfo=TZ),
    section="Python",
    tags=("one", "two"),
    image="https://example.org/blog/images/chart.png",
    image_alt="A chart",
    author="Ada",
)
NASTY = "5 > 3 & \"x\" 'y' </script><script>alert(1)</script> <!-- -->"


def _html(info: HeadInfo) -> str:
    return head_block(info)


def _head(html: str) -> Tag:
    soup = BeautifulSoup(f"<html><head>{html}</head><body></body></html>", "html.parser")
    head = soup.head
    assert head is not None
    return head


def _meta(head: Tag) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in head.find_all("meta"):
        key = tag.get("name") or tag.get("property")
        found.setdefault(str(key), []).append(str(tag.get("content")))
    return found


def _json_ld(head: Tag) -> list[dict[str, object]]:
    return [json.loads(s.string or "") for s in head.find_all("script", type="application/ld+json")]


def test_article_head_has_every_tag() -> None:
    head = _head(_html(POST))
    meta = _meta(head)
    assert meta == {
        "description": ["A post about things."],
        "og:type": ["article"],
        "og:title": ["My post"],
        "og:description": ["A post about things."],
        "og:url": ["https://example.org/blog/2020/05/20/my-post/"],
        "og:site_name": ["Example"],
        "og:locale": ["en_US"],
        "og:image": ["https://example.org/blog/images/chart.png"],
        "og:image:alt": ["A chart"],
        "article:published_time": ["2020-05-20T10:00:00+02:00"],
        "article:modified_time": ["2020-06-01T08:30:00+02:00"],
        "article:section": ["Python"],
        "article:tag": ["one", "two"],
        "twitter:card": ["summary_large_image"],
        "twitter:title": ["My post"],
        "twitter:description": ["A post about things."],
        "twitter:image": ["https://example.org/blog/images/chart.png"],
        "twitter:image:alt": ["A chart"],
    }
    assert head.find("link") is None  # the canonical link is the theme's
    assert _json_ld(head) == [
        {
            "@context": "https://schema.org",
            "@type": "BlogPosting",
            "author": {"@type": "Person", "name": "Ada"},
            "dateModified": "2020-06-01T08:30:00+02:00",
            "datePublished": "2020-05-20T10:00:00+02:00",
            "description": "A post about things.",
            "headline": "My post",
            "image": "https://example.org/blog/images/chart.png",
            "mainEntityOfPage": {
                "@type": "WebPage",
                "@id": "https://example.org/blog/2020/05/20/my-post/",
            },
            "url": "https://example.org/blog/2020/05/20/my-post/",
        }
    ]


def test_minimal_page_without_url_or_image() -> None:
    head = _head(_html(HeadInfo(title="About")))
    meta = _meta(head)
    assert meta == {
        "og:type": ["website"],
        "og:title": ["About"],
        "twitter:card": ["summary"],
        "twitter:title": ["About"],
    }
    assert head.find("link") is None
    assert _json_ld(head) == [
        {"@context": "https://schema.org", "@type": "WebPage", "headline": "About"}
    ]


def test_modified_defaults_to_published() -> None:
    info = HeadInfo(title="t", is_article=True, published=dt.datetime(2021, 1, 2, tzinfo=UTC))
    meta = _meta(_head(_html(info)))
    assert meta["article:published_time"] == ["2021-01-02T00:00:00+00:00"]
    assert meta["article:modified_time"] == ["2021-01-02T00:00:00+00:00"]
    data = json_ld_data(info)
    assert data["dateModified"] == data["datePublished"] == "2021-01-02T00:00:00+00:00"


def test_article_fields_only_on_articles() -> None:
    info = HeadInfo(
        title="t", published=dt.datetime(2021, 1, 2, tzinfo=UTC), section="s", tags=("a",)
    )
    meta = _meta(_head(_html(info)))
    assert not [key for key in meta if key.startswith("article:")]
    assert "datePublished" not in json_ld_data(info)


def test_home_page_is_a_website() -> None:
    data = json_ld_data(HeadInfo(title="Example", site_name="Example", is_home=True))
    assert data["@type"] == "WebSite"
    assert data["name"] == "Example"


@pytest.mark.parametrize(
    ("flags", "absent"),
    [
        ({"open_graph": False}, ("og:", "article:")),
        ({"twitter": False}, ("twitter:",)),
    ],
)
def test_groups_switch_off(flags: dict[str, bool], absent: tuple[str, ...]) -> None:
    info = dataclasses.replace(POST, **flags)
    meta = _meta(_head(_html(info)))
    assert not [key for key in meta if key.startswith(absent)]
    assert meta["description"] == ["A post about things."]


def test_json_ld_switches_off() -> None:
    info = dataclasses.replace(POST, json_ld=False)
    assert _json_ld(_head(_html(info))) == []


def test_nothing_to_say_renders_nothing() -> None:
    info = HeadInfo(title="t", open_graph=False, twitter=False, json_ld=False)
    assert _html(info) == ""


@pytest.mark.parametrize("text", [NASTY, "Tom & Jerry", "a\u2028b", '"quoted"', "&amp; literal"])
def test_every_value_round_trips(text: str) -> None:
    info = HeadInfo(
        title=text,
        description=text,
        url="https://example.org/?a=1&b=2",
        site_name=text,
        is_article=True,
        section=text,
        tags=(text,),
        image="https://example.org/i.png?x=1&y=2",
        image_alt=text,
        author=text,
    )
    html = _html(info)
    head = _head(html)
    # Nothing from the values became markup: one script (ours), only meta and script tags.
    assert {t.name for t in head.find_all(True)} == {"meta", "script"}
    assert len(head.find_all("script")) == 1
    for key, values in _meta(head).items():
        if key in {"og:type", "twitter:card", "og:url", "og:image", "twitter:image"}:
            continue
        assert values == [text], key
    assert _meta(head)["og:url"] == ["https://example.org/?a=1&b=2"]
    (data,) = _json_ld(head)
    assert data["headline"] == data["description"] == text
    assert data["author"] == {"@type": "Person", "name": text}
    assert "</script" not in html.split('type="application/ld+json">', 1)[1][:-10]


def test_json_ld_is_sorted_and_escaped() -> None:
    script = json_ld_script({"b": "</script>&", "a": 1, "@type": "X"})
    body = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body and "&" not in body
    assert list(json.loads(body)) == ["@type", "a", "b"]
    assert json.loads(body)["b"] == "</script>&"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "en_US"),
        ("de", "de_DE"),
        ("fr", "fr_FR"),
        ("ja", "ja_JP"),
        ("pt-BR", "pt_BR"),
        ("pt_br", "pt_BR"),
        ("en-GB", "en_GB"),
        ("zh-Hant", "zh_TW"),
        ("zh-Hans", "zh_CN"),
        ("zh-TW", "zh_TW"),
        ("sr-Latn", "sr_RS"),
        ("nb", "nb_NO"),
        ("EN", "en_US"),
        ("", None),
        (None, None),
        ("1x", None),
    ],
)
def test_og_locale(language: str | None, expected: str | None) -> None:
    assert og_locale(language) == expected


@pytest.mark.parametrize(
    ("path", "site_url", "page_url", "expected"),
    [
        ("images/a.png", "https://x.org/blog/", "2020/01/02/p/", "https://x.org/blog/images/a.png"),
        ("/images/a.png", "https://x.org/blog", "2020/01/02/p/", "https://x.org/blog/images/a.png"),
        ("{{ site.baseurl }}/images/a.png", "https://x.org/", "p/", "https://x.org/images/a.png"),
        ("images/a b.png", "https://x.org/", "p/", "https://x.org/images/a%20b.png"),
        ("https://cdn.org/a.png", "https://x.org/", "p/", "https://cdn.org/a.png"),
        ("//cdn.org/a.png", None, "p/", "//cdn.org/a.png"),
        ("images/a.png", None, "2020/01/02/p/", "../../../../images/a.png"),
        ("/images/a.png", None, "", "images/a.png"),
        ("images/a.png", None, "about.html", "images/a.png"),
        ("images/a.png", None, "blog/about.html", "../images/a.png"),
    ],
)
def test_site_url_for(path: str, site_url: str | None, page_url: str, expected: str) -> None:
    assert site_url_for(path, site_url=site_url, page_url=page_url) == expected


# --- injection into a finished page -------------------------------------------------------------

MKDOCS_HEAD = """<!DOCTYPE html>
<html lang="en">
    <head>
        <meta charset="utf-8">
        <meta name="description" content="None">
        <meta name="author" content="Site Author">
        <link rel="canonical" href="https://example.org/blog/2020/05/20/my-post/">
        <title>My post - Example</title>
        <script>var s = '<meta name="description" content="in a script">';</script>
        <!-- <meta name="description" content="in a comment"> -->
    </head>
    <body><meta name="description" content="body text is never touched"></body>
</html>
"""


def _names(html: str) -> Counter[str]:
    """How often each meta name/property (and the canonical link) occurs in the head."""
    soup = BeautifulSoup(html, "html.parser")
    assert soup.head is not None
    found: Counter[str] = Counter()
    for tag in soup.head.find_all(["meta", "link"]):
        if tag.name == "link":
            found["canonical"] += "canonical" in (tag.get("rel") or [])
        elif key := tag.get("name") or tag.get("property"):
            found[str(key)] += 1
    return found


def test_inject_replaces_only_the_themes_description() -> None:
    out = inject_head(MKDOCS_HEAD, head_block(POST))
    names = _names(out)
    for key in ("description", "author", "canonical", "og:title", "twitter:card"):
        assert names[key] == 1, key
    assert 'content="None"' not in out
    assert 'content="Site Author"' in out  # the theme's author and canonical stay
    assert "in a script" in out and "in a comment" in out
    assert "body text is never touched" in out
    assert out.index("application/ld+json") < out.index("</head>")
    soup = BeautifulSoup(out, "html.parser")
    assert soup.head is not None
    assert soup.head.find("meta", attrs={"name": "description"})["content"] == POST.description  # type: ignore[index]


def test_inject_without_description_removes_the_themes() -> None:
    out = inject_head(MKDOCS_HEAD, head_block(HeadInfo(title="Home", json_ld=False)))
    assert _names(out)["description"] == 0
    assert 'content="None"' not in out
    # Tags we do not emit stay as the theme wrote them.
    assert _names(out)["author"] == 1 and _names(out)["canonical"] == 1


@pytest.mark.parametrize(
    "theme_tag",
    [
        '<meta content="x" name="description">',
        "<meta name='description' content='x'/>",
        "<META NAME=description CONTENT=x>",
        '<meta name="description" content="a > b">',
        '<meta name="description" content="raw "quoted" text">',
        '<meta\n  name="description"\n  content="multi-line">',
    ],
)
def test_inject_recognises_every_spelling(theme_tag: str) -> None:
    page = f"<html><head>\n  {theme_tag}\n</head><body></body></html>"
    out = inject_head(page, head_block(HeadInfo(title="t", description="ours")))
    assert _names(out)["description"] == 1
    assert 'content="ours"' in out


def test_card_tags_are_left_to_materials_social_plugin() -> None:
    block = head_block(POST, social_cards=True)
    names = _names(f"<html><head>{block}</head></html>")
    assert not [key for key in names if key.startswith("twitter:") or key in SOCIAL_CARD_TAGS]
    # What the social plugin does not write is still ours.
    assert names["og:site_name"] == names["article:published_time"] == names["description"] == 1
    assert "application/ld+json" in block


@pytest.mark.parametrize(
    "info",
    [
        POST,
        HeadInfo(title="Home", json_ld=False),
        HeadInfo(title="t", description="d", url="https://x/", open_graph=False),
        HeadInfo(title="t", author="A", twitter=False, json_ld=False),
        HeadInfo(title="", open_graph=False, twitter=False, json_ld=False),
    ],
)
def test_each_tag_once_after_injection(info: HeadInfo) -> None:
    block = head_block(info)
    out = inject_head(MKDOCS_HEAD, block)
    names = _names(out)
    ours = _names(f"<html><head>{block}</head></html>")
    assert all(names[key] == 1 for key in ours if key != "article:tag"), names
    assert names["description"] == ("description" in ours)


def test_inject_leaves_pages_without_head_alone() -> None:
    assert inject_head("<p>fragment</p>", head_block(POST)) == "<p>fragment</p>"


def test_inject_uppercase_head_end() -> None:
    out = inject_head("<HTML><HEAD><TITLE>t</TITLE></HEAD><BODY></BODY></HTML>", head_block(POST))
    assert out.index("og:title") < out.index("</HEAD>")


def test_json_ld_author_keeps_url_and_type() -> None:
    info = HeadInfo(
        title="t",
        author="The Team",
        author_url="https://example.org/team",
        author_type="Organization",
    )
    assert json_ld_data(info)["author"] == {
        "@type": "Organization",
        "name": "The Team",
        "url": "https://example.org/team",
    }
    assert json_ld_data(HeadInfo(title="t", author="Ada"))["author"] == {
        "@type": "Person",
        "name": "Ada",
    }
