"""Register a generated connector in the shared files of a Hyperswitch checkout.

    python hooks/register_connector.py [register|remove] [--dry-run]
        [--answers-file .copier-answers.<name>.yml] [PATH]

Every edit is computed in memory first. When any enclosing item is missing,
nothing is written and the error lists each file and item. Registration
reconciles: a second run changes nothing, and flows added later take the
connector out of the `default_imp_for_*` lists of the traits it now implements.
Exit status: 0 done or skipped, 1 enclosing item missing, 2 usage error.
"""

from __future__ import annotations

import argparse
import difflib
import logging
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import answers as answers_module
import registration_points as rp
from rust_lists import AnchorNotFound

LOGGER = logging.getLogger("register_connector")

# Files whose presence marks a Hyperswitch checkout (Copier also runs tasks
# in temporary replays of the template, which have none of them).
CHECKOUT_MARKERS = (
    "Cargo.toml",
    "crates/hyperswitch_connectors/src/connectors.rs",
    "crates/router",
)

REGENERATE_MESSAGE = (
    "The OpenAPI specs list every connector: regenerate them with\n"
    "  cargo run -p openapi --features v1\n"
    "  cargo run -p openapi --features v2"
)

# The standard library's TOML parser (Python 3.11+) reads a config file about
# ten times faster than tomlkit, which stays the parser on Python 3.10.
if sys.version_info >= (3, 11):
    import tomllib

    TOML_ERRORS: tuple[type[Exception], ...] = (tomllib.TOMLDecodeError,)
else:  # pragma: no cover
    from tomlkit.exceptions import TOMLKitError

    TOML_ERRORS = (TOMLKitError,)

EXIT_OK = 0
EXIT_ANCHOR_MISSING = 1
EXIT_USAGE = 2


@dataclass(frozen=True)
class FileEdit:
    """A shared file's text before and after registration."""

    path: Path
    old: str
    new: str

    def diff(self, root: Path) -> str:
        """Return the edit as a unified diff with paths relative to root."""
        name = self.path.relative_to(root).as_posix()
        lines = difflib.unified_diff(
            self.old.splitlines(keepends=True),
            self.new.splitlines(keepends=True),
            f"a/{name}",
            f"b/{name}",
        )
        return "".join(lines)


@dataclass(frozen=True)
class MissingAnchor:
    """One enclosing item that was not found."""

    path: str
    anchor: str


class AnchorsMissingError(Exception):
    """Raised when enclosing items are missing, with every miss in `misses`."""

    def __init__(self, misses: Sequence[MissingAnchor]) -> None:
        self.misses = list(misses)
        lines = [f"  {miss.path}: {miss.anchor} not found" for miss in self.misses]
        super().__init__(
            "registration stopped, nothing was written: "
            f"{len(self.misses)} enclosing item(s) missing\n" + "\n".join(lines)
        )


@dataclass
class RegistrationReport:
    """Outcome of a registration run: the edits made, or planned in a dry run."""

    checkout: Path
    edits: list[FileEdit]
    dry_run: bool
    notes: list[str] = field(default_factory=list)

    @property
    def changed_paths(self) -> list[Path]:
        """Return the paths of changed files."""
        return [edit.path for edit in self.edits]

    def diff(self) -> str:
        """Return the unified diff of every edit."""
        return "".join(edit.diff(self.checkout) for edit in self.edits)

    def summary(self) -> str:
        """Return one line per changed file plus any notes."""
        verb = "would change" if self.dry_run else "changed"
        lines = [
            f"{verb} {edit.path.relative_to(self.checkout).as_posix()}"
            for edit in self.edits
        ]
        if not self.edits:
            lines.append("no shared file needed a change")
        return "\n".join(lines + self.notes)


def is_hyperswitch_checkout(path: Path) -> bool:
    """Tell whether path is the root of a Hyperswitch checkout."""
    return all((path / marker).exists() for marker in CHECKOUT_MARKERS)


def plan_registration(checkout: Path, answers: Mapping[str, Any]) -> list[FileEdit]:
    """Compute the edits that register the connector, writing nothing."""
    return plan(checkout, rp.Connector.from_answers(answers), present=True)


