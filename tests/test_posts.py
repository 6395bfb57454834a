"""Jekyll front matter rules for one post (posts.py is pure: path + text in, Post out)."""

from __future__ import annotations

import datetime as dt
import textwrap
from zoneinfo import ZoneInfo

import pytest

from mkdocs_mindset.jekyll.posts import (
    Post,
    Problem,
    first_h1,
    folder_categories,
    is_post_path,
    leading_h1,
    read_post,
)

UTC = dt.timezone.utc
TOKYO = ZoneInfo("Asia/Tokyo")
LA = ZoneInfo("America/Los_Angeles")


def post_of(
    text: str,
    src: str = "_posts/2020-05-20-some-title.md",
    tz: dt.tzinfo = UTC,
    **options: bool,
) -> tuple[Post, list[Problem]]:
    post, problems, _ = read_post(src, textwrap.dedent(text).lstrip("\n"), tz, **options)
    assert post is not None, problems
    return post, problems


def body_of(text: str, src: str = "_posts/2020-05-20-some-title.md") -> str:
    """The body `read_post` describes the post by (front matter and a repeated title gone)."""
    return read_post(src, textwrap.dedent(text).lstrip("\n"), UTC)[2]


def fm(front_matter: str, body: str = "Body text.\n") -> str:
    return f"---\n{textwrap.dedent(front_matter).strip()}\n---\n{body}"


# -- which files are posts --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("_posts/2020-05-20-x.md", True),
        ("_posts/2020-05-20-x.markdown", True),
        ("_posts/2020-05-20-x.MD", True),
        ("blog/_posts/2020-05-20-x.md", True),
        ("travel/asia/_posts/2020-05-20-x.md", True),
        ("_posts/sub/folder/2020-05-20-x.md", True),
        ("_posts/2020-05-20-x.mkd", True),
        ("_posts/2021-1-5-one-digit.md", True),
        ("_posts/notes.md", False),  # Jekyll skips undated names, front matter date or not
        ("_posts/README.md", False),
        ("_posts/2020-05-20-x.txt", False),
        ("_posts/2020-05-20-x.html", True),  # HTML posts: Jekyll renders them as posts
        ("_posts/2020-05-20-x.mkdown", True),
        ("_posts/2020-05-20-x.mdown", True),
        ("_posts/2020-05-20-x.htm", False),
        ("_posts/2020-05-20-x.png", False),
        ("_posts/index.html", False),
        ("posts/2020-05-20-x.md", False),
        ("_posts.md", False),
        ("my_posts/2020-05-20-x.md", False),
        ("2020-05-20-x.md", False),
        ("_drafts/2020-05-20-x.md", False),
    ],
)
def test_is_post_path(src: str, expected: bool) -> None:
    assert is_post_path(src) is expected


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("_posts/2020-05-20-x.md", []),
        ("travel/_posts/2020-05-20-x.md", ["travel"]),
        ("travel/asia/_posts/2020-05-20-x.md", ["travel", "asia"]),
        ("blog/_posts/inside/folders/2020-05-20-x.md", ["blog"]),  # inside _posts adds nothing
        ("Deep Work/_posts/2020-05-20-x.md", ["Deep Work"]),  # case and spaces kept
    ],
)
def test_folder_categories(src: str, expected: list[str]) -> None:
    assert folder_categories(src) == expected


# -- front matter ------------------------------------------------------------------------------


def test_invalid_yaml_post_is_still_read_with_a_problem() -> None:
    post, problems = post_of("---\ntitle: [oops\n---\nBody stays.\n")
    assert body_of("---\ntitle: [oops\n---\nBody stays.\n") == "Body stays.\n"
    assert post.title == "Some Title"  # from the filename slug
    assert [p.src_uri for p in problems] == ["_posts/2020-05-20-some-title.md"]
    assert "not valid YAML" in str(problems[0])
    assert str(problems[0]).startswith("_posts/2020-05-20-some-title.md")


