"""Tests for hooks/register_connector.py against the miniature checkout."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import tomlkit
import yaml

import register_connector as rc
import registration_points as rp
import rust_syntax

ROOT = Path(__file__).resolve().parent.parent

FIXTURE = ROOT / "tests" / "fixtures" / "hyperswitch"
SCRIPT = ROOT / "hooks" / "register_connector.py"
RUSTFMT = shutil.which("rustfmt") or (
    "/root/.cargo/bin/rustfmt" if Path("/root/.cargo/bin/rustfmt").exists() else None
)
CORE_FLOWS = ["authorize", "psync", "capture", "cancel", "refund", "rsync"]
V1_DEFAULTS = "crates/hyperswitch_connectors/src/default_implementations.rs"
V2_DEFAULTS = "crates/hyperswitch_connectors/src/default_implementations_v2.rs"


def parse_toml(text: str) -> dict[str, Any]:
    """Parse TOML text into plain Python values."""
    return tomlkit.parse(text).unwrap()


def make_answers(name: str, **overrides: object) -> dict[str, Any]:
    """Return answers as Copier would record them."""
    answers: dict[str, Any] = {
        "connector_name": name,
        "base_url": f"https://sandbox.{name.replace('_', '')}.example/",
        "flows": list(CORE_FLOWS),
        "auth_type": "HeaderKey",
        "register": True,
    }
    answers.update(overrides)
    return answers


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """Copy the miniature checkout into a fresh directory."""
    target = tmp_path / "hyperswitch"
    shutil.copytree(FIXTURE, target)
    return target


def snapshot(root: Path) -> dict[str, str]:
    """Hash every file under root."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def macro_items(source: str, macro: str) -> list[str]:
    """Return the connector type names listed in one `macro!(…)` invocation."""
    match = re.search(rf"^{macro}!\((.*?)\);", source, re.MULTILINE | re.DOTALL)
    assert match is not None, f"{macro}! not found"
    return re.findall(r"connectors::(\w+)", match.group(1))


def read(root: Path, path: str) -> str:
    """Read one file of the checkout."""
    return (root / path).read_text(encoding="utf-8")


def write_answers_file(root: Path, answers: dict[str, Any]) -> Path:
    """Write a .copier-answers.<name>.yml into the checkout."""
    path = root / f".copier-answers.{answers['connector_name']}.yml"
    path.write_text(yaml.safe_dump(answers), encoding="utf-8")
    return path


def run_cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    """Run the command-line script the way Copier's task does."""
    return subprocess.run(
        [sys.executable, str(SCRIPT), *arguments],
        capture_output=True,
        text=True,
        check=False,
    )


# --- placement ----------------------------------------------------------------


def test_first_name_goes_before_every_neighbour(checkout: Path) -> None:
    rc.register(checkout, make_answers("aaapay"))
    enums = read(checkout, "crates/common_enums/src/connector_enums.rs")
    assert "pub enum Connector {\n    Aaapay,\n    Stripe," in enums
    assert "Self::Aaapay | Self::Bambora" in enums
    connectors = read(checkout, "crates/hyperswitch_connectors/src/connectors.rs")
    assert connectors.startswith("pub mod aaapay;\npub mod adyen;\n")
    config = read(checkout, "config/development.toml")
    assert (
        '[connectors]\naaapay.base_url = "https://sandbox.aaapay.example"\n' in config
    )
    sample = read(checkout, "crates/router/tests/connectors/sample_auth.toml")
    assert '[aaapay]\napi_key = "API Key"\n\n[adyen]' in sample


def test_middle_name_goes_before_first_later_neighbour(checkout: Path) -> None:
    rc.register(checkout, make_answers("checkoutpay"))
    enums = read(checkout, "crates/euclid/src/enums.rs")
    # Stripe sorts after checkoutpay and comes first in this unsorted enum.
    assert "    Adyen,\n" in enums
    assert enums.index("Checkoutpay,") < enums.index("    Stripe,\n    Bambora,")
    mapping = read(checkout, "crates/router/src/types/api/feature_matrix.rs")
    assert mapping.index("Checkoutpay") < mapping.index("connector::Stripe")
    endpoints = read(
        checkout, "crates/hyperswitch_domain_models/src/connector_endpoints.rs"
    )
    assert "pub checkoutpay: ConnectorParams,\n    pub stripe:" in endpoints
    configs = read(checkout, "crates/connector_configs/toml/sandbox.toml")
    assert configs.index("[checkoutpay]") < configs.index("[stripe]")