def registration_problem(checkout: Path, answers: Mapping[str, Any]) -> str:
    """Return why registration would fail in checkout, or "" when it would work.

    Copier asks this before it renders anything, so a checkout that lacks an
    enclosing item is rejected while it is still untouched.
    """
    if not answers.get("register", True) or not is_hyperswitch_checkout(checkout):
        return ""
    try:
        plan_registration(checkout, answers)
    except AnchorsMissingError as error:
        return (
            f"register: {checkout} lacks what registration edits, so nothing was "
            f"written.\n{error}\nUpdate the checkout to a current Hyperswitch, or "
            "answer register=false and register the connector by hand."
        )
    return ""


def plan_unregistration(checkout: Path, answers: Mapping[str, Any]) -> list[FileEdit]:
    """Compute the edits that remove the connector's entries, writing nothing."""
    return plan(checkout, rp.Connector.from_answers(answers), present=False)


def plan(checkout: Path, connector: rp.Connector, present: bool) -> list[FileEdit]:
    """Apply every registration point in memory and collect misses."""
    texts: dict[str, str] = {}
    originals: dict[str, str] = {}
    missing_files: set[str] = set()
    # Whether each file's original text is valid TOML, parsed once per file.
    valid_originals: dict[str, bool] = {}
    misses: list[MissingAnchor] = []
    for point in rp.points():
        if not point.applies(connector) or point.path in missing_files:
            continue
        if point.path not in texts:
            path = checkout / point.path
            if not path.is_file():
                misses.append(MissingAnchor(point.path, "the file"))
                missing_files.add(point.path)
                continue
            texts[point.path] = originals[point.path] = path.read_text(encoding="utf-8")
        try:
            texts[point.path] = point.edit(texts[point.path], connector, present)
        except AnchorNotFound as error:
            detail = point.anchor
            if error.anchor != point.anchor:
                detail = f"{point.anchor} ({error.anchor})"
            misses.append(MissingAnchor(point.path, detail))
            continue
        if point.toml_check is not None and point.path not in valid_originals:
            valid_originals[point.path] = originals_parse(point, originals[point.path])
        if valid_originals.get(point.path, False):
            check_toml(point, texts[point.path], connector, present)
        LOGGER.debug("applied %s in %s", point.anchor, point.path)
    if misses:
        raise AnchorsMissingError(misses)
    return [
        FileEdit(checkout / name, originals[name], texts[name])
        for name in texts
        if texts[name] != originals[name]
    ]


def originals_parse(point: rp.RegistrationPoint, original: str) -> bool:
    """Tell whether a TOML file parsed before editing, warning when it did not."""
    if point.toml_check is None:
        return False
    try:
        parse_toml(original)
    except TOML_ERRORS as error:
        LOGGER.warning(
            "not checking %s: it was invalid TOML already: %s", point.path, error
        )
        return False
    return True


def parse_toml(text: str) -> dict[str, Any]:
    """Parse TOML text into plain Python values; raise one of TOML_ERRORS."""
    if sys.version_info >= (3, 11):
        return tomllib.loads(text)
    import tomlkit

    document: dict[str, Any] = tomlkit.parse(text).unwrap()
    return document


def check_toml(
    point: rp.RegistrationPoint, text: str, connector: rp.Connector, present: bool
) -> None:
    """Parse an edited TOML file and confirm it contains the entry."""
    if point.toml_check is None:
        return
    try:
        document = parse_toml(text)
    except TOML_ERRORS as error:
        raise RuntimeError(f"{point.path} is no longer valid TOML: {error}") from error
    if not point.toml_check(document, connector, present):
        raise RuntimeError(
            f"{point.path}: {point.anchor} does not contain {connector.name}"
        )


def register(
    checkout: Path, answers: Mapping[str, Any], *, dry_run: bool = False
) -> RegistrationReport:
    """Register the connector in the checkout (or only report, with dry_run)."""
    connector = rp.Connector.from_answers(answers)
    edits = plan(checkout, connector, present=True)
    report = RegistrationReport(checkout, edits, dry_run, registration_notes(connector))
    return finish(report)