# -- categories --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front_matter", "src", "expected"),
    [
        ("categories: machine learning", None, ["machine", "learning"]),
        ("categories: [Machine Learning]", None, ["Machine Learning"]),
        ("categories:\n  - Developer notes\n  - GIS", None, ["Developer notes", "GIS"]),
        ("category: deep work", None, ["deep work"]),
        ("category: [deep work, focus]", None, ["deep work", "focus"]),
        ("categories: a b\ncategory: c d", None, ["a", "b", "c d"]),
        ("categories: [x]\ncategory: x", None, ["x"]),  # duplicates dropped
        ("categories: b a b c a", None, ["b", "a", "c"]),  # order kept, first wins
        ("categories: [2020, 3.5, true]", None, ["2020", "3.5", "True"]),
        ("categories: 2020", None, ["2020"]),
        ("categories: ''", None, []),
        ("categories: []", None, []),
        ("categories: [null, '', ' ', x]", None, ["x"]),
        ("categories:  spaced   out  ", None, ["spaced", "out"]),
        ("title: none", None, []),
        ("categories: asia food", "travel/asia/_posts/2020-05-20-x.md", ["travel", "asia", "food"]),
        ("category: Deep Work", "blog/_posts/2020-05-20-x.md", ["blog", "Deep Work"]),
    ],
)
def test_categories(front_matter: str, src: str | None, expected: list[str]) -> None:
    post, problems = post_of(fm(front_matter), src or "_posts/2020-05-20-x.md")
    assert list(post.categories) == expected
    assert problems == []


def test_folder_categories_can_be_turned_off() -> None:
    src = "travel/asia/_posts/2020-05-20-x.md"
    post, _ = post_of(fm("categories: food"), src, use_folder_categories=False)
    assert list(post.categories) == ["food"]
    post, _ = post_of(fm("categories: food"), src, use_folder_categories=True)
    assert list(post.categories) == ["travel", "asia", "food"]


@pytest.mark.parametrize(
    ("front_matter", "key"),
    [
        ("categories: {a: 1}", "categories"),
        ("category: {a: 1}", "category"),
        ("tags: {a: 1}", "tags"),
        ("categories: [ok, {a: 1}, [x]]", "categories"),
    ],
)
def test_mapping_names_are_reported_with_file_and_key(front_matter: str, key: str) -> None:
    post, problems = post_of(fm(front_matter), "_posts/2020-05-20-x.md")
    assert problems, "a mapping where names are expected must be reported"
    assert all(p.key == key and p.src_uri == "_posts/2020-05-20-x.md" for p in problems)
    assert f"_posts/2020-05-20-x.md: '{key}'" in str(problems[0])
    assert list(post.categories) in (["ok"], [])


# -- tags --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        ("tags: [Machine Learning, python]", ["Machine Learning", "python"]),
        ("tags: machine learning", ["machine", "learning"]),
        ("tags: a b a", ["a", "b"]),
        ("tag: machine learning", ["machine learning"]),  # singular is never split
        ("tags: x y\ntag: single one", ["single one"]),  # `tag` wins over `tags`
        ("tags: [Release, release]", ["Release", "release"]),  # merged later, in the taxonomy
        ("title: none", []),
    ],
)
def test_tags(front_matter: str, expected: list[str]) -> None:
    post, problems = post_of(fm(front_matter))
    assert list(post.tags) == expected
    assert problems == []


def test_tags_never_add_categories() -> None:
    post, _ = post_of(fm("tags: a b"))
    assert list(post.categories) == []


