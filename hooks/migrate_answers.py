"""Migrate a connector's Copier answers file between template releases.

Copier runs this from `_migrations` in copier.yml during `copier update`, in
the `before` stage, so it rewrites the answers file before Copier reloads the
answers for the new template version. The working directory is the checkout
root, and the answers file path comes from `{{ _copier_conf.answers_file }}`
because Copier gives migrations no environment variable that names it.

    python hooks/migrate_answers.py --answers-file FILE rename OLD NEW
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml


class MigrationError(Exception):
    """Raised when the answers file cannot be migrated."""


def split_header(text: str) -> tuple[list[str], str]:
    """Split the leading comment lines from the YAML body."""
    lines = text.splitlines(keepends=True)
    header: list[str] = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line)
    return header, "".join(lines[len(header) :])


def load_mapping(path: Path) -> tuple[list[str], dict[str, Any]]:
    """Read the answers file into its comment header and its mapping."""
    if not path.is_file():
        raise MigrationError(
            f"answers file {path} not found: run the migration from the checkout "
            "root and pass the connector's .copier-answers.<name>.yml."
        )
    header, body = split_header(path.read_text(encoding="utf-8"))
    try:
        data = yaml.safe_load(body)
    except yaml.YAMLError as error:
        raise MigrationError(
            f"answers file {path} is not valid YAML: {error}"
        ) from error
    if not isinstance(data, dict):
        raise MigrationError(f"answers file {path} is not a YAML mapping.")
    return header, data


def rename_answer(path: Path, old: str, new: str) -> bool:
    """Rename answer old to new in place and return whether the file changed."""
    if old == new:
        raise MigrationError(f"cannot rename answer {old!r} to itself.")
    header, data = load_mapping(path)
    if old not in data:
        return False
    if new in data and data[new] != data[old]:
        raise MigrationError(
            f"answers file {path} has both {old}={data[old]!r} and "
            f"{new}={data[new]!r}: delete the line of the one that is wrong, "
            "then run the update again."
        )
    data[new] = data.pop(old)
    body = yaml.safe_dump(data, sort_keys=True, allow_unicode=True)
    path.write_text("".join(header) + body, encoding="utf-8")
    return True


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """Parse the migration's command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--answers-file",
        type=Path,
        required=True,
        help="the connector's answers file, relative to the working directory",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    rename = commands.add_parser(
        "rename", help="rename an answer, or do nothing when it is absent"
    )
    rename.add_argument("old", help="answer name in the older release")
    rename.add_argument("new", help="answer name in the newer release")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one migration command and return the process exit code."""
    args = parse_arguments(sys.argv[1:] if argv is None else argv)
    try:
        changed = rename_answer(args.answers_file, args.old, args.new)
    except MigrationError as error:
        print(f"answers migration failed: {error}", file=sys.stderr)
        return 1
    if changed:
        print(
            f"answers migration: renamed {args.old} to {args.new} "
            f"in {args.answers_file}."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
