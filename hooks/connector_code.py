"""Decide what the connector's Rust files contain for a set of answers.

The templates call these functions for the parts that depend on several
answers at once: which marker traits the connector implements, which `use`
declarations its files need (every import must be used, because Hyperswitch
CI denies warnings), and the statics of `ConnectorSpecifications`.
"""

from __future__ import annotations

from typing import Any

import flow_catalog
from naming import pascal_case
from rust_code import (
    ARRAY_WIDTH,
    MAX_WIDTH,
    endpoint_parts,
    let_chain,
    path_ids,
    static_item,
)
from rust_imports import format_use

# Marker traits Hyperswitch's own connector template implements for every
# connector, in that template's order. No default_imp_for_* list covers them.
BASE_MARKER_TRAITS = (
    "Payment",
    "PaymentSession",
    "ConnectorAccessToken",
    "MandateSetup",
    "PaymentAuthorize",
    "PaymentSync",
    "PaymentCapture",
    "PaymentVoid",
    "Refund",
    "RefundExecute",
    "RefundSync",
    "PaymentToken",
)

# Request-data traits from crate::utils that the id expressions call.
_ID_TRAITS = {
    "get_connector_transaction_id()": "PaymentsSyncRequestData",
    "get_connector_refund_id()": "RefundsRequestData",
}


def _catalog_flows() -> dict[str, dict[str, Any]]:
    return flow_catalog.flow_specs()


def uses_amount(flows: list[str]) -> bool:
    """Return whether any chosen flow converts an amount."""
    specs = _catalog_flows()
    return any(specs[flow]["amount"] for flow in flows if flow in specs)


def marker_traits(flows: list[str]) -> list[str]:
    """Return the api:: marker traits the connector implements itself."""
    specs = _catalog_flows()
    extra = [
        spec["api_trait"]
        for key, spec in specs.items()
        if key in flows and spec["default_impl"]
    ]
    return [*BASE_MARKER_TRAITS, *extra]


def _integration_flows(flows: list[str]) -> list[dict[str, Any]]:
    """Return the catalogue entries that get a ConnectorIntegration impl."""
    return [
        spec
        for key, spec in _catalog_flows().items()
        if spec["group"] != "webhook" and (key in flows or not spec["default_impl"])
    ]


def _filled_flows(flows: list[str]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (key, spec)
        for key, spec in _catalog_flows().items()
        if key in flows and spec["group"] != "webhook"
    ]


def connector_imports(
    name: str,
    flows: list[str],
    auth_scheme: str,
    amount_unit: str,
    payment_methods: list[str],
    content_type: str,
    endpoints: dict[str, str],
) -> str:
    """Return the three `use` groups of `connectors/<name>.rs`."""
    filled = _filled_flows(flows)
    external = _connector_external_paths(
        flows, filled, auth_scheme, amount_unit, payment_methods, content_type
    )
    external.append(f"transformers as {name}")
    crate = ["crate::constants::headers"]
    if filled:
        crate.append("crate::types::ResponseRouterData")
    if uses_amount(flows) or content_type == "xml" or "webhooks" in flows:
        crate.append("crate::utils::self")
    for key, spec in filled:
        path = endpoint_parts(spec, endpoints.get(key))[1]
        for placeholder in path_ids(path):
            expression = spec["ids"].get(placeholder, "")
            for call, trait_ in _ID_TRAITS.items():
                if call in expression:
                    crate.append(f"crate::utils::{trait_}")
    return "\n\n".join(
        [
            format_use(["std::sync::LazyLock"]),
            format_use(external),
            format_use(crate),
        ]
    )


