"""Jekyll date rules: post filenames, front matter dates, time zones."""

from __future__ import annotations

import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from mkdocs_mindset.jekyll.dates import (
    DateError,
    machine_timezone,
    parse_date,
    resolve_timezone,
    split_post_filename,
    to_local,
)

LA = ZoneInfo("America/Los_Angeles")
TOKYO = ZoneInfo("Asia/Tokyo")
UTC = datetime.timezone.utc


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("2020-05-20-some-title.md", (datetime.date(2020, 5, 20), "some-title")),
        ("2021-11-8-x.markdown", (datetime.date(2021, 11, 8), "x")),
        ("2021-1-2-short.md", (datetime.date(2021, 1, 2), "short")),
        ("2020-05-20-v1.2-notes.md", (datetime.date(2020, 5, 20), "v1.2-notes")),
        ("2020-05-20-Mixed Case Title.md", (datetime.date(2020, 5, 20), "Mixed Case Title")),
        ("2024-02-29-leap.md", (datetime.date(2024, 2, 29), "leap")),
        ("_posts/sub/2020-05-20-nested.md", (datetime.date(2020, 5, 20), "nested")),
        ("_posts\\2020-05-20-windows.md", (datetime.date(2020, 5, 20), "windows")),
        ("2020-05-20-日本語.md", (datetime.date(2020, 5, 20), "日本語")),
    ],
)
def test_split_post_filename(filename: str, expected: tuple[datetime.date, str]) -> None:
    assert split_post_filename(filename) == expected


@pytest.mark.parametrize(
    "filename",
    [
        "about.md",
        "2020-05-20.md",  # no slug
        "2020-05-20-.md",  # empty slug
        "2020-05-20-no-extension",
        "20-05-20-short-year.md",
        "2020-13-01-bad-month.md",
        "2023-02-29-not-leap.md",
        "2020-00-10-zero-month.md",
        "2020-05-123-long-day.md",
        "x2020-05-20-prefixed.md",
    ],
)
def test_split_post_filename_rejects(filename: str) -> None:
    assert split_post_filename(filename) is None


def dt(
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    micro: int = 0,
    *,
    tz: datetime.tzinfo,
) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, second, micro, tzinfo=tz)


@pytest.mark.parametrize(
    ("value", "tz", "expected"),
    [
        # date only: midnight in the site zone
        (datetime.date(2020, 5, 20), TOKYO, dt(2020, 5, 20, tz=TOKYO)),
        ("2020-05-20", LA, dt(2020, 5, 20, tz=LA)),
        ("2020-5-2", UTC, dt(2020, 5, 2, tz=UTC)),
        # naive: wall time in the site zone
        (datetime.datetime(2020, 5, 20, 10, 0), TOKYO, dt(2020, 5, 20, 10, 0, tz=TOKYO)),
        ("2020-05-20 10:00", TOKYO, dt(2020, 5, 20, 10, 0, tz=TOKYO)),
        ("2020-05-20 10:00:30", LA, dt(2020, 5, 20, 10, 0, 30, tz=LA)),
        ("2020-05-20T10:00:30", LA, dt(2020, 5, 20, 10, 0, 30, tz=LA)),
        ("2020-05-20   9:05", UTC, dt(2020, 5, 20, 9, 5, tz=UTC)),
        ("2020-05-20 10:00:30.25", UTC, dt(2020, 5, 20, 10, 0, 30, 250000, tz=UTC)),
        ("2020-05-20 10:00:30.1234567", UTC, dt(2020, 5, 20, 10, 0, 30, 123456, tz=UTC)),
        ("  2020-05-20 10:00  ", UTC, dt(2020, 5, 20, 10, 0, tz=UTC)),
        # aware: converted into the site zone (Jekyll's .localtime)
        ("2013-05-06 02:12:52 +0200", LA, dt(2013, 5, 5, 17, 12, 52, tz=LA)),
        ("2013-05-06 02:12:52 -08:00", UTC, dt(2013, 5, 6, 10, 12, 52, tz=UTC)),
        ("2013-05-06 02:12:52 -8", UTC, dt(2013, 5, 6, 10, 12, 52, tz=UTC)),
        ("2013-05-06T02:12:52Z", TOKYO, dt(2013, 5, 6, 11, 12, 52, tz=TOKYO)),
        ("2013-05-06 02:12:52 UTC", TOKYO, dt(2013, 5, 6, 11, 12, 52, tz=TOKYO)),
        ("2013-05-06 02:12 GMT", TOKYO, dt(2013, 5, 6, 11, 12, tz=TOKYO)),
        ("2013-05-06 02:12:52+0200", UTC, dt(2013, 5, 6, 0, 12, 52, tz=UTC)),
        (
            datetime.datetime(2020, 5, 20, 23, 30, tzinfo=UTC),
            TOKYO,
            dt(2020, 5, 21, 8, 30, tz=TOKYO),
        ),
        # DST is the zone's, not a fixed offset
        ("2020-01-15 12:00", LA, dt(2020, 1, 15, 12, 0, tz=LA)),
        ("2020-07-15T12:00:00Z", LA, dt(2020, 7, 15, 5, 0, tz=LA)),
    ],
)
def test_parse_date(value: object, tz: datetime.tzinfo, expected: datetime.datetime) -> None:
    result = parse_date(value, tz)
    assert result == expected
    assert result.tzinfo is tz
    assert (result.year, result.month, result.day, result.hour, result.minute) == (
        expected.year,
        expected.month,
        expected.day,
        expected.hour,
        expected.minute,
    )


