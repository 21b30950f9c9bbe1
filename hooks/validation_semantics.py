"""Rules that compare the Rust code with the answers: flows, auth, amount, status."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import connector_code
import flow_catalog
import rust_syntax as rs
from validation_rules import Context, Finding, Severity, SourceFile

# Hyperswitch states that end an attempt, refund or update as failed.
FAILURE_STATE = re.compile(r"^(Failure|Failed|\w+Failed|\w+Failure|\w*Declined)$")

WEBHOOK_TRAIT = "IncomingWebhook"
WEBHOOK_STUB = "WebhooksNotImplemented"


@dataclass(frozen=True)
class ImplBlock:
    """An `impl Trait<Args> for Type` block of the connector type."""

    node: rs.Node
    trait_name: str
    arguments: tuple[str, ...]
    filled: bool


def _last_segment(path: str) -> str:
    return path.split("<", 1)[0].rsplit("::", 1)[-1].strip()


def impl_blocks(root: rs.Node, type_name: str) -> list[ImplBlock]:
    """Return the trait impls of one type with their trait's last name and args."""
    blocks: list[ImplBlock] = []
    for node in rs.named_children(root, "impl_item"):
        trait = node.child_by_field_name("trait")
        type_ = node.child_by_field_name("type")
        if trait is None or type_ is None or rs.text(type_) != type_name:
            continue
        arguments: tuple[str, ...] = ()
        type_arguments = trait.child_by_field_name("type_arguments")
        if type_arguments is not None:
            arguments = tuple(
                _last_segment(rs.text(child)) for child in type_arguments.named_children
            )
        body = node.child_by_field_name("body")
        filled = body is not None and any(
            child.type not in ("line_comment", "block_comment")
            for child in body.named_children
        )
        blocks.append(ImplBlock(node, _last_segment(rs.text(trait)), arguments, filled))
    return blocks


def check_flow_impls(context: Context, source: SourceFile) -> list[Finding]:
    """Check one filled impl per chosen flow and the right default for the rest."""
    blocks = impl_blocks(source.tree.root_node, context.pascal)
    integrations = [
        block for block in blocks if block.trait_name == "ConnectorIntegration"
    ]
    markers = {block.trait_name: block for block in blocks if not block.arguments}
    anchor = _struct_node(source, context.pascal)
    findings: list[Finding] = []
    for key, spec in flow_catalog.flow_specs().items():
        if spec["flow_type"] is None:
            continue
        matching = [
            block
            for block in integrations
            if block.arguments and block.arguments[0] == spec["flow_type"]
        ]
        findings.extend(
            _check_flow(source, anchor, key, spec, key in context.flows, matching)
        )
        findings.extend(
            _check_marker(source, anchor, key, spec, key in context.flows, markers)
        )
    findings.extend(_check_webhooks(source, anchor, context, markers))
    return findings


def _struct_node(source: SourceFile, type_name: str) -> rs.Node:
    found = rs.find_item(source.tree.root_node, "struct_item", type_name)
    return found if found is not None else source.tree.root_node


def _check_flow(
    source: SourceFile,
    anchor: rs.Node,
    key: str,
    spec: dict[str, Any],
    chosen: bool,
    matching: list[ImplBlock],
) -> list[Finding]:
    """Check the ConnectorIntegration impls of one flow."""
    header = _integration_header(spec)
    findings = [
        source.node_finding(
            "HSC008", extra.node, f"second `{header}` impl: keep only one."
        )
        for extra in matching[1:]
    ]
    if matching:
        findings.extend(_check_arguments(source, matching[0], spec, header))
    if chosen:
        findings.extend(_check_chosen_flow(source, anchor, key, header, matching))
    else:
        findings.extend(
            _check_unchosen_flow(source, anchor, key, spec, header, matching)
        )
    return findings


def _integration_header(spec: dict[str, Any]) -> str:
    arguments = (spec["flow_type"], spec["request_data"], spec["response_data"])
    return f"ConnectorIntegration<{', '.join(arguments)}>"