# -- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date_yaml", "tz", "expected"),
    [
        # no front matter date: the filename's day, midnight in the site zone
        (None, UTC, dt.datetime(2020, 5, 20, tzinfo=UTC)),
        (None, TOKYO, dt.datetime(2020, 5, 20, tzinfo=TOKYO)),
        # YAML date
        ("2021-01-02", UTC, dt.datetime(2021, 1, 2, tzinfo=UTC)),
        # YAML naive datetime: wall time in the site zone
        ("2021-01-02 03:04:05", LA, dt.datetime(2021, 1, 2, 3, 4, 5, tzinfo=LA)),
        # YAML aware datetime: converted into the site zone
        ("2020-05-20T23:30:00+00:00", TOKYO, dt.datetime(2020, 5, 21, 8, 30, tzinfo=TOKYO)),
        # Jekyll strings PyYAML leaves as str
        ("2013-05-06 02:12:52 +0200", UTC, dt.datetime(2013, 5, 6, 0, 12, 52, tzinfo=UTC)),
        ("2020-05-20 23:30:00 +0000", TOKYO, dt.datetime(2020, 5, 21, 8, 30, tzinfo=TOKYO)),
        ("2020-05-20 10:00", UTC, dt.datetime(2020, 5, 20, 10, 0, tzinfo=UTC)),
        ("2016-01-10 01:00:00 -0800", UTC, dt.datetime(2016, 1, 10, 9, 0, tzinfo=UTC)),
        ("'2020-05-20'", UTC, dt.datetime(2020, 5, 20, tzinfo=UTC)),
    ],
)
def test_dates(date_yaml: str | None, tz: dt.tzinfo, expected: dt.datetime) -> None:
    front = f"date: {date_yaml}" if date_yaml else "title: T"
    post, problems = post_of(fm(front), tz=tz)
    assert problems == []
    assert post.date == expected
    assert post.date.utcoffset() == expected.utcoffset()
    assert (post.date.year, post.date.month, post.date.day) == (
        expected.year,
        expected.month,
        expected.day,
    )


@pytest.mark.parametrize(
    "bad",
    [
        "yesterday",
        "2020-13-45",
        "[2020, 5, 20]",
        "true",
        "2020-05-20 25:00",
    ],
)
def test_unparseable_date_warns_and_uses_filename_date(bad: str) -> None:
    post, problems = post_of(fm(f"date: {bad}"), "_posts/2019-02-03-x.md")
    assert post.date == dt.datetime(2019, 2, 3, tzinfo=UTC)
    assert len(problems) == 1
    assert problems[0].key == "date"
    assert problems[0].src_uri == "_posts/2019-02-03-x.md"
    assert str(problems[0]).startswith("_posts/2019-02-03-x.md: 'date'")


@pytest.mark.parametrize(
    ("filename", "day"),
    [
        ("2021-11-8-x.md", dt.date(2021, 11, 8)),
        ("2021-1-2-x.md", dt.date(2021, 1, 2)),
        ("2021-1-22-x.markdown", dt.date(2021, 1, 22)),
    ],
)
def test_one_digit_month_and_day_in_filename(filename: str, day: dt.date) -> None:
    post, problems = post_of("Body\n", f"_posts/{filename}")
    assert post.date.date() == day
    assert post.slug == "x"
    assert problems == []


def test_front_matter_date_dates_a_badly_named_file_with_a_warning() -> None:
    post, problems = post_of(fm("date: 2020-01-02"), "_posts/notes.md")
    assert post.date == dt.datetime(2020, 1, 2, tzinfo=UTC)
    assert post.slug == "notes"
    assert len(problems) == 1 and problems[0].src_uri == "_posts/notes.md"


@pytest.mark.parametrize(
    "text",
    ["Body only.\n", fm("title: No date"), fm("date: not a date")],
)
def test_post_without_any_date_is_skipped_with_a_problem(text: str) -> None:
    post, problems, _ = read_post("_posts/undated.md", text, UTC)
    assert post is None
    assert problems
    assert all(p.src_uri == "_posts/undated.md" for p in problems)
    assert any(p.key == "date" and "skipped" in p.message for p in problems)


def test_modified_date() -> None:
    post, problems = post_of(fm("last_modified_at: 2021-02-03 04:05:06 +0000"))
    assert post.modified == dt.datetime(2021, 2, 3, 4, 5, 6, tzinfo=UTC)
    assert problems == []