def _connector_external_paths(
    flows: list[str],
    filled: list[tuple[str, dict[str, Any]]],
    auth_scheme: str,
    amount_unit: str,
    payment_methods: list[str],
    content_type: str,
) -> list[str]:
    catalog = flow_catalog.load_catalog()
    paths = [
        "common_enums::enums",
        "common_utils::errors::CustomResult",
        "error_stack::ResultExt",
        "hyperswitch_domain_models::router_data::ConnectorAuthType",
        "hyperswitch_domain_models::router_data::ErrorResponse",
        "hyperswitch_domain_models::router_data::RouterData",
        "hyperswitch_domain_models::router_flow_types::payments::Session",
        "hyperswitch_domain_models::router_request_types::PaymentsSessionData",
        "hyperswitch_domain_models::router_response_types::ConnectorInfo",
        "hyperswitch_domain_models::router_response_types::PaymentsResponseData",
        "hyperswitch_domain_models::router_response_types::SupportedPaymentMethods",
        "hyperswitch_interfaces::api::self",
        "hyperswitch_interfaces::api::ConnectorCommon",
        "hyperswitch_interfaces::api::ConnectorCommonExt",
        "hyperswitch_interfaces::api::ConnectorIntegration",
        "hyperswitch_interfaces::api::ConnectorSpecifications",
        "hyperswitch_interfaces::api::ConnectorValidation",
        "hyperswitch_interfaces::configs::Connectors",
        "hyperswitch_interfaces::errors",
        "hyperswitch_interfaces::events::connector_api_logs::ConnectorEvent",
        "hyperswitch_interfaces::types::Response",
        "hyperswitch_interfaces::webhooks",
    ]
    for spec in _integration_flows(flows):
        module = spec["flow_module"]
        paths.append(
            f"hyperswitch_domain_models::router_flow_types::{module}::{spec['flow_type']}"
        )
        data_module = (
            "router_data"
            if spec["response_data"] == "AccessToken"
            else "router_response_types"
        )
        paths.append(
            f"hyperswitch_domain_models::router_request_types::{spec['request_data']}"
        )
        paths.append(
            f"hyperswitch_domain_models::{data_module}::{spec['response_data']}"
        )
    for _, spec in filled:
        alias = spec["router_data"].split("<")[0]
        paths.append(f"hyperswitch_domain_models::types::{alias}")
    if filled:
        paths += [
            "common_utils::request::Method",
            "common_utils::request::Request",
            "common_utils::request::RequestBuilder",
            "hyperswitch_interfaces::types::self",
        ]
    if any(spec["has_body"] for _, spec in filled):
        paths.append("common_utils::request::RequestContent")
    if uses_amount(flows):
        converter = catalog["amount_units"][amount_unit]["converter"]
        paths += [
            "common_utils::types::AmountConvertor",
            f"common_utils::types::{amount_unit}",
            f"common_utils::types::{converter}",
        ]
    if content_type != "xml":
        paths.append("common_utils::ext_traits::BytesExt")
    if "webhooks" in flows:
        paths.append("common_utils::crypto")
        if content_type != "xml":
            paths.append("common_utils::ext_traits::ByteSliceExt")
    else:
        paths.append("error_stack::report")
    if "card" in payment_methods:
        paths += [
            "hyperswitch_domain_models::router_response_types::PaymentMethodDetails",
            "hyperswitch_domain_models::router_response_types::SupportedPaymentMethodsExt",
        ]
    paths += _masking_paths(auth_scheme)
    return sorted(set(paths))


def _masking_paths(auth_scheme: str) -> list[str]:
    paths: list[str] = []
    if auth_scheme in ("raw_header", "custom_header"):
        paths.append("hyperswitch_masking::ExposeInterface")
    if auth_scheme in ("bearer", "raw_header", "basic", "custom_header"):
        paths.append("hyperswitch_masking::Mask")
    if auth_scheme in ("bearer", "basic"):
        paths.append("hyperswitch_masking::PeekInterface")
    if auth_scheme == "basic":
        paths += ["base64::Engine", "common_utils::consts::BASE64_ENGINE"]
    return paths


def webhook_flows_static(upper_name: str, flows: list[str]) -> str:
    """Return the SUPPORTED_WEBHOOK_FLOWS static for the chosen flows."""
    classes: list[str] = []
    if "webhooks" in flows:
        classes.append("enums::EventClass::Payments")
        if "refund" in flows:
            classes.append("enums::EventClass::Refunds")
    name = f"{upper_name}_SUPPORTED_WEBHOOK_FLOWS"
    value = "[" + ", ".join(classes) + "]"
    return static_item(name, f"[enums::EventClass; {len(classes)}]", value)