def _check_chosen_flow(
    source: SourceFile,
    anchor: rs.Node,
    key: str,
    header: str,
    matching: list[ImplBlock],
) -> list[Finding]:
    """Require a filled impl for a chosen flow."""
    if not matching:
        return [
            source.node_finding(
                "HSC008",
                anchor,
                f"flow {key} is chosen but `impl {header}` is missing: add it "
                "or rerun `copier update`.",
            )
        ]
    if matching[0].filled:
        return []
    return [
        source.node_finding(
            "HSC008",
            matching[0].node,
            f"flow {key} is chosen but its `{header}` impl is empty: "
            "implement get_headers, get_url, build_request and "
            "handle_response.",
        )
    ]


def _check_unchosen_flow(
    source: SourceFile,
    anchor: rs.Node,
    key: str,
    spec: dict[str, Any],
    header: str,
    matching: list[ImplBlock],
) -> list[Finding]:
    """Require no impl when a default list covers the flow, else an empty one."""
    if spec["default_impl"]:
        return [
            source.node_finding(
                "HSC008",
                block.node,
                f"flow {key} is not chosen, so {spec['default_impl']}! already "
                f"implements `{header}`: remove this impl or add {key} to flows.",
            )
            for block in matching[:1]
        ]
    if not matching:
        return [
            source.node_finding(
                "HSC008",
                anchor,
                f"flow {key} is not chosen and has no default: add the empty "
                f"`impl {header} for …` {{}}.",
            )
        ]
    if not matching[0].filled:
        return []
    finding = source.node_finding(
        "HSC008",
        matching[0].node,
        f"flow {key} is implemented but not chosen: add it to flows with "
        "`copier update` so the spec, plan and tests cover it.",
    )
    return [_with_severity(finding, Severity.WARNING)]


def _check_arguments(
    source: SourceFile, block: ImplBlock, spec: dict[str, Any], header: str
) -> list[Finding]:
    expected = (
        spec["flow_type"],
        _last_segment(spec["request_data"]),
        _last_segment(spec["response_data"]),
    )
    if block.arguments == expected:
        return []
    return [
        source.node_finding(
            "HSC008",
            block.node,
            f"impl has `ConnectorIntegration<{', '.join(block.arguments)}>`: "
            f"the {spec['flow_type']} flow uses `{header}`.",
        )
    ]


def _check_marker(
    source: SourceFile,
    anchor: rs.Node,
    key: str,
    spec: dict[str, Any],
    chosen: bool,
    markers: dict[str, ImplBlock],
) -> list[Finding]:
    """Check the `api::` marker trait impl of one flow."""
    trait = spec["api_trait"]
    # Without a default_imp_for_* list the connector always implements the
    # marker trait itself; with one, only when it implements the flow.
    expected = chosen or not spec["default_impl"]
    present = trait in markers
    if expected and not present:
        return [
            source.node_finding(
                "HSC008",
                anchor,
                f"`impl api::{trait} for …` {{}} is missing (flow {key}): add it.",
            )
        ]
    if present and not expected:
        return [
            source.node_finding(
                "HSC008",
                markers[trait].node,
                f"flow {key} is not chosen, so {spec['default_impl']}! already "
                f"implements api::{trait}: remove this impl or add {key} to flows.",
            )
        ]
    return []


def _check_webhooks(
    source: SourceFile, anchor: rs.Node, context: Context, markers: dict[str, ImplBlock]
) -> list[Finding]:
    block = markers.get(WEBHOOK_TRAIT)
    if block is None:
        return [
            source.node_finding(
                "HSC008",
                anchor,
                "`impl webhooks::IncomingWebhook for …` is missing: every "
                "connector implements it.",
            )
        ]
    if "webhooks" in context.flows and WEBHOOK_STUB in rs.text(block.node):
        return [
            source.node_finding(
                "HSC008",
                block.node,
                "flow webhooks is chosen but IncomingWebhook still returns "
                f"{WEBHOOK_STUB}: implement the webhook methods.",
            )
        ]
    return []


def _with_severity(finding: Finding, severity: Severity) -> Finding:
    return Finding(
        finding.path,
        finding.line,
        finding.column,
        finding.code,
        severity,
        finding.message,
    )


