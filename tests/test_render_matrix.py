"""Render the template over a matrix of answers and check every output file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import (
    CONNECTOR_FILE,
    DOC_FILES,
    TEMPLATE_ROOT,
    TEST_FILE,
    TRANSFORMERS_FILE,
    render,
    rustfmt_diff,
    syntax_errors,
)

CATALOG = yaml.safe_load((TEMPLATE_ROOT / "catalog" / "flows.yml").read_text())
ALL_FLOWS = list(CATALOG["flows"])
ENDPOINTS_FOR_ALL = {
    "authorize_endpoint": "POST /v1/payments",
    "psync_endpoint": "GET /v1/payments/{connector_transaction_id}",
    "capture_endpoint": "/v1/payments/{connector_transaction_id}/capture",
    "cancel_endpoint": "POST /v1/payments/{connector_transaction_id}/void",
    "refund_endpoint": "POST /v1/refunds",
    "rsync_endpoint": "GET /v1/refunds/{connector_refund_id}",
    "access_token_endpoint": "POST /oauth2/token",
    "tokenization_endpoint": "POST /v1/tokens",
    "preprocessing_endpoint": "POST /v1/sessions",
    "complete_authorize_endpoint": (
        "POST /v1/payments/{connector_transaction_id}/complete"
    ),
    "setup_mandate_endpoint": "POST /v1/mandates",
    "incremental_authorization_endpoint": (
        "PATCH /v1/payments/{connector_transaction_id}"
    ),
    "post_session_tokens_endpoint": "POST /v1/orders",
    "session_update_endpoint": "PUT /v1/sessions",
    "update_metadata_endpoint": "POST /v1/payments/{connector_transaction_id}/metadata",
}

# Each value of every question appears in at least one case.
CASES: dict[str, dict[str, Any]] = {
    "smallest": {"connector_name": "acmepay", "flows": ["authorize"]},
    "every_flow_long_name": {
        "connector_name": "abcdefghij_klmnopqrs",
        "base_url": "https://api-sandbox.example.com:8443/v2/",
        "display_name": 'Acme "Pay" \\ Co #1 */ {x}',
        "flows": ALL_FLOWS,
        "auth_type": "SignatureKey",
        "auth_scheme": "basic",
        "amount_unit": "StringMajorUnit",
        "content_type": "xml",
        "payment_methods": list(CATALOG["payment_methods"]),
        "integration_status": "Live",
        **ENDPOINTS_FOR_ALL,
    },
    "body_key_in_body": {
        "connector_name": "tsys_transit",
        "flows": ["authorize", "psync", "refund", "rsync"],
        "auth_type": "BodyKey",
        "auth_scheme": "body",
        "amount_unit": "StringMinorUnit",
        "content_type": "form_urlencoded",
        "payment_methods": ["wallet", "bank_redirect"],
        "integration_status": "Beta",
    },
    "header_key_raw": {
        "connector_name": "pay2go",
        "flows": ["authorize", "capture", "cancel", "webhooks"],
        "auth_scheme": "raw_header",
        "amount_unit": "FloatMajorUnit",
        "integration_status": "Sandbox",
        "capture_endpoint": "POST /captures",
    },
    "header_key_custom_header": {
        "connector_name": "zeta",
        "flows": ["authorize", "refund", "webhooks", "setup_mandate"],
        "auth_scheme": "custom_header",
        "auth_header_name": "X-Merchant-Key",
    },
    "multi_auth_key": {
        "connector_name": "multi_pay",
        "flows": ["authorize", "psync", "complete_authorize", "preprocessing"],
        "auth_type": "MultiAuthKey",
        "auth_scheme": "custom_header",
    },
    "multi_auth_key_body": {
        "connector_name": "mbody",
        "flows": ["authorize", "incremental_authorization", "update_metadata"],
        "auth_type": "MultiAuthKey",
        "auth_scheme": "body",
        "payment_methods": ["card", "upi"],
    },
    "currency_auth_key": {
        "connector_name": "currencypay",
        "flows": ["authorize", "capture", "refund"],
        "auth_type": "CurrencyAuthKey",
        "auth_scheme": "body",
    },
    "certificate_auth": {
        "connector_name": "mtlspay",
        "flows": ["authorize", "psync", "access_token"],
        "auth_type": "CertificateAuth",
        "auth_scheme": "certificate",
        "psync_endpoint": "/payments/{connector_transaction_id}",
    },
    "no_key": {
        "connector_name": "freepay",
        "base_url": "http://localhost:8080",
        "flows": ["authorize", "post_session_tokens", "session_update"],
        "auth_type": "NoKey",
        "auth_scheme": "none",
    },
    "body_key_bearer": {
        "connector_name": "bearerpay",
        "flows": ["authorize", "cancel"],
        "auth_type": "BodyKey",
        "auth_scheme": "bearer",
    },
    "signature_key_body": {
        "connector_name": "sigpay",
        "flows": ["authorize", "refund", "rsync"],
        "auth_type": "SignatureKey",
        "auth_scheme": "body",
        "payment_methods": [
            "card",
            "pay_later",
            "bank_transfer",
            "bank_debit",
            "crypto",
        ],
        "rsync_endpoint": (
            "GET /payments/{connector_transaction_id}/refunds/{connector_refund_id}"
        ),
    },
    "no_authorize": {
        "connector_name": "tokenizer",
        "flows": ["access_token", "tokenization", "preprocessing"],
        "register": False,
        "payment_methods": ["gift_card", "voucher", "reward"],
        "generated_on": "2026-01-31",
    },
}

RESIDUE = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")


@pytest.fixture(scope="module", params=sorted(CASES))
def rendered(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, Any]]:
    """Render one case of the matrix once for all the checks below."""
    answers = CASES[request.param]
    destination = tmp_path_factory.mktemp(request.param) / "out"
    render(destination, answers)
    return destination, answers


def _rust_files(destination: Path, name: str) -> list[Path]:
    return [
        destination / pattern.format(name=name)
        for pattern in (CONNECTOR_FILE, TRANSFORMERS_FILE, TEST_FILE)
    ]


def test_writes_every_file(rendered: tuple[Path, dict[str, Any]]) -> None:
    """Every render writes the Rust files, the three documents and the answers."""
    destination, answers = rendered
    name = answers["connector_name"]
    expected = {
        *(
            pattern.format(name=name)
            for pattern in (CONNECTOR_FILE, TRANSFORMERS_FILE, TEST_FILE)
        ),
        *(pattern.format(name=name) for pattern in DOC_FILES),
        f".copier-answers.{name}.yml",
    }
    written = {
        path.relative_to(destination).as_posix()
        for path in destination.rglob("*")
        if path.is_file()
    }
    assert written == expected


def test_rust_parses(rendered: tuple[Path, dict[str, Any]]) -> None:
    """tree-sitter-rust finds no ERROR or MISSING node in any Rust file."""
    destination, answers = rendered
    for path in _rust_files(destination, answers["connector_name"]):
        assert syntax_errors(path.read_bytes()) == [], path


def test_rust_is_rustfmt_clean(rendered: tuple[Path, dict[str, Any]]) -> None:
    """Rustfmt --edition 2021 --check leaves every Rust file unchanged."""
    destination, answers = rendered
    assert rustfmt_diff(_rust_files(destination, answers["connector_name"])) == ""


def test_no_template_residue(rendered: tuple[Path, dict[str, Any]]) -> None:
    """No Jinja delimiter survives in a rendered file, user text aside."""
    destination, _ = rendered
    for path in destination.rglob("*"):
        if path.is_file() and path.suffix in (".rs", ".md"):
            text = path.read_text(encoding="utf-8")
            assert not RESIDUE.search(text), path


def test_impls_match_flows(rendered: tuple[Path, dict[str, Any]]) -> None:
    """Chosen flows get filled impls; unchosen basic flows get empty ones."""
    destination, answers = rendered
    name = answers["connector_name"]
    source = (destination / CONNECTOR_FILE.format(name=name)).read_text()
    flows = answers["flows"]
    for key, spec in CATALOG["flows"].items():
        if spec["group"] == "webhook":
            continue
        header = re.compile(
            rf"impl\s+ConnectorIntegration<\s*{spec['flow_type']},[^>]*>\s+for\s+\w+\s*\{{(\s*\}})?"
        )
        match = header.search(source)
        if key in flows:
            assert match is not None, key
            assert match.group(1) is None, f"{key} impl is empty"
        elif spec["default_impl"] is None:
            assert match is not None and match.group(1) is not None, f"{key} not empty"
        else:
            assert match is None, f"{key} should come from {spec['default_impl']}"


def test_no_panicking_code(rendered: tuple[Path, dict[str, Any]]) -> None:
    """Connector code has no todo!, unimplemented!, unwrap, expect or panic."""
    destination, answers = rendered
    name = answers["connector_name"]
    for pattern in (CONNECTOR_FILE, TRANSFORMERS_FILE):
        text = (destination / pattern.format(name=name)).read_text()
        for banned in ("todo!(", "unimplemented!(", ".unwrap()", ".expect(", "panic!("):
            assert banned not in text, f"{banned} in {pattern}"


def _effective(case: dict[str, Any], name: str, question: dict[str, Any]) -> object:
    """Return the answer a case gives, falling back to the question's default."""
    if name in case:
        return case[name]
    if name == "auth_scheme":
        auth_type = case.get("auth_type", "HeaderKey")
        return CATALOG["auth_types"][auth_type]["schemes"][0]
    return question.get("default")


def test_cases_cover_every_choice() -> None:
    """Each choice of every choice question appears in at least one case."""
    questions = yaml.safe_load((TEMPLATE_ROOT / "copier.yml").read_text())
    for name, question in questions.items():
        if name.startswith("_") or not isinstance(question, dict):
            continue
        choices = question.get("choices")
        if not choices:
            continue
        expected = set(choices.values() if isinstance(choices, dict) else choices)
        seen: set[Any] = set()
        for case in CASES.values():
            value = _effective(case, name, question)
            seen.update(value if isinstance(value, list) else [value])
        assert expected <= seen, f"{name}: {sorted(expected - seen)} never rendered"
