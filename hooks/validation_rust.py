"""Rules that read the syntax trees of the generated Rust files."""

from __future__ import annotations

from collections.abc import Iterator

import rust_syntax as rs
from validation_rules import Finding, SourceFile

# `ErrorResponse` in hyperswitch_domain_models::router_data (11 fields).
ERROR_RESPONSE_FIELDS = (
    "code",
    "message",
    "reason",
    "status_code",
    "attempt_status",
    "connector_transaction_id",
    "connector_response_reference_id",
    "network_decline_code",
    "network_advice_code",
    "network_error_message",
    "connector_metadata",
)

ALWAYS_BANNED_MACROS = frozenset({"todo", "unimplemented"})
TEST_ALLOWED_MACROS = frozenset({"panic"})
TEST_ALLOWED_METHODS = frozenset({"unwrap", "expect"})


def check_syntax(source: SourceFile) -> list[Finding]:
    """Report every ERROR and MISSING node of a Rust file."""
    findings: list[Finding] = []
    for node in source.syntax_errors:
        if _contains_inner_error(node):
            continue
        if node.is_missing:
            message = f"syntax error: missing `{node.type}`"
        else:
            snippet = rs.text(node).strip().splitlines()
            near = snippet[0][:40] if snippet else ""
            message = f"syntax error near `{near}`" if near else "syntax error"
        findings.append(
            source.node_finding(
                "HSC001", node, message + ": fix the Rust syntax at this point."
            )
        )
    return findings


def _contains_inner_error(node: rs.Node) -> bool:
    """Tell whether an ERROR node encloses a smaller, more precise one."""
    return any(
        (child.is_error or child.is_missing)
        for descendant in node.children
        for child in rs.walk(descendant)
    )


def check_panics(source: SourceFile) -> list[Finding]:
    """Report todo!/unimplemented!/panic! and .unwrap()/.expect( outside tests."""
    whole_file_is_test = source.role == "test"
    findings: list[Finding] = []
    for node, name, kind in _panic_sites(source.tree.root_node):
        allowed = TEST_ALLOWED_MACROS if kind == "macro" else TEST_ALLOWED_METHODS
        if name in allowed and (whole_file_is_test or _inside_test(node)):
            continue
        if kind == "macro":
            text = f"`{name}!` panics at run time"
        else:
            text = f"`.{name}()` panics on error"
        findings.append(
            source.node_finding(
                "HSC004",
                node,
                f"{text} and Hyperswitch's clippy lints deny it: return an error "
                "(for example with `.change_context(…)?` or "
                "`errors::ConnectorError::…`) instead.",
            )
        )
    return findings


def _panic_sites(root: rs.Node) -> Iterator[tuple[rs.Node, str, str]]:
    """Yield (node, name, 'macro' | 'method') for each panicking construct."""
    banned_macros = ALWAYS_BANNED_MACROS | TEST_ALLOWED_MACROS
    for node in rs.walk(root):
        if node.type == "macro_invocation":
            macro = node.child_by_field_name("macro")
            name = rs.text(macro).rsplit("::", 1)[-1] if macro is not None else ""
            if name in banned_macros:
                yield node, name, "macro"
        elif node.type == "field_expression":
            field = node.child_by_field_name("field")
            parent = node.parent
            if (
                field is not None
                and rs.text(field) in TEST_ALLOWED_METHODS
                and parent is not None
                and parent.type == "call_expression"
            ):
                yield field, rs.text(field), "method"
        elif node.type == "token_tree":
            yield from _token_tree_sites(node, banned_macros)


def _token_tree_sites(
    tree: rs.Node, banned_macros: frozenset[str]
) -> Iterator[tuple[rs.Node, str, str]]:
    """Find panicking calls among the raw tokens of a macro body."""
    tokens = tree.children
    for index, token in enumerate(tokens[:-1]):
        if token.type != "identifier":
            continue
        name = rs.text(token)
        following = tokens[index + 1]
        previous = tokens[index - 1] if index else None
        if name in banned_macros and following.type == "!":
            yield token, name, "macro"
        elif (
            name in TEST_ALLOWED_METHODS
            and previous is not None
            and previous.type == "."
            and following.type == "token_tree"
            and rs.text(following).startswith("(")
        ):
            yield token, name, "method"


def _inside_test(node: rs.Node) -> bool:
    """Tell whether a node sits in a `#[test]` function or `#[cfg(test)]` item."""
    current: rs.Node | None = node
    while current is not None:
        sibling = current.prev_sibling
        while sibling is not None and sibling.type in (
            "attribute_item",
            "line_comment",
        ):
            if sibling.type == "attribute_item" and _is_test_attribute(
                rs.text(sibling)
            ):
                return True
            sibling = sibling.prev_sibling
        current = current.parent
    return False


def _is_test_attribute(attribute: str) -> bool:
    compact = attribute.replace(" ", "")
    return compact.endswith("test]") or "cfg(test)" in compact


def check_error_responses(source: SourceFile) -> list[Finding]:
    """Report `ErrorResponse { … }` literals that leave a current field unset."""
    findings: list[Finding] = []
    for node in rs.find_items(source.tree.root_node, "struct_expression"):
        name = node.child_by_field_name("name")
        if name is None or rs.text(name).rsplit("::", 1)[-1] != "ErrorResponse":
            continue
        body = node.child_by_field_name("body")
        if body is None:
            continue
        if rs.named_children(body, "base_field_initializer"):
            continue
        missing = [
            field for field in ERROR_RESPONSE_FIELDS if field not in _set_fields(body)
        ]
        if missing:
            findings.append(
                source.node_finding(
                    "HSC011",
                    node,
                    "ErrorResponse does not set "
                    + ", ".join(missing)
                    + ": add each field (None when the connector does not send it).",
                )
            )
    return findings


def _set_fields(body: rs.Node) -> set[str]:
    fields: set[str] = set()
    for child in body.named_children:
        if child.type == "field_initializer":
            field = child.child_by_field_name("field")
            if field is not None:
                fields.add(rs.text(field))
        elif child.type == "shorthand_field_initializer":
            fields.add(rs.text(child).strip())
    return fields