def test_la_example_offset() -> None:
    result = parse_date("2013-05-06 02:12:52 +0200", LA)
    assert result.isoformat() == "2013-05-05T17:12:52-07:00"


@pytest.mark.parametrize(
    "text",
    [
        "2013-05-06 02:12:52 +0200",
        "2020-05-20 10:00",
        "2020-05-20 10:00:00",
        "2020-05-20 10:00:00 +02:00",
        "2020-05-20T10:00:00Z",
        "2020-05-20",
        "2020-5-20",
    ],
)
def test_parse_date_accepts_whatever_pyyaml_returns(text: str) -> None:
    loaded = yaml.safe_load(f"date: {text}")["date"]
    result = parse_date(loaded, TOKYO)
    assert result.tzinfo is TOKYO


@pytest.mark.parametrize(
    "value",
    [
        "2023-01-29 18:30:22 2023 -0800",
        "yesterday",
        "",
        "2020-13-01",
        "2020-02-30 10:00",
        "2020-05-20 25:00",
        "2020-05-20 10:60",
        "2020-05-20 10",
        "2020/05/20",
        "20-05-20",
        "2020-05-20 10:00 +2500",
        "2020-05-20 10:00 +0260",
        "2020-05-20 10:00 PST",
        "May 20, 2020",
        20200520,
        1.5,
        True,
        False,
        None,
        ["2020-05-20"],
        {"date": "2020-05-20"},
        datetime.time(10, 0),
    ],
)
def test_parse_date_rejects(value: object) -> None:
    with pytest.raises(DateError):
        parse_date(value, UTC)


@pytest.mark.parametrize(
    ("value", "tz"),
    [
        ("0001-01-01 00:00:00 +0500", UTC),
        (datetime.datetime(1, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=5))), UTC),
        ("9999-12-31 23:00:00 -0500", ZoneInfo("Asia/Tokyo")),
    ],
)
def test_a_date_out_of_range_in_the_site_zone_is_a_date_error(value: object, tz: object) -> None:
    """Once an OverflowError out of `read_post` (found by test_properties_pure.py)."""
    with pytest.raises(DateError, match="out of range"):
        parse_date(value, tz)  # type: ignore[arg-type]


