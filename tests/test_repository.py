"""Check the repository's own configuration: CI workflow and file names."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent

# Characters Windows forbids in file names, plus control characters.
WINDOWS_FORBIDDEN = re.compile(r'[<>:"\\|?*\x00-\x1f]')
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10))}
WINDOWS_RESERVED |= {f"lpt{i}" for i in range(1, 10)}


def _workflow() -> dict[Any, Any]:
    text = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    data: dict[Any, Any] = yaml.safe_load(text)
    return data


def test_workflow_matrix_covers_supported_pythons() -> None:
    """The CI matrix runs every Python version from 3.10 to 3.13."""
    matrix = _workflow()["jobs"]["test"]["strategy"]["matrix"]
    assert matrix["python-version"] == ["3.10", "3.11", "3.12", "3.13"]


def test_workflow_fetches_full_history() -> None:
    """The checkout step fetches tags, which the update tests need."""
    steps = _workflow()["jobs"]["test"]["steps"]
    checkout = next(
        step for step in steps if step.get("uses", "").startswith("actions/checkout")
    )
    assert checkout["with"]["fetch-depth"] == 0


def test_workflow_installs_rustfmt() -> None:
    """A Rust toolchain with rustfmt is installed before the tests."""
    steps = _workflow()["jobs"]["test"]["steps"]
    rust = next(step for step in steps if "rust-toolchain" in step.get("uses", ""))
    assert "rustfmt" in rust["with"]["components"]


def test_workflow_runs_readme_test_command() -> None:
    """The workflow runs `make test`, the README's test command."""
    commands = [step.get("run", "") for step in _workflow()["jobs"]["test"]["steps"]]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in commands
    assert "```sh\nmake test\n```" in readme


def test_workflow_triggers_on_push_and_pull_request() -> None:
    """The workflow runs on pushes to main and on pull requests."""
    # PyYAML reads the bare key `on` as the boolean True.
    triggers = _workflow()[True]
    assert "main" in triggers["push"]["branches"]
    assert "pull_request" in triggers


def test_template_file_names_are_portable() -> None:
    """No template path has a character or name that Windows rejects."""
    bad = []
    for path in (ROOT / "template").rglob("*"):
        name = path.name
        stem = name.split(".")[0].lower()
        if WINDOWS_FORBIDDEN.search(name) or stem in WINDOWS_RESERVED:
            bad.append(str(path.relative_to(ROOT)))
        if name.endswith((" ", ".")):
            bad.append(str(path.relative_to(ROOT)))
    assert bad == []


def test_readme_lists_every_validation_rule() -> None:
    """Every validation rule appears in the README with its description."""
    import validate_connector

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code, severity, description in validate_connector.rule_table():
        assert f"| {code} | {severity} | {description} |" in readme
