"""The validation rules: codes, findings, and the files one validation reads.

Every rule has a stable code and a one-line description in RULES, which the
README generator reads through rule_table(). The checks themselves live in
the validation_* modules and report Finding objects against real files and
lines of the checkout.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import naming
import rust_syntax as rs


class Severity(enum.Enum):
    """How much a finding matters; only errors change the exit status."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Rule:
    """One validation rule with its stable code."""

    code: str
    name: str
    severity: Severity
    description: str


RULES: tuple[Rule, ...] = (
    Rule(
        "HSC001",
        "rust-syntax",
        Severity.ERROR,
        "Every generated Rust file parses with tree-sitter-rust without an "
        "ERROR or MISSING node.",
    ),
    Rule(
        "HSC002",
        "rustfmt",
        Severity.ERROR,
        "`rustfmt --edition 2021 --check` leaves every generated Rust file "
        "unchanged (an info finding says so when rustfmt is not installed).",
    ),
    Rule(
        "HSC003",
        "template-residue",
        Severity.ERROR,
        "No written file keeps Jinja syntax or an unfilled GRACE placeholder "
        "such as `{{connector_name}}` or `[[…]]`.",
    ),
    Rule(
        "HSC004",
        "panicking-code",
        Severity.ERROR,
        "No `todo!`, `unimplemented!`, `panic!`, `.unwrap()` or `.expect(` "
        "outside tests (tests may unwrap, expect and panic).",
    ),
    Rule(
        "HSC005",
        "unused-import",
        Severity.ERROR,
        "Every name a `use` declaration imports is used in the file.",
    ),
    Rule(
        "HSC006",
        "duplicate-import",
        Severity.ERROR,
        "No name is imported twice into the same scope.",
    ),
    Rule(
        "HSC007",
        "unproven-trait-import",
        Severity.WARNING,
        "A trait import whose use the validator cannot prove (it may serve "
        "only method calls) is reported for review.",
    ),
    Rule(
        "HSC008",
        "flow-impls",
        Severity.ERROR,
        "Each chosen flow has a filled `ConnectorIntegration` impl with the "
        "catalogue's types; each other flow has an empty impl or none, as its "
        "default requires.",
    ),
    Rule(
        "HSC009",
        "auth-type",
        Severity.ERROR,
        "`<Connector>AuthType` reads the chosen `ConnectorAuthType` variant "
        "and has exactly its fields.",
    ),
    Rule(
        "HSC010",
        "amount-unit",
        Severity.ERROR,
        "The amount converter and `<Connector>RouterData` use the chosen "
        "amount unit and its `…ForConnector` converter.",
    ),
    Rule(
        "HSC011",
        "error-response-fields",
        Severity.ERROR,
        "Every `ErrorResponse { … }` literal sets all eleven current fields "
        "(or uses `..base`).",
    ),
    Rule(
        "HSC012",
        "unknown-status-failure",
        Severity.ERROR,
        "No status mapping sends the unknown (`#[serde(other)]`) status or a "
        "`_` arm to a failure state.",
    ),
    Rule(
        "HSC013",
        "credential-literal",
        Severity.ERROR,
        "No literal that looks like a credential (API key, `Bearer` token, "
        "long hex or base64 secret) in Rust code or the docs.",
    ),
    Rule(
        "HSC014",
        "spec-sections",
        Severity.ERROR,
        "The tech spec has every numbered section from `## 1. Connector "
        "Overview` to `## 10. References`.",
    ),
    Rule(
        "HSC015",
        "spec-endpoints",
        Severity.ERROR,
        "The tech spec has one endpoint row per chosen flow that calls an endpoint.",
    ),
    Rule(
        "HSC016",
        "spec-status-tables",
        Severity.ERROR,
        "The tech spec has one flow section with one status table per chosen "
        "flow that maps statuses.",
    ),
    Rule(
        "HSC017",
        "plan-steps",
        Severity.ERROR,
        "The plan has exactly one step per chosen flow.",
    ),
    Rule(
        "HSC018",
        "plan-order",
        Severity.ERROR,
        "The plan's flow steps come after the steps of their prerequisite flows.",
    ),
    Rule(
        "HSC019",
        "registration",
        Severity.ERROR,
        "When `register` is true in a Hyperswitch checkout, each registration "
        "entry is present exactly once.",
    ),
    Rule(
        "HSC020",
        "answers",
        Severity.ERROR,
        "The answers file passes the same checks as the questions in copier.yml.",
    ),
    Rule(
        "HSC021",
        "missing-file",
        Severity.ERROR,
        "Every file the template writes for the answers exists.",
    ),
)

RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}


def rule_table() -> list[tuple[str, str, str]]:
    """Return (code, severity, description) rows for the README's rule list."""
    return [(rule.code, rule.severity.value, rule.description) for rule in RULES]


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place: a checkout-relative path and 1-based position."""

    path: str
    line: int
    column: int
    code: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)

    def as_dict(self) -> dict[str, Any]:
        """Return the finding as JSON-ready data."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
        }


# Paths of the files the template writes, relative to the checkout.
FILE_PATTERNS: dict[str, str] = {
    "connector": "crates/hyperswitch_connectors/src/connectors/{name}.rs",
    "transformers": (
        "crates/hyperswitch_connectors/src/connectors/{name}/transformers.rs"
    ),
    "test": "crates/router/tests/connectors/{name}.rs",
    "spec": "grace/connector_integration/{name}/{name}_specs.md",
    "plan": "grace/connector_integration/{name}/{name}_plan.md",
    "guide": "grace/connector_integration/{name}/{name}_guide.md",
}
RUST_ROLES = ("connector", "transformers", "test")


@dataclass
class SourceFile:
    """One written file, read once; Rust files are parsed once, on first use."""

    root: Path
    relative: str
    role: str
    data: bytes

    @cached_property
    def text(self) -> str:
        """Return the file decoded as UTF-8 (invalid bytes replaced)."""
        return self.data.decode("utf-8", errors="replace")

    @cached_property
    def tree(self) -> rs.Tree:
        """Return the tree-sitter-rust syntax tree of the file."""
        return rs.parse(self.data)

    @cached_property
    def syntax_errors(self) -> list[rs.Node]:
        """Return the ERROR and MISSING nodes of the file."""
        return rs.syntax_errors(self.tree)

    @property
    def path(self) -> Path:
        """Return the absolute path of the file."""
        return self.root / self.relative

    def finding(self, code: str, line: int, column: int, message: str) -> Finding:
        """Build a finding in this file with the rule's default severity."""
        return make_finding(self.relative, line, column, code, message)

    def node_finding(self, code: str, node: rs.Node, message: str) -> Finding:
        """Build a finding at the start of a syntax node."""
        row, column = node.start_point
        return self.finding(code, row + 1, self.column_of(row, column), message)

    def offset_finding(self, code: str, offset: int, message: str) -> Finding:
        """Build a finding at a character offset of the decoded text."""
        line = self.text.count("\n", 0, offset) + 1
        column = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return self.finding(code, line, column, message)

    def column_of(self, row: int, byte_column: int) -> int:
        """Convert tree-sitter's byte column to a 1-based character column."""
        lines = self.data.split(b"\n")
        if row >= len(lines):
            return byte_column + 1
        prefix = lines[row][:byte_column]
        return len(prefix.decode("utf-8", errors="replace")) + 1


def make_finding(
    path: str,
    line: int,
    column: int,
    code: str,
    message: str,
    severity: Severity | None = None,
) -> Finding:
    """Build a finding, taking the severity from the rule unless given."""
    rule = RULES_BY_CODE[code]
    return Finding(path, line, column, code, severity or rule.severity, message)


@dataclass
class Context:
    """What one validation run knows: the checkout, the answers and the files."""

    root: Path
    answers: Mapping[str, Any]
    files: dict[str, SourceFile] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """Return the connector's snake_case module name."""
        return str(self.answers["connector_name"])

    @property
    def pascal(self) -> str:
        """Return the connector's type name."""
        return naming.pascal_case(self.name)

    @property
    def flows(self) -> list[str]:
        """Return the chosen flows as listed in the answers."""
        flows = self.answers.get("flows") or []
        return [str(flow) for flow in flows] if isinstance(flows, list) else []

    def relative(self, role: str) -> str:
        """Return the checkout-relative path of one written file."""
        return FILE_PATTERNS[role].format(name=self.name)

    def rust_files(self) -> list[SourceFile]:
        """Return the Rust files that exist, in a fixed order."""
        return [self.files[role] for role in RUST_ROLES if role in self.files]