# -- titles ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "src", "title", "title_in_body", "body_starts"),
    [
        (fm("title: Front Title", "Text.\n"), None, "Front Title", False, "Text."),
        ("# Heading Title\n\nText.\n", None, "Heading Title", False, "\nText."),
        (fm("layout: post", "\n# Heading Title #\n\nText.\n"), None, "Heading Title", False, ""),
        ("Text only.\n", "_posts/2021-03-09-no-title.md", "No Title", False, "Text only."),
        ("Text only.\n", "_posts/2021-03-09-iOS-tips.md", "Ios Tips", False, "Text only."),
        # fastpages: the title repeated as the body's leading H1 is shown once
        (fm("title: Same Title", "# Same Title\n> lede\n"), None, "Same Title", False, "> lede"),
        (fm("title: Same *Title*", "# same   title\n\nx\n"), None, "Same *Title*", False, ""),
        # a different leading H1 stays in the body and is the page heading
        (fm("title: Short", "# A Longer Heading\n\nx\n"), None, "Short", True, "# A Longer"),
        # ...unless the body has more H1s: they are sections, the header shows the title
        (
            fm("title: Short", "# Section one\n\nx\n\n# Section two\n"),
            None,
            "Short",
            False,
            "# Sec",
        ),
        (fm("title: Short", "# Only\n\n```\n# comment\n```\n"), None, "Short", True, "# Only"),
        # a setext H1 counts like an ATX one
        ("Setext Title\n===\n\nx\n", None, "Setext Title", False, "x"),
        # a later `# H1` gives the title and stays in the body as the page's one heading
        ("Intro.\n\n# Later\n\nx\n", None, "Later", True, "Intro."),
        ("Intro.\n\nLater Setext\n===\n", None, "Later Setext", True, "Intro."),
        (fm("title: Own", "Intro.\n\n# Later\n"), None, "Own", False, "Intro."),
        # `## H2` and fenced `# comments` are not titles
        ("## Sub\n\nx\n", "_posts/2021-03-09-slug-title.md", "Slug Title", False, "## Sub"),
        (
            "```sh\n# not a title\n```\n",
            "_posts/2021-03-09-slug-title.md",
            "Slug Title",
            False,
            "```sh",
        ),
        (fm("title: ''", "x\n"), "_posts/2021-03-09-empty.md", "Empty", False, "x"),
        (fm("title: 2021", "x\n"), None, "2021", False, "x"),
        (
            fm("slug: custom-slug", "x\n"),
            "_posts/2021-03-09-file-slug.md",
            "Custom Slug",
            False,
            "x",
        ),
    ],
)
def test_titles(
    text: str, src: str | None, title: str, title_in_body: bool, body_starts: str
) -> None:
    post, _ = post_of(text, src or "_posts/2021-03-09-x.md")
    assert post.title == title
    assert post.title_in_body is title_in_body
    body = body_of(text, src or "_posts/2021-03-09-x.md")
    assert body.lstrip("\n").startswith(body_starts.lstrip("\n"))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("# One\n", "One"),
        ("Para\n\n# Later\n", "Later"),
        ("```\n# code\n```\n# Real\n", "Real"),
        ("~~~~\n```\n# code\n~~~~\n# Real\n", "Real"),
        ("#NoSpace\n", None),
        ("## Two\n", None),
        ("    # indented code\n", None),
    ],
)
def test_first_h1(body: str, expected: str | None) -> None:
    assert first_h1(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("# Title\nrest\n", ("Title", "rest\n")),
        ("\n\n# Title #\nrest\n", ("Title", "rest\n")),
        ("Para\n# Title\n", (None, "Para\n# Title\n")),
        ("Setext Title\n============\nrest\n", ("Setext Title", "rest\n")),
        ("\nSetext\r\n===\r\nrest\n", ("Setext", "rest\n")),
        ("Para\n---\n", (None, "Para\n---\n")),  # `---` makes an H2
        ("> quote\n===\n", (None, "> quote\n===\n")),
        ("- item\n===\n", (None, "- item\n===\n")),
        ("    code\n===\n", (None, "    code\n===\n")),
    ],
)
def test_leading_h1(body: str, expected: tuple[str | None, str]) -> None:
    assert leading_h1(body) == expected


