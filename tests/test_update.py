"""Tests for `copier update` between two tagged releases of this template.

The module builds one template repository with real tags: v0.1.0 is the
current working tree with a few template-owned lines changed and the
auth_scheme answer still called auth_method, and v0.2.0 is the working tree as
it is. Connectors are copied at v0.1.0 into a committed miniature Hyperswitch
checkout with tasks on, so registration runs, and then updated to v0.2.0.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import copier
import pytest
import yaml
from copier.errors import UserMessageError

import migrate_answers
from conftest import (
    CONNECTOR_FILE,
    TEMPLATE_ROOT,
    TRANSFORMERS_FILE,
    copy_fixture_checkout,
    git,
)

# Each xdist worker that runs tests of this module builds the release
# repository once. With `--dist loadgroup` the whole module runs on one worker.
pytestmark = pytest.mark.xdist_group("template_update")

OLD_TAG = "v0.1.0"
NEW_TAG = "v0.2.0"
GENERATED_ON = "2025-01-15"
CORE_FLOWS = ["authorize", "psync", "capture", "cancel", "refund", "rsync"]
UPDATE_SCRIPT = TEMPLATE_ROOT / "scripts" / "update_connectors.py"
V1_DEFAULTS = "crates/hyperswitch_connectors/src/default_implementations.rs"
CONNECTORS_RS = "crates/hyperswitch_connectors/src/connectors.rs"
CONFLICT_START = "<<<<<<< before updating"
CONFLICT_END = ">>>>>>> after updating"

# Working-tree entries that are not part of a template release.
NOT_RELEASED = shutil.ignore_patterns(
    ".venv", "build", ".git", "__pycache__", ".mypy_cache", ".ruff_cache",
    ".pytest_cache",
)  # fmt: skip

GUIDE_TEMPLATE = (
    "template/grace/connector_integration/{{connector_name}}/"
    "{{connector_name}}_guide.md.jinja"
)
PLAN_TEMPLATE = (
    "template/grace/connector_integration/{{connector_name}}/"
    "{{connector_name}}_plan.md.jinja"
)
SPEC_TEMPLATE = (
    "template/grace/connector_integration/{{connector_name}}/"
    "{{connector_name}}_specs.md.jinja"
)
TRANSFORMERS_TEMPLATE = (
    "template/crates/hyperswitch_connectors/src/connectors/{{connector_name}}/"
    "transformers.rs.jinja"
)

# Template-owned text that v0.2.0 changed: template file, text in v0.2.0, text in
# v0.1.0. Each text renders verbatim, so it also identifies the rendered line.
TEMPLATE_CHANGES = {
    "guide": (
        GUIDE_TEMPLATE,
        "This guide explains how to integrate",
        "This guide describes how to integrate",
    ),
    "plan": (
        PLAN_TEMPLATE,
        "into a working connector. Work through",
        "into a connector. Work through",
    ),
    "spec": (
        SPEC_TEMPLATE,
        "Never write credentials, API keys or tokens into this file.",
        "Never write credentials into this file.",
    ),
    "transformers": (
        TRANSFORMERS_TEMPLATE,
        "// An unknown status maps to a pending state, which the next sync corrects.",
        "// Unknown statuses stay pending until the next sync.",
    ),
}
# Rendered file of each template change, relative to the checkout.
RENDERED = {
    "guide": "grace/connector_integration/{name}/{name}_guide.md",
    "plan": "grace/connector_integration/{name}/{name}_plan.md",
    "spec": "grace/connector_integration/{name}/{name}_specs.md",
    "transformers": TRANSFORMERS_FILE,
}
# Folders of the release whose files may name the auth_scheme answer.
RENAMED_ANSWER_DIRS = ("template", "hooks", "extensions", "includes")

# Edits a contributor makes at v0.1.0: rendered file, text before, text after,
# with {name} and {pascal} filled in by fill(). None of them is within three
# lines of a template change.
CONTRIBUTOR_EDITS = {
    "rust_field": (
        TRANSFORMERS_FILE,
        "pub struct {pascal}VoidRequest {\n    reference: String,\n}",
        "pub struct {pascal}VoidRequest {\n    reference: String,\n"
        "    reason: Option<String>,\n}",
    ),
    "rust_value": (
        TRANSFORMERS_FILE,
        "            reference: item.connector_request_reference_id.clone(),\n"
        "        })",
        "            reference: item.connector_request_reference_id.clone(),\n"
        "            reason: item.request.cancellation_reason.clone(),\n"
        "        })",
    ),
    "spec": (
        RENDERED["spec"],
        "| Production base URL | TODO |",
        "| Production base URL | `https://api.{name}.example` |",
    ),
    "plan": (
        RENDERED["plan"],
        "- [ ] Step 1: Fill the tech spec from the API reference",
        "- [x] Step 1: Fill the tech spec from the API reference",
    ),
}

# Answers of the two connectors, in the names of v0.1.0. acmepay sends its key
# in a non-default way, so only the migration can carry it to v0.2.0.
OLD_ANSWERS: dict[str, dict[str, Any]] = {
    "acmepay": {
        "connector_name": "acmepay",
        "auth_type": "HeaderKey",
        "auth_method": "raw_header",
        "generated_on": GENERATED_ON,
    },
    "zetapay": {
        "connector_name": "zetapay",
        "auth_type": "BodyKey",
        "auth_method": "body",
        "generated_on": GENERATED_ON,
    },
}


# --- helpers ------------------------------------------------------------------


def pascal(name: str) -> str:
    """Return the PascalCase type name of a snake_case connector name."""
    return "".join(part.capitalize() for part in name.split("_"))


def fill(text: str, name: str) -> str:
    """Put a connector's snake_case and PascalCase names into text."""
    return text.replace("{name}", name).replace("{pascal}", pascal(name))