def check_auth(context: Context, source: SourceFile) -> list[Finding]:
    """Check `<Connector>AuthType` against the chosen ConnectorAuthType variant."""
    auth_type = str(context.answers.get("auth_type"))
    fields = flow_catalog.auth_fields(auth_type)
    struct_name = f"{context.pascal}AuthType"
    root = source.tree.root_node
    struct = rs.find_item(root, "struct_item", struct_name)
    if struct is None:
        return [
            source.finding(
                "HSC009",
                1,
                1,
                f"struct {struct_name} is missing: declare it with "
                f"the {auth_type} fields ({', '.join(fields) or 'none'}).",
            )
        ]
    findings = _check_auth_fields(source, struct, struct_name, auth_type, fields)
    findings.extend(_check_auth_arms(source, struct_name, auth_type, fields))
    return findings


def _check_auth_fields(
    source: SourceFile,
    struct: rs.Node,
    struct_name: str,
    auth_type: str,
    fields: list[str],
) -> list[Finding]:
    body = struct.child_by_field_name("body")
    declared = []
    if body is not None and body.type == "field_declaration_list":
        declared = [
            rs.item_name(child) or ""
            for child in rs.named_children(body, "field_declaration")
        ]
    if sorted(declared) == sorted(fields):
        return []
    return [
        source.node_finding(
            "HSC009",
            struct,
            f"{struct_name} has fields ({', '.join(declared) or 'none'}) but "
            f"ConnectorAuthType::{auth_type} carries ({', '.join(fields) or 'none'}): "
            "make them match.",
        )
    ]


def _check_auth_arms(
    source: SourceFile, struct_name: str, auth_type: str, fields: list[str]
) -> list[Finding]:
    impls = [
        node
        for node in rs.find_items(source.tree.root_node, "impl_item")
        if _impl_matches(node, "TryFrom<&ConnectorAuthType>", struct_name)
    ]
    if not impls:
        return [
            source.finding(
                "HSC009",
                1,
                1,
                f"`impl TryFrom<&ConnectorAuthType> for {struct_name}` is missing.",
            )
        ]
    findings: list[Finding] = []
    variants: list[str] = []
    for pattern in _variant_patterns(impls[0]):
        variant = _variant_name(pattern)
        variants.append(variant)
        if variant != auth_type:
            findings.append(
                source.node_finding(
                    "HSC009",
                    pattern,
                    f"{struct_name} reads ConnectorAuthType::{variant}, but the "
                    f"answers choose {auth_type}: match "
                    f"ConnectorAuthType::{auth_type}.",
                )
            )
        elif sorted(_pattern_fields(pattern)) != sorted(fields):
            findings.append(
                source.node_finding(
                    "HSC009",
                    pattern,
                    f"the ConnectorAuthType::{auth_type} pattern binds "
                    f"({', '.join(_pattern_fields(pattern)) or 'none'}), expected "
                    f"({', '.join(fields) or 'none'}).",
                )
            )
    if auth_type not in variants:
        findings.append(
            source.node_finding(
                "HSC009",
                impls[0],
                f"TryFrom<&ConnectorAuthType> for {struct_name} has no "
                f"ConnectorAuthType::{auth_type} arm: add it.",
            )
        )
    return findings


def _impl_matches(node: rs.Node, trait_text: str, type_name: str) -> bool:
    trait = node.child_by_field_name("trait")
    type_ = node.child_by_field_name("type")
    return (
        trait is not None
        and type_ is not None
        and rs.text(trait).replace(" ", "") == trait_text
        and rs.text(type_) == type_name
    )


def _variant_patterns(node: rs.Node) -> Iterator[rs.Node]:
    """Yield the `ConnectorAuthType::X` patterns of match arms inside a node."""
    for arm in rs.find_items(node, "match_arm"):
        for pattern in rs.arm_patterns(arm):
            if rs.text(pattern).startswith("ConnectorAuthType::"):
                yield pattern


