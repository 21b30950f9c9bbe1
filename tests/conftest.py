"""Shared fixtures: the template root, renders, and Rust checkers."""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import copier
import pytest
import tree_sitter
import tree_sitter_rust

TEMPLATE_ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CHECKOUT = Path(__file__).resolve().parent / "fixtures" / "hyperswitch"
RUST_LANGUAGE = tree_sitter.Language(tree_sitter_rust.language())

# Paths every render writes, relative to the destination.
CONNECTOR_FILE = "crates/hyperswitch_connectors/src/connectors/{name}.rs"
TRANSFORMERS_FILE = (
    "crates/hyperswitch_connectors/src/connectors/{name}/transformers.rs"
)
TEST_FILE = "crates/router/tests/connectors/{name}.rs"
DOC_FILES = (
    "grace/connector_integration/{name}/{name}_specs.md",
    "grace/connector_integration/{name}/{name}_plan.md",
    "grace/connector_integration/{name}/{name}_guide.md",
)


@pytest.fixture(autouse=True, scope="session")
def _isolated_copier_settings(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    """Keep a developer's own Copier settings (defaults, trust) out of the tests."""
    settings = tmp_path_factory.mktemp("copier-settings") / "settings.yml"
    settings.write_text("{}\n", encoding="utf-8")
    previous = os.environ.get("COPIER_SETTINGS_PATH")
    os.environ["COPIER_SETTINGS_PATH"] = str(settings)
    yield
    if previous is None:
        os.environ.pop("COPIER_SETTINGS_PATH", None)
    else:
        os.environ["COPIER_SETTINGS_PATH"] = previous


@functools.cache
def template_copy() -> Path:
    """Copy the template's working tree to a folder that is not a git repository.

    Copier clones a git template for every render, which costs seconds; a
    plain folder renders the same files, uncommitted changes included, without
    the clone. Each test process makes its own copy once.
    """
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=TEMPLATE_ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    scratch = Path(tempfile.mkdtemp(prefix="connector-template-"))
    atexit.register(shutil.rmtree, scratch, ignore_errors=True)
    target = scratch / "template"
    for name in listed:
        source = TEMPLATE_ROOT / name
        if name.startswith(("tests/", "examples/golden/")) or not source.is_file():
            continue
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)
    return target


def render(
    destination: Path,
    data: Mapping[str, Any],
    *,
    skip_tasks: bool = True,
    vcs_ref: str | None = None,
    src_path: Path | None = None,
) -> Path:
    """Render the template into destination with Copier's API and return it.

    Without src_path this renders the working tree through template_copy().
    """
    copier.run_copy(
        str(src_path or template_copy()),
        str(destination),
        data=dict(data),
        defaults=True,
        unsafe=True,
        vcs_ref=vcs_ref,
        skip_tasks=skip_tasks,
        quiet=True,
    )
    return destination


def copy_fixture_checkout(destination: Path) -> Path:
    """Copy the miniature Hyperswitch checkout and commit it in a new git repo."""
    shutil.copytree(FIXTURE_CHECKOUT, destination)
    git(destination, "init", "-q", "-b", "main")
    git(destination, "add", "-A")
    git(destination, "commit", "-q", "-m", "Miniature Hyperswitch checkout")
    return destination


def git(cwd: Path, *args: str) -> str:
    """Run git with a fixed identity and return its output."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Template Tests",
        "GIT_AUTHOR_EMAIL": "tests@example.invalid",
        "GIT_COMMITTER_NAME": "Template Tests",
        "GIT_COMMITTER_EMAIL": "tests@example.invalid",
    }
    result = subprocess.run(
        ["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout


def syntax_errors(source: bytes) -> list[str]:
    """Return the positions of ERROR and MISSING nodes in Rust source."""
    tree = tree_sitter.Parser(RUST_LANGUAGE).parse(source)
    problems: list[str] = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            row, column = node.start_point
            problems.append(f"{row + 1}:{column + 1} {node.type}")
        stack.extend(node.children)
    return problems


def rustfmt_diff(paths: list[Path]) -> str:
    """Return rustfmt's --check output for the files (empty when unchanged)."""
    rustfmt = shutil.which("rustfmt")
    if rustfmt is None:
        pytest.skip("rustfmt is not installed")
    result = subprocess.run(
        [rustfmt, "--edition", "2021", "--color", "never", "--check", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout + result.stderr
