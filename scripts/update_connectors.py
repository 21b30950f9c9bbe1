"""Update every connector of a Hyperswitch checkout to a newer template release.

    python scripts/update_connectors.py [CHECKOUT] [--vcs-ref REF]
        [--conflict inline|rej] [-- MORE COPIER OPTIONS]

For each `.copier-answers.<name>.yml` at the checkout root that records a
`connector_name`, in name order, this runs
`copier update -a <answers file> --trust --defaults` and reports whether the
connector was updated, has conflicts to resolve, or failed. Answers files of
other templates are left out. One failure does not stop the others. The
changes of a failed update are discarded, so that connector stays as it was.

Copier updates only a clean git work tree, so between two connectors the script
records the first one's result in a temporary commit on a detached HEAD. At the
end it moves HEAD back to the original commit (and branch) and unstages
everything: the checkout then contains all updates as uncommitted changes, and
its history is unchanged. Inline conflicts lose their unmerged index state on
the way, so the report lists the files that contain conflict markers.
NOTE: a script killed with SIGKILL leaves HEAD detached on a temporary commit;
`git reflog` shows the original commit to `git reset --soft` to.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ANSWERS_GLOB = ".copier-answers.*.yml"
MAX_MESSAGE_LINES = 12
# Identity and settings for the temporary commits, so that neither a missing
# user.email, commit signing nor a commit hook can stop the run.
TEMPORARY_COMMIT_CONFIG = (
    "-c", "user.name=update_connectors",
    "-c", "user.email=update-connectors@localhost",
    "-c", "commit.gpgsign=false",
)  # fmt: skip
_ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

UPDATED = "updated"
UNCHANGED = "already up to date"
CONFLICTS = "conflicts to resolve"
FAILED = "failed"


class CheckoutError(Exception):
    """Raised when the checkout cannot be updated at all."""


@dataclass
class ConnectorResult:
    """Outcome of one connector's update."""

    answers_file: str
    status: str
    conflict_files: list[str] = field(default_factory=list)
    message: str = ""

    @property
    def connector(self) -> str:
        """Connector name taken from the answers file name."""
        return self.answers_file.removeprefix(".copier-answers.").removesuffix(".yml")


