"""fastpages' conventions, named once: callout kinds, their includes, YouTube video ids."""

from __future__ import annotations

import re
from typing import Final

__all__ = ["CALLOUT_INCLUDES", "CALLOUT_KINDS", "YOUTUBE_ID"]

#: `> Note: …` callout titles (compared case-insensitively) -> (admonition kind, title shown).
#: fastpages' four, and `> Update:`, which real blogs open a post with to say what changed.
CALLOUT_KINDS: Final = {
    "note": ("note", "Note"),
    "tip": ("tip", "Tip"),
    "warning": ("warning", "Warning"),
    "important": ("important", "Important"),
    "update": ("info", "Update"),
}

#: fastpages callout includes (`{% include note.html content='…' %}`) and their callout title.
CALLOUT_INCLUDES: Final = {
    "note.html": "Note",
    "tip.html": "Tip",
    "warning.html": "Warning",
    "important.html": "Important",
    "alert.html": "Warning",
    "info.html": "Note",
}

#: A YouTube video id.
YOUTUBE_ID: Final = re.compile(r"[A-Za-z0-9_-]{11}")
