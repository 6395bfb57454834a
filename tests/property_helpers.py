"""Hypothesis strategies for hostile blog input, and the counters CI checks.

Shared by `test_properties_pure.py` and `test_properties_build.py`; `conftest.py` prints the
counters in pytest's summary and fails a CI run whose totals fell below the floors, so the
number of generated cases cannot silently shrink.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass
from typing import Any

import yaml
from hypothesis import strategies as st

# Totals a CI run must reach (the issue "Hardening: generated hostile input").
PURE_CASES_FLOOR = 10_000
BUILT_POSTS_FLOOR = 5_000


@dataclass
class Counts:
    """How much generated input the property tests really ran, this session."""

    pure_cases: int = 0
    built_posts: int = 0
    built_sites: int = 0
    ran_pure: bool = False
    ran_builds: bool = False


COUNTS = Counts()

# Names a blog really must not be able to turn into paths, markup or feed syntax.
HOSTILE: tuple[str, ...] = (
    "../../x",
    "..",
    ".",
    "...",
    "/etc/passwd",
    "C:\\x",
    "c:x",
    "\\\\server\\share",
    "%2e%2e",
    "%2e%2e%2fx",
    "..%2f..%2fx",
    "%252e%252e",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "' onmouseover='alert(1)",
    "]]>",
    "<![CDATA[x]]>",
    "&amp;",
    "&lt;b&gt;",
    "&#x3C;b&#x3E;",
    '"',
    "'",
    "\\",
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\x7f",
    "javascript:alert(1)",
    "data:text/html,<b>x</b>",
    "//evil.example/x",
    "http://evil.example/",
    "{{ 7 | times: 6 }}",
    "{% raw %}",
    "\u202eevil",
    "\u200f\u05e9\u05dc\u05d5\u05dd",  # RLM + Hebrew
    "\u0645\u0631\u062d\u0628\u0627",  # Arabic
    "\U0001f680",
    "\U0001f469\u200d\U0001f469\u200d\U0001f467",
    "\u65e5\u672c\u8a9e",
    "\u0939\u093f\u0928\u094d\u0926\u0940",  # Devanagari, with marks
    "\u0130stanbul",
    "Stra\u00dfe",
    "\r\n",
    "\u2028",
    "\u0085",
    "\ufeff",
    "---",
    "index",
    "Index",
    "category",
    "tag",
    "C++",
    "C#",
    "feed.xml",
    "search",
    "sitemap.xml",
    "404",
    "CON",
    "nul.txt",
    " ",
    "\t",
    ":title",
    ":categories",
    "x" * 300,
)

hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=30),  # every script, emoji, control characters, RTL marks
    st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=4).map("".join),
    st.builds(lambda a, b: a + b, st.sampled_from(HOSTILE), st.text(max_size=8)),
)
"""A category, tag, title or slug as a hostile (or merely unusual) author might write it."""

huge_text = st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=5), st.integers(100, 1000))

_offsets = st.integers(-23 * 60 - 59, 23 * 60 + 59).map(
    lambda m: dt.timezone(dt.timedelta(minutes=m))
)
yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    st.dates(),
    st.datetimes(),
    st.datetimes(timezones=_offsets),
    hostile_text,
    huge_text,
)
"""Every value type PyYAML's safe loader produces (NaN left out: it never equals itself)."""

yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)

POST_KEYS = (
    "title",
    "date",
    "slug",
    "categories",
    "category",
    "tags",
    "tag",
    "description",
    "excerpt",
    "excerpt_separator",
    "permalink",
    "published",
    "hide",
    "search_exclude",
    "sticky_rank",
    "image",
    "author",
    "last_modified_at",
    "modified_date",
    "layout",
)

date_strings = st.one_of(
    st.builds(
        "{:04d}-{:d}-{:d}{}{}".format,
        st.integers(0, 9999),
        st.integers(0, 13),
        st.integers(0, 32),
        st.sampled_from(["", " ", "T", " 10:00", " 25:61:61", "T23:59:59.123456789", " 00:00:00"]),
        st.sampled_from(["", " +0200", " -08:00", " Z", " UTC", " +2400", " +14", " -99:99", " x"]),
    ),
    st.sampled_from(["0001-01-01 00:00:00 +0500", "9999-12-31 23:59:59 -0500", "2020-02-30"]),
    hostile_text,
)
"""Date strings near Jekyll's format: valid, impossible, out of range, with stray text."""

