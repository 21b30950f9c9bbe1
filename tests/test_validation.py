"""Tests of the validation hook: one planted defect per rule, plus the CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import register_connector
import validate_connector as vc
from conftest import TEMPLATE_ROOT, copy_fixture_checkout, render
from validation_rules import RULES, Finding, Severity

NAME = "acmepay"
FLOWS = ["authorize", "psync", "capture", "cancel", "refund", "rsync", "webhooks"]
CONNECTOR = f"crates/hyperswitch_connectors/src/connectors/{NAME}.rs"
TRANSFORMERS = f"crates/hyperswitch_connectors/src/connectors/{NAME}/transformers.rs"
TEST_FILE = f"crates/router/tests/connectors/{NAME}.rs"
SPEC = f"grace/connector_integration/{NAME}/{NAME}_specs.md"
PLAN = f"grace/connector_integration/{NAME}/{NAME}_plan.md"
ANSWERS = f".copier-answers.{NAME}.yml"
SCRIPT = TEMPLATE_ROOT / "hooks" / "validate_connector.py"
HAS_RUSTFMT = shutil.which("rustfmt") is not None


@pytest.fixture(scope="module")
def clean_render(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Render the template once per module, without tasks."""
    destination = tmp_path_factory.mktemp("render") / "checkout"
    return render(destination, {"connector_name": NAME, "flows": FLOWS})


@pytest.fixture
def checkout(tmp_path: Path, clean_render: Path) -> Path:
    """Give each test its own copy of the clean render."""
    destination = tmp_path / "checkout"
    shutil.copytree(clean_render, destination)
    return destination


