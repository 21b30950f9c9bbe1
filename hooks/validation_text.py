"""Rules on file text: template residue, credentials, and the spec and plan."""

from __future__ import annotations

import re
from collections.abc import Iterator

import flow_catalog
import rust_syntax as rs
from validation_rules import Context, Finding, SourceFile

# Jinja delimiters and GRACE's double-bracket placeholders, in any text file.
TEXT_RESIDUE = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}|\[\[[^\]\n]*\]\]")
# GRACE's prompt-style prose placeholders, such as [List of supported countries].
PROSE_PLACEHOLDER = re.compile(
    r"\[(?:List|Add|Insert|Enter|Describe|Your|Connector name)\b[^\]\n]*\](?!\()"
)
# In Rust only an expression-shaped `{{ … }}` or a statement delimiter counts,
# because format strings escape literal braces as `{{` and `}}`.
RUST_RESIDUE = re.compile(
    r"\{\{-?\s*[A-Za-z_][\w.]*\s*(?:\|[^{}\n]*)?-?\}\}|\{%|%\}|\{#|#\}"
)
GRACE_PLACEHOLDER_NAME = re.compile(r"^(?:[A-Z][A-Z0-9_]*|\w*connector\w*|\w*_url)$")

CREDENTIAL_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{8,}"),
        "an API key with a live/test prefix",
    ),
    (re.compile(r"\bwhsec_[A-Za-z0-9]{16,}"), "a webhook signing secret"),
    (re.compile(r"\bAKIA[0-9A-Z]{16}\b"), "an AWS access key id"),
    (
        re.compile(r"\b(?:Bearer|Basic)\s+[A-Za-z0-9\-._~+/]{16,}=*"),
        "a literal Authorization token",
    ),
    (
        re.compile(
            r"\b(?:api_key|api_secret|secret|client_secret|password|passwd|token|"
            r"access_token|key1|key2|private_key)\b[\"']?\s*[:=]\s*[\"']"
            r"(?=[^\"'\s<>{}]*\d)(?=[^\"'\s<>{}]*[A-Za-z])[^\"'\s<>{}]{8,}[\"']"
        ),
        "a credential assigned to a key field",
    ),
    (
        re.compile(r"(?<![A-Za-z0-9])[0-9a-fA-F]{32,}(?![A-Za-z0-9])"),
        "a long hex secret",
    ),
)
BASE64_TOKEN = re.compile(r"(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/]{40,}={0,2}(?![\w+/=-])")

SPEC_SECTIONS: tuple[tuple[int, str], ...] = (
    (1, "Connector Overview"),
    (2, "API Endpoints"),
    (3, "Data Models"),
    (4, "Implementation Details"),
    (5, "Webhooks"),
    (6, "Error Handling"),
    (7, "Testing Strategy"),
    (8, "Connector-Specific Considerations"),
    (9, "Implementation Checklist"),
    (10, "References"),
)
SECTION_HEADING = re.compile(r"^## (\d+)\.\s+(.+?)\s*$")
FLOW_HEADING = re.compile(r"^### 3\.\d+\s+.*\((\w+)\)\s*$")
ENDPOINT_ROW = re.compile(r"^\|\s*`(\w+)`\s*\|")
STATUS_TABLE = re.compile(r"^\|\s*Connector status\s*\|", re.IGNORECASE)
PLAN_STEP = re.compile(r"^\s*- \[[ xX]\] Step (\d+):.*?(?:\((\w+)\))?\s*$")


def check_residue(context: Context, source: SourceFile) -> list[Finding]:
    """Report Jinja syntax and unfilled placeholders left in a written file."""
    if source.role in ("connector", "transformers", "test"):
        return list(_rust_residue(context, source))
    findings: list[Finding] = []
    for pattern in (TEXT_RESIDUE, PROSE_PLACEHOLDER):
        for match in pattern.finditer(source.text):
            findings.append(
                source.offset_finding(
                    "HSC003",
                    match.start(),
                    f"template residue `{match.group(0)[:40]}`: replace it with "
                    "the real text, or rerun `copier update` if the template "
                    "left it.",
                )
            )
    return findings


def _rust_residue(context: Context, source: SourceFile) -> Iterator[Finding]:
    literals = _string_literal_ranges(source)
    data = source.data.decode("utf-8", errors="replace")
    for match in RUST_RESIDUE.finditer(data):
        inside = any(start <= match.start() < end for start, end in literals)
        if inside and not _is_placeholder_name(context, match.group(0)):
            continue
        yield source.offset_finding(
            "HSC003",
            match.start(),
            f"template residue `{match.group(0)[:40]}`: replace it with Rust code, "
            "or rerun `copier update` if the template left it.",
        )