def test_multi_word_name_uses_pascal_case(checkout: Path) -> None:
    rc.register(checkout, make_answers("zz_top_pay", auth_type="BodyKey"))
    connectors = read(checkout, "crates/hyperswitch_connectors/src/connectors.rs")
    assert "zz_top_pay::ZzTopPay" in connectors
    router = read(checkout, "crates/router/src/connector.rs")
    assert "zz_top_pay, zz_top_pay::ZzTopPay," in router
    validation = read(checkout, "crates/router/src/core/connector_validation.rs")
    assert (
        "api_enums::Connector::ZzTopPay => {\n"
        "                zz_top_pay::transformers::ZzTopPayAuthType::try_from("
        "self.auth_type)?;\n"
        "                Ok(())\n"
        "            }\n"
    ) in validation
    auth = read(checkout, "crates/test_utils/src/connector_auth.rs")
    assert "pub bambora: Option<BodyKey>,\n    pub zz_top_pay: Option<BodyKey>," in auth
    for name in ("development", "production", "sandbox"):
        table = parse_toml(read(checkout, f"crates/connector_configs/toml/{name}.toml"))
        assert table["zz_top_pay"]["connector_auth"]["BodyKey"] == {
            "api_key": "API Key",
            "key1": "Merchant ID",
        }


def test_last_name_joins_macro_list_without_trailing_comma(checkout: Path) -> None:
    rc.register(checkout, make_answers("zz_top_pay"))
    source = read(checkout, V1_DEFAULTS)
    assert "    connectors::TsysTransit,\n    connectors::ZzTopPay\n);" in source
    assert macro_items(source, "default_imp_for_approve")[-1] == "ZzTopPay"


def test_long_name_arms_wrap_like_rustfmt(checkout: Path) -> None:
    name = "unified_authentication_service"
    rc.register(checkout, make_answers(name))
    mapping = read(checkout, "crates/router/src/types/api/connector_mapping.rs")
    assert (
        "enums::Connector::UnifiedAuthenticationService => "
        "Ok(ConnectorEnum::Old(Box::new(\n"
        "                    connector::UnifiedAuthenticationService::new(),\n"
        "                ))),\n"
    ) in mapping
    validation = read(checkout, "crates/router/src/core/connector_validation.rs")
    assert "AuthType::try_from(\n                    self.auth_type,\n" in validation


# --- reconciling ----------------------------------------------------------------


def test_second_registration_changes_nothing(checkout: Path) -> None:
    answers = make_answers("checkoutpay", flows=[*CORE_FLOWS, "setup_mandate"])
    rc.register(checkout, answers)
    before = snapshot(checkout)
    report = rc.register(checkout, answers)
    assert report.edits == []
    assert snapshot(checkout) == before


def test_remove_restores_every_file(checkout: Path) -> None:
    before = snapshot(checkout)
    answers = make_answers("zz_top_pay", flows=[*CORE_FLOWS, "setup_mandate"])
    registered = rc.register(checkout, answers)
    assert len(registered.edits) == 25
    rc.unregister(checkout, answers)
    assert snapshot(checkout) == before


@pytest.mark.parametrize("name", ["aaapay", "checkoutpay", "tsys", "zz_top_pay"])
def test_remove_restores_for_each_position(checkout: Path, name: str) -> None:
    before = snapshot(checkout)
    rc.register(checkout, make_answers(name, auth_type="SignatureKey"))
    rc.unregister(checkout, make_answers(name, auth_type="SignatureKey"))
    assert snapshot(checkout) == before


def test_added_flows_leave_their_default_lists(checkout: Path) -> None:
    rc.register(checkout, make_answers("checkoutpay"))
    source = read(checkout, V1_DEFAULTS)
    assert "Checkoutpay" in macro_items(source, "default_imp_for_complete_authorize")
    assert "Checkoutpay" in macro_items(source, "default_imp_for_pre_processing_steps")

    flows = [*CORE_FLOWS, "complete_authorize", "preprocessing"]
    rc.register(checkout, make_answers("checkoutpay", flows=flows))
    source = read(checkout, V1_DEFAULTS)
    assert "Checkoutpay" not in macro_items(
        source, "default_imp_for_complete_authorize"
    )
    assert "Checkoutpay" not in macro_items(
        source, "default_imp_for_pre_processing_steps"
    )
    assert "Checkoutpay" in macro_items(source, "default_imp_for_approve")
    assert "Checkoutpay" in macro_items(source, "default_imp_for_update_metadata")
    v2 = read(checkout, V2_DEFAULTS)
    assert "Checkoutpay" in macro_items(
        v2, "default_imp_for_new_connector_integration_payment"
    )


