"""Check `use` declarations: every imported name used, none imported twice.

The heuristic, since the validator sees one file and no type information:

* A name counts as used when it appears as an identifier or type identifier
  anywhere outside `use` declarations, macro bodies and attributes included.
* A name that never appears may still be a trait imported for its methods.
  For traits listed in KNOWN_TRAIT_METHODS the validator looks for a call of
  one of their methods: found means used; not found means unused (an error)
  when the list is complete, and unproven (a warning) when it is partial.
* Any other name that never appears is unproven (a warning) when it looks like
  a trait, that is when it is imported `as _`, its name ends in `Ext`,
  `Interface` or `Trait`, or its path runs through a `utils`, `ext_traits` or
  `traits` module. Everything else is unused (an error).
* Glob imports (`*`) are skipped. Duplicates are bindings of the same name by
  `use` declarations in the same scope (rustc's E0252).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import rust_syntax as rs
from validation_rules import Finding, Severity, SourceFile

# Method names of traits that generated and hand-written connectors import.
# `complete` says the list covers every method callers use, so a trait with
# none of them called is unused rather than unproven.
KNOWN_TRAIT_METHODS: dict[str, tuple[bool, frozenset[str]]] = {
    "BytesExt": (True, frozenset({"parse_struct"})),
    "ByteSliceExt": (True, frozenset({"parse_struct"})),
    "StringExt": (True, frozenset({"parse_enum", "parse_struct"})),
    "ValueExt": (True, frozenset({"parse_value"})),
    "ResultExt": (
        True,
        frozenset(
            {
                "change_context",
                "attach",
                "attach_lazy",
                "attach_printable",
                "attach_printable_lazy",
            }
        ),
    ),
    "ReportSwitchExt": (True, frozenset({"switch"})),
    "Engine": (
        True,
        frozenset({"encode", "encode_string", "decode", "decode_vec", "encode_slice"}),
    ),
    "ErrorSwitch": (True, frozenset({"switch"})),
    "PeekInterface": (True, frozenset({"peek", "peek_mut"})),
    "ExposeInterface": (True, frozenset({"expose"})),
    "ExposeOptionInterface": (True, frozenset({"expose_option"})),
    "Mask": (True, frozenset({"into_masked"})),
    "SupportedPaymentMethodsExt": (True, frozenset({"add"})),
    "Encode": (
        True,
        frozenset(
            {
                "encode",
                "encode_to_string_of_json",
                "encode_to_string_of_xml",
                "encode_to_value",
                "encode_to_vec",
                "url_encode",
            }
        ),
    ),
    "OptionExt": (
        False,
        frozenset({"get_required_value", "check_value_present", "parse_enum"}),
    ),
    "PaymentsSyncRequestData": (
        False,
        frozenset({"get_connector_transaction_id", "is_auto_capture"}),
    ),
    "RefundsRequestData": (False, frozenset({"get_connector_refund_id"})),
    "PaymentsAuthorizeRequestData": (
        False,
        frozenset({"is_auto_capture", "get_email", "get_browser_info"}),
    ),
}

FORMAT_ARGUMENT = re.compile(r"(?<!\{)\{([A-Za-z_]\w*)[:}]")
TRAIT_NAME_SUFFIXES = ("Ext", "Interface", "Trait")
TRAIT_PATH_SEGMENTS = frozenset({"utils", "ext_traits", "traits"})


@dataclass(frozen=True)
class Binding:
    """One name a `use` declaration brings into scope."""

    name: str
    path: str
    node: rs.Node
    scope_id: int


def bindings(tree: rs.Tree) -> list[Binding]:
    """Return every name bound by the file's `use` declarations, in source order."""
    found: list[Binding] = []
    for declaration in rs.find_items(tree.root_node, "use_declaration"):
        argument = declaration.child_by_field_name("argument")
        parent = declaration.parent
        scope_id = parent.id if parent is not None else 0
        if argument is not None:
            found.extend(
                Binding(name, path, node, scope_id)
                for name, path, node in _leaves(argument, "")
            )
    return found