def _is_placeholder_name(context: Context, residue: str) -> bool:
    name = residue.strip("{}%#- ").split("|", 1)[0].strip()
    return name in context.answers or bool(GRACE_PLACEHOLDER_NAME.match(name))


def _string_literal_ranges(source: SourceFile) -> list[tuple[int, int]]:
    """Return character ranges of the string literals of a Rust file."""
    ranges: list[tuple[int, int]] = []
    for node in rs.walk(source.tree.root_node):
        if node.type in ("string_literal", "raw_string_literal"):
            start = len(
                source.data[: node.start_byte].decode("utf-8", errors="replace")
            )
            end = start + len(rs.text(node))
            ranges.append((start, end))
    return ranges


def check_credentials(source: SourceFile) -> list[Finding]:
    """Report literals that look like credentials in Rust strings or doc text."""
    if source.role in ("connector", "transformers", "test"):
        spans = [
            (start, source.text[start:end])
            for start, end in _string_literal_ranges(source)
        ]
    else:
        spans = [(0, source.text)]
    findings: list[Finding] = []
    lines: set[int] = set()
    for start, text in spans:
        for offset, what in _credential_matches(text):
            finding = source.offset_finding(
                "HSC013",
                start + offset,
                f"this literal looks like {what}: never commit credentials; "
                "keep them in sample_auth.toml outside version control.",
            )
            if finding.line not in lines:
                lines.add(finding.line)
                findings.append(finding)
    return findings


def _credential_matches(text: str) -> Iterator[tuple[int, str]]:
    seen: set[int] = set()
    for pattern, what in CREDENTIAL_PATTERNS:
        for match in pattern.finditer(text):
            if match.start() not in seen:
                seen.add(match.start())
                yield match.start(), what
    for match in BASE64_TOKEN.finditer(text):
        token = match.group(0)
        if match.start() in seen or not _looks_random(token):
            continue
        seen.add(match.start())
        yield match.start(), "a long base64 secret"


def _looks_random(token: str) -> bool:
    """Tell whether a base64-alphabet token mixes digits and both letter cases."""
    return (
        any(char.isdigit() for char in token)
        and any(char.isupper() for char in token)
        and any(char.islower() for char in token)
    )


def check_spec(context: Context, source: SourceFile) -> list[Finding]:
    """Check the spec's sections, endpoint rows and per-flow status tables."""
    lines = source.text.splitlines()
    headings = _section_headings(lines)
    findings = _check_sections(source, lines, headings)
    findings.extend(_check_endpoint_rows(context, source, lines, headings))
    findings.extend(_check_flow_sections(context, source, lines, headings))
    return findings


def _section_headings(lines: list[str]) -> dict[int, int]:
    """Map each numbered `## N.` section to its 0-based line index."""
    headings: dict[int, int] = {}
    for index, line in enumerate(lines):
        match = SECTION_HEADING.match(line)
        if match and int(match.group(1)) not in headings:
            headings[int(match.group(1))] = index
    return headings


def _check_sections(
    source: SourceFile, lines: list[str], headings: dict[int, int]
) -> list[Finding]:
    findings: list[Finding] = []
    for number, title in SPEC_SECTIONS:
        index = headings.get(number)
        if index is not None:
            actual = SECTION_HEADING.match(lines[index])
            if actual is not None and actual.group(2).lower() == title.lower():
                continue
        following = [index for n, index in headings.items() if n > number]
        line = min(following) + 1 if following else max(len(lines), 1)
        findings.append(
            source.finding(
                "HSC014",
                line,
                1,
                f"section `## {number}. {title}` is missing: add it before this line.",
            )
        )
    return findings


def _section_range(
    lines: list[str], headings: dict[int, int], number: int
) -> tuple[int, int] | None:
    start = headings.get(number)
    if start is None:
        return None
    later = [index for index in headings.values() if index > start]
    return start, min(later) if later else len(lines)


