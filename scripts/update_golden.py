"""Regenerate the golden render in examples/golden/ from examples/acmepay.yml.

The golden files are what the template renders for the example answers, with
tasks skipped. tests/test_golden.py renders again and compares byte for byte,
so every change to generated output shows up in review.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import copier
import yaml

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = ROOT / "examples" / "acmepay.yml"
GOLDEN = ROOT / "examples" / "golden"


def render_example(destination: Path) -> None:
    """Render the example answers into destination without running tasks."""
    data = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))
    copier.run_copy(
        str(ROOT),
        str(destination),
        data=data,
        defaults=True,
        unsafe=True,
        vcs_ref="HEAD",
        skip_tasks=True,
        quiet=True,
    )
    # The answers file records the template commit, which changes every commit.
    for answers_file in destination.glob(".copier-answers.*.yml"):
        answers_file.unlink()


def main() -> int:
    """Replace examples/golden/ with a fresh render."""
    with tempfile.TemporaryDirectory() as scratch:
        rendered = Path(scratch) / "render"
        render_example(rendered)
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(rendered, GOLDEN)
    count = sum(1 for path in GOLDEN.rglob("*") if path.is_file())
    print(f"wrote {count} files to {GOLDEN.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
