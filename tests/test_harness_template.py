"""Render the connector test harness for many answers and check the Rust it produces.

The harness is crates/router/tests/connectors/<name>.rs. Each variant is checked
for rustfmt cleanliness (stable defaults and Hyperswitch's nightly import
settings), for a clean tree-sitter parse, for exactly the tests its flows call
for, and for what the Hyperswitch CI would reject as warnings: unused imports,
helpers or constants.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import copier
import pytest
import tree_sitter
import yaml

from conftest import (
    RUST_LANGUAGE,
    TEMPLATE_ROOT,
    TEST_FILE,
    rustfmt_diff,
    syntax_errors,
    template_copy,
)

# Only the harness is inspected, so the other templates are left out of the render.
# That also keeps their unfinished files from failing these tests.
EXCLUDE = ["crates/hyperswitch_connectors/**", "grace/**"]

ALL_FLOWS = [
    "authorize",
    "psync",
    "capture",
    "cancel",
    "refund",
    "rsync",
    "access_token",
    "tokenization",
    "preprocessing",
    "complete_authorize",
    "setup_mandate",
    "incremental_authorization",
    "post_session_tokens",
    "session_update",
    "update_metadata",
    "webhooks",
]
CORE_FLOWS = ["authorize", "psync", "capture", "cancel", "refund", "rsync"]
FLOW_SETS = {
    "authorize": ["authorize"],
    "core": CORE_FLOWS,
    "all": ALL_FLOWS,
    "refund_without_capture": ["authorize", "psync", "refund", "rsync"],
    "capture_without_refund": ["authorize", "capture", "cancel"],
    "no_authorize": ["access_token", "tokenization", "preprocessing"],
}
# 20 characters is the longest name the template accepts.
NAMES = ["acmepay", "a", "tsys_transit", "abcdefghij_klmnopqrs"]
AUTH_TYPES = [
    "HeaderKey",
    "BodyKey",
    "SignatureKey",
    "MultiAuthKey",
    "CurrencyAuthKey",
    "CertificateAuth",
    "NoKey",
]

# Hyperswitch's .rustfmt.toml: nightly rustfmt merges and groups imports with these.
HYPERSWITCH_RUSTFMT_CONFIG = """\
edition = "2021"
unstable_features = true
group_imports = "StdExternalCrate"
imports_granularity = "Crate"
"""

# Tests each flow adds, and tests that need two flows together.
FLOW_TESTS = {
    "authorize": {"should_only_authorize_payment", "should_make_payment"},
    "psync": {"should_sync_authorized_payment", "should_sync_auto_captured_payment"},
    "capture": {
        "should_capture_authorized_payment",
        "should_partially_capture_authorized_payment",
        "should_fail_capture_for_invalid_payment",
    },
    "cancel": {
        "should_void_authorized_payment",
        "should_fail_void_payment_for_auto_capture",
    },
    "refund": {
        "should_refund_auto_captured_payment",
        "should_partially_refund_succeeded_payment",
        "should_refund_succeeded_payment_multiple_times",
        "should_fail_for_refund_amount_higher_than_payment_amount",
    },
    "rsync": {"should_sync_refund"},
}
PAIR_TESTS = {
    ("capture", "refund"): {
        "should_refund_manually_captured_payment",
        "should_partially_refund_manually_captured_payment",
    },
    ("capture", "rsync"): {"should_sync_manually_captured_refund"},
}
# Invalid-card tests, present when authorize and the card payment method are chosen.
CARD_TESTS = {
    "should_fail_payment_for_incorrect_cvc",
    "should_fail_payment_for_invalid_exp_month",
    "should_fail_payment_for_incorrect_expiry_year",
}
# The only test left when no chosen flow has a live test.
OFFLINE_TEST = "should_map_connector_variant_to_name"

# Error texts of Hyperswitch's own template, which come from Stripe.
FOREIGN_ERROR_TEXT = ("Your card's", "PaymentIntent", "payment_intent", "₹")


@dataclass(frozen=True)
class Variant:
    """One set of answers the harness is rendered with."""

    name: str
    flows: tuple[str, ...]
    auth_type: str = "HeaderKey"
    payment_methods: tuple[str, ...] = ("card",)

    @property
    def id(self) -> str:
        """Return the pytest id, naming the flow set when it is one of FLOW_SETS."""
        flow_set = next(
            (key for key, flows in FLOW_SETS.items() if tuple(flows) == self.flows),
            "-".join(self.flows),
        )
        methods = "+".join(self.payment_methods)
        return f"{self.name}-{flow_set}-{self.auth_type}-{methods}"


VARIANTS = (
    [Variant(name, tuple(flows)) for name in NAMES for flows in FLOW_SETS.values()]
    + [
        Variant("abcdefghij_klmnopqrs", tuple(CORE_FLOWS), auth)
        for auth in AUTH_TYPES[1:]
    ]
    + [Variant("a", tuple(FLOW_SETS["no_authorize"]), auth) for auth in AUTH_TYPES[1:]]
    + [
        Variant("acmepay", tuple(flows), "HeaderKey", ("wallet", "bank_redirect"))
        for flows in (FLOW_SETS["authorize"], CORE_FLOWS)
    ]
)
# Under pytest-xdist (--dist loadgroup) all checks of a variant share one worker,
# so each variant is rendered once.
VARIANT_PARAMS = [
    pytest.param(variant, id=variant.id, marks=pytest.mark.xdist_group(variant.id))
    for variant in VARIANTS
]


def expected_tests(variant: Variant) -> set[str]:
    """Return the test functions the harness must contain for a variant."""
    chosen = set(variant.flows)
    names: set[str] = set()
    if "authorize" in chosen and "card" in variant.payment_methods:
        names |= CARD_TESTS
    for flow, tests in FLOW_TESTS.items():
        if flow in chosen:
            names |= tests
    for pair, tests in PAIR_TESTS.items():
        if chosen.issuperset(pair):
            names |= tests
    return names or {OFFLINE_TEST}


@pytest.fixture(scope="session")
def render_harness(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[Variant], Path]:
    """Return a function that renders a variant once and returns its harness file."""
    rendered: dict[Variant, Path] = {}

    def render(variant: Variant) -> Path:
        if variant not in rendered:
            destination = tmp_path_factory.mktemp(variant.id)
            copier.run_copy(
                src_path=str(template_copy()),
                dst_path=str(destination),
                data={
                    "connector_name": variant.name,
                    "flows": list(variant.flows),
                    "auth_type": variant.auth_type,
                    "payment_methods": list(variant.payment_methods),
                },
                defaults=True,
                unsafe=True,
                skip_tasks=True,
                exclude=EXCLUDE,
                quiet=True,
            )
            rendered[variant] = destination / TEST_FILE.format(name=variant.name)
        return rendered[variant]

    return render


def parse(source: bytes) -> tree_sitter.Tree:
    return tree_sitter.Parser(RUST_LANGUAGE).parse(source)


def node_text(node: tree_sitter.Node) -> str:
    return (node.text or b"").decode()


def functions(tree: tree_sitter.Tree) -> dict[str, tuple[list[str], str]]:
    """Map each top-level fn name to its attributes and its source text."""
    found: dict[str, tuple[list[str], str]] = {}
    attributes: list[str] = []
    for node in tree.root_node.children:
        if node.type == "attribute_item":
            attributes.append(node_text(node))
            continue
        if node.type == "function_item":
            name_node = node.child_by_field_name("name")
            assert name_node is not None
            found[node_text(name_node)] = (attributes, node_text(node))
        if node.type not in ("line_comment", "block_comment"):
            attributes = []
    return found


def harness_test_names(tree: tree_sitter.Tree) -> set[str]:
    """Return the names of fns marked #[test] or #[actix_web::test]."""
    return {
        name
        for name, (attributes, _) in functions(tree).items()
        if {"#[test]", "#[actix_web::test]"} & set(attributes)
    }