def load(checkout: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((checkout / ANSWERS).read_text())
    return data


def replace(checkout: Path, relative: str, old: str, new: str) -> int:
    """Replace the only occurrence of old and return its 1-based line."""
    path = checkout / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def insert_after(checkout: Path, relative: str, anchor: str, lines: str) -> int:
    """Insert lines after the line holding anchor; return the first new line."""
    anchor_line = replace(checkout, relative, anchor, anchor + "\n" + lines)
    return anchor_line + 1 + anchor.count("\n")


def locations(findings: list[Finding], code: str) -> set[tuple[str, int]]:
    return {
        (finding.path, finding.line) for finding in findings if finding.code == code
    }


def run_validate(checkout: Path) -> list[Finding]:
    return vc.validate(checkout, load(checkout))


def test_clean_render_reports_nothing(checkout: Path) -> None:
    findings = run_validate(checkout)
    if HAS_RUSTFMT:
        assert findings == []
    assert [f for f in findings if f.severity is not Severity.INFO] == []


def test_every_flow_render_reports_nothing(tmp_path: Path) -> None:
    flows = [
        "authorize", "psync", "capture", "cancel", "refund", "rsync", "access_token",
        "tokenization", "preprocessing", "complete_authorize", "setup_mandate",
        "incremental_authorization", "post_session_tokens", "session_update",
        "update_metadata", "webhooks",
    ]  # fmt: skip
    data = {
        "connector_name": "tsys_transit",
        "flows": flows,
        "auth_type": "MultiAuthKey",
        "amount_unit": "StringMajorUnit",
        "content_type": "form_urlencoded",
        "payment_methods": ["card", "wallet"],
        "psync_endpoint": "GET /v1/payments/{connector_transaction_id}",
    }
    destination = render(tmp_path / "all", data)
    answers = yaml.safe_load(
        (destination / ".copier-answers.tsys_transit.yml").read_text()
    )
    findings = vc.validate(destination, answers)
    assert [f for f in findings if f.severity is not Severity.INFO] == []


def test_broken_brace_is_syntax_error(checkout: Path) -> None:
    line = replace(checkout, CONNECTOR, "impl Acmepay {\n", "impl Acmepay\n")
    assert (CONNECTOR, line) in locations(run_validate(checkout), "HSC001")


@pytest.mark.skipif(not HAS_RUSTFMT, reason="rustfmt is not installed")
def test_unformatted_code_fails_rustfmt(checkout: Path) -> None:
    line = replace(checkout, CONNECTOR, "impl Acmepay {\n", "impl  Acmepay {\n")
    assert (CONNECTOR, line) in locations(run_validate(checkout), "HSC002")


def test_missing_rustfmt_is_one_info_line(
    checkout: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    findings = run_validate(checkout)
    skipped = [f for f in findings if f.code == "HSC002"]
    assert len(skipped) == 1
    assert skipped[0].severity is Severity.INFO
    assert "skipped" in skipped[0].message
    assert vc.exit_status(findings) == 0


HYPERSWITCH_RUSTFMT_CONFIG = (
    'edition = "2021"\nunstable_features = true\n'
    'group_imports = "StdExternalCrate"\nimports_granularity = "Crate"\n'
)


@pytest.mark.skipif(not HAS_RUSTFMT, reason="rustfmt is not installed")
def test_stable_rustfmt_notes_ignored_nightly_options(
    checkout: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (checkout / ".rustfmt.toml").write_text(HYPERSWITCH_RUSTFMT_CONFIG)
    real = shutil.which("rustfmt")
    stable_only = tmp_path / "stable-bin"
    stable_only.mkdir()
    wrapper = stable_only / "rustfmt"
    # A rustfmt without rustup's proxy: it rejects `+nightly` like a plain binary.
    wrapper.write_text(f'#!/bin/sh\ncase "$1" in +*) exit 1;; esac\nexec {real} "$@"\n')
    wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{stable_only}:{os.environ['PATH']}")
    findings = [f for f in run_validate(checkout) if f.code == "HSC002"]
    assert [f.severity for f in findings] == [Severity.INFO]
    assert "nightly-only options" in findings[0].message


def _has_nightly_rustfmt() -> bool:
    if not HAS_RUSTFMT:
        return False
    probe = ["rustfmt", "+nightly", "--version"]
    return subprocess.run(probe, capture_output=True, check=False).returncode == 0


@pytest.mark.skipif(not _has_nightly_rustfmt(), reason="no nightly rustfmt in rustup")
def test_nightly_rustfmt_checks_hyperswitch_config(checkout: Path) -> None:
    (checkout / ".rustfmt.toml").write_text(HYPERSWITCH_RUSTFMT_CONFIG)
    assert [f for f in run_validate(checkout) if f.code == "HSC002"] == []


def test_jinja_residue_in_rust(checkout: Path) -> None:
    line = insert_after(
        checkout,
        TRANSFORMERS,
        "use hyperswitch_masking::Secret;",
        "// {{ connector_name }}",
    )
    assert (TRANSFORMERS, line) in locations(run_validate(checkout), "HSC003")


def test_grace_placeholder_in_spec(checkout: Path) -> None:
    line = insert_after(
        checkout,
        SPEC,
        "## 8. Connector-Specific Considerations",
        "See {{connector_name}}.",
    )
    assert (SPEC, line) in locations(run_validate(checkout), "HSC003")


def test_double_bracket_placeholder_in_plan(checkout: Path) -> None:
    line = insert_after(checkout, PLAN, "## Summary", "[[fill in the summary]]")
    assert (PLAN, line) in locations(run_validate(checkout), "HSC003")


def test_todo_macro_is_reported(checkout: Path) -> None:
    line = replace(
        checkout,
        CONNECTOR,
        "        api::CurrencyUnit::Minor\n",
        "        todo!()\n",
    )
    assert (CONNECTOR, line) in locations(run_validate(checkout), "HSC004")


def test_expect_outside_tests_is_reported(checkout: Path) -> None:
    line = replace(
        checkout,
        CONNECTOR,
        '        "application/json"\n',
        '        Some("application/json").expect("content type")\n',
    )
    assert (CONNECTOR, line) in locations(run_validate(checkout), "HSC004")


def test_expect_in_router_tests_is_allowed(checkout: Path) -> None:
    assert ".expect(" in (checkout / TEST_FILE).read_text()
    assert locations(run_validate(checkout), "HSC004") == set()


def test_unused_import_is_error(checkout: Path) -> None:
    line = insert_after(
        checkout,
        CONNECTOR,
        "use std::sync::LazyLock;",
        "use std::collections::HashMap;",
    )
    assert (CONNECTOR, line) in locations(run_validate(checkout), "HSC005")


def test_trait_without_method_call_is_unused(checkout: Path) -> None:
    line = insert_after(
        checkout,
        TRANSFORMERS,
        "use hyperswitch_masking::Secret;",
        "use hyperswitch_masking::ExposeInterface;",
    )
    assert (TRANSFORMERS, line) in locations(run_validate(checkout), "HSC005")


def test_duplicate_import_is_error(checkout: Path) -> None:
    line = insert_after(
        checkout, CONNECTOR, "use common_enums::enums;", "use common_enums::enums;"
    )
    assert (CONNECTOR, line) in locations(run_validate(checkout), "HSC006")


def test_unproven_trait_import_is_warning(checkout: Path) -> None:
    line = insert_after(
        checkout,
        CONNECTOR,
        "use crate::{constants::headers, types::ResponseRouterData, utils};",
        "use crate::utils::PaymentsCaptureRequestData;",
    )
    findings = run_validate(checkout)
    assert (CONNECTOR, line) in locations(findings, "HSC007")
    warning = next(f for f in findings if f.code == "HSC007")
    assert warning.severity is Severity.WARNING
    assert vc.exit_status([f for f in findings if f.code != "HSC002"]) == 0


def test_empty_impl_of_chosen_flow(checkout: Path) -> None:
    path = checkout / CONNECTOR
    text = path.read_text()
    header = (
        "impl ConnectorIntegration<Capture, PaymentsCaptureData, PaymentsResponseData>"
        " for Acmepay {\n"
    )
    start = text.index(header)
    end = text.index("\n}\n", start) + 3
    path.write_text(text[:start] + header.rstrip("\n") + "}\n" + text[end:])
    line = text[:start].count("\n") + 1
    assert (CONNECTOR, line) in locations(run_validate(checkout), "HSC008")


def test_impl_of_defaulted_flow_conflicts(checkout: Path) -> None:
    line = insert_after(
        checkout,
        CONNECTOR,
        "impl ConnectorValidation for Acmepay {}",
        "\nimpl ConnectorIntegration<CompleteAuthorize, CompleteAuthorizeData, "
        "PaymentsResponseData>\n    for Acmepay\n{\n}",
    )
    assert (CONNECTOR, line + 1) in locations(run_validate(checkout), "HSC008")


def test_changed_auth_variant(checkout: Path) -> None:
    line = replace(
        checkout,
        TRANSFORMERS,
        "ConnectorAuthType::HeaderKey { api_key }",
        "ConnectorAuthType::BodyKey { api_key, .. }",
    )
    assert (TRANSFORMERS, line) in locations(run_validate(checkout), "HSC009")


def test_extra_auth_field(checkout: Path) -> None:
    line = replace(
        checkout,
        TRANSFORMERS,
        "pub struct AcmepayAuthType {\n    pub api_key: Secret<String>,\n",
        "pub struct AcmepayAuthType {\n    pub api_key: Secret<String>,\n"
        "    pub key1: Secret<String>,\n",
    )
    assert (TRANSFORMERS, line) in locations(run_validate(checkout), "HSC009")


def test_wrong_amount_converter(checkout: Path) -> None:
    line = replace(
        checkout,
        CONNECTOR,
        "amount_converter: &MinorUnitForConnector,",
        "amount_converter: &StringMinorUnitForConnector,",
    )
    assert (CONNECTOR, line) in locations(run_validate(checkout), "HSC010")


def test_wrong_router_data_amount(checkout: Path) -> None:
    line = replace(
        checkout, TRANSFORMERS, "    pub amount: MinorUnit,\n", "    pub amount: i64,\n"
    )
    assert (TRANSFORMERS, line) in locations(run_validate(checkout), "HSC010")


def test_error_response_missing_field(checkout: Path) -> None:
    path = checkout / CONNECTOR
    text = path.read_text()
    line = text[: text.index("Ok(ErrorResponse {")].count("\n") + 1
    replace(checkout, CONNECTOR, "            network_advice_code: None,\n", "")
    assert (CONNECTOR, line) in locations(run_validate(checkout), "HSC011")


def test_unknown_status_to_failure(checkout: Path) -> None:
    line = replace(
        checkout,
        TRANSFORMERS,
        "AcmepayRefundStatus::Unknown => Self::Pending,",
        "AcmepayRefundStatus::Unknown => Self::Failure,",
    )
    assert (TRANSFORMERS, line) in locations(run_validate(checkout), "HSC012")


def test_wildcard_status_to_failure(checkout: Path) -> None:
    line = replace(
        checkout,
        TRANSFORMERS,
        "            AcmepayCaptureStatus::Unknown => Self::Pending,\n",
        "            _ => Self::CaptureFailed,\n",
    )
    assert (TRANSFORMERS, line) in locations(run_validate(checkout), "HSC012")


def test_api_key_in_spec(checkout: Path) -> None:
    line = insert_after(
        checkout,
        SPEC,
        "## 8. Connector-Specific Considerations",
        'api_key: "sk_live_4eC39HqLyjWDarjtT1zdp7dc"',
    )
    assert (SPEC, line) in locations(run_validate(checkout), "HSC013")


def test_bearer_literal_in_code(checkout: Path) -> None:
    line = replace(
        checkout,
        CONNECTOR,
        'format!("Bearer {}", auth.api_key.peek())',
        'format!("Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0{}", auth.api_key.peek())',
    )
    assert (CONNECTOR, line) in locations(run_validate(checkout), "HSC013")


def test_dropped_spec_section(checkout: Path) -> None:
    replace(checkout, SPEC, "## 5. Webhooks\n", "")
    text = (checkout / SPEC).read_text()
    line = text[: text.index("## 6. Error Handling")].count("\n") + 1
    assert (SPEC, line) in locations(run_validate(checkout), "HSC014")


def test_missing_endpoint_row(checkout: Path) -> None:
    text = (checkout / SPEC).read_text()
    row = next(r for r in text.splitlines(True) if r.startswith("| `capture` |"))
    replace(checkout, SPEC, row, "")
    line = text[: text.index("## 2. API Endpoints")].count("\n") + 1
    assert (SPEC, line) in locations(run_validate(checkout), "HSC015")


def test_missing_status_table(checkout: Path) -> None:
    text = (checkout / SPEC).read_text()
    start = text.index("### 3.4 Cancel (Void) (cancel)")
    table = text.index("| Connector status |", start)
    end = text.index("\n\n", table)
    (checkout / SPEC).write_text(text[:table] + text[end + 2 :])
    line = text[:start].count("\n") + 1
    assert (SPEC, line) in locations(run_validate(checkout), "HSC016")


def test_missing_plan_step(checkout: Path) -> None:
    replace(checkout, PLAN, "flow (capture)", "flow")
    assert (PLAN, 1) in locations(run_validate(checkout), "HSC017")


def test_reordered_plan_steps(checkout: Path) -> None:
    replace(checkout, PLAN, "Authorize flow (authorize)", "Authorize flow (@@)")
    line = replace(
        checkout, PLAN, "Payment Sync flow (psync)", "Payment Sync flow (authorize)"
    )
    replace(checkout, PLAN, "Authorize flow (@@)", "Authorize flow (psync)")
    text = (checkout / PLAN).read_text()
    psync_line = text[: text.index("(psync)")].count("\n") + 1
    assert psync_line < line
    assert (PLAN, psync_line) in locations(run_validate(checkout), "HSC018")


def test_invalid_answer(checkout: Path) -> None:
    line = replace(
        checkout, ANSWERS, "base_url: https://sandbox.acmepay.com", "base_url: ftp://x"
    )
    assert (ANSWERS, line) in locations(run_validate(checkout), "HSC020")


def test_missing_generated_file(checkout: Path) -> None:
    (checkout / PLAN).unlink()
    assert (PLAN, 1) in locations(run_validate(checkout), "HSC021")


@pytest.fixture
def registered(tmp_path: Path) -> Path:
    """Render into the miniature Hyperswitch checkout and register the connector."""
    destination = copy_fixture_checkout(tmp_path / "hyperswitch")
    render(destination, {"connector_name": NAME, "flows": FLOWS})
    register_connector.register(destination, load(destination))
    return destination


def test_registered_checkout_is_clean(registered: Path) -> None:
    findings = run_validate(registered)
    assert [f for f in findings if f.severity is not Severity.INFO] == []


def test_duplicate_registration_entry(registered: Path) -> None:
    relative = "crates/hyperswitch_connectors/src/default_implementations.rs"
    text = (registered / relative).read_text()
    first = text.index("    connectors::Acmepay,\n")
    after = text.index("\n", text.index("\n", first) + 1) + 1
    (registered / relative).write_text(
        text[:after] + "    connectors::Acmepay,\n" + text[after:]
    )
    line = text[:after].count("\n") + 1
    assert (relative, line) in locations(run_validate(registered), "HSC019")


def test_missing_registration_entry(registered: Path) -> None:
    relative = "crates/hyperswitch_connectors/src/connectors.rs"
    line = replace(registered, relative, "pub mod acmepay;\n", "")
    assert (relative, line) in locations(run_validate(registered), "HSC019")


def test_unregistered_answers_skip_registration(registered: Path) -> None:
    answers = load(registered) | {"register": False}
    replace(
        registered,
        "crates/hyperswitch_connectors/src/connectors.rs",
        "pub mod acmepay;\n",
        "",
    )
    assert locations(vc.validate(registered, answers), "HSC019") == set()


def run_cli(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_clean_exits_zero(checkout: Path) -> None:
    result = run_cli("--answers-file", ANSWERS, str(checkout), cwd=checkout)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("validation passed")


def test_cli_error_exits_one_with_lint_lines(checkout: Path) -> None:
    line = insert_after(
        checkout,
        CONNECTOR,
        "use std::sync::LazyLock;",
        "use std::collections::HashMap;",
    )
    result = run_cli(cwd=checkout)
    assert result.returncode == 1
    assert f"{CONNECTOR}:{line}:5: HSC005 " in result.stdout
    assert "validation failed" in result.stdout.splitlines()[-1]


def test_cli_json_matches_findings(checkout: Path) -> None:
    insert_after(
        checkout,
        CONNECTOR,
        "use std::sync::LazyLock;",
        "use std::collections::HashMap;",
    )
    result = run_cli("--format", "json", cwd=checkout)
    document = json.loads(result.stdout)
    expected = [f.as_dict() for f in run_validate(checkout)]
    assert document["findings"] == expected
    assert document["summary"]["error"] == len(
        [f for f in expected if f["severity"] == "error"]
    )


def test_cli_missing_answers_file(checkout: Path) -> None:
    result = run_cli("--answers-file", ".copier-answers.nopay.yml", cwd=checkout)
    assert result.returncode == 2
    assert ".copier-answers.nopay.yml" in result.stderr
    assert "not found" in result.stderr


def test_cli_missing_checkout(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-checkout"
    result = run_cli(str(missing), cwd=tmp_path)
    assert result.returncode == 2
    assert str(missing) in result.stderr


def test_rule_codes_unique_and_described() -> None:
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes))
    assert all(rule.description.endswith(".") for rule in RULES)
    assert [row[0] for row in vc.rule_table()] == codes