def git(checkout: Path, *args: str) -> str:
    """Run git in the checkout and return its output or raise CheckoutError."""
    result = subprocess.run(
        ["git", "-C", str(checkout), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise CheckoutError(
            f"`git {' '.join(args)}` failed in {checkout}: {result.stderr.strip()}"
        )
    return result.stdout


def check_checkout(checkout: Path) -> list[str]:
    """Check that the checkout is a clean git work tree and list its answers files."""
    if not checkout.is_dir():
        raise CheckoutError(f"checkout {checkout} is not a directory.")
    top = Path(git(checkout, "rev-parse", "--show-toplevel").strip()).resolve()
    if top != checkout:
        raise CheckoutError(
            f"{checkout} is not the root of its git work tree ({top}): pass the "
            "Hyperswitch checkout root, where the answers files are."
        )
    dirty = git(checkout, "status", "--porcelain").splitlines()
    if dirty:
        listed = "\n".join(f"    {line}" for line in dirty[:10])
        more = f"\n    … and {len(dirty) - 10} more" if len(dirty) > 10 else ""
        raise CheckoutError(
            f"checkout {checkout} has uncommitted changes, and Copier updates only a "
            f"clean git work tree:\n{listed}{more}\n"
            "Commit or stash them, then run this script again."
        )
    answers = sorted(
        path.name for path in checkout.glob(ANSWERS_GLOB) if is_connector_answers(path)
    )
    if not answers:
        raise CheckoutError(
            f"no {ANSWERS_GLOB} in {checkout}: no connector was generated here "
            "with this template."
        )
    return answers


def is_connector_answers(path: Path) -> bool:
    """Return whether an answers file records a connector of this template."""
    text = path.read_text(encoding="utf-8")
    return re.search(r"^connector_name: ", text, re.MULTILINE) is not None


def default_copier_command() -> list[str]:
    """Return the command that runs Copier, preferring this interpreter's copy."""
    if importlib.util.find_spec("copier") is not None:
        return [sys.executable, "-m", "copier"]
    found = shutil.which("copier")
    if found is None:
        raise CheckoutError(
            "copier is not installed: install it (`pipx install copier`) or pass "
            "--copier PATH."
        )
    return [found]


def copier_message(output: str) -> str:
    """Reduce Copier's error output to the lines that explain the failure."""
    lines = [line.rstrip() for line in _ANSI_ESCAPE.sub("", output).splitlines()]
    lines = [line for line in lines if line.strip()]
    if "Traceback (most recent call last):" in lines:
        start = lines.index("Traceback (most recent call last):")
        lines = [*lines[:start], lines[-1]]
    return "\n".join(lines[-MAX_MESSAGE_LINES:])


def conflict_files(checkout: Path) -> list[str]:
    """List files Copier left unmerged (inline mode) or as .rej files (rej mode)."""
    unmerged = git(checkout, "diff", "--name-only", "--diff-filter=U").splitlines()
    status = git(checkout, "status", "--porcelain", "--untracked-files=all")
    rejected = [
        line[3:]
        for line in status.splitlines()
        if line.startswith("?? ") and line.endswith(".rej")
    ]
    return sorted({*unmerged, *rejected})


def update_one(
    checkout: Path, answers_file: str, copier: Sequence[str], options: Sequence[str]
) -> tuple[ConnectorResult, str]:
    """Run `copier update` for one answers file and return the result and output."""
    command = [
        *copier,
        "update",
        "--answers-file",
        answers_file,
        "--trust",
        "--defaults",
        *options,
        str(checkout),
    ]
    process = subprocess.run(
        command, cwd=checkout, capture_output=True, text=True, check=False
    )
    output = process.stdout + process.stderr
    if process.returncode:
        message = copier_message(process.stderr or process.stdout)
        return ConnectorResult(answers_file, FAILED, message=message), output
    conflicts = conflict_files(checkout)
    if conflicts:
        return ConnectorResult(answers_file, CONFLICTS, conflicts), output
    if not git(checkout, "status", "--porcelain").strip():
        return ConnectorResult(answers_file, UNCHANGED), output
    return ConnectorResult(answers_file, UPDATED), output


def discard_changes(checkout: Path, commit: str) -> None:
    """Restore the work tree to commit and delete untracked files it gained."""
    git(checkout, "reset", "--hard", "--quiet", commit)
    git(checkout, "clean", "-d", "--force", "--quiet")


def record_changes(checkout: Path, answers_file: str) -> None:
    """Commit the work tree temporarily, so the next Copier run finds it clean."""
    git(checkout, "add", "--all")
    git(
        checkout,
        *TEMPORARY_COMMIT_CONFIG,
        "commit",
        "--quiet",
        "--no-verify",
        "--allow-empty",
        "--message",
        f"update_connectors: temporary record of {answers_file}",
    )


def current_branch(checkout: Path) -> str | None:
    """Return the ref HEAD points to, or None when HEAD is detached."""
    result = subprocess.run(
        ["git", "-C", str(checkout), "symbolic-ref", "--quiet", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() or None


def update_all(
    checkout: Path,
    copier: Sequence[str],
    options: Sequence[str],
    verbose: bool = False,
) -> list[ConnectorResult]:
    """Update each connector in turn and leave every change uncommitted."""
    answers_files = check_checkout(checkout)
    original = git(checkout, "rev-parse", "HEAD").strip()
    branch = current_branch(checkout)
    git(checkout, "checkout", "--quiet", "--detach")
    results: list[ConnectorResult] = []
    try:
        for answers_file in answers_files:
            before = git(checkout, "rev-parse", "HEAD").strip()
            result, output = update_one(checkout, answers_file, copier, options)
            if verbose:
                print(output, end="" if output.endswith("\n") else "\n")
            if result.status == FAILED:
                discard_changes(checkout, before)
            elif result.status != UNCHANGED:
                record_changes(checkout, answers_file)
            results.append(result)
            print(format_result(result), flush=True)
    finally:
        git(checkout, "reset", "--soft", "--quiet", original)
        if branch is not None:
            git(checkout, "symbolic-ref", "HEAD", branch)
        git(checkout, "reset", "--quiet")
    return results


def format_result(result: ConnectorResult) -> str:
    """Format one connector's result as report lines."""
    line = f"{result.connector} ({result.answers_file}): {result.status}"
    if result.status == CONFLICTS:
        files = "\n".join(f"    {path}" for path in result.conflict_files)
        return f"{line}; resolve the conflict markers in:\n{files}"
    if result.status == FAILED:
        message = "\n".join(f"    {text}" for text in result.message.splitlines())
        return f"{line}; its changes were discarded. Copier's message:\n{message}"
    return line


def format_summary(results: Sequence[ConnectorResult]) -> str:
    """Count the results by status in one line."""
    counts = {
        status: sum(result.status == status for result in results)
        for status in (UPDATED, UNCHANGED, CONFLICTS, FAILED)
    }
    parts = ", ".join(f"{count} {status}" for status, count in counts.items())
    noun = "connector" if len(results) == 1 else "connectors"
    return f"{len(results)} {noun}: {parts}."


def parse_arguments(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """Parse the script's options and split off the options passed to Copier."""
    own, copier_options = list(argv), []
    if "--" in own:
        index = own.index("--")
        own, copier_options = own[:index], own[index + 1 :]

    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="Options after -- go to every `copier update` unchanged.",
    )
    parser.add_argument(
        "checkout",
        nargs="?",
        type=Path,
        default=Path.cwd(),
        help="root of the Hyperswitch checkout (default: the current directory)",
    )
    parser.add_argument(
        "-r", "--vcs-ref", help="template git ref to update to (default: newest tag)"
    )
    parser.add_argument(
        "-o",
        "--conflict",
        choices=("inline", "rej"),
        help="how Copier reports conflicts (Copier's default: inline)",
    )
    parser.add_argument(
        "--copier",
        help="path of the copier executable (default: this Python's copier module)",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="print Copier's full output"
    )

    args = parser.parse_args(own)
    if args.vcs_ref:
        copier_options = ["--vcs-ref", args.vcs_ref, *copier_options]
    if args.conflict:
        copier_options = ["--conflict", args.conflict, *copier_options]
    return args, copier_options


def main(argv: Sequence[str] | None = None) -> int:
    """Update all connectors, print the report and return the exit code."""
    args, options = parse_arguments(sys.argv[1:] if argv is None else argv)
    checkout = args.checkout.resolve()
    try:
        copier = [args.copier] if args.copier else default_copier_command()
        results = update_all(checkout, copier, options, verbose=args.verbose)
    except CheckoutError as error:
        print(f"update_connectors: {error}", file=sys.stderr)
        return 2
    print(format_summary(results))
    if any(result.status == CONFLICTS for result in results):
        print("Resolve the conflict markers, review `git diff`, then commit.")
    return 1 if any(result.status == FAILED for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