def imported_names(source: str) -> list[str]:
    """Return the names the top-level `use` items bring into scope.

    `use a::{self, b};` brings in `a` and `b`.
    """
    names: list[str] = []
    for declaration in re.findall(r"^use ([^;]+);", source, flags=re.MULTILINE):
        names.extend(_use_tree_names(re.sub(r"\s+", "", declaration)))
    return names


def _use_tree_names(tree: str) -> list[str]:
    if not tree.endswith("}"):
        return [tree.split("::")[-1]]
    prefix, _, inner = tree.partition("{")
    parent = prefix.rstrip(":").split("::")[-1]
    names: list[str] = []
    depth = 0
    item = ""
    for char in inner[:-1] + ",":
        if char == "," and depth == 0:
            if item == "self":
                names.append(parent)
            elif item:
                names.extend(_use_tree_names(item))
            item = ""
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        item += char
    return names


def without_use_lines(source: str) -> str:
    return re.sub(r"^use [^;]+;", "", source, flags=re.MULTILINE)


def nightly_rustfmt() -> list[str] | None:
    """Return the command that runs nightly rustfmt, or None when it is missing."""
    rustup = shutil.which("rustup")
    if rustup is None:
        return None
    command = [rustup, "run", "nightly", "rustfmt"]
    probe = subprocess.run([*command, "--version"], capture_output=True, check=False)
    return command if probe.returncode == 0 else None


@pytest.mark.parametrize("variant", VARIANT_PARAMS)
def test_harness_is_stable_rustfmt_clean(
    variant: Variant, render_harness: Callable[[Variant], Path]
) -> None:
    path = render_harness(variant)
    assert rustfmt_diff([path]) == ""


