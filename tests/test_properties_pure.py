"""Properties of the pure Jekyll layer over generated, hostile input.

Each property is something the layer promises in its docstrings: problems are reported, never
raised; no URL or output path a post produces can leave the site or carry a scheme; slugs are
URL-safe; every listed post sits in each of its categories exactly once. Hypothesis generates
the input (see `property_helpers.py`); the CI profile in `conftest.py` runs enough of it.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
import unicodedata
from pathlib import PurePosixPath
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import yaml
from hypothesis import assume, example, given
from hypothesis import strategies as st
from property_helpers import (
    COUNTS,
    bodies,
    date_strings,
    dump,
    filename_slugs,
    front_matter_data,
    hostile_text,
    post_texts,
    yaml_values,
)

from mkdocs_mindset.jekyll.dates import (
    DateError,
    parse_date,
    parse_date_leniently,
    split_post_filename,
)
from mkdocs_mindset.jekyll.excerpt import first_block
from mkdocs_mindset.jekyll.front_matter import split_front_matter
from mkdocs_mindset.jekyll.permalinks import (
    STYLES,
    PermalinkError,
    expand,
    url_to_dest_path,
    validate_template,
)
from mkdocs_mindset.jekyll.posts import Post, is_post_path, read_post
from mkdocs_mindset.jekyll.slugs import slugify
from mkdocs_mindset.jekyll.taxonomy import build_taxonomy
from mkdocs_mindset.jekyll.urls import has_scheme

ZONES = st.sampled_from(
    [
        dt.timezone.utc,
        dt.timezone(dt.timedelta(hours=14)),
        dt.timezone(-dt.timedelta(hours=12)),
        ZoneInfo("Asia/Tokyo"),
        ZoneInfo("America/Los_Angeles"),
        ZoneInfo("Pacific/Kiritimati"),
        ZoneInfo("Pacific/Pago_Pago"),
    ]
)
DATES = st.datetimes(timezones=ZONES)
FOLDERS = st.lists(st.sampled_from(["travel", "Dev Notes", "2020", "a.b"]), max_size=2)

# What a URL path may hold: RFC 3986 path characters, `/` and `%XX` escapes, nothing else.
_URL_PATH = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*")
_DRIVE = re.compile(r"[A-Za-z]:")


def counted() -> None:
    COUNTS.ran_pure = True
    COUNTS.pure_cases += 1


def is_dot_only(segment: str) -> bool:
    """`.`, `..`, `...`: segments a browser or file system reads as "here" or "up"."""
    return segment != "" and segment.strip(".") == ""


# --- front matter -----------------------------------------------------------------------------


@given(post_texts)
@example("---\ntitle: x\n")  # never closed
@example("---\ntitle: [unclosed\n---\nbody")
@example("\ufeff---\r\ndate: 0001-01-01 00:00:00 +05:00\r\n---\r\nbody")
def test_front_matter_split_never_raises_and_never_leaks_the_block(text: str) -> None:
    """Block and body are the file, in order; a broken block is dropped, never part of the body."""
    counted()
    front = split_front_matter(text)
    source = text.lstrip("\ufeff")
    assert front.block + front.body == source
    assert all(isinstance(key, str) for key in front.data)
    if not front.block:
        assert front.error is None and front.data == {}
    if front.error is not None:
        assert front.block, "an error always names a block that was dropped"
        assert front.data == {}
        assert not front.body.startswith(front.block)


@given(front_matter_data, bodies)
def test_front_matter_an_editor_saved_reads_back_unchanged(
    data: dict[str, object], body: str
) -> None:
    """Whatever YAML values were saved (dates, huge ints, control characters, RTL, emoji).

    Saved with escapes, it reads back exactly; saved as raw Unicode, it reads as PyYAML's own
    pure-Python safe loader reads it (which folds a raw NEL into a space: PyYAML's doing).
    """
    counted()
    escaped = split_front_matter(f"---\n{yaml.safe_dump(data, sort_keys=False)}---\n{body}")
    assert escaped.error is None
    assert escaped.data == data
    assert escaped.body == body
    saved = dump(data)
    front = split_front_matter(f"---\n{saved}---\n{body}")
    assert front.error is None
    assert front.data == yaml.load(saved, Loader=yaml.SafeLoader)
    assert front.body == body


# --- posts ------------------------------------------------------------------------------------


@given(
    text=post_texts,
    slug=filename_slugs,
    day=st.dates(min_value=dt.date(1, 1, 1)),
    folders=FOLDERS,
    tz=ZONES,
    use_folders=st.booleans(),
)
@example(
    text="---\ndate: 0001-01-01 00:00:00 +05:00\n---\nbody",
    slug="x",
    day=dt.date(2020, 1, 1),
    folders=[],
    tz=dt.timezone.utc,
    use_folders=True,
)  # once an OverflowError out of `read_post`
@example(
    text="---\ndate: 9999-12-31 23:00:00 -05:00\n---\n",
    slug="x",
    day=dt.date(2020, 1, 1),
    folders=[],
    tz=ZoneInfo("Asia/Tokyo"),
    use_folders=True,
)
def test_reading_a_post_reports_problems_and_never_raises(
    text: str,
    slug: str,
    day: dt.date,
    folders: list[str],
    tz: dt.tzinfo,
    use_folders: bool,
) -> None:
    src = "/".join([*folders, "_posts", f"{day.year:04d}-{day.month:02d}-{day.day:02d}-{slug}.md"])
    assume(is_post_path(src))  # the plugin reads only these (a `\\` in a name is not one)
    counted()
    post, problems, body = read_post(src, text, tz, use_folder_categories=use_folders)

    front = split_front_matter(text)
    assert all(p.src_uri == src and str(p).startswith(src) for p in problems)
    if front.error is not None:
        assert any(p.key is None and p.message == front.error for p in problems)
    assert front.body.endswith(body), "the body is what follows the front matter block"
    # The file name is dated, so the post always has a date to fall back on.
    assert post is not None
    assert post.date.utcoffset() == post.date.astimezone(tz).utcoffset()
    assert post.meta == front.data
    # Names are non-empty, stripped and listed once, folders first.
    assert all(name and name == name.strip() for name in post.categories + post.tags)
    assert len(set(post.categories)) == len(post.categories)
    assert len(set(post.tags)) == len(post.tags)
    if use_folders:
        unique_folders = tuple(dict.fromkeys(folders))
        assert post.categories[: len(unique_folders)] == unique_folders
    written = front.data.get("categories")
    if isinstance(written, str):
        assert set(written.split()) <= set(post.categories)
    elif isinstance(written, list):
        expected = {str(v).strip() for v in written if isinstance(v, (str, int)) and str(v).strip()}
        assert expected <= set(post.categories)


@given(st.text(), ZONES)
@example("0001-01-01 00:00:00 +0500", dt.timezone.utc)
@example("0001-01-01 10:00", dt.timezone(dt.timedelta(hours=14)))
@example("9999-12-31 23:59:59 -0500", ZoneInfo("Asia/Tokyo"))
def test_a_date_string_parses_or_is_a_date_error(text: str, tz: dt.tzinfo) -> None:
    counted()
    for parse in (parse_date, lambda v, z: parse_date_leniently(v, z)[0]):
        try:
            when = parse(text, tz)
        except DateError:
            continue
        assert when.tzinfo is not None and when.utcoffset() == tz.utcoffset(when)


@given(st.one_of(date_strings, yaml_values), ZONES)
@example(dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5))), dt.timezone.utc)
@example(dt.datetime(9999, 12, 31, 23), dt.timezone(-dt.timedelta(hours=12)))
def test_any_front_matter_date_value_parses_or_is_a_date_error(
    value: object, tz: dt.tzinfo
) -> None:
    counted()
    try:
        when = parse_date(value, tz)
    except DateError:
        return
    assert when.tzinfo is not None and when.utcoffset() == tz.utcoffset(when)


@given(st.one_of(st.text(), st.builds("{}-{}-{}-{}".format, *[st.text(max_size=5)] * 4)))
@example("2020-02-30-x.md")
@example("2020-05-20-.md")
def test_file_names_are_posts_only_with_a_real_date_and_a_slug(name: str) -> None:
    counted()
    parsed = split_post_filename(name)
    if parsed is not None:
        day, slug = parsed
        assert isinstance(day, dt.date) and slug


# --- URLs -------------------------------------------------------------------------------------

templates = st.one_of(
    st.sampled_from(sorted(STYLES)),
    st.lists(
        st.sampled_from(
            [
                "/",
                ":categories",
                ":title",
                ":slug",
                ":year",
                ":month",
                ":day",
                ":output_ext",
                ":title_",
                ":nope",
                "..",
                "%2e%2e",
                "%2e%2e%2f",
                ".",
                "\\",
                "C:",
                "//",
                "http:",
                "?q=1",
                "#frag",
                "%",
                "%zz",
                " ",
            ]
        )
        | hostile_text,
        max_size=8,
    ).map("".join),
)


@given(
    template=templates,
    date=DATES,
    title=hostile_text,
    categories=st.lists(hostile_text, max_size=4),
    allow_styles=st.booleans(),
)
@example(
    template="/:categories/:title/",
    date=dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc),
    title="../../x",
    categories=["..", "%2e%2e", "C:\\x", "a/../../b", "javascript:alert(1)"],
    allow_styles=True,
)
@example(
    template="%2e%2e/%2e%2e/:title",
    date=dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc),
    title="..",
    categories=[],
    allow_styles=False,
)
def test_a_post_url_stays_in_the_site(
    template: str,
    date: dt.datetime,
    title: str,
    categories: list[str],
    allow_styles: bool,
) -> None:
    """Root-relative, escaped, no `.`/`..` segment, no scheme; unknown placeholders raise."""
    counted()
    try:
        url = expand(
            template, date=date, title=title, categories=categories, allow_styles=allow_styles
        )
    except PermalinkError:
        validate_template_raises = True
        try:
            validate_template(template)
        except PermalinkError:
            pass
        else:
            validate_template_raises = False
        assert validate_template_raises, "expand refused a template validate_template accepts"
        return
    assert url.startswith("/") and "//" not in url
    assert _URL_PATH.fullmatch(url), url
    assert not has_scheme(url)
    assert not any(is_dot_only(unquote(segment)) for segment in url.split("/"))
    _assert_safe_dest(url_to_dest_path(url))


@given(st.one_of(hostile_text, st.lists(hostile_text | st.just("/"), max_size=6).map("".join)))
@example("/../../etc/passwd")
@example("..\\..\\x")
@example("%2e%2e/%2e%2e/x")
@example("/C:/Windows/x")
@example("C:x")
@example("/a/\x00/../b")
@example("/" + "x" * 300 + "/")  # once ENAMETOOLONG, stopping the build
@example("/" + "\u00e9" * 200 + ".html")
def test_an_output_path_never_leaves_the_site_folder(url: str) -> None:
    """`url_to_dest_path` guards every path from front matter (`permalink`, `redirect_from`)."""
    counted()
    _assert_safe_dest(url_to_dest_path(url))


def _assert_safe_dest(dest: str) -> None:
    assert dest and not dest.startswith("/")
    assert "\\" not in dest and "\x00" not in dest
    assert posixpath.normpath(dest) == dest
    segments = dest.split("/")
    assert all(segment and not is_dot_only(segment) for segment in segments)
    assert all(len(segment.encode("utf-8", "surrogatepass")) <= 255 for segment in segments)
    assert not _DRIVE.match(segments[0])
    root = PurePosixPath("/site")
    assert os.path.normpath(root / dest).startswith("/site/")


# --- slugs and taxonomy -----------------------------------------------------------------------


@given(hostile_text, st.sampled_from(["default", "pretty"]), st.booleans())
@example("../../x", "pretty", False)
@example("<img src=x onerror=alert(1)>", "default", False)
@example("\u0130stanbul", "default", False)
def test_slugs_hold_only_url_safe_characters(text: str, mode: str, cased: bool) -> None:
    counted()
    slug = slugify(text, mode=mode, cased=cased)  # type: ignore[arg-type]
    extra = "._~!$&'()+,;=@" if mode == "pretty" else ""
    for char in slug:
        kind = unicodedata.category(char)
        assert char == "-" or char in extra or kind[0] in "LM" or kind == "Nd", repr(char)
    assert not slug.startswith("-") and not slug.endswith("-") and "--" not in slug
    if not cased:
        assert slug == slug.lower()
    if any(unicodedata.category(c)[0] == "L" or unicodedata.category(c) == "Nd" for c in text):
        assert slug


def _post(index: int, categories: list[str], day: dt.datetime, listed: bool) -> Post:
    names = tuple(dict.fromkeys(c.strip() for c in categories if c.strip()))
    return Post(
        src_uri=f"_posts/2020-01-01-p{index}.md",
        slug=f"p{index}",
        title=f"P{index}",
        date=day,
        meta={},
        categories=names,
        listed=listed,
    )


@given(
    st.lists(
        st.tuples(
            st.lists(
                st.one_of(
                    hostile_text,
                    st.sampled_from(["Go", "go", "GO", "C++", "C#", "c", "ß", "SS", "index"]),
                ),
                max_size=5,
            ),
            DATES,
            st.booleans(),
        ),
        max_size=12,
    )
)
@example([(["Go", "go"], dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc), True)])
@example([(["x" * 300, "\u00e9" * 200], dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc), True)])
def test_every_listed_post_is_in_each_of_its_categories_exactly_once(
    specs: list[tuple[list[str], dt.datetime, bool]],
) -> None:
    counted()
    posts = [_post(i, names, day, listed) for i, (names, day, listed) in enumerate(specs)]
    taxonomy = build_taxonomy("categories", posts, lambda p: p.categories)

    for post in posts:
        holding = [g for g in taxonomy.groups if any(p is post for p in g.posts)]
        if not post.listed:
            assert holding == []
            continue
        for name in post.categories:
            group = taxonomy.by_key[name.casefold()]
            assert sum(p is post for p in group.posts) == 1, (name, group.name)
        assert {id(g) for g in holding} == {id(g) for g in taxonomy.groups_of(post.categories)}
    slugs = [g.slug for g in taxonomy.groups]
    assert len(set(slugs)) == len(slugs) and "index" not in slugs
    assert all(slug and slugify(slug) == slug for slug in slugs)
    assert all(len(f"{slug}.md".encode()) <= 255 for slug in slugs)  # a file name can hold it
    for group in taxonomy.groups:
        assert group.posts == sorted(group.posts, key=lambda p: (p.date, p.src_uri), reverse=True)


@given(bodies | st.text(), st.sampled_from(["\n\n", "<!--more-->", "", "\n", "x"]) | st.text())
def test_an_excerpt_is_one_trimmed_block_of_the_body(body: str, separator: str) -> None:
    counted()
    excerpt = first_block(body, separator)
    assert excerpt == excerpt.strip("\n")
    assert all(line in body.replace("\r\n", "\n") for line in excerpt.split("\n"))