names_value = st.one_of(
    hostile_text,
    st.lists(st.one_of(hostile_text, st.none(), st.integers(), st.booleans()), max_size=5),
    yaml_values,
)

front_matter_data = st.fixed_dictionaries(
    {},
    optional={
        "title": st.one_of(hostile_text, yaml_values),
        "date": st.one_of(date_strings, yaml_values),
        "slug": st.one_of(hostile_text, yaml_values),
        "categories": names_value,
        "category": names_value,
        "tags": names_value,
        "tag": names_value,
        "description": st.one_of(hostile_text, yaml_values),
        "excerpt": st.one_of(hostile_text, yaml_values),
        "excerpt_separator": st.one_of(hostile_text, yaml_values),
        "permalink": st.one_of(hostile_text, yaml_values),
        "published": yaml_values,
        "hide": yaml_values,
        "search_exclude": yaml_values,
        "sticky_rank": yaml_values,
        "image": yaml_values,
        "author": yaml_values,
        "last_modified_at": st.one_of(date_strings, yaml_values),
    },
)
"""Front matter using the keys the plugin reads, each holding any YAML value."""

BROKEN_YAML: tuple[str, ...] = (
    "title: [unclosed\n",
    "title: {a: 1\n",
    'title: "unterminated\n',
    "title: a\n  b: c\n",
    "- a\n- b\n",
    "just a string\n",
    "42\n",
    "? complex\n: key\n",
    "title: !!python/object:os.system x\n",
    "title: *undefined_alias\n",
    "a: &x 1\nb: *x\n",
    "title: a\ttab\n\tb: c\n",
    "title: x\ntitle: y\n",
    "\x00: nul\n",
    "key: \x07bell\n",
    "date: 2020-13-45\n",
    "date: 0001-01-01 00:00:00 +05:00\n",
    "date: 9999-12-31 23:00:00 -05:00\n",
    "%YAML 1.1\n---\nx: 1\n",
    "!!binary notbase64\n",
    "x: !!float abc\n",
    "x: !!int 0xZZ\n",
    "x: !!timestamp 2020-99-99\n",
    "[1, 2\n",
    "{}: 1\n",
)


def dump(data: dict[str, Any]) -> str:
    """Front matter YAML as an editor would save it (every value representable)."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


front_matter_yaml = st.one_of(
    front_matter_data.map(dump),
    st.sampled_from(BROKEN_YAML),
    st.text(max_size=60).map(lambda t: t + "\n"),  # anything at all, YAML or not
    st.builds(lambda d, junk: dump(d) + junk, front_matter_data, st.sampled_from(BROKEN_YAML)),
)

bodies = st.lists(
    st.sampled_from(
        [
            "Some words.",
            "# A Heading",
            "Title\n=====",
            "> Note: a callout",
            "> a lede quote",
            "```\ncode\n---\n```",
            "---",
            "<!--more-->",
            "[link][ref]\n\n[ref]: http://example.com",
            "{% include note.html content='x' %}",
            "| a | b |\n|---|---|\n| 1 | 2 |",
            "",
        ]
    )
    | st.text(max_size=40),
    max_size=5,
).map("\n\n".join)
"""A few blocks of Markdown, or any text."""

post_texts = st.one_of(
    st.builds(lambda y, b: f"---\n{y}---\n{b}", front_matter_yaml, bodies),
    st.builds(lambda y, b: f"---\n{y}...\n{b}", front_matter_yaml, bodies),
    st.builds(lambda y, b: f"\ufeff---\r\n{y}---\r\n{b}", front_matter_yaml, bodies),
    st.builds(lambda y: f"---\n{y}", front_matter_yaml),  # never closed
    bodies,  # no front matter at all
    st.text(),
)
"""Whole post files: front matter (valid, broken, unclosed or absent) and a body."""

filename_slugs = st.text(
    alphabet=st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)),
    min_size=1,
    max_size=20,
).filter(lambda s: "." not in s and s.strip() == s and s != "")
"""The `title` part of a `YYYY-MM-DD-title.md` name (any character a file name can hold)."""

SAFE_WORDS = string.ascii_letters + string.digits