@pytest.mark.parametrize("variant", VARIANT_PARAMS)
def test_harness_is_hyperswitch_rustfmt_clean(
    variant: Variant, render_harness: Callable[[Variant], Path], tmp_path: Path
) -> None:
    command = nightly_rustfmt()
    if command is None:
        pytest.skip("nightly rustfmt is not installed")
    config = tmp_path / "rustfmt.toml"
    config.write_text(HYPERSWITCH_RUSTFMT_CONFIG, encoding="utf-8")
    path = render_harness(variant)
    result = subprocess.run(
        [*command, "--config-path", str(config), "--check", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout + result.stderr == ""
    assert result.returncode == 0


@pytest.mark.parametrize("variant", VARIANT_PARAMS)
def test_harness_parses_without_errors(
    variant: Variant, render_harness: Callable[[Variant], Path]
) -> None:
    assert syntax_errors(render_harness(variant).read_bytes()) == []


@pytest.mark.parametrize("variant", VARIANT_PARAMS)
def test_harness_has_tests_of_chosen_flows(
    variant: Variant, render_harness: Callable[[Variant], Path]
) -> None:
    tree = parse(render_harness(variant).read_bytes())
    assert harness_test_names(tree) == expected_tests(variant)


@pytest.mark.parametrize("variant", VARIANT_PARAMS)
def test_harness_covers_catalog_test_names(
    variant: Variant, render_harness: Callable[[Variant], Path]
) -> None:
    catalog_text = (TEMPLATE_ROOT / "catalog" / "flows.yml").read_text("utf-8")
    catalog = yaml.safe_load(catalog_text)
    tree = parse(render_harness(variant).read_bytes())
    listed = {
        test for flow in variant.flows for test in catalog["flows"][flow]["test_names"]
    }
    assert listed <= harness_test_names(tree)


@pytest.mark.parametrize("variant", VARIANT_PARAMS)
def test_harness_uses_every_import(
    variant: Variant, render_harness: Callable[[Variant], Path]
) -> None:
    source = render_harness(variant).read_text(encoding="utf-8")
    body = without_use_lines(source)
    names = imported_names(source)
    assert names, "harness has no use declarations"
    unused = [name for name in names if not re.search(rf"\b{re.escape(name)}\b", body)]
    assert unused == []


@pytest.mark.parametrize("variant", VARIANT_PARAMS)
def test_harness_uses_every_helper(
    variant: Variant, render_harness: Callable[[Variant], Path]
) -> None:
    source = render_harness(variant).read_text(encoding="utf-8")
    tree = parse(source.encode())
    tests = harness_test_names(tree)
    helpers = [name for name in functions(tree) if name not in tests]
    items = helpers + re.findall(r"^(?:const|static) (\w+)", source, flags=re.MULTILINE)
    unused = [
        name for name in items if len(re.findall(rf"\b{re.escape(name)}\b", source)) < 2
    ]
    assert unused == []


@pytest.mark.parametrize("variant", VARIANT_PARAMS)
def test_harness_wires_connector_names(
    variant: Variant, render_harness: Callable[[Variant], Path]
) -> None:
    source = render_harness(variant).read_text(encoding="utf-8")
    pascal = "".join(part.capitalize() for part in variant.name.split("_"))
    assert f"struct {pascal}Test;" in source
    assert f"use router::connector::{pascal};" in source
    assert f"types::Connector::{pascal}," in source
    assert f'"{variant.name}".to_string()' in source
    assert f"static CONNECTOR: {pascal}Test = {pascal}Test {{}};" in source
    assert "todo!(" not in source


@pytest.mark.parametrize(
    ("auth_type", "expected"),
    [
        ("HeaderKey", "utils::to_connector_auth_type("),
        ("BodyKey", "utils::to_connector_auth_type("),
        ("SignatureKey", "utils::to_connector_auth_type("),
        ("MultiAuthKey", "utils::to_connector_auth_type("),
        ("CurrencyAuthKey", "ConnectorAuthType::CurrencyAuthKey { auth_key_map }"),
        ("CertificateAuth", '.get::<types::ConnectorAuthType>("tsys_transit")'),
        ("NoKey", "types::ConnectorAuthType::NoKey"),
    ],
)
def test_auth_token_matches_auth_type(
    auth_type: str, expected: str, render_harness: Callable[[Variant], Path]
) -> None:
    variant = Variant("tsys_transit", tuple(CORE_FLOWS), auth_type)
    tree = parse(render_harness(variant).read_bytes())
    impl_text = next(
        node_text(node)
        for node in tree.root_node.children
        if node.type == "impl_item" and "utils::Connector for" in node_text(node)
    )
    assert expected in impl_text
    reads_struct = auth_type not in ("CertificateAuth", "NoKey")
    assert ("ConnectorAuthentication::new()" in impl_text) is reads_struct
    assert (".tsys_transit\n" in impl_text) is reads_struct


@pytest.mark.parametrize("variant", VARIANT_PARAMS)
def test_negative_tests_mark_placeholder_errors(
    variant: Variant, render_harness: Callable[[Variant], Path]
) -> None:
    source = render_harness(variant).read_text(encoding="utf-8")
    negative = {
        name: text
        for name, (_, text) in functions(parse(source.encode())).items()
        if name.startswith("should_fail_")
    }
    for name, text in negative.items():
        todo = text.find("// TODO: replace with the connector's error message")
        check = text.find("assert_eq!(error.message,")
        assert todo != -1, f"{name} has no TODO for its expected error message"
        assert "(spec §6)" in text, f"{name} does not name the spec section"
        assert check > todo, f"{name} checks the error before its TODO"
    for text in FOREIGN_ERROR_TEXT:
        assert text not in source
