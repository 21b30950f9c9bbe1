"""Keep a tech spec or plan that exists before the connector is first copied."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import template_copy

SPEC = "grace/connector_integration/acmepay/acmepay_specs.md"
PLAN = "grace/connector_integration/acmepay/acmepay_plan.md"
OWN_TEXT = "# Acmepay spec written with GRACE\n\nOur own notes.\n"


def _copy(destination: Path) -> subprocess.CompletedProcess[str]:
    copier = Path(sys.executable).parent / "copier"
    return subprocess.run(
        [
            str(copier),
            "copy",
            "--trust",
            "--defaults",
            "-d",
            "connector_name=acmepay",
            str(template_copy()),
            str(destination),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("document", [SPEC, PLAN])
def test_existing_document_is_kept(tmp_path: Path, document: str) -> None:
    """A document written before the copy keeps its text, and the copy says so."""
    path = tmp_path / document
    path.parent.mkdir(parents=True)
    path.write_text(OWN_TEXT, encoding="utf-8")

    result = _copy(tmp_path)

    assert result.returncode == 0, result.stderr
    assert path.read_text(encoding="utf-8") == OWN_TEXT
    assert f"Kept your existing {document}" in result.stderr


def test_kept_document_layout_is_a_warning(tmp_path: Path) -> None:
    """Layout findings on a kept spec are warnings, so the copy still succeeds."""
    path = tmp_path / SPEC
    path.parent.mkdir(parents=True)
    path.write_text(OWN_TEXT, encoding="utf-8")

    result = _copy(tmp_path)

    assert re.search(rf"{re.escape(SPEC)}:\d+:\d+: HSC014 warning:", result.stdout)
    assert "validation passed: 0 errors" in result.stdout


def test_other_documents_are_written(tmp_path: Path) -> None:
    """Keeping the spec still writes the plan and the guide."""
    path = tmp_path / SPEC
    path.parent.mkdir(parents=True)
    path.write_text(OWN_TEXT, encoding="utf-8")

    _copy(tmp_path)

    assert (tmp_path / PLAN).read_text(encoding="utf-8").startswith("# Implementation")
    assert (tmp_path / "grace/connector_integration/acmepay/acmepay_guide.md").is_file()


def test_fresh_copy_mentions_no_kept_document(tmp_path: Path) -> None:
    """Without earlier documents the closing message says nothing was kept."""
    result = _copy(tmp_path)

    assert result.returncode == 0, result.stderr
    assert "Kept your existing" not in result.stdout
