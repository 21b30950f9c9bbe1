"""Rules that need tools or files beyond the generated ones: rustfmt, registration."""

from __future__ import annotations

import difflib
import logging
import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import register_connector
import registration_points as rp
from rust_lists import AnchorNotFound
from validation_rules import Context, Finding, Severity, SourceFile, make_finding

LOGGER = logging.getLogger("validate_connector")

# rustfmt 1.x prints "Diff in PATH at line N:" (older) or "Diff in PATH:N:".
DIFF_HEADER = re.compile(r"^Diff in (.+?)(?: at line |:)(\d+):?\s*$")
RUSTFMT_TIMEOUT_SECONDS = 120
# Hyperswitch's .rustfmt.toml sets nightly-only options (import grouping and
# granularity); stable rustfmt warns about each one and ignores it.
NIGHTLY_ONLY_WARNING = "unstable features are only available in nightly channel"


def check_rustfmt(context: Context, sources: Sequence[SourceFile]) -> list[Finding]:
    """Run rustfmt --check once over every parsable Rust file and report diffs."""
    if not sources:
        return []
    rustfmt = shutil.which("rustfmt")
    if rustfmt is None:
        return [
            make_finding(
                sources[0].relative,
                1,
                1,
                "HSC002",
                "rustfmt not found on PATH, so the formatting check was skipped "
                "(install it with `rustup component add rustfmt`).",
                Severity.INFO,
            )
        ]
    checked = [source for source in sources if _formattable(context, source)]
    if not checked:
        return []
    command = [*_rustfmt_command(rustfmt, context.root)]
    command += ["--edition", "2021", "--color", "never", "--check"]
    command.extend(str(source.path) for source in checked)
    LOGGER.debug("running %s", " ".join(command))
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=False,
            timeout=RUSTFMT_TIMEOUT_SECONDS,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        LOGGER.warning("rustfmt failed: %s", error)
        return [
            make_finding(
                checked[0].relative,
                1,
                1,
                "HSC002",
                f"rustfmt could not run ({error}), so the formatting check was "
                "skipped.",
                Severity.WARNING,
            )
        ]
    return _diff_findings(context, checked, result.stdout, result.stderr)


def _rustfmt_command(rustfmt: str, root: Path) -> list[str]:
    """Return rustfmt, on the nightly toolchain when the checkout's config needs it.

    `+nightly` works only through rustup's proxy, so this asks it first and
    falls back to the rustfmt on PATH.
    """
    config = root / ".rustfmt.toml"
    if not config.is_file() or "unstable_features" not in config.read_text("utf-8"):
        return [rustfmt]
    try:
        probe = subprocess.run(
            [rustfmt, "+nightly", "--version"],
            capture_output=True,
            text=True,
            check=False,
            timeout=RUSTFMT_TIMEOUT_SECONDS,
        )
    except (OSError, subprocess.TimeoutExpired):
        return [rustfmt]
    return [rustfmt, "+nightly"] if probe.returncode == 0 else [rustfmt]


def _formattable(context: Context, source: SourceFile) -> bool:
    """Skip files with syntax errors, and the connector file without its module."""
    if source.syntax_errors:
        return False
    return source.role != "connector" or "transformers" in context.files


def _diff_findings(
    context: Context, checked: Sequence[SourceFile], stdout: str, stderr: str
) -> list[Finding]:
    by_path = {source.path.resolve(): source for source in checked}
    findings: set[Finding] = set()
    lines = stdout.splitlines()
    for index, line in enumerate(lines):
        match = DIFF_HEADER.match(line)
        if match is None:
            continue
        source = by_path.get(Path(match.group(1)).resolve())
        relative = source.relative if source else _relative(context, match.group(1))
        changed = int(match.group(2)) + _context_lines(lines, index + 1)
        findings.add(
            make_finding(
                relative,
                changed,
                1,
                "HSC002",
                "rustfmt would reformat this code: run `rustfmt --edition 2021` on "
                "the file (Hyperswitch CI runs `cargo +nightly fmt --all --check`).",
            )
        )
    warnings = stderr.strip().splitlines()
    problems = [line for line in warnings if NIGHTLY_ONLY_WARNING not in line]
    if not findings and problems:
        LOGGER.warning("rustfmt reported: %s", "\n".join(problems))
        findings.add(
            make_finding(
                checked[0].relative,
                1,
                1,
                "HSC002",
                f"rustfmt failed: {problems[0]}",
                Severity.WARNING,
            )
        )
    if len(problems) < len(warnings):
        findings.add(
            make_finding(
                checked[0].relative,
                1,
                1,
                "HSC002",
                "stable rustfmt ignored the checkout's nightly-only options "
                "(import grouping), so imports were not checked against them: "
                "install `rustup toolchain install nightly --component rustfmt` "
                "for the check Hyperswitch CI runs.",
                Severity.INFO,
            )
        )
    return sorted(findings)