# -- flags -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "published"),
    [
        ("false", False),
        ("no", False),
        ("off", False),
        ("'false'", False),
        ("'no'", False),
        ("'Off'", False),
        ("true", True),
        ("yes", True),
        ("null", True),
        ("'maybe'", True),  # only an explicit false hides a post
        ("0", True),
    ],
)
def test_published(value: str, published: bool) -> None:
    post, _ = post_of(fm(f"published: {value}"))
    assert post.published is published


def test_published_defaults_to_true() -> None:
    assert post_of("x\n")[0].published is True


@pytest.mark.parametrize(
    ("front_matter", "listed", "searchable"),
    [
        ("hide: true", False, True),
        ("hide: false", True, True),
        ("hide: [navigation, toc]", True, True),  # Material's list form is not fastpages' flag
        ("search_exclude: true", True, False),
        ("search_exclude: 'yes'", True, False),
        ("search_exclude: false", True, True),
        ("hide: true\nsearch_exclude: true", False, False),
        ("title: t", True, True),
    ],
)
def test_hide_and_search_exclude(front_matter: str, listed: bool, searchable: bool) -> None:
    post, _ = post_of(fm(front_matter))
    assert post.listed is listed
    assert post.searchable is searchable
    assert post.published is True


# -- other keys --------------------------------------------------------------------------------


def test_permalink_slug_and_description_keys() -> None:
    post, problems = post_of(
        fm(
            """
            permalink: /custom/:title/
            slug: Other-Slug
            description: A <b>described</b> post
            excerpt: An excerpt
            excerpt_separator: <!--more-->
            author: {name: Ada}
            image: {path: /img/x.png, alt: An image}
            """
        )
    )
    assert problems == []
    assert post.permalink == "/custom/:title/"
    assert post.slug == "Other-Slug"
    assert post.description == "A <b>described</b> post"
    assert post.excerpt == "An excerpt"
    assert post.excerpt_separator == "<!--more-->"
    assert post.author == "Ada"
    assert post.image is not None and post.image.path == "/img/x.png"
    assert post.image.alt == "An image"


@pytest.mark.parametrize("key", ["title", "permalink", "description", "slug"])
def test_text_keys_given_a_list_are_reported(key: str) -> None:
    post, problems = post_of(fm(f"{key}: [a, b]"), "_posts/2020-05-20-x.md")
    assert [p.key for p in problems] == [key]
    assert problems[0].src_uri == "_posts/2020-05-20-x.md"
    assert post.title  # the post is still usable


def test_sort_key_is_date_then_path() -> None:
    a, _ = post_of("x\n", "_posts/2020-05-20-a.md")
    b, _ = post_of("x\n", "_posts/2020-05-20-b.md")
    c, _ = post_of("x\n", "_posts/2019-01-01-c.md")
    assert sorted([b, c, a], key=lambda p: p.sort_key) == [c, a, b]


def test_impossible_yaml_date_keeps_the_other_keys() -> None:
    """PyYAML raises a bare ValueError for `2020-02-30`; the rest of the front matter survives."""
    post, problems = post_of(fm("title: Kept\ndate: 2020-02-30\ncategories: a"))
    assert post.title == "Kept"
    assert list(post.categories) == ["a"]
    assert post.date == dt.datetime(2020, 5, 20, tzinfo=UTC)
    assert [p.key for p in problems] == ["date"]


def test_malformed_date_is_read_as_jekyll_reads_it_with_a_warning() -> None:
    """Jekyll's own news has `2023-01-29 18:30:22 2023 -0800`: Ruby's Time.parse stops at `2023`.

    The time is read in the site's zone; the offset after the stray year is ignored, as Jekyll
    ignores it.
    """
    text = fm("date: 2023-01-29 18:30:22 2023 -0800")
    post, problems = post_of(text, "_posts/2023-01-29-x.md", tz=LA)
    assert post.date == dt.datetime(2023, 1, 29, 18, 30, 22, tzinfo=LA)
    assert [p.key for p in problems] == ["date"]
    assert "ignoring '2023 -0800', as Jekyll does" in problems[0].message