def _leaves(node: rs.Node, prefix: str) -> Iterator[tuple[str, str, rs.Node]]:
    """Yield (bound name, full path, node) for each leaf of a use tree."""
    if node.type == "use_list":
        for child in node.named_children:
            yield from _leaves(child, prefix)
    elif node.type == "scoped_use_list":
        path = node.child_by_field_name("path")
        inner = node.child_by_field_name("list")
        head = _join(prefix, rs.text(path)) if path is not None else prefix
        if inner is not None:
            yield from _leaves(inner, head)
    elif node.type == "use_as_clause":
        path = node.child_by_field_name("path")
        alias = node.child_by_field_name("alias")
        if path is not None and alias is not None:
            yield rs.text(alias), _join(prefix, rs.text(path)), alias
    elif node.type == "self":
        yield prefix.rsplit("::", 1)[-1], prefix, node
    elif node.type in ("identifier", "scoped_identifier", "crate", "super"):
        full = _join(prefix, rs.text(node))
        yield full.rsplit("::", 1)[-1], full, node


def _join(prefix: str, tail: str) -> str:
    return f"{prefix}::{tail}" if prefix else tail


def mentioned_names(tree: rs.Tree) -> tuple[set[str], set[str]]:
    """Return identifiers used outside `use` declarations, and method-like names.

    Method-like names are those after a `.`: field expressions and the tokens
    that follow a `.` inside macro bodies.
    """
    names: set[str] = set()
    members: set[str] = set()
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "use_declaration":
            continue
        if node.type in ("identifier", "type_identifier"):
            names.add(rs.text(node))
            previous = node.prev_sibling
            if previous is not None and previous.type == ".":
                members.add(rs.text(node))
        elif node.type == "field_identifier":
            members.add(rs.text(node))
        elif node.type == "string_content":
            # Inline format arguments, such as `format!("{CONST}")`, name items too.
            names.update(FORMAT_ARGUMENT.findall(rs.text(node)))
        stack.extend(node.children)
    return names, members


def check_imports(source: SourceFile) -> list[Finding]:
    """Report unused, unproven and duplicate imports of one Rust file."""
    found = bindings(source.tree)
    names, members = mentioned_names(source.tree)
    findings: list[Finding] = []
    seen: dict[tuple[int, str], Binding] = {}
    for binding in found:
        if binding.name == "_" or not binding.name:
            findings.extend(_check_trait_only(source, binding, members))
            continue
        key = (binding.scope_id, binding.name)
        if key in seen:
            first_line = seen[key].node.start_point[0] + 1
            findings.append(
                source.node_finding(
                    "HSC006",
                    binding.node,
                    f"`{binding.name}` is imported again (first at line "
                    f"{first_line}): remove this import.",
                )
            )
            continue
        seen[key] = binding
        if binding.name not in names:
            findings.extend(_unused(source, binding, members))
    return findings


def _check_trait_only(
    source: SourceFile, binding: Binding, members: set[str]
) -> list[Finding]:
    """Check an `as _` import, which can only serve method calls."""
    trait_name = binding.path.rsplit("::", 1)[-1]
    trait_binding = Binding(trait_name, binding.path, binding.node, binding.scope_id)
    return _unused(source, trait_binding, members, trait_only=True)


def _unused(
    source: SourceFile, binding: Binding, members: set[str], trait_only: bool = False
) -> list[Finding]:
    """Classify a binding that is never mentioned as unused or unproven."""
    known = KNOWN_TRAIT_METHODS.get(binding.name)
    if known is not None:
        complete, methods = known
        if methods & members:
            return []
        if complete:
            listed = ", ".join(f".{method}()" for method in sorted(methods))
            return [
                source.node_finding(
                    "HSC005",
                    binding.node,
                    f"trait `{binding.name}` is imported but none of its methods "
                    f"({listed}) is called: remove the import.",
                )
            ]
        return [_unproven(source, binding)]
    if trait_only or _looks_like_trait(binding):
        return [_unproven(source, binding)]
    return [
        source.node_finding(
            "HSC005",
            binding.node,
            f"`{binding.name}` ({binding.path}) is imported but never used: remove "
            "it, because Hyperswitch CI denies warnings.",
        )
    ]


def _unproven(source: SourceFile, binding: Binding) -> Finding:
    finding = source.node_finding(
        "HSC007",
        binding.node,
        f"`{binding.name}` is never named in this file; if it is a trait, check "
        "that one of its methods is called, otherwise remove the import.",
    )
    return Finding(
        finding.path,
        finding.line,
        finding.column,
        finding.code,
        Severity.WARNING,
        finding.message,
    )


def _looks_like_trait(binding: Binding) -> bool:
    segments = binding.path.split("::")
    if binding.name.endswith(TRAIT_NAME_SUFFIXES):
        return True
    return bool(TRAIT_PATH_SEGMENTS & set(segments[:-1]))