def test_mandate_lists_follow_setup_mandate(checkout: Path) -> None:
    rc.register(checkout, make_answers("checkoutpay"))
    config = parse_toml(read(checkout, "config/docker_compose.toml"))
    credit = config["mandates"]["supported_payment_methods"]["card"]["credit"]
    assert "checkoutpay" not in credit["connector_list"]

    rc.register(
        checkout, make_answers("checkoutpay", flows=[*CORE_FLOWS, "setup_mandate"])
    )
    for path in rp.RUNTIME_CONFIGS:
        config = parse_toml(read(checkout, path))
        card = config["mandates"]["supported_payment_methods"]["card"]
        assert card["credit"]["connector_list"].split(",")[-1] == "checkoutpay", path
        assert card["debit"]["connector_list"].split(",")[-1] == "checkoutpay", path


def test_certificate_auth_names_auth_type_in_sample(checkout: Path) -> None:
    report = rc.register(checkout, make_answers("certpay", auth_type="CertificateAuth"))
    sample = parse_toml(
        read(checkout, "crates/router/tests/connectors/sample_auth.toml")
    )
    assert "certpay" not in read(checkout, "crates/test_utils/src/connector_auth.rs")
    assert sample["certpay"]["auth_type"] == "CertificateAuth"
    assert set(sample["certpay"]) == {"auth_type", "certificate", "private_key"}
    assert any("CertificateAuth" in note for note in report.notes)


# --- missing anchors --------------------------------------------------------------


def test_missing_anchors_write_nothing_and_list_every_miss(checkout: Path) -> None:
    enums = checkout / "crates/euclid/src/enums.rs"
    source = enums.read_text(encoding="utf-8")
    start = source.index("impl TryFrom<Connector>")
    end = source.index("/// Turns a routable")
    enums.write_text(source[:start] + source[end:], encoding="utf-8")
    config = checkout / "config/docker_compose.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("[connectors]\n", "[endpoints]\n"),
        encoding="utf-8",
    )
    (checkout / "crates/router/src/types/api/feature_matrix.rs").unlink()
    before = snapshot(checkout)

    with pytest.raises(rc.AnchorsMissingError) as raised:
        rc.register(checkout, make_answers("checkoutpay"))

    assert snapshot(checkout) == before
    missed = {(miss.path, miss.anchor.split(" (")[0]) for miss in raised.value.misses}
    assert (
        "crates/euclid/src/enums.rs",
        "match in impl TryFrom<Connector> for RoutableConnectors",
    ) in missed
    assert ("config/docker_compose.toml", "[connectors] table") in missed
    assert ("crates/router/src/types/api/feature_matrix.rs", "the file") in missed
    assert len(raised.value.misses) == 3
    message = str(raised.value)
    assert "config/docker_compose.toml" in message
    assert "crates/euclid/src/enums.rs" in message