def _variant_name(pattern: rs.Node) -> str:
    head = rs.text(pattern).split("{", 1)[0].split("(", 1)[0]
    return head.rsplit("::", 1)[-1].strip()


def _pattern_fields(pattern: rs.Node) -> list[str]:
    if pattern.type != "struct_pattern":
        return []
    names: list[str] = []
    for child in pattern.named_children:
        if child.type == "field_pattern":
            name = child.child_by_field_name("name")
            if name is not None:
                names.append(rs.text(name))
        elif child.type in ("shorthand_field_identifier", "identifier"):
            names.append(rs.text(child))
    return names


def check_amount_converter(context: Context, source: SourceFile) -> list[Finding]:
    """Check the connector struct's converter against the chosen amount unit."""
    if not connector_code.uses_amount(context.flows):
        return []
    unit = str(context.answers.get("amount_unit"))
    converter = flow_catalog.load_catalog()["amount_units"][unit]["converter"]
    root = source.tree.root_node
    findings: list[Finding] = []
    outputs = [
        node
        for node in rs.find_items(root, "type_binding")
        if _is_convertor_output(node)
    ]
    if not outputs:
        findings.append(
            source.node_finding(
                "HSC010",
                _struct_node(source, context.pascal),
                f"no `AmountConvertor<Output = {unit}>` field: add amount_converter "
                f"with {converter}.",
            )
        )
    for node in outputs:
        value = node.child_by_field_name("type")
        if value is not None and _last_segment(rs.text(value)) != unit:
            findings.append(
                source.node_finding(
                    "HSC010",
                    value,
                    f"the amount converter outputs {rs.text(value)}, but amount_unit "
                    f"is {unit}: use `AmountConvertor<Output = {unit}>`.",
                )
            )
    findings.extend(_check_converter_value(source, unit, converter))
    return findings


def _is_convertor_output(binding: rs.Node) -> bool:
    """Tell whether a type binding is the `Output = X` of `AmountConvertor<…>`."""
    name = binding.child_by_field_name("name")
    if name is None or rs.text(name) != "Output":
        return False
    current = binding.parent
    while current is not None and current.type != "generic_type":
        current = current.parent
    if current is None:
        return False
    base = current.child_by_field_name("type")
    return base is not None and _last_segment(rs.text(base)) == "AmountConvertor"


def _check_converter_value(
    source: SourceFile, unit: str, converter: str
) -> list[Finding]:
    findings: list[Finding] = []
    seen = False
    for node in rs.find_items(source.tree.root_node, "field_initializer"):
        field = node.child_by_field_name("field")
        value = node.child_by_field_name("value")
        if field is None or value is None or rs.text(field) != "amount_converter":
            continue
        seen = True
        used = _last_segment(rs.text(value).lstrip("&"))
        if used != converter:
            findings.append(
                source.node_finding(
                    "HSC010",
                    value,
                    f"amount_converter is {used}, but amount_unit {unit} needs "
                    f"{converter}.",
                )
            )
    if not seen:
        findings.append(
            source.finding(
                "HSC010", 1, 1, f"amount_converter is never set: use &{converter}."
            )
        )
    return findings


def check_router_data_amount(context: Context, source: SourceFile) -> list[Finding]:
    """Check that `<Connector>RouterData.amount` has the chosen unit."""
    if not connector_code.uses_amount(context.flows):
        return []
    unit = str(context.answers.get("amount_unit"))
    name = f"{context.pascal}RouterData"
    struct = rs.find_item(source.tree.root_node, "struct_item", name)
    if struct is None:
        return [
            source.finding(
                "HSC010",
                1,
                1,
                f"struct {name} is missing: declare it with `amount: {unit}`.",
            )
        ]
    for field in rs.find_items(struct, "field_declaration", "amount"):
        type_ = field.child_by_field_name("type")
        if type_ is not None and _last_segment(rs.text(type_)) != unit:
            return [
                source.node_finding(
                    "HSC010",
                    type_,
                    f"{name}.amount is {rs.text(type_)}, but amount_unit is {unit}.",
                )
            ]
    return []