def test_date_error_is_value_error() -> None:
    assert issubclass(DateError, ValueError)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2020, 1, 1), "2020-01-01T00:00:00+09:00"),
        (datetime.datetime(2020, 1, 1, 5), "2020-01-01T05:00:00+09:00"),
        (datetime.datetime(2020, 1, 1, 5, tzinfo=UTC), "2020-01-01T14:00:00+09:00"),
    ],
)
def test_to_local(value: datetime.date, expected: str) -> None:
    assert to_local(value, TOKYO).isoformat() == expected


@pytest.mark.parametrize(
    "name", ["America/Los_Angeles", "Asia/Tokyo", "UTC", "Etc/GMT+5", " Europe/Berlin "]
)
def test_resolve_timezone_known(name: str) -> None:
    zone = resolve_timezone(name)
    assert isinstance(zone, ZoneInfo)
    assert zone.key == name.strip()


@pytest.mark.parametrize(
    "name", ["Mars/Olympus_Mons", "", "America", "/etc/passwd", "../../etc/passwd", "PST8"]
)
def test_resolve_timezone_unknown(name: str) -> None:
    with pytest.raises(DateError, match="unknown time zone"):
        resolve_timezone(name)


def test_resolve_timezone_none_is_machine_zone() -> None:
    assert resolve_timezone(None) is not None


def _no_files(tmp_path: Path) -> dict[str, str]:
    return {"localtime": str(tmp_path / "missing"), "timezone_file": str(tmp_path / "missing2")}


@pytest.mark.parametrize(
    ("tz_var", "expected"),
    [
        ("Asia/Tokyo", "Asia/Tokyo"),
        (":Europe/Berlin", "Europe/Berlin"),
        (":/usr/share/zoneinfo/America/New_York", "America/New_York"),
    ],
)
def test_machine_timezone_from_tz_variable(tz_var: str, expected: str, tmp_path: Path) -> None:
    zone = machine_timezone({"TZ": tz_var}, **_no_files(tmp_path))
    assert isinstance(zone, ZoneInfo)
    assert zone.key == expected


def test_machine_timezone_empty_tz_is_utc(tmp_path: Path) -> None:
    assert machine_timezone({"TZ": ""}, **_no_files(tmp_path)) is UTC


def test_machine_timezone_follows_localtime_link(tmp_path: Path) -> None:
    zoneinfo = tmp_path / "usr" / "share" / "zoneinfo" / "Asia"
    zoneinfo.mkdir(parents=True)
    (zoneinfo / "Tokyo").write_bytes(b"")
    link = tmp_path / "localtime"
    link.symlink_to(zoneinfo / "Tokyo")
    zone = machine_timezone({"TZ": "Not/AZone"}, str(link), str(tmp_path / "none"))
    assert isinstance(zone, ZoneInfo)
    assert zone.key == "Asia/Tokyo"


def test_machine_timezone_reads_etc_timezone(tmp_path: Path) -> None:
    timezone_file = tmp_path / "timezone"
    timezone_file.write_text("Europe/Paris\n", encoding="utf-8")
    zone = machine_timezone({}, str(tmp_path / "missing"), str(timezone_file))
    assert isinstance(zone, ZoneInfo)
    assert zone.key == "Europe/Paris"


def test_machine_timezone_reads_copied_localtime(tmp_path: Path) -> None:
    copied = tmp_path / "localtime"
    with open(_tzfile("Asia/Tokyo"), "rb") as source:
        copied.write_bytes(source.read())
    zone = machine_timezone({}, str(copied), str(tmp_path / "missing"))
    moment = datetime.datetime(2020, 1, 1, tzinfo=zone)
    assert moment.utcoffset() == datetime.timedelta(hours=9)


def test_machine_timezone_falls_back_to_fixed_offset(tmp_path: Path) -> None:
    zone = machine_timezone({}, **_no_files(tmp_path))
    assert datetime.datetime(2020, 1, 1, tzinfo=zone).utcoffset() is not None


def _tzfile(key: str) -> str:
    import zoneinfo

    for root in zoneinfo.TZPATH:
        candidate = Path(root) / key
        if candidate.is_file():
            return str(candidate)
    pytest.skip("no system tz database")