def path_of(template: str, name: str) -> str:
    """Return a rendered path for one connector."""
    return template.format(name=name)


def read(root: Path, relative: str) -> str:
    """Read one file of a checkout."""
    return (root / relative).read_text(encoding="utf-8")


def replace_once(path: Path, old: str, new: str) -> None:
    """Replace text that must occur in path, so a changed template fails loudly."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def load_answers(root: Path, name: str) -> dict[str, Any]:
    """Load a connector's answers file."""
    data = yaml.safe_load(read(root, f".copier-answers.{name}.yml"))
    assert isinstance(data, dict)
    return data


def snapshot(root: Path) -> dict[str, str]:
    """Hash every file of a checkout outside .git, plus HEAD and the index."""
    hashes = {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(root).parts
    }
    hashes["HEAD"] = git(root, "rev-parse", "HEAD")
    hashes["index"] = git(root, "ls-files", "--stage")
    return hashes


def connector_files(root: Path, name: str) -> dict[str, str]:
    """Hash the files one connector owns: its answers file and generated files."""
    owned = [
        f".copier-answers.{name}.yml",
        f"crates/hyperswitch_connectors/src/connectors/{name}.rs",
        f"crates/router/tests/connectors/{name}.rs",
    ]
    folders = [
        f"crates/hyperswitch_connectors/src/connectors/{name}",
        f"grace/connector_integration/{name}",
    ]
    paths = [root / relative for relative in owned]
    for folder in folders:
        paths.extend(sorted((root / folder).rglob("*")))
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in paths
        if path.is_file()
    }


def macro_items(source: str, macro: str) -> list[str]:
    """Return the connector type names listed in one `macro!(…)` invocation."""
    match = re.search(rf"^{macro}!\((.*?)\);", source, re.MULTILINE | re.DOTALL)
    assert match is not None, f"{macro}! not found"
    return re.findall(r"connectors::(\w+)", match.group(1))


def commit_all(root: Path, message: str) -> None:
    """Stage and commit everything in the checkout."""
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def clone_checkout(source: Path, target: Path) -> Path:
    """Copy a committed checkout, .git included, so each test starts alike."""
    shutil.copytree(source, target, symlinks=True)
    return target


def update(
    root: Path, name: str, data: Mapping[str, Any] | None = None, tag: str = NEW_TAG
) -> None:
    """Update one connector with Copier's API, as `copier update -a … --trust`."""
    copier.run_update(
        str(root),
        data=dict(data or {}),
        answers_file=f".copier-answers.{name}.yml",
        vcs_ref=tag,
        defaults=True,
        overwrite=True,
        unsafe=True,
        quiet=True,
    )


def make_contributor_edits(root: Path, name: str) -> None:
    """Edit Rust, spec and plan the way a contributor does, then commit."""
    for relative, before, after in CONTRIBUTOR_EDITS.values():
        replace_once(
            root / path_of(relative, name),
            fill(before, name),
            fill(after, name),
        )
    commit_all(root, f"Start implementing {name}")