def check_status_mappings(source: SourceFile) -> list[Finding]:
    """Report mappings that send an unknown connector status to a failure."""
    root = source.tree.root_node
    fallbacks = _fallback_variants(root)
    findings: list[Finding] = []
    for node in rs.find_items(root, "impl_item"):
        trait = node.child_by_field_name("trait")
        if trait is None:
            continue
        trait_text = rs.text(trait).replace(" ", "")
        match = re.fullmatch(r"From<(?:\w+::)*(\w+)>", trait_text)
        if match is None or not match.group(1).endswith("Status"):
            continue
        unknown = fallbacks.get(match.group(1), set())
        for arm in rs.find_items(node, "match_arm"):
            finding = _check_arm(source, arm, unknown)
            if finding is not None:
                findings.append(finding)
    findings.extend(_check_wildcard_arms(source, root))
    return findings


def _fallback_variants(root: rs.Node) -> dict[str, set[str]]:
    """Map each enum name to its `#[serde(other)]` and `Unknown` variants."""
    result: dict[str, set[str]] = {}
    for enum in rs.find_items(root, "enum_item"):
        name = rs.item_name(enum) or ""
        body = enum.child_by_field_name("body")
        if body is None:
            continue
        variants: set[str] = set()
        for variant in rs.named_children(body, "enum_variant"):
            variant_name = rs.item_name(variant) or ""
            attributes = _preceding_attributes(variant)
            if variant_name.lower() in ("unknown", "other") or any(
                "serde(other)" in attribute.replace(" ", "") for attribute in attributes
            ):
                variants.add(variant_name)
        result[name] = variants
    return result


def _preceding_attributes(node: rs.Node) -> list[str]:
    attributes: list[str] = []
    sibling = node.prev_sibling
    while sibling is not None and sibling.type in ("attribute_item", "line_comment"):
        if sibling.type == "attribute_item":
            attributes.append(rs.text(sibling))
        sibling = sibling.prev_sibling
    return attributes


def _check_arm(source: SourceFile, arm: rs.Node, unknown: set[str]) -> Finding | None:
    target = _arm_target(arm)
    if target is None or not FAILURE_STATE.match(target):
        return None
    for pattern in rs.arm_patterns(arm):
        name = rs.last_path_segment(pattern)
        if pattern.type == "_" or rs.text(pattern) == "_":
            label = "the `_` arm"
        elif name is not None and name in unknown:
            label = f"the unknown status {rs.text(pattern)}"
        else:
            continue
        return source.node_finding(
            "HSC012",
            arm,
            f"{label} maps to {target}: map it to a pending state (Pending), so "
            "the next sync can correct it.",
        )
    return None


def _arm_target(arm: rs.Node) -> str | None:
    value = arm.child_by_field_name("value")
    if value is None:
        return None
    text = rs.text(value).strip().rstrip(",")
    match = re.search(r"(\w+)\)?$", text.split("(")[-1] if "(" in text else text)
    return match.group(1) if match else None


def _check_wildcard_arms(source: SourceFile, root: rs.Node) -> list[Finding]:
    """Report `_ => …Status::Failure` arms anywhere outside the From impls."""
    findings: list[Finding] = []
    for arm in rs.find_items(root, "match_arm"):
        if _inside_status_from(arm):
            continue
        value = arm.child_by_field_name("value")
        patterns = rs.arm_patterns(arm)
        if value is None or [rs.text(p) for p in patterns] != ["_"]:
            continue
        text = rs.text(value)
        target = _arm_target(arm)
        if target and FAILURE_STATE.match(target) and "Status" in text:
            findings.append(
                source.node_finding(
                    "HSC012",
                    arm,
                    f"the `_` arm maps every unlisted status to {target}: map "
                    "unknown statuses to a pending state instead.",
                )
            )
    return findings


def _inside_status_from(node: rs.Node) -> bool:
    current = node.parent
    while current is not None:
        if current.type == "impl_item":
            trait = current.child_by_field_name("trait")
            text = rs.text(trait).replace(" ", "") if trait is not None else ""
            return bool(re.fullmatch(r"From<(?:\w+::)*\w+Status>", text))
        current = current.parent
    return False
