"""Liquid in posts: unit tables for every supported construct, then real builds and corpora.

The unit tables call `liquid.render` with a fixed site; the builds go through MkDocs' real
`build()` on Material and the built-in theme; the corpus tests copy real Jekyll posts from
../shared/corpus into temporary folders (skipped when the corpus is absent).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import CORPUS_SETTINGS, Site, build_site, corpus_posts, theme, write_site
from mkdocs.exceptions import Abort

from mkdocs_mindset.jekyll.liquid import (
    LiquidContext,
    SiteIndex,
    page_values,
    post_names,
    render,
    site_values,
)

# -- a fixed site for the unit tables -----------------------------------------------------------

FILES = {
    "_posts/2021-12-13-name.md": "2021/12/13/name/",
    "_posts/2021-12-14-other.md": "2021/12/14/other/",
    "_posts/sub/2020-01-02-deep.md": "2020/01/02/deep/",
    "travel/_posts/2019-05-06-trip.md": "travel/2019/05/06/trip/",
    "about.md": "about/",
    "images/x.png": "images/x.png",
    "index.md": "./",
    "notes/a b.md": "notes/a%20b/",
}
INDEX = SiteIndex.build([src for src in FILES if "_posts/" in src], FILES.items())
CONFIG: dict[str, Any] = {
    "site_name": "T & J",
    "site_url": "https://example.org/blog/",
    "site_description": "A <b>blog</b>",
    "repo_url": "https://github.com/o/r/",
    "extra": {"stable_branch": "2.25.x", "nested": {"a": 1}},
}
SITE = site_values(CONFIG)
BARE_SITE = site_values({"site_name": "Bare"})
PAGE = page_values(
    {"title": "<b>Hi</b> [x](javascript:alert(1))", "summary": "From front matter"},
    date=dt.datetime(2020, 5, 20, 10, 0, tzinfo=dt.timezone.utc),
    tags=["a", "b"],
    slug="a b",
    link="javascript:alert(1)",
    home="https://example.com/me",
    entity="javascript&#58;alert(1)",
    query="1&b=2",
    spaced="a b",
    quote='" onmouseover="alert(1)',
    tick="a`b",
)


def ctx(
    src: str = "_posts/2021-12-14-other.md",
    url: str = "2021/12/14/other/",
    site: dict[str, object] = SITE,
) -> LiquidContext:
    return LiquidContext(src, url, INDEX, site, PAGE)


def run(text: str, context: LiquidContext | None = None) -> tuple[str, list[str]]:
    return render(text, context or ctx())


def check(
    text: str, expected: str, problems: list[str], context: LiquidContext | None = None
) -> None:
    out, found = run(text, context)
    assert out == expected
    assert len(found) == len(problems), found
    for fragment, message in zip(problems, found, strict=True):
        assert fragment in message, (fragment, message)


# -- post names and the index -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("src", "names"),
    [
        ("_posts/2021-12-13-x.md", ["2021-12-13-x"]),
        ("_posts/sub/2021-12-13-x.md", ["sub/2021-12-13-x", "2021-12-13-x"]),
        ("travel/_posts/2021-12-13-x.md", ["travel/2021-12-13-x", "2021-12-13-x"]),
        ("a/_posts/b/2021-1-3-x.markdown", ["2021-01-03-x"]),
        ("about.md", []),
        ("_posts/notes.md", []),
    ],
)
def test_post_names(src: str, names: list[str]) -> None:
    assert post_names(src) == names


@pytest.mark.parametrize(
    ("name", "src"),
    [
        ("2021-12-13-name", "_posts/2021-12-13-name.md"),
        ("sub/2020-01-02-deep", "_posts/sub/2020-01-02-deep.md"),
        ("/sub/2020-01-02-deep", "_posts/sub/2020-01-02-deep.md"),
        ("2020-01-02-deep", "_posts/sub/2020-01-02-deep.md"),  # Jekyll's deprecated fallback
        ("2020-1-2-deep", "_posts/sub/2020-01-02-deep.md"),  # dates compare as dates
        ("travel/2019-05-06-trip", "travel/_posts/2019-05-06-trip.md"),
        ("2099-01-01-name", None),
        ("name", None),
        ("other/2021-12-13-name", None),
    ],
)
def test_index_post(name: str, src: str | None) -> None:
    assert INDEX.post(name) == src


@pytest.mark.parametrize(
    ("path", "src"),
    [
        ("/images/x.png", "images/x.png"),
        ("/about/", "about.md"),
        ("/about", "about.md"),
        ("", "index.md"),
        ("/", "index.md"),
        ("/notes/a b/", "notes/a b.md"),
        ("/notes/a%20b/", "notes/a b.md"),
        ("/nothing/", None),
    ],
)
def test_index_at(path: str, src: str | None) -> None:
    assert INDEX.at(path) == src


def test_site_values() -> None:
    assert SITE["url"] == "https://example.org/blog"
    assert SITE["baseurl"] == "/blog"
    assert SITE["title"] == SITE["name"] == "T & J"
    assert SITE["repository"] == "https://github.com/o/r"
    assert SITE["github"] == {"repository_url": "https://github.com/o/r"}
    assert SITE["stable_branch"] == "2.25.x"
    assert "nested" not in SITE  # only scalars from `extra`
    assert BARE_SITE["url"] == BARE_SITE["baseurl"] == ""
    assert "repository" not in BARE_SITE


def test_text_without_liquid_is_returned_as_is() -> None:
    text = "# Title\n\nNo Liquid { here } %}.\n"
    out, problems = run(text)
    assert out is text and problems == []


# -- links: post_url, link, site paths ----------------------------------------------------------

LINKS = [
    # Markdown destinations point at the source file: MkDocs resolves and checks them
    ("[a]({% post_url 2021-12-13-name %})", "[a](2021-12-13-name.md)", []),
    ("[a]({% post_url sub/2020-01-02-deep %})", "[a](sub/2020-01-02-deep.md)", []),
    ("[a]({% post_url 2020-1-2-deep %})", "[a](sub/2020-01-02-deep.md)", []),
    (
        "[a]( {% post_url travel/2019-05-06-trip %} )",
        "[a]( ../travel/_posts/2019-05-06-trip.md )",
        [],
    ),
    ("[r]: {% post_url 2021-12-13-name %}", "[r]: 2021-12-13-name.md", []),
    ("[a]({% post_url 2021-12-13-name %}#part)", "[a](2021-12-13-name.md#part)", []),
    # elsewhere, a URL relative to the page
    ('<a href="{% post_url 2021-12-13-name %}">', '<a href="../../13/name/">', []),
    ("See {% post_url 2021-12-13-name %}.", "See ../../13/name/.", []),
    ("`{% post_url sub/2020-01-02-deep %}`", "`../../../../2020/01/02/deep/`", []),
    # unknown targets: '#' and a problem naming the tag
    ("[a]({% post_url 2099-01-01-none %})", "[a](#)", ["{% post_url 2099-01-01-none %}"]),
    ("[a]({% post_url none %})", "[a](#)", ["no published post"]),
    ("[c]({% link about.md %}#top)", "[c](../about.md#top)", []),
    ("[c]({% link /about.md %})", "[c](../about.md)", []),
    ("[c]({% link\n  _posts/2021-12-13-name.md %})", "[c](2021-12-13-name.md)", []),
    ("[c]({% link notes/a b.md %})", "[c](../notes/a%20b.md)", []),
    ('<img src="{% link images/x.png %}">', '<img src="../../../../images/x.png">', []),
    ("[h]({% link _docs/history.md %}#v1)", "[h](##v1)", ["{% link _docs/history.md %}"]),
    # {{ site.baseurl }}: the file it names when there is one, else the page-relative root
    ('![]({{ site.baseurl }}/images/x.png "logo")', '![](../images/x.png "logo")', []),
    ("![]({{ site.baseurl }}/images/none.png)", "![](../../../../images/none.png)", []),
    ("[h]({{ site.baseurl }}/)", "[h](../index.md)", []),
    ("[h]({{ site.baseurl }}/about#x)", "[h](../about.md#x)", []),
    ("[h]({{site.baseurl}}/about/?q=1)", "[h](../about.md?q=1)", []),
    ('<img src="{{ site.baseurl }}/images/x.png">', '<img src="../../../../images/x.png">', []),
    ("{{ site.baseurl }}/images/x.png", "../../../../images/x.png", []),
    ('[d]({{ "/about/" | relative_url }})', "[d](../about.md)", []),
    ('{{ "/docs/" | relative_url }}', "../../../../docs/", []),
    ("{{ 'docs' | relative_url }}", "../../../../docs", []),
    ('{{ "/docs/" | absolute_url }}', "https://example.org/blog/docs/", []),
    ('{{ "https://a.org/x" | relative_url }}', "https://a.org/x", []),
    ("{{ site.url }}", "https://example.org/blog", []),
    ("{{ site.url }}{{ site.baseurl }}/x", "https://example.org/blog/x", []),
    ("[r]({{ site.repository }}/issues/1)", "[r](https://github.com/o/r/issues/1)", []),
    ("[r]: {{ site.github.repository_url }}/pull/2", "[r]: https://github.com/o/r/pull/2", []),
    ("{{ page.url }}", "../../../../2021/12/14/other/", []),
    # Jekyll 3 wanted the base URL in front of post_url and link; it is not doubled
    ("[a]({{ site.baseurl }}{% post_url 2021-12-13-name %})", "[a](2021-12-13-name.md)", []),
    ('<a href="{{ site.baseurl }}{% link about.md %}">', '<a href="../../../../about/">', []),
    (
        "[a]({{ site.url }}{{ site.baseurl }}{% post_url 2021-12-13-name %})",
        "[a](https://example.org/blog/2021/12/13/name/)",
        [],
    ),
    ("{{ site.url }}{% link index.md %}", "https://example.org/blog/", []),
]


@pytest.mark.parametrize(("text", "expected", "problems"), LINKS)
def test_links(text: str, expected: str, problems: list[str]) -> None:
    check(text, expected, problems)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{{ site.url }}/x", "./x"),
        ("{{ site.url }}{{ site.baseurl }}/x", "./x"),
        ("{{ site.baseurl }}/images/x.png", "./images/x.png"),
        ("[a]({% post_url 2021-12-13-name %})", "[a](_posts/2021-12-13-name.md)"),
        ("<a href='{% post_url 2021-12-13-name %}'>", "<a href='2021/12/13/name/'>"),
        ('{{ "/x/" | absolute_url }}', "./x/"),
    ],
)
def test_links_from_the_home_page_of_a_site_without_url(text: str, expected: str) -> None:
    check(text, expected, [], ctx("index.md", "", BARE_SITE))


def test_links_from_a_page_with_html_urls() -> None:
    home = ctx("_posts/2021-12-14-other.md", "news/2021/12/14/other.html")
    check(
        '<a href="{% post_url 2021-12-13-name %}">',
        '<a href="../../../../2021/12/13/name/">',
        [],
        home,
    )
    check("{{ site.baseurl }}/i.png", "../../../../i.png", [], home)


# -- values and escaping ------------------------------------------------------------------------

VALUES = [
    ("{{ site.title }}", "T &amp; J", []),
    ("{{ site.name }} / {{ site.description }}", "T &amp; J / A &lt;b&gt;blog&lt;/b&gt;", []),
    ("{{site.stable_branch}}", "2.25.x", []),
    ("{{ page.summary }}", "From front matter", []),
    ("{{ page.date }}", "2020-05-20 10:00:00 +0000", []),
    ("{{ page.tags }}", "a, b", []),
    # front matter never becomes markup: text escapes HTML and link brackets
    (
        "{{ page.title }}",
        "&lt;b&gt;Hi&lt;/b&gt; &#91;x&#93;(javascript:alert(1))",
        [],
    ),
    (
        '<a title="{{ page.title }}">',
        '<a title="&lt;b&gt;Hi&lt;/b&gt; [x](javascript:alert(1))">',
        [],
    ),
    ("<a title='{{ page.summary }}'>", "<a title='From front matter'>", []),
    # code shows the value as is (the code block escapes it)
    ("```\n{{ page.title }}\n```", "```\n<b>Hi</b> [x](javascript:alert(1))\n```", []),
    ("`{{ page.title }}`", "`<b>Hi</b> [x](javascript:alert(1))`", []),
    # URLs from front matter: never a script URL, never breaking out of the link
    ("[x]({{ page.link }})", "[x](#)", ["not a safe link"]),
    ('<a href="{{ page.link }}">', '<a href="#">', ["not a safe link"]),
    ('<a href="{{ page.home }}">', '<a href="https://example.com/me">', []),
    ("[x]({{ page.home }})", "[x](https://example.com/me)", []),
    ("[x](https://a.org/{{ page.slug }})", "[x](https://a.org/a%20b)", []),
    ("[x]({{ page.title }})", "[x](%3Cb%3EHi%3C/b%3E%20[x]%28javascript:alert%281%29%29)", []),
    # entities: a browser would decode them in the href Python-Markdown writes
    ("[x]({{ page.entity }})", "[x](#)", ["not a safe link"]),
    ('<a href="{{ page.entity }}">', '<a href="#">', ["not a safe link"]),
    ("[x](https://a.org/?a={{ page.query }})", "[x](https://a.org/?a=1&amp;b=2)", []),
    # no value ends an attribute early, quoted or not, or a code span
    ('<a title="{{ page.quote }}">', '<a title="&quot; onmouseover=&quot;alert(1)">', []),
    ("<a title={{ page.spaced }}>", "<a title=a&#32;b>", []),
    (
        '<a title="x>y" href="{{ page.quote }}">',
        '<a title="x>y" href="&quot; onmouseover=&quot;alert(1)">',
        [],
    ),
    ("`{{ page.tick }}`", "``", ["would end the inline code"]),
    ("[^1]: {{ page.spaced }}", "[^1]: a b", []),
    # unknown variables render empty, with a hint where MkDocs keeps the value
    (
        "a{{ site.nope }}b",
        "ab",
        ["'{{ site.nope }}': unknown variable; rendered empty (add 'nope' under 'extra:'"],
    ),
    ("a{{ issue }}b", "ab", ["unknown variable"]),
    # what is not supported stays as written
    ("{{ x | upcase }}", "{{ x | upcase }}", ["filter 'upcase'"]),
    ("{{ site.pages | sort: 'title' }}", "{{ site.pages | sort: 'title' }}", ["filter 'sort'"]),
    ("${{ toJSON(github.event) }}", "${{ toJSON(github.event) }}", ["not supported"]),
    ("{{ site.nested }}", "", ["under 'extra:'"]),
    ("{{ page }}", "{{ page }}", ["an object"]),
    ("{{ unclosed", "{{ unclosed", ["no closing '}}'"]),
    # whitespace control
    ("x {{- site.title -}} y", "xT &amp; Jy", []),
]


@pytest.mark.parametrize(("text", "expected", "problems"), VALUES)
def test_values(text: str, expected: str, problems: list[str]) -> None:
    check(text, expected, problems)


def test_values_of_a_bare_site() -> None:
    bare = ctx("index.md", "", BARE_SITE)
    check("{{ site.url }}", ".", [], bare)
    check("{{ site.title }}", "Bare", [], bare)
    check("[i]({{ site.repository }}/issues)", "[i](/issues)", ["set repo_url"], bare)


# -- raw, comment, highlight --------------------------------------------------------------------

BLOCKS = [
    ("{% raw %}{{ x }} {% if a %}{% endraw %}", "{{ x }} {% if a %}", []),
    ("```\n{% raw %}{{ x }}{% endraw %}\n```", "```\n{{ x }}\n```", []),
    ("`{% raw %}{% highlight %}{% endraw %}`", "`{% highlight %}`", []),
    ("{% raw %}{% raw %}{% endraw %}", "{% raw %}", []),
    ("{%- raw -%}\n  {{ x }}\n{%- endraw -%}\nz", "{{ x }}z", []),
    ("{% raw %}{{ x }}", "{% raw %}{{ x }}", ["no '{% endraw %}' follows"]),
    ("a{% comment %}gone {{ x }} {% for %}{% endcomment %}b", "ab", []),
    ("a  {%- comment -%} y {%- endcomment -%}  z", "az", []),
    ("a{% # a note %}b", "ab", []),
    (
        "before\n{% highlight ruby linenos %}\ndef x\n  {{ y }}\nend\n{% endhighlight %}\nafter",
        "before\n\n```ruby\ndef x\n  {{ y }}\nend\n```\n\nafter",
        [],
    ),
    (
        "{% highlight md %}\n```\ncode\n```\n{% endhighlight %}",
        "\n````md\n```\ncode\n```\n````\n",
        [],
    ),
    (
        "- item\n\n    {% highlight sh %}\n    ls\n    {% endhighlight %}\n",
        "- item\n\n\n    ```sh\n    ls\n    ```\n\n",
        [],
    ),
    ("{% highlight <x> %}\nx\n{% endhighlight %}", "\n```\nx\n```\n", ["'<x>'"]),
    ("text {% highlight %}x{% endhighlight %} more", "text \n\n```\nx\n```\n\n more", []),
    (
        "```liquid\n{% highlight ruby %}\nx\n{% endhighlight %}\n```",
        "```liquid\n{% highlight ruby %}\nx\n{% endhighlight %}\n```",
        ["inside a code block"],
    ),
]


@pytest.mark.parametrize(("text", "expected", "problems"), BLOCKS)
def test_blocks(text: str, expected: str, problems: list[str]) -> None:
    check(text, expected, problems)


# -- fastpages includes and embeds --------------------------------------------------------------

INCLUDES = [
    (
        "a\n{% include note.html content='Hello **there**' %}\nb",
        "a\n\n> Note: Hello **there**\n\nb",
        [],
    ),
    ('{% include tip.html content="A tip" %}', "\n> Tip: A tip\n", []),
    ("{% include warning.html content='Mind' %}", "\n> Warning: Mind\n", []),
    ("{% include important.html content='Key' %}", "\n> Important: Key\n", []),
    (
        '{% include alert.html text="You can include alert boxes" %}',
        "\n> Warning: You can include alert boxes\n",
        [],
    ),
    ('{% include info.html text="Info" %}', "\n> Note: Info\n", []),
    ('{% include note.html content="say \\"hi\\"" %}', '\n> Note: say "hi"\n', []),
    ("{% include note.html content=page.summary %}", "\n> Note: From front matter\n", []),
    ("{% include note.html content='one\ntwo' %}", "\n> Note: one\n> two\n", []),
    ("1. item\n\n    {% include tip.html content='x' %}\n", "1. item\n\n\n    > Tip: x\n\n", []),
    ("Text {% include note.html content='x' %} more", "Text \n\n> Note: x\n\n more", []),
    (
        "{% include note.html content=include.text %}",
        "",
        ["'content=include.text' is not available", "no content"],
    ),
    (
        '{% include youtube.html content="https://youtu.be/Ll50l3fsoYs" %}',
        "\n> youtube: https://youtu.be/Ll50l3fsoYs\n",
        [],
    ),
    (
        "{% include youtube.html content=\"<a href='https://youtu.be/Ll50l3fsoYs'>x</a>\" %}",
        "\n> youtube: https://youtu.be/Ll50l3fsoYs\n",
        [],
    ),
    (
        '{% include youtube.html content="Ll50l3fsoYs" %}',
        "\n> youtube: https://youtu.be/Ll50l3fsoYs\n",
        [],
    ),
    ('{% include youtube.html content="javascript:alert(1)" %}', "", ["no video URL"]),
    (
        "{% twitter https://twitter.com/jakevdp/status/1204765621767901185?s=20 %}",
        "\n> twitter: https://twitter.com/jakevdp/status/1204765621767901185?s=20\n",
        [],
    ),
    (
        "<center>{% twitter https://twitter.com/a/status/1 %}</center>\nnext",
        "\n> twitter: https://twitter.com/a/status/1\n\nnext",
        [],
    ),
    (
        "{% twitter oembed https://twitter.com/a/status/1 %}",
        "\n> twitter: https://twitter.com/a/status/1\n",
        [],
    ),
    ("{% twitter javascript:alert(1) %}", "", ["no http(s) URL"]),
    (
        '{% include video.html url="https://x.org/a b.mp4" %}',
        '\n<video controls preload="metadata" src="https://x.org/a%20b.mp4"></video>\n',
        [],
    ),
    (
        'See {% include video.html url="/media/a.mp4" %}',
        'See <video controls preload="metadata" src="../../../../media/a.mp4"></video>',
        [],
    ),
    (
        "{% include video.html url='\"><script>alert(1)</script>' %}",
        '\n<video controls preload="metadata" '
        'src="%22%3E%3Cscript%3Ealert%281%29%3C/script%3E"></video>\n',
        [],
    ),
    ('{% include video.html url="javascript:alert(1)" %}', "", ["'javascript:alert(1)' is not"]),
    (
        '{% include image.html file="/images/x.png" alt="A [b]" %}',
        "![A &#91;b&#93;](../images/x.png)",
        [],
    ),
    (
        '{% include image.html file="https://a.org/p.png" url="https://a.org" %}',
        "[![](https://a.org/p.png)](https://a.org)",
        [],
    ),
    (
        '{% include image.html file="/images/x.png" alt=\'x"y\' caption="<b>cap</b>" '
        'url="https://e.org" max-width="300px" %}',
        '\n<figure>\n<a href="https://e.org"><img src="../../../../images/x.png" '
        'alt="x&quot;y" style="max-width: 300px"></a>\n'
        "<figcaption>&lt;b&gt;cap&lt;/b&gt;</figcaption>\n</figure>\n",
        [],
    ),
    (
        '{% include image.html file="p.png" max-width="100%; color: red" %}',
        "![](p.png)",
        ["max-width '100%; color: red' is not a number"],
    ),
    ('{% include image.html file="javascript:alert(1)" %}', "", ["file 'javascript:alert(1)'"]),
    (
        '{% include image.html file="p.png" url="javascript:x" %}',
        "![](p.png)",
        ["url 'javascript:x'"],
    ),
    ("a\n{% include toc.html %}\nb", "a\n\nb", ["'toc.html' is not supported"]),
    ("{% include gs3-sponsors.html %}", "", ["include 'gs3-sponsors.html' is not supported"]),
    ("{% include {{ page.x }} %}", "", ["not an include of a file name"]),
    # Unquoted numbers and booleans are Liquid literals, not variables to look up.
    ('{% include note.html content="hi" v=1 big=true %}', "\n> Note: hi\n", []),
    # An include tag may span several lines.
    ('{% include note.html\n   content="multi line"\n%}', "\n> Note: multi line\n", []),
]


@pytest.mark.parametrize(("text", "expected", "problems"), INCLUDES)
def test_includes(text: str, expected: str, problems: list[str]) -> None:
    check(text, expected, problems)


# -- unsupported tags stay as written -----------------------------------------------------------

UNSUPPORTED = [
    ("{% for i in x %}\n[#{{ i }}]: {{ i }}\n{% endfor %}", None, ["tag 'for' is not supported"]),
    ("{% for a in x %}{% for b in a %}{{ b }}{% endfor %}{% endfor %}!", None, ["'for'"]),
    ("{% if page.x %}yes{% else %}no{% endif %}", None, ["tag 'if'"]),
    ("{% capture x %}{{ y }}{% endcapture %}", None, ["tag 'capture'"]),
    ('{% assign n = "1|2" | split: "|" %}', None, ["tag 'assign' is not supported; it is left"]),
    ("{% gist abc/123 %}", None, ["tag 'gist'"]),
    ("{% endfor %}", None, ["tag 'endfor'"]),
    ("{% %}", None, ["not a tag"]),
    ("{% for x in y", None, ["no closing '%}'"]),
]


@pytest.mark.parametrize(("text", "expected", "problems"), UNSUPPORTED)
def test_unsupported_tags_are_left_as_written(
    text: str, expected: str | None, problems: list[str]
) -> None:
    check(text, text if expected is None else expected, problems)


def test_text_after_an_unsupported_block_is_still_rendered() -> None:
    text = "{% for i in x %}{{ i }}{% endfor %}\n[a]({% post_url 2021-12-13-name %})"
    out, problems = run(text)
    assert out == "{% for i in x %}{{ i }}{% endfor %}\n[a](2021-12-13-name.md)"
    assert len(problems) == 1


# -- real builds --------------------------------------------------------------------------------

THEMES = ["material", "mkdocs"]
BuildFn = Callable[..., Site]


def resolve(site: Site, page_path: str, href: str) -> Path:
    """The file a link on the page written at `page_path` (`a/b/index.html`) leads to."""
    target = urljoin("http://site.test/" + page_path, href)
    return site.path(unquote(target[len("http://site.test/") :].split("#")[0]))


def main_text(soup: BeautifulSoup) -> Tag:
    """The page's content, without the theme's navigation."""
    return soup.select_one("article") or soup.select_one("[role=main]") or soup


def attr(tag: Tag | None, name: str) -> str:
    assert tag is not None
    return str(tag[name])


def text_of(tag: Tag | None) -> str:
    assert tag is not None
    return tag.get_text()


LINKING_POSTS = {
    "_posts/2021-12-13-first.md": """
        ---
        title: First
        ---
        The first post.
        """,
    "_posts/2022/2022-01-05-second.md": """
        ---
        title: Second
        ---
        Read [the first]({% post_url 2021-12-13-first %}), or
        <a class="raw" href="{% post_url 2021-12-13-first %}">this one</a>,
        then [about]({% link about.md %}) and ![logo]({{ site.baseurl }}/images/pic.png).
        """,
    "about.md": "# About\n\nAbout us.\n",
}


@pytest.mark.parametrize("theme_name", THEMES)
@pytest.mark.parametrize("permalink", ["pretty", "date"])
def test_post_url_link_resolves_from_a_nested_post(
    tmp_path: Path, theme_name: str, permalink: str
) -> None:
    (tmp_path / "docs" / "images").mkdir(parents=True)
    (tmp_path / "docs" / "images" / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    cfg = {
        "theme": theme(theme_name),
        "plugins": ["search", {"mindset": {"timezone": "UTC", "permalink": permalink}}],
    }
    site = build_site(write_site(tmp_path, LINKING_POSTS, cfg), strict=True)
    assert site.warnings == []
    if permalink == "pretty":
        first, second = "2021/12/13/first/index.html", "2022/01/05/second/index.html"
    else:
        first, second = "2021/12/13/first.html", "2022/01/05/second.html"
    soup = site.soup(second)
    body = main_text(soup)
    markdown_link = body.find("a", string="the first")
    raw_link = body.select_one("a.raw")
    for link in (markdown_link, raw_link):
        assert not attr(link, "href").startswith(("/", "#", "http"))
        assert resolve(site, second, attr(link, "href")) == site.site_dir / first
    about = body.find("a", string="about")
    assert resolve(site, second, attr(about, "href")) == site.path("about/")
    img = body.find("img", alt="logo")
    assert resolve(site, second, attr(img, "src")) == site.site_dir / "images" / "pic.png"
    assert "{%" not in site.html(second)


NOTE_POST = {
    "_posts/2021-03-04-callouts.md": """
        ---
        title: Callouts
        ---
        Intro.

        {% include note.html content='Written with **Liquid**.' %}

        {% include alert.html text="Careful now" %}

        ```liquid
        {% raw %}{{ x }} and {% if y %}{% endraw %}
        ```
        """,
}


@pytest.mark.parametrize("theme_name", THEMES)
def test_include_note_becomes_an_admonition_and_raw_stays_literal(
    make_site: BuildFn, theme_name: str
) -> None:
    site = make_site(
        NOTE_POST, theme_name=theme_name, strict=True, markdown_extensions=["admonition"]
    )
    soup = site.soup("2021/03/04/callouts/")
    note = soup.select_one("div.admonition.note")
    assert note is not None
    assert text_of(note.select_one(".admonition-title")) == "Note"
    assert text_of(note.find("strong")) == "Liquid"
    warning = soup.select_one("div.admonition.warning")
    assert warning is not None and "Careful now" in warning.get_text()
    code = soup.select_one("pre code")
    assert text_of(code).strip() == "{{ x }} and {% if y %}"
    assert site.warnings == []


LOOP_POST = {
    "_posts/2013-05-08-loop.md": """
        ---
        title: Loop
        ---
        {% for issue in issues %}
        [#{{ issue }}]: {{ site.repository }}/issues/{{ issue }}
        {% endfor %}
        """,
}


@pytest.mark.parametrize("theme_name", THEMES)
def test_unsupported_tag_warns_naming_the_file_and_strict_fails(
    make_site: BuildFn, theme_name: str, tmp_path: Path
) -> None:
    site = make_site(LOOP_POST, theme_name=theme_name)
    warned = [w for w in site.warnings if "Liquid" in w]
    assert len(warned) == 1
    assert "_posts/2013-05-08-loop.md" in warned[0] and "'for'" in warned[0]
    assert "{% for issue in issues %}" in site.html("2013/05/08/loop/")  # nothing is lost
    with pytest.raises(Abort):
        make_site(LOOP_POST, theme_name=theme_name, strict=True)


PAGE_AND_POST = {
    "_posts/2020-05-20-post.md": """
        ---
        title: Post
        ---
        [home]({{ site.baseurl }}/) {{ site.title }}
        """,
    "page.md": "# Page\n\nTemplate: {{ site.title }}\n",
}


@pytest.mark.parametrize(
    ("mode", "post_rendered", "page_rendered"),
    [("posts", True, False), ("all", True, True), ("off", False, False)],
)
def test_liquid_option(
    make_site: BuildFn, mode: str, post_rendered: bool, page_rendered: bool
) -> None:
    site = make_site(PAGE_AND_POST, plugin={"timezone": "UTC", "liquid": mode}, site_name="Demo")
    post = site.html("2020/05/20/post/")
    page = site.html("page/")
    assert ("{{ site.title }}" not in post) is post_rendered
    assert ("Template: Demo" in page) is page_rendered
    assert ("{{ site.title }}" in page) is not page_rendered


def test_invalid_liquid_option_fails(make_site: BuildFn) -> None:
    with pytest.raises(Abort):
        make_site(PAGE_AND_POST, plugin={"liquid": "sometimes"})


def test_site_values_from_mkdocs_yml(make_site: BuildFn) -> None:
    post = {
        "_posts/2020-05-20-values.md": """
            ---
            title: Values
            ---
            Stable: {{ site.stable_branch }}.
            Home: <a class="home" href="{{ site.url }}{{ site.baseurl }}/">x</a>
            [issues]({{ site.repository }}/issues)
            """
    }
    site = make_site(
        post,
        strict=True,
        site_url="https://example.org/blog/",
        repo_url="https://github.com/o/r",
        extra={"stable_branch": "2.25.x"},
    )
    soup = site.soup("2020/05/20/values/")
    assert "Stable: 2.25.x." in soup.get_text(" ")
    assert attr(soup.select_one("a.home"), "href") == "https://example.org/blog/"
    assert attr(soup.find("a", string="issues"), "href") == "https://github.com/o/r/issues"


# -- real corpora -------------------------------------------------------------------------------

_TAG_NAME = re.compile(r"\{%-?\s*(\w+)")
_RAW_BODY = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.S)
_UNSUPPORTED = re.compile(r"tag '(\w+)' is not supported")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Site]:
    built: dict[str, Site] = {}

    def get(name: str) -> Site:
        if name not in built:
            sources = corpus_posts(name)
            root = tmp_path_factory.mktemp(name)
            (root / "docs" / "_posts").mkdir(parents=True)
            for post in sources:
                shutil.copyfile(post, root / "docs" / "_posts" / post.name)
            cfg = {
                "theme": theme("mkdocs"),
                "plugins": ["search", {"mindset": CORPUS_SETTINGS[name]}],
            }
            built[name] = build_site(write_site(root, {}, cfg))
        return built[name]

    return get


def content_pages(site: Site) -> list[str]:
    return sorted(
        p.relative_to(site.site_dir).as_posix()
        for p in site.site_dir.rglob("*.html")
        if p.relative_to(site.site_dir).parts[0] not in {"categories", "tags", "blog", "search"}
    )


@pytest.mark.parametrize("name", list(CORPUS_SETTINGS))
def test_corpus_leaves_no_liquid_tags_behind(corpus: Callable[[str], Site], name: str) -> None:
    """Every `{%` left is literal code from `{% raw %}`, or a tag that was warned about."""
    site = corpus(name)
    raw_names = {
        tag
        for source in corpus_posts(name)
        for body in _RAW_BODY.findall(source.read_text("utf-8"))
        for tag in _TAG_NAME.findall(body)
    }
    warned = set(_UNSUPPORTED.findall("\n".join(site.warnings)))
    warned_files = {w.split(": ")[1] for w in site.warnings if _UNSUPPORTED.search(w)}
    leftover_pages = set()
    for page in content_pages(site):
        soup = site.soup(page)
        assert "{%" not in str(soup.head), page
        for node in soup.find_all(string=re.compile(r"\{%")):
            in_code = node.find_parent(["code", "pre"]) is not None
            for tag in _TAG_NAME.findall(node):
                if in_code and tag in raw_names:
                    continue
                opener = tag.removeprefix("end")
                assert tag in warned or opener in warned, (page, tag, str(node)[:200])
                leftover_pages.add(page)
    assert len(leftover_pages) <= len(warned_files)


def test_geoserver_post_url_links_all_resolve(corpus: Callable[[str], Site]) -> None:
    site = corpus("geoserver")
    sources = corpus_posts("geoserver")
    names = [
        n
        for s in sources
        for n in re.findall(r"\{%\s*post_url\s+(\S+)\s*%\}", s.read_text("utf-8"))
    ]
    assert len(names) >= 145
    assert not [w for w in site.warnings if "post_url" in w]
    expected_slugs = {n.strip("/")[11:] for n in names}
    reached: set[str] = set()
    links = 0
    for page in content_pages(site):
        for a in main_text(site.soup(page)).find_all("a", href=True):
            href = attr(a, "href")
            if href.startswith(("http:", "https:", "mailto:", "#", "/")):
                continue
            target = resolve(site, page, href)
            if target.stem in expected_slugs:
                assert target.is_file(), (page, href)
                links += 1
                reached.add(target.stem)
    assert links == len(names)
    assert reached == expected_slugs


def test_jekyll_docs_link_highlight_and_raw(corpus: Callable[[str], Site]) -> None:
    site = corpus("jekyll-docs")
    page = "news/2017/03/21/jekyll-3-4-3-released/index.html"
    link = main_text(site.soup(page)).find("a", string="v3.4.0")
    assert resolve(site, page, attr(link, "href")) == site.path(
        "news/2017/01/18/jekyll-3-4-0-released/"
    )
    ruby = site.soup("news/2014/03/27/jekyll-1-5-1-released/").select("pre code.language-ruby")
    assert len(ruby) == 2
    raw = site.soup(page).select("pre code")
    assert any('{{ "example :page" | uri_escape }}' in c.get_text() for c in raw)
    warned = [w for w in site.warnings if "Liquid" in w]
    assert all("_posts/" in w for w in warned)
    assert {m for w in warned for m in _UNSUPPORTED.findall(w)} == {"for", "assign"}


def test_fastpages_includes_and_embeds(corpus: Callable[[str], Site]) -> None:
    site = corpus("fastpages")
    markdown_post = site.soup("markdown/2020/01/14/test-markdown-post.html")
    assert markdown_post.select_one("div.admonition.warning") is not None
    assert markdown_post.select_one("div.admonition.note") is not None
    assert markdown_post.select_one("figure.mindset-embed--twitter") is not None
    actions = site.soup("actions/markdown/2020/03/06/fastpages-actions.html")
    assert actions.select_one("figure.mindset-embed--youtube") is not None
    code = "\n".join(c.get_text() for c in actions.select("pre code"))
    assert "${{ secrets.pypi_password }}" in code  # inside {% raw %}: literal
    videos = site.soup("codespaces.html").select("video[controls]")
    assert len(videos) == 5
    assert all(attr(v, "src").startswith("https://github.com/") for v in videos)
    assert not [w for w in site.warnings if "Liquid" in w]