def _context_lines(lines: list[str], start: int) -> int:
    """Count the unchanged lines rustfmt prints before the first changed one."""
    count = 0
    for line in lines[start:]:
        if line.startswith(("-", "+")) or DIFF_HEADER.match(line):
            break
        count += 1
    return count


def _relative(context: Context, path: str) -> str:
    try:
        return Path(path).resolve().relative_to(context.root.resolve()).as_posix()
    except ValueError:
        return path


def check_registration(context: Context) -> list[Finding]:
    """Check each registration entry is present exactly once in the checkout."""
    if context.answers.get("register") is False:
        return []
    if not register_connector.is_hyperswitch_checkout(context.root):
        LOGGER.info(
            "%s is not a Hyperswitch checkout: registration not checked", context.root
        )
        return []
    try:
        connector = rp.Connector.from_answers(context.answers)
    except (KeyError, ValueError) as error:
        LOGGER.info("registration not checked: %s", error)
        return []
    findings: list[Finding] = []
    for point in rp.points():
        if not point.applies(connector):
            continue
        findings.extend(_check_point(context, connector, point))
    return findings


def _check_point(
    context: Context, connector: rp.Connector, point: rp.RegistrationPoint
) -> list[Finding]:
    """Compare one point's file with the registrar's own add and remove edits.

    Adding the entry must change nothing (it is present). Removing it and
    adding it back must delete as many lines as it adds (it is there once).
    """
    path = context.root / point.path
    if not path.is_file():
        return [
            make_finding(
                point.path,
                1,
                1,
                "HSC019",
                f"file missing, so {point.anchor} cannot "
                f"hold {connector.name}: restore the file, then rerun registration.",
            )
        ]
    text = path.read_text(encoding="utf-8")
    try:
        added = point.edit(text, connector, True)
        removed = point.edit(text, connector, False)
        readded = point.edit(removed, connector, True)
    except AnchorNotFound as error:
        return [
            make_finding(
                point.path,
                1,
                1,
                "HSC019",
                f"{point.anchor} not found ({error.anchor}): registration cannot "
                f"place {connector.name} here.",
            )
        ]
    if added != text:
        line = _first_changed_line(text, added)
        return [
            make_finding(
                point.path,
                line,
                1,
                "HSC019",
                f"{connector.name} is missing from {point.anchor}: run "
                "`python hooks/register_connector.py` to add it.",
            )
        ]
    if readded == text:
        # The file equals what adding the entry to the file without it
        # produces, so it contains the entry once and the diffs below agree.
        return []
    removed_lines = _changed_line_numbers(text, removed)
    added_count = len(_changed_line_numbers(readded, removed)) or 1
    if len(removed_lines) <= added_count:
        return []
    # Adding back puts one entry where the original one sits, so the lines the
    # original has beyond that are the extra copies.
    extra = _changed_line_numbers(text, readded)
    duplicate = extra[0] if extra else removed_lines[-1]
    return [
        make_finding(
            point.path,
            duplicate,
            1,
            "HSC019",
            f"{connector.name} appears more than once in {point.anchor}: keep one "
            "entry.",
        )
    ]


def _first_changed_line(old: str, new: str) -> int:
    """Return the 1-based line of old where new first differs."""
    matcher = difflib.SequenceMatcher(
        None, old.splitlines(), new.splitlines(), autojunk=False
    )
    for tag, start, _end, _start2, _end2 in matcher.get_opcodes():
        if tag != "equal":
            return start + 1
    return 1


def _changed_line_numbers(old: str, new: str) -> list[int]:
    """Return the 1-based lines of old that new deletes or replaces."""
    matcher = difflib.SequenceMatcher(
        None, old.splitlines(), new.splitlines(), autojunk=False
    )
    changed: list[int] = []
    for tag, start, end, _start2, _end2 in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            changed.extend(range(start + 1, end + 1))
    return changed
