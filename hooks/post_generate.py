"""Run the post-generation task: register the connector, then validate it.

Copier calls this once after every copy and update, with its own Python, so
one process does all the work. While it updates, Copier also runs tasks inside
temporary replays of the old and new template. Those folders are not git
repositories, so this task recognises them and does nothing there.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

# Packages the hooks import, with the distribution name pip installs.
REQUIRED_PACKAGES = {
    "yaml": "pyyaml",
    "tree_sitter": "tree-sitter",
    "tree_sitter_rust": "tree-sitter-rust",
    "tomlkit": "tomlkit",
}

logger = logging.getLogger("connector_template")


def missing_packages() -> list[str]:
    """Return the pip names of required packages that cannot be imported."""
    return [
        dist
        for module, dist in REQUIRED_PACKAGES.items()
        if importlib.util.find_spec(module) is None
    ]


def install_hint(packages: Sequence[str]) -> str:
    """Return the commands that install packages next to this Copier."""
    names = " ".join(packages)
    return (
        f"install them into Copier's environment: `pipx inject copier {names}` "
        f"(or `{sys.executable} -m pip install {names}`), then run the command again."
    )


def is_git_work_tree(path: Path) -> bool:
    """Return whether path lies inside a git work tree."""
    result = subprocess.run(
        ["git", "-C", str(path), "rev-parse", "--is-inside-work-tree"],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode == 0 and result.stdout.strip() == "true"


def is_update_replay(destination: Path, operation: str) -> bool:
    """Return whether Copier runs this task in a temporary replay of an update."""
    return operation == "update" and not is_git_work_tree(destination)


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """Parse the task's command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--operation", default="copy", help="copy or update")
    parser.add_argument(
        "--answers-file", required=True, help="the connector's answers file"
    )
    parser.add_argument(
        "--kept",
        action="append",
        default=[],
        help="a document that existed before the copy and was kept (repeatable)",
    )
    parser.add_argument("destination", type=Path, help="root of the rendered checkout")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Register and validate the connector; return the process exit code."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    args = parse_arguments(sys.argv[1:] if argv is None else argv)
    destination = args.destination.resolve()
    if is_update_replay(destination, args.operation):
        print("connector task: skipped in Copier's temporary replay of the update.")
        return 0
    missing = missing_packages()
    if missing:
        print(
            f"connector task failed: the hooks need {', '.join(missing)}; "
            + install_hint(missing),
            file=sys.stderr,
        )
        return 1
    return run(destination, args.answers_file, [path for path in args.kept if path])


def run(destination: Path, answers_file: str, kept: Sequence[str] = ()) -> int:
    """Register (when asked) and validate; print one report.

    Documents in kept were written before the copy, by GRACE or by hand, so
    their layout findings are reported as warnings instead of errors.
    """
    import answers
    import validate_connector

    try:
        data = answers.load_answers(answers.answers_path(destination, answers_file))
    except answers.AnswersError as error:
        print(f"connector task failed: {error}", file=sys.stderr)
        return 1
    status = _register(destination, data)
    if status:
        return status
    warning = relative_source_warning(data)
    if warning:
        print(warning)
    findings = downgrade_kept(validate_connector.validate(destination, data), kept)
    print(validate_connector.format_text(findings))
    if validate_connector.exit_status(findings):
        print(
            "Fix the errors above, then check again with:\n"
            f"  python {validator_path(data)} --answers-file {answers_file} "
            f"{destination}",
            file=sys.stderr,
        )
        return 1
    return 0


def relative_source_warning(data: dict[str, Any]) -> str:
    """Warn when the answers file records the template as a relative path.

    Copier records the source exactly as given and resolves it from the
    folder `copier update` runs in, so `.` or `../template` breaks updates
    run from anywhere else.
    """
    source = str(data.get("_src_path", ""))
    if not source or "://" in source or ":" in source.split("/")[0]:
        return ""
    if Path(source).is_absolute() or source.startswith("~"):
        return ""
    return (
        f"warning: the answers file records the template as {source!r}, a relative "
        "path, so `copier update` works only from the folder you copied from. Copy "
        "from an absolute path or a git URL to update from anywhere."
    )


def downgrade_kept(findings: list[Any], kept: Sequence[str]) -> list[Any]:
    """Turn errors about documents the copy kept into warnings."""
    from dataclasses import replace

    from validation_rules import Severity

    return [
        replace(finding, severity=Severity.WARNING)
        if finding.path in kept and finding.severity is Severity.ERROR
        else finding
        for finding in findings
    ]


def validator_path(data: dict[str, Any]) -> str:
    """Return where the validator script lives once Copier's clone is gone."""
    source = str(data.get("_src_path", ""))
    if source and Path(source).is_dir():
        return str(Path(source) / "hooks" / "validate_connector.py")
    return f"<a clone of {source or 'this template'}>/hooks/validate_connector.py"


def _register(destination: Path, data: dict[str, Any]) -> int:
    """Reconcile the registration entries; return a non-zero code on failure."""
    import register_connector

    if not data.get("register", True):
        print(
            "registration: skipped because the register answer is false; register "
            "later with `python <template>/hooks/register_connector.py register "
            f"--answers-file .copier-answers.{data['connector_name']}.yml .`"
        )
        return 0
    if not register_connector.is_hyperswitch_checkout(destination):
        print(
            f"registration: skipped because {destination} is not a Hyperswitch "
            "checkout (no crates/hyperswitch_connectors/src/connectors.rs)."
        )
        return 0
    try:
        report = register_connector.register(destination, data)
    except register_connector.AnchorsMissingError as error:
        print(f"registration failed, nothing was written:\n{error}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
