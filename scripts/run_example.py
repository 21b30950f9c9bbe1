"""Render examples/acmepay.yml into a miniature Hyperswitch checkout.

The checkout is a copy of tests/fixtures/hyperswitch under build/example/,
committed to a fresh git repository, so `git status` afterwards shows exactly
what the template wrote and which shared files registration changed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKOUT = ROOT / "build" / "example" / "hyperswitch"
ANSWERS = ROOT / "examples" / "acmepay.yml"


def git(*args: str) -> str:
    """Run git in the example checkout and return its output."""
    result = subprocess.run(
        ["git", "-C", str(CHECKOUT), *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def prepare_checkout() -> None:
    """Copy the miniature checkout and commit it as the starting point."""
    shutil.rmtree(CHECKOUT, ignore_errors=True)
    shutil.copytree(ROOT / "tests" / "fixtures" / "hyperswitch", CHECKOUT)
    git("init", "--quiet", "--initial-branch", "main")
    git("add", "--all")
    git(
        "-c",
        "user.name=Example",
        "-c",
        "user.email=example@example.invalid",
        "commit",
        "--quiet",
        "--message",
        "Miniature Hyperswitch checkout",
    )


def main() -> int:
    """Run copier copy on the example answers and report what changed."""
    prepare_checkout()
    copier = Path(sys.executable).parent / "copier"
    command = [
        str(copier),
        "copy",
        "--trust",
        "--defaults",
        "--vcs-ref",
        "HEAD",
        "--data-file",
        str(ANSWERS),
        str(ROOT),
        str(CHECKOUT),
    ]
    print("$ " + " ".join(command), flush=True)
    completed = subprocess.run(command, check=False)
    if completed.returncode:
        return completed.returncode
    print(f"\nFiles written or changed in {CHECKOUT.relative_to(ROOT)}:")
    print(git("status", "--short", "--untracked-files=all"))
    print(git("diff", "--stat"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
