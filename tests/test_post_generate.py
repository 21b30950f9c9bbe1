"""Check the task runner's own decisions, apart from registration and validation."""

from __future__ import annotations

from pathlib import Path

import pytest

import post_generate


@pytest.mark.parametrize("source", [".", "../template", "template"])
def test_relative_source_is_warned(source: str) -> None:
    warning = post_generate.relative_source_warning({"_src_path": source})
    assert repr(source) in warning
    assert "absolute path or a git URL" in warning


@pytest.mark.parametrize(
    "source",
    [
        "/srv/templates/hyperswitch-connector",
        "~/templates/hyperswitch-connector",
        "gh:example/hyperswitch-connector-template",
        "https://example.invalid/hyperswitch-connector-template.git",
        "git@example.invalid:org/hyperswitch-connector-template.git",
    ],
)
def test_absolute_source_is_not_warned(source: str) -> None:
    assert post_generate.relative_source_warning({"_src_path": source}) == ""


def test_update_replay_is_recognised(tmp_path: Path) -> None:
    assert post_generate.is_update_replay(tmp_path, "update")


def test_copy_is_never_a_replay(tmp_path: Path) -> None:
    assert not post_generate.is_update_replay(tmp_path, "copy")
