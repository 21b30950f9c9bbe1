"""Compare a fresh render of the example answers with the committed golden files."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import update_golden


def _files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_golden_render_is_current(tmp_path: Path) -> None:
    """The example renders byte for byte as examples/golden/ (`make golden`)."""
    rendered = tmp_path / "render"
    update_golden.render_example(rendered)
    expected = _files(update_golden.GOLDEN)
    actual = _files(rendered)
    assert sorted(actual) == sorted(expected)
    for name, content in expected.items():
        assert actual[name] == content, f"{name} differs: run `make golden` and review"
