"""Validate a generated connector: the files the template wrote, and registration.

    python hooks/validate_connector.py [--answers-file .copier-answers.<name>.yml]
        [--format text|json] [PATH]

Prints `path:line:col: CODE message` lines and a one-line summary. Exit
status: 0 without errors (warnings and info do not count), 1 with errors, 2
for a usage error such as a missing answers file or checkout. The rule codes
and descriptions are in validation_rules.RULES.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import answer_checks
import answers as answers_module
import flow_catalog
import validation_checkout as checkout_rules
import validation_imports
import validation_rust
import validation_semantics as semantics
import validation_text
from validation_rules import (
    FILE_PATTERNS,
    Context,
    Finding,
    Severity,
    SourceFile,
    make_finding,
    rule_table,
)

__all__ = [
    "Finding",
    "Severity",
    "format_json",
    "format_text",
    "main",
    "rule_table",
    "validate",
]

LOGGER = logging.getLogger("validate_connector")

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_USAGE = 2

FileCheck = Callable[[SourceFile], list[Finding]]
ContextCheck = Callable[[Context, SourceFile], list[Finding]]


def validate(checkout: Path, answers: Mapping[str, Any]) -> list[Finding]:
    """Run every rule on one connector of a checkout and return sorted findings."""
    context = Context(Path(checkout), answers)
    findings = check_answers(context)
    if any(finding.code == "HSC020" and _blocks(finding) for finding in findings):
        return sorted(findings)
    findings.extend(load_files(context))
    for source in context.files.values():
        findings.extend(check_file(context, source))
    findings.extend(checkout_rules.check_rustfmt(context, context.rust_files()))
    findings.extend(checkout_rules.check_registration(context))
    return sorted(findings)


# Answers the Rust and document rules depend on; when one is invalid the
# validator reports it and stops, because every later finding would be noise.
BLOCKING_ANSWERS = ("connector_name", "flow", "auth_type", "amount_unit")


def _blocks(finding: Finding) -> bool:
    return any(finding.message.startswith(key) for key in BLOCKING_ANSWERS)


def check_answers(context: Context) -> list[Finding]:
    """Run copier.yml's answer checks again on the answers file."""
    answers = context.answers
    catalog = flow_catalog.load_catalog()
    messages = [
        answer_checks.check_connector_name(answers.get("connector_name")),
        answer_checks.check_flows(answers.get("flows")),
        answer_checks.check_choice(
            "auth_type", answers.get("auth_type"), catalog["auth_types"]
        ),
        answer_checks.check_choice(
            "amount_unit", answers.get("amount_unit"), catalog["amount_units"]
        ),
    ]
    if not any(messages):
        messages.extend(_optional_answer_messages(answers, catalog))
    name = answers.get("connector_name")
    relative = answer_checks.answers_file_name(name) if isinstance(name, str) else "."
    answers_text = _read_text(context.root / relative)
    findings: list[Finding] = []
    for message in messages:
        if message:
            key = message.split(" ", 1)[0]
            key = "flows" if key == "flow" else key
            line = _yaml_key_line(answers_text, key)
            findings.append(make_finding(relative, line, 1, "HSC020", message))
    return findings


def _optional_answer_messages(
    answers: Mapping[str, Any], catalog: Mapping[str, Any]
) -> list[str]:
    """Check the answers that only shape text: names, URLs, endpoints, dates."""
    checks: list[tuple[str, Callable[[Any], str]]] = [
        (
            "auth_scheme",
            lambda scheme: answer_checks.check_auth_scheme(
                answers.get("auth_type"), scheme
            ),
        ),
        ("display_name", answer_checks.check_display_name),
        ("base_url", answer_checks.check_base_url),
        (
            "content_type",
            lambda value: answer_checks.check_choice(
                "content_type", value, catalog["content_types"]
            ),
        ),
        ("payment_methods", answer_checks.check_payment_methods),
        ("generated_on", answer_checks.check_date),
    ]
    messages = [check(answers[key]) for key, check in checks if key in answers]
    if answers.get("auth_scheme") == "custom_header":
        messages.append(
            answer_checks.check_header_name(answers.get("auth_header_name"))
        )
    for flow in answers.get("flows") or []:
        messages.append(
            answer_checks.check_endpoint(flow, answers.get(f"{flow}_endpoint", ""))
        )
    return messages


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def _yaml_key_line(text: str, key: str) -> int:
    """Return the 1-based line of a top-level key in YAML text (1 if absent)."""
    for index, line in enumerate(text.splitlines()):
        if line.startswith(f"{key}:"):
            return index + 1
    return 1


