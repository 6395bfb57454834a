"""The version floors we promise are the versions CI's oldest-versions run installs."""

from __future__ import annotations

import re
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

REPO = Path(__file__).resolve().parents[1]


def _floors() -> dict[str, Version]:
    """`name>=X` of the runtime dependencies and the `material` extra, from pyproject.toml."""
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    sections = re.findall(r"^(?:dependencies|material) = \[(.*?)\]", text, re.S | re.M)
    floors = {}
    for line in re.findall(r'"([^"]+)"', "".join(sections)):
        requirement = Requirement(line)
        for spec in requirement.specifier:
            if spec.operator == ">=":
                floors[requirement.name.lower()] = Version(spec.version)
    return floors


def _pins() -> dict[str, Version]:
    pins = {}
    for line in (REPO / ".ci" / "oldest-versions.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[name.strip().lower()] = Version(version.strip())
    return pins


def test_ci_installs_every_floor_we_promise() -> None:
    floors = _floors()
    expected = {"mkdocs", "mkdocs-material", "markdown", "jinja2", "markupsafe", "pyyaml"}
    assert expected <= set(floors)
    assert _pins() == floors