def rename_answer_in_release(repo: Path) -> None:
    """Call the auth_scheme answer auth_method, as releases before 0.2.0 did."""
    word = re.compile(r"\bauth_scheme\b")
    paths = [repo / "copier.yml"]
    for folder in RENAMED_ANSWER_DIRS:
        paths.extend(path for path in (repo / folder).rglob("*") if path.is_file())
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if word.search(text):
            path.write_text(word.sub("auth_method", text), encoding="utf-8")


def drop_migrations(repo: Path) -> None:
    """Remove the `_migrations` block, which arrived with 0.2.0."""
    path = repo / "copier.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("_migrations:\n")
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "\n"))):
        end += 1
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")


def write_old_release(repo: Path) -> None:
    """Turn the working tree into the older release v0.1.0."""
    for template, new, old in TEMPLATE_CHANGES.values():
        replace_once(repo / template, new, old)
    drop_migrations(repo)
    rename_answer_in_release(repo)


def run_update_script(*arguments: str) -> subprocess.CompletedProcess[str]:
    """Run scripts/update_connectors.py with this interpreter."""
    return subprocess.run(
        [sys.executable, str(UPDATE_SCRIPT), *arguments],
        capture_output=True,
        text=True,
        check=False,
    )


# --- fixtures -----------------------------------------------------------------