def supported_payment_methods_static(
    upper_name: str, flows: list[str], payment_methods: list[str]
) -> str:
    """Return the SUPPORTED_PAYMENT_METHODS static and the function filling it."""
    name = f"{upper_name}_SUPPORTED_PAYMENT_METHODS"
    static = static_item(
        name,
        "LazyLock<SupportedPaymentMethods>",
        "LazyLock::new(supported_payment_methods)",
    )
    lines = ["fn supported_payment_methods() -> SupportedPaymentMethods {"]
    lines += _payment_method_todo(payment_methods)
    if "card" not in payment_methods:
        lines += ["    SupportedPaymentMethods::new()", "}"]
        return "\n".join(lines) + "\n\n" + static
    capture_methods = ["Automatic"]
    if "capture" in flows:
        capture_methods += ["Manual", "SequentialAutomatic"]
    mandates = "Supported" if "setup_mandate" in flows else "NotSupported"
    refunds = "Supported" if "refund" in flows else "NotSupported"
    three_ds = "Supported" if "complete_authorize" in flows else "NotSupported"
    lines += _vec_let(
        "supported_capture_methods", "enums::CaptureMethod", capture_methods
    )
    lines.append("")
    lines += _vec_let(
        "supported_card_networks", "enums::CardNetwork", ["Visa", "Mastercard"]
    )
    lines += [
        "",
        "    let mut supported_payment_methods = SupportedPaymentMethods::new();",
    ]
    for card_type in ("Credit", "Debit"):
        lines += [
            "",
            "    supported_payment_methods.add(",
            "        enums::PaymentMethod::Card,",
            f"        enums::PaymentMethodType::{card_type},",
            "        PaymentMethodDetails {",
            f"            mandates: enums::FeatureStatus::{mandates},",
            f"            refunds: enums::FeatureStatus::{refunds},",
            "            supported_capture_methods: supported_capture_methods.clone(),",
            "            specific_features: Some(",
            "                api_models::feature_matrix::PaymentMethodSpecificFeatures::Card({",
            "                    api_models::feature_matrix::CardSpecificFeatures {",
            f"                        three_ds: enums::FeatureStatus::{three_ds},",
            "                        no_three_ds: enums::FeatureStatus::Supported,",
            "                        supported_card_networks: supported_card_networks.clone(),",
            "                    }",
            "                }),",
            "            ),",
            "        },",
            "    );",
        ]
    lines += ["", "    supported_payment_methods", "}"]
    return "\n".join(lines) + "\n\n" + static


def _vec_let(binding: str, prefix: str, variants: list[str]) -> list[str]:
    items = [f"{prefix}::{variant}" for variant in variants]
    one_line = f"    let {binding} = vec![{', '.join(items)}];"
    if len(", ".join(items)) <= ARRAY_WIDTH and len(one_line) <= MAX_WIDTH:
        return [one_line]
    return [
        f"    let {binding} = vec![",
        *(f"        {item}," for item in items),
        "    ];",
    ]


def _payment_method_todo(payment_methods: list[str]) -> list[str]:
    categories = flow_catalog.load_catalog()["payment_methods"]
    others = [key for key in payment_methods if key != "card"]
    lines: list[str] = []
    if "card" in payment_methods:
        lines.append(
            "    // TODO: confirm card networks, 3DS and capture support in spec §1.3."
        )
    for key in others:
        entry = categories[key]
        types = ", ".join(entry["types"])
        lines.append(
            f"    // TODO: add enums::PaymentMethod::{entry['variant']} with the payment "
            "method types"
        )
        lines.append(f"    // that spec §1.3 lists (candidates: {types}).")
    return lines


