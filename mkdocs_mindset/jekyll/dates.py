"""Jekyll post dates: filename dates, front matter ``date`` values and the site time zone.

Jekyll reads a naive time in the site's ``timezone`` and moves an aware one into it
(``Time#localtime``); the day shown and the URL's ``:day`` follow that zone, so every date here
ends up as an aware :class:`~datetime.datetime` in one zone. No MkDocs imports; the only I/O is
reading the machine's zone when no ``timezone`` is configured, as Jekyll does.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "DateError",
    "machine_timezone",
    "parse_date",
    "parse_date_leniently",
    "resolve_timezone",
    "split_post_filename",
    "to_local",
]


class DateError(ValueError):
    """A date or time zone that cannot be understood; the message says what was wrong."""


# Jekyll's post name: date, dash, slug, extension (everything after the last dot).
_POST_FILENAME = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})-(.+)\.[^.]+")

# Jekyll's documented ``YYYY-MM-DD HH:MM:SS +/-TTTT`` with every optional part YAML and real
# posts use: one-digit month/day/hour, ``T`` or spaces, fractional seconds, ``Z``/UTC/GMT.
_DATE_STRING = re.compile(
    r"""
    (?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})
    (?:
        (?:[Tt]|[ \t]+)
        (?P<hour>\d{1,2}):(?P<minute>\d{2})
        (?::(?P<second>\d{2})(?:\.(?P<fraction>\d+))?)?
    )?
    (?:[ \t]*(?P<offset>[Zz]|(?i:UTC|GMT)|[+-]\d{1,2}(?::?\d{2})?))?
    """,
    re.VERBOSE,
)

_OFFSET = re.compile(r"([+-])(\d{1,2})(?::?(\d{2}))?")


def split_post_filename(filename: str) -> tuple[datetime.date, str] | None:
    """Split ``2020-05-20-some-title.md`` into ``(date(2020, 5, 20), "some-title")``.

    Returns ``None`` when the name is not a Jekyll post name (Jekyll skips such files) or the
    date does not exist (``2020-13-01``). Directories in ``filename`` are ignored. The slug is
    everything between the date and the last dot, so ``2020-05-20-v1.2-notes.md`` gives
    ``v1.2-notes``; an empty slug is refused because it would make an empty URL.
    """
    basename = filename.replace("\\", "/").rsplit("/", 1)[-1]
    match = _POST_FILENAME.fullmatch(basename)
    if match is None:
        return None
    year, month, day, slug = match.groups()
    try:
        date = datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None
    return date, slug


def resolve_timezone(name: str | None) -> datetime.tzinfo:
    """Return the zone for the ``timezone`` option: an IANA name, or ``None`` for the machine's.

    Raises :class:`DateError` for a name that zoneinfo does not know, so config validation can
    show the user's value.
    """
    if name is None:
        return machine_timezone()
    zone = _zone_or_none(name.strip())
    if zone is None:
        raise DateError(
            f"unknown time zone {name!r}: use an IANA name such as 'Europe/Berlin', "
            "'America/Los_Angeles' or 'UTC'"
        )
    return zone


def machine_timezone(
    environ: Mapping[str, str] | None = None,
    localtime: str = "/etc/localtime",
    timezone_file: str = "/etc/timezone",
) -> datetime.tzinfo:
    """Find the machine's zone the way Ruby (and so Jekyll) does when ``timezone`` is unset.

    Order: the ``TZ`` variable if it names a zone (empty ``TZ`` means UTC, as in libc); the zone
    ``/etc/localtime`` links to; Debian's ``/etc/timezone``; the rules stored in
    ``/etc/localtime`` itself; last, the current fixed UTC offset. The parameters exist for tests.
    """
    env = os.environ if environ is None else environ
    tz_var = env.get("TZ")
    if tz_var is not None:
        if not tz_var.strip(":").strip():
            return datetime.timezone.utc
        zone = _zone_or_none(_zone_key(tz_var.lstrip(":")))
        if zone is not None:
            return zone
    try:
        target = os.path.realpath(localtime)
    except OSError:
        target = ""
    if "/zoneinfo/" in target:
        zone = _zone_or_none(_zone_key(target))
        if zone is not None:
            return zone
    try:
        with open(timezone_file, encoding="utf-8") as handle:
            zone = _zone_or_none(handle.readline().strip())
        if zone is not None:
            return zone
    except (OSError, UnicodeDecodeError):
        pass
    try:
        with open(localtime, "rb") as binary:
            return ZoneInfo.from_file(binary, key="localtime")
    except (OSError, ValueError):
        pass
    local = datetime.datetime.now().astimezone().tzinfo
    return local if local is not None else datetime.timezone.utc


def _zone_key(path_or_key: str) -> str:
    """Turn ``/usr/share/zoneinfo/Europe/Berlin`` into ``Europe/Berlin``; keys pass unchanged."""
    marker = "/zoneinfo/"
    return path_or_key.rsplit(marker, 1)[-1] if marker in path_or_key else path_or_key


def _zone_or_none(key: str) -> ZoneInfo | None:
    """Load a zone by IANA key, or ``None`` for anything zoneinfo rejects (paths, typos, dirs)."""
    if not key:
        return None
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def to_local(value: datetime.date | datetime.datetime, tz: datetime.tzinfo) -> datetime.datetime:
    """Place a date or datetime in ``tz`` like Jekyll does.

    A date means midnight in ``tz``; a naive datetime is read as ``tz`` wall time; an aware one
    is converted into ``tz`` (the instant is kept, the wall time changes).
    """
    if not isinstance(value, datetime.datetime):
        return datetime.datetime(value.year, value.month, value.day, tzinfo=tz)
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=tz)
    return value.astimezone(tz)


def parse_date(value: object, tz: datetime.tzinfo) -> datetime.datetime:
    """Turn a front matter ``date`` (as PyYAML loaded it) into an aware datetime in ``tz``.

    PyYAML gives dates, naive or aware datetimes, and leaves Jekyll forms it does not know
    (``2013-05-06 02:12:52 +0200``, ``2020-05-20 10:00``) as strings, so strings are parsed too.
    Anything else raises :class:`DateError`, so the caller can warn and use the filename date.
    """
    if isinstance(value, bool):
        raise DateError(f"not a date: {value!r}")
    try:
        if isinstance(value, datetime.date):
            return to_local(value, tz)
        if isinstance(value, str):
            return to_local(_parse_date_string(value), tz)
    except OverflowError:
        # Moving `0001-01-01 00:00 +05:00` (or year 9999 late in the day) into `tz` can fall
        # outside the years datetime holds; it is a bad date to warn about, not a crash.
        raise DateError(f"not a date: {value!r} (out of range in the site's time zone)") from None
    raise DateError(f"not a date: {value!r} (expected YYYY-MM-DD HH:MM:SS +/-TTTT)")


def parse_date_leniently(value: object, tz: datetime.tzinfo) -> tuple[datetime.datetime, str]:
    """Read a date `parse_date` refuses the way Jekyll still reads it; also return what was ignored.

    Jekyll falls back to Ruby's forgiving `Time.parse`, which reads the date and time at the
    start and stops at stray text: `2023-01-29 18:30:22 2023 -0800` (from Jekyll's own news) is
    18:30:22 in the site's zone there, the `2023 -0800` after it ignored. Only a valid date (and
    time) at the start, followed by a space, is read this way; anything else raises.
    """
    if not isinstance(value, str):
        raise DateError(f"not a date: {value!r}")
    text = value.strip()
    start = _DATE_STRING.match(text)
    if start is None or start["offset"] or not text[start.end() : start.end() + 1].isspace():
        raise DateError(f"not a date: {value!r}")
    return parse_date(start.group(0), tz), text[start.end() :].strip()


def _parse_date_string(text: str) -> datetime.datetime:
    """Parse one of Jekyll's documented date strings; naive unless it carries an offset."""
    match = _DATE_STRING.fullmatch(text.strip())
    if match is None:
        raise DateError(f"not a date: {text!r} (expected YYYY-MM-DD HH:MM:SS +/-TTTT)")
    fraction = (match["fraction"] or "")[:6].ljust(6, "0")
    try:
        return datetime.datetime(
            int(match["year"]),
            int(match["month"]),
            int(match["day"]),
            int(match["hour"] or 0),
            int(match["minute"] or 0),
            int(match["second"] or 0),
            int(fraction),
            tzinfo=_parse_offset(match["offset"]),
        )
    except ValueError as error:
        raise DateError(f"not a date: {text!r} ({error})") from None


def _parse_offset(text: str | None) -> datetime.timezone | None:
    """Read ``Z``, ``UTC``, ``GMT``, ``+0200``, ``-08:00`` or ``-8`` as a fixed offset."""
    if text is None:
        return None
    if text.upper() in {"Z", "UTC", "GMT"}:
        return datetime.timezone.utc
    match = _OFFSET.fullmatch(text)
    if match is None:  # pragma: no cover - the date pattern only lets valid shapes through
        raise DateError(f"bad UTC offset {text!r}")
    sign, hours, minutes = match.groups()
    if int(hours) > 23 or int(minutes or 0) > 59:
        raise DateError(f"bad UTC offset {text!r}")
    delta = datetime.timedelta(hours=int(hours), minutes=int(minutes or 0))
    return datetime.timezone(-delta if sign == "-" else delta)