@pytest.fixture(scope="module")
def template_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build a template repository tagged v0.1.0 (older) and v0.2.0 (current)."""
    repo = tmp_path_factory.mktemp("template") / "connector-template"
    shutil.copytree(TEMPLATE_ROOT, repo, ignore=NOT_RELEASED)
    current = tmp_path_factory.mktemp("current") / "tree"
    shutil.copytree(repo, current)
    git(repo, "init", "-q", "-b", "main")
    write_old_release(repo)
    commit_all(repo, "Release 0.1.0")
    git(repo, "tag", "-a", OLD_TAG, "-m", "Release 0.1.0")
    shutil.copytree(current, repo, dirs_exist_ok=True)
    commit_all(repo, "Release 0.2.0")
    git(repo, "tag", "-a", NEW_TAG, "-m", "Release 0.2.0")
    return repo


@pytest.fixture(scope="module")
def released_checkout(
    template_repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """Build a committed checkout with acmepay and zetapay copied at v0.1.0."""
    root = copy_fixture_checkout(tmp_path_factory.mktemp("released") / "hyperswitch")
    for name, answers in OLD_ANSWERS.items():
        copier.run_copy(
            str(template_repo),
            str(root),
            data=answers,
            vcs_ref=OLD_TAG,
            defaults=True,
            unsafe=True,
            quiet=True,
        )
        commit_all(root, f"Add {name} from template {OLD_TAG}")
    return root


@pytest.fixture
def checkout(released_checkout: Path, tmp_path: Path) -> Path:
    """Return a private copy of the checkout at v0.1.0."""
    return clone_checkout(released_checkout, tmp_path / "hyperswitch")


@pytest.fixture(scope="module")
def contributor_update(
    released_checkout: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """Edit acmepay as a contributor, commit, and update it to v0.2.0."""
    root = clone_checkout(
        released_checkout, tmp_path_factory.mktemp("contributor") / "hyperswitch"
    )
    make_contributor_edits(root, "acmepay")
    update(root, "acmepay")
    return root


@pytest.fixture(scope="module")
def flow_update(
    released_checkout: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """Update acmepay to v0.2.0 and add the complete_authorize flow."""
    root = clone_checkout(
        released_checkout, tmp_path_factory.mktemp("flows") / "hyperswitch"
    )
    update(root, "acmepay", {"flows": [*CORE_FLOWS, "complete_authorize"]})
    return root


# --- the release repository ---------------------------------------------------


def test_release_tags_are_pep440(template_repo: Path) -> None:
    tags = git(template_repo, "tag", "--list").split()
    assert tags == [OLD_TAG, NEW_TAG]


def test_copy_records_old_release(released_checkout: Path) -> None:
    answers = load_answers(released_checkout, "acmepay")
    assert answers["_commit"] == OLD_TAG
    assert answers["auth_method"] == "raw_header"
    assert "auth_scheme" not in answers


def test_copy_registers_connector(released_checkout: Path) -> None:
    source = read(released_checkout, CONNECTORS_RS)
    assert "pub mod acmepay;" in source
    assert "pub mod zetapay;" in source


# --- template changes and contributor edits ------------------------------------


def test_update_records_new_release(contributor_update: Path) -> None:
    assert load_answers(contributor_update, "acmepay")["_commit"] == NEW_TAG


@pytest.mark.parametrize("change", sorted(TEMPLATE_CHANGES))
def test_update_brings_template_change(contributor_update: Path, change: str) -> None:
    _, new, old = TEMPLATE_CHANGES[change]
    text = read(contributor_update, path_of(RENDERED[change], "acmepay"))
    assert new in text
    assert old not in text


@pytest.mark.parametrize("edit", sorted(CONTRIBUTOR_EDITS))
def test_update_keeps_contributor_edit(contributor_update: Path, edit: str) -> None:
    relative, _, after = CONTRIBUTOR_EDITS[edit]
    text = read(contributor_update, path_of(relative, "acmepay"))
    assert fill(after, "acmepay") in text


def test_update_without_overlap_has_no_conflicts(contributor_update: Path) -> None:
    unmerged = git(contributor_update, "diff", "--name-only", "--diff-filter=U")
    assert unmerged == ""
    for relative in connector_files(contributor_update, "acmepay"):
        text = read(contributor_update, relative)
        assert CONFLICT_START not in text, relative
    assert not list(contributor_update.rglob("*.rej"))


def test_update_keeps_registration(contributor_update: Path) -> None:
    source = read(contributor_update, CONNECTORS_RS)
    assert source.count("pub mod acmepay;") == 1
    assert "pub mod zetapay;" in source


def test_update_lists_connector_once(contributor_update: Path) -> None:
    # Registration runs again on every update and must not add a second entry.
    source = read(contributor_update, V1_DEFAULTS)
    assert (
        macro_items(source, "default_imp_for_complete_authorize").count("Acmepay") == 1
    )


# --- migration ----------------------------------------------------------------


def test_migration_renames_auth_method(contributor_update: Path) -> None:
    answers = load_answers(contributor_update, "acmepay")
    assert "auth_method" not in answers
    assert answers["auth_scheme"] == "raw_header"


def test_migrated_answer_reaches_render(contributor_update: Path) -> None:
    spec = read(contributor_update, path_of(RENDERED["spec"], "acmepay"))
    assert "Authorization: <api_key>" in spec


def test_migration_script_renames_answer(tmp_path: Path) -> None:
    path = tmp_path / ".copier-answers.acmepay.yml"
    path.write_text("# header\n_commit: v0.1.0\nauth_method: body\n", encoding="utf-8")
    arguments = ["--answers-file", str(path), "rename", "auth_method", "auth_scheme"]
    assert migrate_answers.main(arguments) == 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# header\n")
    assert yaml.safe_load(text) == {"_commit": "v0.1.0", "auth_scheme": "body"}


def test_migration_script_ignores_absent_answer(tmp_path: Path) -> None:
    path = tmp_path / ".copier-answers.acmepay.yml"
    original = "# header\n_commit: v0.2.0\nauth_scheme: body\n"
    path.write_text(original, encoding="utf-8")
    arguments = ["--answers-file", str(path), "rename", "auth_method", "auth_scheme"]
    assert migrate_answers.main(arguments) == 0
    assert path.read_text(encoding="utf-8") == original


def test_migration_script_rejects_two_values(tmp_path: Path) -> None:
    path = tmp_path / ".copier-answers.acmepay.yml"
    original = "auth_method: body\nauth_scheme: bearer\n"
    path.write_text(original, encoding="utf-8")
    with pytest.raises(migrate_answers.MigrationError, match="has both"):
        migrate_answers.rename_answer(path, "auth_method", "auth_scheme")
    assert path.read_text(encoding="utf-8") == original


# --- adding a flow ------------------------------------------------------------


def test_added_flow_is_recorded(flow_update: Path) -> None:
    flows = load_answers(flow_update, "acmepay")["flows"]
    assert flows == [*CORE_FLOWS, "complete_authorize"]


def test_added_flow_gets_impl(flow_update: Path) -> None:
    source = read(flow_update, path_of(CONNECTOR_FILE, "acmepay"))
    assert "impl api::PaymentsCompleteAuthorize for Acmepay {}" in source
    assert (
        "impl ConnectorIntegration<CompleteAuthorize, CompleteAuthorizeData, "
        "PaymentsResponseData>"
    ) in source


def test_added_flow_gets_transformers(flow_update: Path) -> None:
    source = read(flow_update, path_of(TRANSFORMERS_FILE, "acmepay"))
    assert "pub struct AcmepayCompleteAuthorizeRequest" in source
    assert "pub struct AcmepayCompleteAuthorizeResponse" in source


def test_added_flow_gets_spec_row_and_section(flow_update: Path) -> None:
    spec = read(flow_update, path_of(RENDERED["spec"], "acmepay"))
    assert "| Complete Authorize | `CompleteAuthorize` | ✓ |" in spec
    assert "### 3.10 Complete Authorize (complete_authorize)" in spec


def test_added_flow_gets_plan_step(flow_update: Path) -> None:
    plan = read(flow_update, path_of(RENDERED["plan"], "acmepay"))
    assert "Implement the Complete Authorize flow (complete_authorize)" in plan


def test_added_flow_gets_guide_section(flow_update: Path) -> None:
    guide = read(flow_update, path_of(RENDERED["guide"], "acmepay"))
    assert "### Complete Authorize (`complete_authorize`)" in guide


def test_added_flow_leaves_its_default_list(
    released_checkout: Path, flow_update: Path
) -> None:
    before = read(released_checkout, V1_DEFAULTS)
    after = read(flow_update, V1_DEFAULTS)
    assert "Acmepay" in macro_items(before, "default_imp_for_complete_authorize")
    assert "Acmepay" not in macro_items(after, "default_imp_for_complete_authorize")


@pytest.mark.parametrize(
    "macro",
    [
        "default_imp_for_incremental_authorization",
        "default_imp_for_update_metadata",
        "default_imp_for_pre_processing_steps",
    ],
)
def test_added_flow_keeps_other_default_lists(flow_update: Path, macro: str) -> None:
    assert "Acmepay" in macro_items(read(flow_update, V1_DEFAULTS), macro)


# --- two connectors -----------------------------------------------------------


def test_connectors_update_independently(checkout: Path) -> None:
    zetapay_before = connector_files(checkout, "zetapay")
    update(checkout, "acmepay")
    assert connector_files(checkout, "zetapay") == zetapay_before
    assert load_answers(checkout, "acmepay")["_commit"] == NEW_TAG
    commit_all(checkout, "Update acmepay")

    acmepay_before = connector_files(checkout, "acmepay")
    update(checkout, "zetapay")
    assert connector_files(checkout, "acmepay") == acmepay_before
    assert load_answers(checkout, "zetapay")["_commit"] == NEW_TAG
    assert load_answers(checkout, "zetapay")["auth_scheme"] == "body"
    source = read(checkout, CONNECTORS_RS)
    assert source.count("pub mod acmepay;") == 1
    assert source.count("pub mod zetapay;") == 1


# --- conflicts and refusals ---------------------------------------------------


def test_overlapping_edit_gives_inline_conflict(checkout: Path) -> None:
    _, new, old = TEMPLATE_CHANGES["transformers"]
    mine = "// Unknown statuses stay pending: Acmepay retries them for an hour."
    path = checkout / path_of(TRANSFORMERS_FILE, "acmepay")
    replace_once(path, old, mine)
    commit_all(checkout, "Explain the unknown status")
    update(checkout, "acmepay")
    text = path.read_text(encoding="utf-8")
    assert CONFLICT_START in text
    assert CONFLICT_END in text
    assert mine in text
    assert new in text
    unmerged = git(checkout, "diff", "--name-only", "--diff-filter=U").split()
    assert path_of(TRANSFORMERS_FILE, "acmepay") in unmerged


def test_rename_on_update_is_rejected(contributor_update: Path, tmp_path: Path) -> None:
    # A checkout already at v0.2.0, so no migration runs before the validator.
    root = clone_checkout(contributor_update, tmp_path / "hyperswitch")
    commit_all(root, "Update acmepay")
    before = snapshot(root)
    with pytest.raises(ValueError, match="connector_name cannot change on update"):
        update(root, "acmepay", {"connector_name": "other"})
    assert snapshot(root) == before


def test_rejected_rename_across_releases_keeps_migration(checkout: Path) -> None:
    # Copier runs `before` migrations ahead of the answer validators, so the
    # renamed answers file is the only change a rejected update leaves behind.
    before = snapshot(checkout)
    with pytest.raises(ValueError, match="connector_name cannot change on update"):
        update(checkout, "acmepay", {"connector_name": "other"})
    after = snapshot(checkout)
    changed = sorted(key for key in before if before[key] != after.get(key))
    assert changed == [".copier-answers.acmepay.yml"]
    assert sorted(set(after) - set(before)) == []
    git(checkout, "checkout", "--", ".copier-answers.acmepay.yml")
    assert snapshot(checkout) == before


def test_dirty_checkout_is_refused(checkout: Path) -> None:
    spec = checkout / path_of(RENDERED["spec"], "acmepay")
    spec.write_text(spec.read_text(encoding="utf-8") + "draft\n", encoding="utf-8")
    (checkout / "notes.txt").write_text("untracked\n", encoding="utf-8")
    before = snapshot(checkout)
    with pytest.raises(UserMessageError, match="Destination repository is dirty"):
        update(checkout, "acmepay")
    assert snapshot(checkout) == before


# --- scripts/update_connectors.py ---------------------------------------------


def test_script_updates_every_connector(checkout: Path) -> None:
    head = git(checkout, "rev-parse", "HEAD")
    result = run_update_script(str(checkout), "--vcs-ref", NEW_TAG)
    assert result.returncode == 0, result.stderr
    assert "acmepay (.copier-answers.acmepay.yml): updated" in result.stdout
    assert "zetapay (.copier-answers.zetapay.yml): updated" in result.stdout
    assert load_answers(checkout, "acmepay")["_commit"] == NEW_TAG
    assert load_answers(checkout, "zetapay")["_commit"] == NEW_TAG
    assert git(checkout, "rev-parse", "HEAD") == head
    assert git(checkout, "symbolic-ref", "HEAD").strip() == "refs/heads/main"
    assert git(checkout, "status", "--porcelain").strip()

    commit_all(checkout, "Update both connectors")
    again = run_update_script(str(checkout), "--vcs-ref", NEW_TAG)
    assert again.returncode == 0, again.stderr
    up_to_date = "acmepay (.copier-answers.acmepay.yml): already up to date"
    assert up_to_date in again.stdout
    assert git(checkout, "status", "--porcelain") == ""


def test_script_reports_failure_and_continues(checkout: Path) -> None:
    answers = checkout / ".copier-answers.acmepay.yml"
    data = yaml.safe_load(answers.read_text(encoding="utf-8"))
    data["_src_path"] = str(checkout / "no-such-template")
    answers.write_text(yaml.safe_dump(data), encoding="utf-8")
    commit_all(checkout, "Point acmepay at a missing template")
    before = connector_files(checkout, "acmepay")
    result = run_update_script(str(checkout), "--vcs-ref", NEW_TAG)
    assert result.returncode == 1
    assert "acmepay (.copier-answers.acmepay.yml): failed" in result.stdout
    assert "zetapay (.copier-answers.zetapay.yml): updated" in result.stdout
    assert "Updating is only supported in git-tracked templates." in result.stdout
    assert connector_files(checkout, "acmepay") == before


def test_script_reports_conflicts(checkout: Path) -> None:
    _, _, old = TEMPLATE_CHANGES["transformers"]
    relative = path_of(TRANSFORMERS_FILE, "acmepay")
    replace_once(checkout / relative, old, "// Unknown statuses are retried.")
    commit_all(checkout, "Explain the unknown status")
    result = run_update_script(str(checkout), "--vcs-ref", NEW_TAG)
    assert result.returncode == 0, result.stderr
    assert "acmepay (.copier-answers.acmepay.yml): conflicts to resolve" in (
        result.stdout
    )
    assert f"    {relative}\n" in result.stdout
    assert "zetapay (.copier-answers.zetapay.yml): updated" in result.stdout
    assert CONFLICT_START in read(checkout, relative)


def test_script_refuses_dirty_checkout(checkout: Path) -> None:
    (checkout / "notes.txt").write_text("untracked\n", encoding="utf-8")
    before = snapshot(checkout)
    result = run_update_script(str(checkout), "--vcs-ref", NEW_TAG)
    assert result.returncode == 2
    assert "uncommitted changes" in result.stderr
    assert "notes.txt" in result.stderr
    assert snapshot(checkout) == before