def load_files(context: Context) -> list[Finding]:
    """Read every file the template writes; report the ones that are missing."""
    findings: list[Finding] = []
    for role in FILE_PATTERNS:
        relative = context.relative(role)
        path = context.root / relative
        if not path.is_file():
            findings.append(
                make_finding(
                    relative,
                    1,
                    1,
                    "HSC021",
                    f"{relative} is missing: restore it from git, or rerun "
                    "`copier update` to write it again.",
                )
            )
            continue
        context.files[role] = SourceFile(
            context.root, relative, role, path.read_bytes()
        )
    answers_file = answer_checks.answers_file_name(context.name)
    if (context.root / answers_file).is_file():
        context.files["answers"] = SourceFile(
            context.root,
            answers_file,
            "answers",
            (context.root / answers_file).read_bytes(),
        )
    return findings


def check_file(context: Context, source: SourceFile) -> list[Finding]:
    """Run the rules that apply to one file."""
    findings = validation_text.check_residue(context, source)
    if source.role == "answers":
        return findings
    findings.extend(validation_text.check_credentials(source))
    if source.role == "spec":
        findings.extend(validation_text.check_spec(context, source))
    elif source.role == "plan":
        findings.extend(validation_text.check_plan(context, source))
    elif source.role in ("connector", "transformers", "test"):
        findings.extend(check_rust_file(context, source))
    return findings


RUST_FILE_CHECKS: tuple[FileCheck, ...] = (
    validation_rust.check_panics,
    validation_imports.check_imports,
    validation_rust.check_error_responses,
)
ROLE_CHECKS: dict[str, tuple[ContextCheck, ...]] = {
    "connector": (semantics.check_flow_impls, semantics.check_amount_converter),
    "transformers": (semantics.check_auth, semantics.check_router_data_amount),
}


def check_rust_file(context: Context, source: SourceFile) -> list[Finding]:
    """Check syntax, then, for a file that parses, every tree-based rule."""
    findings = validation_rust.check_syntax(source)
    if findings:
        LOGGER.info("%s has syntax errors: tree-based rules skipped", source.relative)
        return findings
    for check in RUST_FILE_CHECKS:
        findings.extend(check(source))
    for context_check in ROLE_CHECKS.get(source.role, ()):
        findings.extend(context_check(context, source))
    if source.role in ("connector", "transformers"):
        findings.extend(semantics.check_status_mappings(source))
    return findings


def format_text(findings: Sequence[Finding]) -> str:
    """Format findings as linter lines followed by a one-line summary."""
    lines = []
    for finding in findings:
        prefix = (
            "" if finding.severity is Severity.ERROR else f"{finding.severity.value}: "
        )
        lines.append(
            f"{finding.path}:{finding.line}:{finding.column}: {finding.code} "
            f"{prefix}{finding.message}"
        )
    lines.append(summary(findings))
    return "\n".join(lines)


def summary(findings: Sequence[Finding]) -> str:
    """Return the one-line count of findings by severity."""
    counts = {severity: 0 for severity in Severity}
    for finding in findings:
        counts[finding.severity] += 1
    errors = counts[Severity.ERROR]
    warnings = counts[Severity.WARNING]
    infos = counts[Severity.INFO]
    verdict = "validation failed" if errors else "validation passed"
    return (
        f"{verdict}: {errors} error{'s' * (errors != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)}, {infos} info"
    )


def format_json(findings: Sequence[Finding]) -> str:
    """Format findings and their counts as a JSON document."""
    counts = {severity.value: 0 for severity in Severity}
    for finding in findings:
        counts[finding.severity.value] += 1
    document = {
        "findings": [finding.as_dict() for finding in findings],
        "summary": counts,
    }
    return json.dumps(document, indent=2)


def exit_status(findings: Sequence[Finding]) -> int:
    """Return 1 when any finding is an error, else 0."""
    has_error = any(finding.severity is Severity.ERROR for finding in findings)
    return EXIT_ERRORS if has_error else EXIT_OK


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(
        prog="validate_connector.py",
        description="Check the files a connector template wrote into a "
        "Hyperswitch checkout, and its registration.",
    )
    parser.add_argument(
        "path",
        nargs="?",
        default=".",
        type=Path,
        help="checkout root (default: the current directory)",
    )
    parser.add_argument(
        "--answers-file",
        help="connector answers file, relative to PATH (default: the only "
        ".copier-answers.<name>.yml in PATH)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="output format (default: text)",
    )
    parser.add_argument("--verbose", action="store_true", help="log each step")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status."""
    arguments = parse_arguments(sys.argv[1:] if argv is None else list(argv))
    logging.basicConfig(
        level=logging.DEBUG if arguments.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    checkout: Path = arguments.path
    if not checkout.is_dir():
        print(
            f"error: checkout {checkout} not found: pass the Hyperswitch checkout "
            "root as PATH.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        path = answers_module.answers_path(checkout, arguments.answers_file)
        answers = answers_module.load_answers(path)
    except answers_module.AnswersError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    findings = validate(checkout, answers)
    output = (
        format_json(findings) if arguments.format == "json" else format_text(findings)
    )
    print(output)
    return exit_status(findings)


if __name__ == "__main__":
    sys.exit(main())