def unregister(
    checkout: Path, answers: Mapping[str, Any], *, dry_run: bool = False
) -> RegistrationReport:
    """Remove every entry registration adds (or only report, with dry_run)."""
    connector = rp.Connector.from_answers(answers)
    edits = plan(checkout, connector, present=False)
    return finish(RegistrationReport(checkout, edits, dry_run))


def registration_notes(connector: rp.Connector) -> list[str]:
    """Describe registration points skipped for this connector's answers."""
    if connector.test_struct is None:
        note = (
            "skipped crates/test_utils/src/connector_auth.rs: test_utils has no "
            f"credentials struct for {connector.auth_type}, so the sample_auth.toml "
            "table names the auth_type for the test harness to read"
        )
        return [note]
    return []


def finish(report: RegistrationReport) -> RegistrationReport:
    """Write the edits unless this is a dry run."""
    if report.dry_run:
        return report
    for edit in report.edits:
        edit.path.write_text(edit.new, encoding="utf-8")
        LOGGER.info("wrote %s", edit.path)
    return report


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """Parse the command line; `register` is the default command."""
    parser = argparse.ArgumentParser(
        prog="register_connector.py",
        description="Register a connector in a Hyperswitch checkout, or remove it.",
    )
    parser.add_argument(
        "words",
        nargs="*",
        metavar="[register|remove] [PATH]",
        help="command (default: register) and checkout root (default: .)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print the unified diff, write nothing"
    )
    parser.add_argument(
        "--answers-file",
        help="connector answers file, relative to PATH (default: the only "
        ".copier-answers.<name>.yml in PATH)",
    )
    parser.add_argument(
        "--remove",
        action="store_true",
        help="remove the connector's entries (the same as the remove command)",
    )
    parser.add_argument("--verbose", action="store_true", help="log every edit")
    arguments = parser.parse_intermixed_args(argv)
    words = list(arguments.words)
    arguments.command = "register"
    if words and words[0] in ("register", "remove"):
        arguments.command = words.pop(0)
    if len(words) > 1 and words[0] not in ("register", "remove"):
        parser.error(
            f"unknown command {words[0]!r}: use register or remove, then the PATH"
        )
    if len(words) > 1:
        parser.error(f"expected at most one PATH, got {' '.join(words)}")
    arguments.path = Path(words[0]) if words else Path(".")
    if arguments.remove:
        arguments.command = "remove"
    return arguments


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status."""
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(
        level=logging.DEBUG if arguments.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    checkout: Path = arguments.path
    if not checkout.is_dir():
        print(
            f"error: checkout {checkout} not found: pass the Hyperswitch root as PATH."
        )
        return EXIT_USAGE
    if not is_hyperswitch_checkout(checkout):
        print(
            f"registration skipped: {checkout} is not a Hyperswitch checkout "
            f"(it lacks one of {', '.join(CHECKOUT_MARKERS)})."
        )
        return EXIT_OK
    try:
        path = answers_module.answers_path(checkout, arguments.answers_file)
        answers = answers_module.load_answers(path)
        connector = rp.Connector.from_answers(answers)
    except answers_module.AnswersError as error:
        print(f"error: {error}")
        return EXIT_USAGE
    except (KeyError, ValueError) as error:
        print(f"error: answers file is missing or has an invalid value: {error}")
        return EXIT_USAGE
    if arguments.command == "register" and answers.get("register") is False:
        print(f"registration skipped: {path.name} sets register: false.")
        return EXIT_OK
    return run(arguments.command, checkout, answers, connector, arguments.dry_run)


def run(
    command: str,
    checkout: Path,
    answers: Mapping[str, Any],
    connector: rp.Connector,
    dry_run: bool,
) -> int:
    """Register or remove, print the report, and return the exit status."""
    action = register if command == "register" else unregister
    try:
        report = action(checkout, answers, dry_run=dry_run)
    except AnchorsMissingError as error:
        LOGGER.error("%s", error)
        print(f"error: {error}")
        return EXIT_ANCHOR_MISSING
    if dry_run:
        print(report.diff(), end="")
    print(report.summary())
    if command == "register" and report.edits and not dry_run:
        print(f"Registered {connector.name} ({connector.type_name}).")
        print(REGENERATE_MESSAGE)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