def _check_endpoint_rows(
    context: Context, source: SourceFile, lines: list[str], headings: dict[int, int]
) -> list[Finding]:
    bounds = _section_range(lines, headings, 2) or (0, len(lines))
    rows: dict[str, list[int]] = {}
    for index in range(*bounds):
        match = ENDPOINT_ROW.match(lines[index])
        if match:
            rows.setdefault(match.group(1), []).append(index)
    findings: list[Finding] = []
    specs = flow_catalog.flow_specs()
    for flow in context.flows:
        if flow not in specs or specs[flow]["url"] is None:
            continue
        found = rows.get(flow, [])
        if not found:
            findings.append(
                source.finding(
                    "HSC015",
                    bounds[0] + 1,
                    1,
                    f"no endpoint row for flow {flow}: add `| \\`{flow}\\` | METHOD | "
                    "path | … |` to the endpoint table.",
                )
            )
        for extra in found[1:]:
            findings.append(
                source.finding(
                    "HSC015",
                    extra + 1,
                    1,
                    f"second endpoint row for flow {flow}: keep one.",
                )
            )
    return findings


def _check_flow_sections(
    context: Context, source: SourceFile, lines: list[str], headings: dict[int, int]
) -> list[Finding]:
    bounds = _section_range(lines, headings, 3) or (0, len(lines))
    sections: dict[str, list[int]] = {}
    for index in range(*bounds):
        match = FLOW_HEADING.match(lines[index])
        if match:
            sections.setdefault(match.group(1), []).append(index)
    findings: list[Finding] = []
    specs = flow_catalog.flow_specs()
    for flow in context.flows:
        if flow not in specs or specs[flow]["flow_type"] is None:
            continue
        starts = sections.get(flow, [])
        if not starts:
            findings.append(
                source.finding(
                    "HSC016",
                    bounds[0] + 1,
                    1,
                    f"no `### 3.N … ({flow})` section for flow {flow}: add it with "
                    "its fields and status table.",
                )
            )
            continue
        if specs[flow]["status_set"]:
            findings.extend(
                _check_status_table(source, lines, starts[0], bounds[1], flow)
            )
    return findings


def _check_status_table(
    source: SourceFile, lines: list[str], start: int, limit: int, flow: str
) -> list[Finding]:
    end = next(
        (
            index
            for index in range(start + 1, limit)
            if lines[index].startswith("### ") or lines[index].startswith("## ")
        ),
        limit,
    )
    tables = [index for index in range(start, end) if STATUS_TABLE.match(lines[index])]
    if not tables:
        return [
            source.finding(
                "HSC016",
                start + 1,
                1,
                f"the {flow} section has no status table: add a `| Connector status "
                "| Hyperswitch status | … |` table.",
            )
        ]
    return [
        source.finding(
            "HSC016",
            index + 1,
            1,
            f"second status table in the {flow} section: keep one.",
        )
        for index in tables[1:]
    ]


def check_plan(context: Context, source: SourceFile) -> list[Finding]:
    """Check one plan step per chosen flow, each after its prerequisites."""
    steps: dict[str, list[int]] = {}
    order: list[tuple[str, int]] = []
    specs = flow_catalog.flow_specs()
    for index, text in enumerate(source.text.splitlines()):
        match = PLAN_STEP.match(text)
        if match and match.group(2) in specs:
            steps.setdefault(match.group(2), []).append(index + 1)
            order.append((match.group(2), index + 1))
    findings = _check_step_counts(context, source, steps)
    position = {flow: numbers[0] for flow, numbers in steps.items()}
    for flow, line in order:
        if flow not in context.flows or line != position[flow]:
            continue
        late = [
            prerequisite
            for prerequisite in specs[flow]["prerequisites"]
            if prerequisite in position and position[prerequisite] > line
        ]
        if late:
            expected = ", ".join(flow_catalog.dependency_order(context.flows))
            findings.append(
                source.finding(
                    "HSC018",
                    line,
                    1,
                    f"the {flow} step comes before its prerequisite "
                    f"{', '.join(late)}: order the flow steps as {expected}.",
                )
            )
    return findings


def _check_step_counts(
    context: Context, source: SourceFile, steps: dict[str, list[int]]
) -> list[Finding]:
    findings: list[Finding] = []
    for flow in context.flows:
        lines = steps.get(flow, [])
        if not lines:
            findings.append(
                source.finding(
                    "HSC017",
                    1,
                    1,
                    f"no plan step for flow {flow}: add `- [ ] Step N: Implement the "
                    f"… flow ({flow})`.",
                )
            )
        for extra in lines[1:]:
            findings.append(
                source.finding(
                    "HSC017", extra, 1, f"second plan step for flow {flow}: keep one."
                )
            )
    for flow, lines in steps.items():
        if flow not in context.flows:
            findings.append(
                source.finding(
                    "HSC017",
                    lines[0],
                    1,
                    f"plan step for flow {flow}, which the answers do not choose: "
                    "remove it or add the flow with `copier update`.",
                )
            )
    return findings