def status_sets_used(flows: list[str]) -> list[tuple[str, dict[str, Any]]]:
    """Return the status sets the chosen flows map, in catalogue order."""
    catalog = flow_catalog.load_catalog()
    used = {
        spec["status_set"]
        for key, spec in catalog["flows"].items()
        if key in flows and spec["status_set"]
    }
    return [
        (key, value) for key, value in catalog["status_sets"].items() if key in used
    ]


def transformer_imports(
    flows: list[str],
    auth_type: str,
    auth_scheme: str,
    amount_unit: str,
    payment_methods: list[str],
) -> str:
    """Return the `use` groups of `connectors/<name>/transformers.rs`."""
    catalog = flow_catalog.load_catalog()
    filled = _filled_flows(flows)
    responses = {spec["response"] for _, spec in filled}
    fields = catalog["auth_types"][auth_type]["fields"]
    card = "card" in payment_methods and any(
        key in ("authorize", "setup_mandate") for key, _ in filled
    )
    std: list[str] = []
    external = [
        "hyperswitch_domain_models::router_data::ConnectorAuthType",
        "hyperswitch_interfaces::errors",
        "serde::Deserialize",
        "serde::Serialize",
    ]
    crate: list[str] = []
    if "auth_key_map" in fields:
        std.append("std::collections::HashMap")
        external += ["common_enums::enums", "common_utils::pii"]
    if uses_amount(flows):
        external += ["common_enums::enums", f"common_utils::types::{amount_unit}"]
    if status_sets_used(flows):
        external.append("common_enums::enums")
    if card:
        external += [
            "hyperswitch_domain_models::payment_method_data::PaymentMethodData",
            "hyperswitch_masking::Secret",
        ]
        crate.append("crate::utils")
    if any(field != "auth_key_map" for field in fields) or "access_token" in responses:
        external.append("hyperswitch_masking::Secret")
    if responses - {"refund"}:
        external.append("hyperswitch_domain_models::router_data::RouterData")
        crate.append("crate::types::ResponseRouterData")
    if responses & {"transaction", "token", "resource_update", "incremental"}:
        external.append(
            "hyperswitch_domain_models::router_response_types::PaymentsResponseData"
        )
    if "transaction" in responses:
        external.append("hyperswitch_domain_models::router_request_types::ResponseId")
    if "access_token" in responses:
        external.append("hyperswitch_domain_models::router_data::AccessToken")
    if "refund" in responses:
        external += [
            "hyperswitch_domain_models::router_response_types::RefundsResponseData",
            "hyperswitch_domain_models::types::RefundsRouterData",
        ]
        crate.append("crate::types::RefundsResponseRouterData")
        for key in ("refund", "rsync"):
            if key in flows:
                flow_type = catalog["flows"][key]["flow_type"]
                external.append(
                    f"hyperswitch_domain_models::router_flow_types::refunds::{flow_type}"
                )
    for key, spec in filled:
        if spec["has_body"] and key != "refund":
            alias = spec["router_data"].split("<")[0]
            external.append(f"hyperswitch_domain_models::types::{alias}")
    if "webhooks" in flows:
        external += [
            "api_models::payments::PaymentIdType",
            "api_models::webhooks::IncomingWebhookEvent",
            "api_models::webhooks::ObjectReferenceId",
        ]
        if "refund" in flows:
            external.append("api_models::webhooks::RefundIdType")
    groups = [sorted(set(group)) for group in (std, external, crate) if group]
    return "\n\n".join(format_use(group) for group in groups)


def webhook_event_let(name: str, content_type: str, error: str) -> str:
    """Return the `let event = …;` that parses an incoming webhook body.

    XML connectors get their webhooks as XML too, so the body goes through the
    same helper as their responses.
    """
    binding = f"event: {name}::{pascal_case(name)}WebhookEvent"
    links = [f".change_context({error})?"]
    if content_type == "xml":
        parent = "utils::deserialize_xml_to_struct(request.body)"
        return let_chain("        ", binding, parent, links)
    label = f'.parse_struct("{pascal_case(name)}WebhookEvent")'
    return let_chain("        ", binding, "request", [".body", label, *links])