# --- edited files stay valid -------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "aaapay",
        "checkoutpay",
        "zz_top_pay",
        "adyenplatfor",
        "unified_authentication_service",
    ],
)
def test_edited_rust_parses_and_is_rustfmt_clean(checkout: Path, name: str) -> None:
    report = rc.register(
        checkout, make_answers(name, flows=[*CORE_FLOWS, "complete_authorize"])
    )
    rust_files = [edit.path for edit in report.edits if edit.path.suffix == ".rs"]
    assert len(rust_files) == 14
    for path in rust_files:
        tree = rust_syntax.parse(path.read_bytes())
        errors = rust_syntax.syntax_errors(tree)
        assert errors == [], f"{path}: {[rust_syntax.text(node) for node in errors]}"
    if RUSTFMT is None:
        pytest.skip("rustfmt is not installed")
    for path in rust_files:
        result = subprocess.run(
            [
                RUSTFMT,
                "--edition",
                "2021",
                "--check",
                "--config",
                "skip_children=true",
                str(path),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, f"{path}\n{result.stdout}{result.stderr}"


def test_edited_toml_parses_and_holds_entry(checkout: Path) -> None:
    answers = make_answers(
        "checkoutpay", auth_type="SignatureKey", flows=[*CORE_FLOWS, "setup_mandate"]
    )
    report = rc.register(checkout, answers)
    toml_files = [edit.path for edit in report.edits if edit.path.suffix == ".toml"]
    assert len(toml_files) == 11
    for path in rp.RUNTIME_CONFIGS:
        config = parse_toml(read(checkout, path))
        assert (
            config["connectors"]["checkoutpay"]["base_url"]
            == "https://sandbox.checkoutpay.example"
        )
    sample = parse_toml(
        read(checkout, "crates/router/tests/connectors/sample_auth.toml")
    )
    assert sample["checkoutpay"] == {
        "api_key": "API Key",
        "key1": "Merchant ID",
        "api_secret": "API Secret",
    }


# --- command line --------------------------------------------------------------------


def test_cli_registers_and_prints_report(checkout: Path) -> None:
    answers_file = write_answers_file(checkout, make_answers("checkoutpay"))
    result = run_cli("--answers-file", answers_file.name, str(checkout))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "changed config/development.toml" in result.stdout
    assert "cargo run -p openapi --features v1" in result.stdout
    assert "--features v2" in result.stdout
    assert "Checkoutpay" in read(checkout, "crates/common_enums/src/connector_enums.rs")


def test_cli_dry_run_prints_diff_and_writes_nothing(checkout: Path) -> None:
    write_answers_file(checkout, make_answers("checkoutpay"))
    before = snapshot(checkout)
    result = run_cli("register", "--dry-run", str(checkout))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "+++ b/crates/euclid/src/enums.rs" in result.stdout
    assert "+    Checkoutpay," in result.stdout
    assert snapshot(checkout) == before


@pytest.mark.parametrize("remove", ["remove", "--remove"])
def test_cli_remove_restores_files(checkout: Path, remove: str) -> None:
    answers_file = write_answers_file(checkout, make_answers("checkoutpay"))
    before = snapshot(checkout)
    assert run_cli(str(checkout)).returncode == 0
    result = run_cli(remove, "--answers-file", str(answers_file), str(checkout))
    assert result.returncode == 0, result.stdout + result.stderr
    assert snapshot(checkout) == before


def test_cli_missing_answers_file_is_usage_error(checkout: Path) -> None:
    result = run_cli("--answers-file", ".copier-answers.nope.yml", str(checkout))
    assert result.returncode == 2
    assert ".copier-answers.nope.yml" in result.stdout
    assert "not found" in result.stdout


def test_cli_missing_path_is_usage_error(tmp_path: Path) -> None:
    result = run_cli(str(tmp_path / "absent"))
    assert result.returncode == 2
    assert "absent" in result.stdout


def test_cli_missing_anchor_exits_one(checkout: Path) -> None:
    write_answers_file(checkout, make_answers("checkoutpay"))
    (checkout / "crates/router/src/core/connector_validation.rs").write_text(
        "pub struct Nothing;\n", encoding="utf-8"
    )
    before = snapshot(checkout)
    result = run_cli(str(checkout))
    assert result.returncode == 1
    assert "crates/router/src/core/connector_validation.rs" in result.stdout
    assert snapshot(checkout) == before


def test_cli_skips_outside_checkout(tmp_path: Path) -> None:
    write_answers_file(tmp_path, make_answers("checkoutpay"))
    result = run_cli(str(tmp_path))
    assert result.returncode == 0
    assert result.stdout.startswith("registration skipped:")
    assert len(result.stdout.strip().splitlines()) == 1


def test_is_hyperswitch_checkout(checkout: Path, tmp_path: Path) -> None:
    assert rc.is_hyperswitch_checkout(checkout)
    assert not rc.is_hyperswitch_checkout(tmp_path)


def test_commented_lists_keep_comments(checkout: Path) -> None:
    defaults = checkout / V1_DEFAULTS
    defaults.write_text(
        read(checkout, V1_DEFAULTS).replace(
            "default_imp_for_approve!(\n",
            "default_imp_for_approve!(\n    // connectors::Zero,\n",
        ),
        encoding="utf-8",
    )
    enums = checkout / "crates/common_enums/src/connector_enums.rs"
    enums.write_text(
        read(checkout, "crates/common_enums/src/connector_enums.rs").replace(
            "Self::Bambora | Self::TsysTransit | Self::Adyen => false,",
            "Self::Bambora\n            // | Self::Nothing\n"
            "            | Self::TsysTransit\n            | Self::Adyen => false,",
        ),
        encoding="utf-8",
    )
    before = snapshot(checkout)

    for name in ("aaapay", "checkoutpay", "zz_top_pay"):
        rc.register(checkout, make_answers(name))
        source = read(checkout, V1_DEFAULTS)
        assert "// connectors::Zero," in source
        assert pascal_name(name) in macro_items(source, "default_imp_for_approve")
        enum_source = read(checkout, "crates/common_enums/src/connector_enums.rs")
        assert "// | Self::Nothing" in enum_source
        assert f"Self::{pascal_name(name)}" in enum_source
        rc.unregister(checkout, make_answers(name))
        assert snapshot(checkout) == before, name


def pascal_name(name: str) -> str:
    """Return the type name registration derives from a connector name."""
    return "".join(part.capitalize() for part in name.split("_"))
