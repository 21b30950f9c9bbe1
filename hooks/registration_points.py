"""The shared Hyperswitch files a new connector is registered in.

Each RegistrationPoint names a file, the item that encloses the entry, and a
function that adds the entry (present=True) or removes it (present=False).
The enclosing items are those of juspay/hyperswitch at commit 78cd8a1
(August 2026); when Hyperswitch moves one, its point here must follow.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import flow_catalog
import naming
import rust_lists as rl
import toml_lists as tl


@dataclass(frozen=True)
class Connector:
    """The answers registration needs, with the names derived from them."""

    name: str
    type_name: str
    base_url: str
    flows: frozenset[str]
    auth_type: str
    auth_fields: tuple[str, ...]
    field_labels: Mapping[str, str] = field(default_factory=dict)
    test_struct: str | None = None

    @classmethod
    def from_answers(cls, answers: Mapping[str, Any]) -> Connector:
        """Build a Connector from Copier answers, checking the keys it needs."""
        missing = [
            key
            for key in ("connector_name", "base_url", "flows", "auth_type")
            if key not in answers
        ]
        if missing:
            raise KeyError(", ".join(missing))
        catalog = flow_catalog.load_catalog()
        auth_type = str(answers["auth_type"])
        if auth_type not in catalog["auth_types"]:
            raise ValueError(f"unknown auth_type {auth_type!r}")
        name = str(answers["connector_name"])
        return cls(
            name=name,
            type_name=naming.pascal_case(name),
            base_url=str(answers["base_url"]).rstrip("/"),
            flows=frozenset(str(flow) for flow in answers["flows"] or []),
            auth_type=auth_type,
            auth_fields=tuple(flow_catalog.auth_fields(auth_type)),
            field_labels=dict(catalog["auth_field_labels"]),
            test_struct=catalog["auth_types"][auth_type]["test_struct"],
        )

    @property
    def supports_mandates(self) -> bool:
        """Tell whether the connector sets up mandates itself."""
        return "setup_mandate" in self.flows

    def auth_lines(self) -> list[str]:
        """Return `field = "Label"` lines for the auth fields."""
        return [
            f'{name} = "{self.field_labels.get(name, name)}"'
            for name in self.auth_fields
        ]


# Edits one file's text: (text, connector, present) -> new text.
Editor = Callable[[str, Connector, bool], str]


@dataclass(frozen=True)
class RegistrationPoint:
    """One entry in one shared file."""

    path: str
    anchor: str
    edit: Editor
    # Checks a TOML result: (parsed document, connector, present) -> entry correct?
    toml_check: Callable[[dict[str, Any], Connector, bool], bool] | None = None
    applies: Callable[[Connector], bool] = lambda connector: True


def rust(function: Callable[[bytes, Connector, bool], bytes]) -> Editor:
    """Adapt a bytes-based Rust edit to the text-based Editor signature."""

    def edit(text: str, connector: Connector, present: bool) -> str:
        return function(text.encode("utf-8"), connector, present).decode("utf-8")

    return edit


# --- crates/hyperswitch_connectors ---------------------------------------------

CONNECTORS_RS = "crates/hyperswitch_connectors/src/connectors.rs"
DEFAULTS_V1 = "crates/hyperswitch_connectors/src/default_implementations.rs"
DEFAULTS_V2 = "crates/hyperswitch_connectors/src/default_implementations_v2.rs"


def connector_module(source: bytes, c: Connector, present: bool) -> bytes:
    """Declare `pub mod name;`."""
    return rl.ensure_mod(source, c.name, "pub", present)


def connector_reexport(source: bytes, c: Connector, present: bool) -> bytes:
    """Re-export `name::Type` from `pub use self::{…};`."""
    return rl.ensure_use_entries(source, "self", [f"{c.name}::{c.type_name}"], present)


def default_impls_v1(source: bytes, c: Connector, present: bool) -> bytes:
    """Put the connector in every v1 default list except the flows it implements."""
    implemented = flow_catalog.implemented_traits(c.flows) if present else set()
    return default_impls(
        source, c, present, implemented, flow_catalog.default_impl_macros()
    )


def default_impls_v2(source: bytes, c: Connector, present: bool) -> bytes:
    """Put the connector in every v2 (`ConnectorIntegrationV2`) default list."""
    return default_impls(source, c, present, set(), set())


def default_impls(
    source: bytes,
    c: Connector,
    present: bool,
    implemented: set[str],
    required: set[str],
) -> bytes:
    """Reconcile the connector's membership of every `default_imp_for_*!` list."""
    # None excludes the connector from every list, which removes it.
    excluded = implemented if present else None
    return rl.ensure_in_macro_lists(
        source, "default_imp_for_", f"connectors::{c.type_name}", excluded, required
    )


# --- crates/router ---------------------------------------------------------------


def router_reexport(source: bytes, c: Connector, present: bool) -> bytes:
    """Re-export the module and the type from hyperswitch_connectors."""
    entries = [c.name, f"{c.name}::{c.type_name}"]
    return rl.ensure_use_entries(
        source, "hyperswitch_connectors::connectors", entries, present
    )


def connector_data_arm(impl_type: str) -> Callable[[bytes, Connector, bool], bytes]:
    """Build the edit for a `convert_connector` match of one impl."""

    def edit(source: bytes, c: Connector, present: bool) -> bytes:
        location = rl.MatchLocation("convert_connector", "name", impl_type)
        return rl.ensure_match_arm(
            source,
            location,
            c.type_name,
            lambda indent, pattern: rl.boxed_connector_arm(
                indent, pattern, c.type_name
            ),
            present,
            "enums::Connector::",
        )

    return edit


def auth_validation(source: bytes, c: Connector, present: bool) -> bytes:
    """Validate the auth type in `validate_auth_and_metadata_type_with_connector`."""
    location = rl.MatchLocation(
        "validate_auth_and_metadata_type_with_connector",
        "self.connector_name",
        "ConnectorAuthTypeAndMetadataValidation<'_>",
    )
    return rl.ensure_match_arm(
        source,
        location,
        c.type_name,
        lambda indent, pattern: rl.auth_validation_arm(
            indent, pattern, c.name, c.type_name
        ),
        present,
        "api_enums::Connector::",
    )


def routable_conversion(source: bytes, c: Connector, present: bool) -> bytes:
    """Map `api_enums::Connector` to `RoutableConnectors` in foreign_try_from."""
    location = rl.MatchLocation(
        "foreign_try_from",
        "from",
        "euclid::enums::RoutableConnectors",
        "ForeignTryFrom<api_enums::Connector>",
    )
    return simple_arm_edit(
        source, c, present, location, f"Self::{c.type_name}", "api_enums::Connector::"
    )


def simple_arm_edit(
    source: bytes,
    c: Connector,
    present: bool,
    location: rl.MatchLocation,
    body: str,
    default_prefix: str,
) -> bytes:
    """Add or remove `Prefix::Type => body,` in a located match."""
    return rl.ensure_match_arm(
        source,
        location,
        c.type_name,
        lambda indent, pattern: rl.simple_arm(indent, pattern, body),
        present,
        default_prefix,
    )


# --- crates/common_enums and crates/euclid ---------------------------------


def connector_variant(source: bytes, c: Connector, present: bool) -> bytes:
    """Add the `Connector` enum variant."""
    return rl.ensure_enum_variant(source, "Connector", c.type_name, present)


def separate_authentication(source: bytes, c: Connector, present: bool) -> bytes:
    """List the connector in the `=> false` arm of separate-authentication support."""
    location = rl.MatchLocation(
        "is_separate_authentication_supported", "self", "Connector"
    )
    return rl.ensure_or_alternative(
        source, location, c.type_name, "false", present, "Self::"
    )


def routable_variant(source: bytes, c: Connector, present: bool) -> bytes:
    """Add the `RoutableConnectors` enum variant."""
    return rl.ensure_enum_variant(source, "RoutableConnectors", c.type_name, present)


def euclid_try_from(source: bytes, c: Connector, present: bool) -> bytes:
    """Convert `Connector` into `RoutableConnectors`."""
    location = rl.MatchLocation(
        "try_from", "connector", "RoutableConnectors", "TryFrom<Connector>"
    )
    return simple_arm_edit(
        source, c, present, location, f"Ok(Self::{c.type_name})", "Connector::"
    )


def euclid_from(source: bytes, c: Connector, present: bool) -> bytes:
    """Convert `RoutableConnectors` back into `Connector`."""
    location = rl.MatchLocation(
        "from", "routable_connector", "Connector", "From<RoutableConnectors>"
    )
    return simple_arm_edit(
        source, c, present, location, f"Self::{c.type_name}", "RoutableConnectors::"
    )


# --- configuration structs ----------------------------------------------------


def endpoint_field(source: bytes, c: Connector, present: bool) -> bytes:
    """Add `pub name: ConnectorParams,` to `Connectors`."""
    return rl.ensure_struct_field(
        source, "Connectors", c.name, "ConnectorParams", present
    )


def connector_config_field(source: bytes, c: Connector, present: bool) -> bytes:
    """Add `pub name: Option<ConnectorTomlConfig>,` to `ConnectorConfig`."""
    return rl.ensure_struct_field(
        source, "ConnectorConfig", c.name, "Option<ConnectorTomlConfig>", present
    )


def connector_config_arm(source: bytes, c: Connector, present: bool) -> bytes:
    """Return the connector's table from get_connector_config."""
    location = rl.MatchLocation("get_connector_config", "connector", "ConnectorConfig")
    body = f"Ok(connector_data.{c.name})"
    return simple_arm_edit(source, c, present, location, body, "Connector::")


# --- tests -----------------------------------------------------------------------

AUTH_STRUCT_TYPE = re.compile(
    r"Option<(HeaderKey|BodyKey|SignatureKey|MultiAuthKey|CurrencyAuthKey|NoKey)>"
)


def test_module(source: bytes, c: Connector, present: bool) -> bytes:
    """Declare the router test module `mod name;`."""
    return rl.ensure_mod(source, c.name, "", present)


def test_auth_field(source: bytes, c: Connector, present: bool) -> bytes:
    """Add the connector's credentials to `ConnectorAuthentication`."""
    type_text = f"Option<{c.test_struct}>"
    return rl.ensure_struct_field(
        source, "ConnectorAuthentication", c.name, type_text, present, AUTH_STRUCT_TYPE
    )


def sample_auth(text: str, c: Connector, present: bool) -> str:
    """Add `[name]` with placeholder credentials to sample_auth.toml.

    Without a test_utils struct for the auth type, the table names the
    ConnectorAuthType variant, so the test harness deserialises it directly.
    """
    lines = [f"[{c.name}]"]
    if c.test_struct is None:
        lines.append(f'auth_type = "{c.auth_type}"')
    return tl.ensure_table_block(text, c.name, [*lines, *c.auth_lines()], present)


def has_test_struct(c: Connector) -> bool:
    """Tell whether test_utils has a credentials struct for the auth type."""
    return c.test_struct is not None


# --- configuration files ---------------------------------------------------------

RUNTIME_CONFIGS: Sequence[str] = (
    "config/development.toml",
    "config/docker_compose.toml",
    "config/config.example.toml",
    "loadtest/config/development.toml",
    "config/deployments/integration_test.toml",
    "config/deployments/production.toml",
    "config/deployments/sandbox.toml",
)
CONNECTOR_CONFIGS: Sequence[str] = tuple(
    f"crates/connector_configs/toml/{env}.toml"
    for env in ("development", "production", "sandbox")
)
MANDATE_TABLE = "mandates.supported_payment_methods"
MANDATE_KEYS = ("card.credit", "card.debit")


def base_url(text: str, c: Connector, present: bool) -> str:
    """Add `name.base_url = "…"` to `[connectors]`."""
    return tl.ensure_dotted_key(
        text, "connectors", c.name, "base_url", c.base_url, present
    )


def base_url_holds(document: dict[str, Any], c: Connector, present: bool) -> bool:
    """Check `[connectors]` contains the base URL, or no entry after removal."""
    entry = document.get("connectors", {}).get(c.name)
    return isinstance(entry, dict) and "base_url" in entry if present else entry is None


def mandate_lists(text: str, c: Connector, present: bool) -> str:
    """Add the connector to the card mandate connector lists."""
    for key in MANDATE_KEYS:
        text = tl.ensure_in_string_list(
            text, MANDATE_TABLE, key, c.name, present and c.supports_mandates
        )
    return text


def mandate_lists_hold(document: dict[str, Any], c: Connector, present: bool) -> bool:
    """Check the card mandate lists name the connector exactly when they should."""
    table: Any = document
    for part in MANDATE_TABLE.split("."):
        table = table.get(part, {})
    expected = present and c.supports_mandates
    for key in MANDATE_KEYS:
        entry: Any = table
        for part in key.split("."):
            entry = entry.get(part, {})
        names = [
            name.strip() for name in str(entry.get("connector_list", "")).split(",")
        ]
        if (c.name in names) != expected:
            return False
    return True


def connector_config_tables(text: str, c: Connector, present: bool) -> str:
    """Add `[name]` and `[name.connector_auth.<AuthType>]` with field labels."""
    lines = [f"[{c.name}]", f"[{c.name}.connector_auth.{c.auth_type}]", *c.auth_lines()]
    return tl.ensure_table_block(text, c.name, lines, present)


def connector_config_holds(
    document: dict[str, Any], c: Connector, present: bool
) -> bool:
    """Check the connector's auth table exists, or no table after removal."""
    entry = document.get(c.name)
    if not present:
        return entry is None
    return isinstance(entry, dict) and c.auth_type in entry.get("connector_auth", {})


def sample_auth_holds(document: dict[str, Any], c: Connector, present: bool) -> bool:
    """Check sample_auth.toml has the connector's table, or none after removal."""
    return (c.name in document) == present


def points() -> list[RegistrationPoint]:
    """Return every registration point, grouped by file."""
    router = "crates/router/src"
    table = [
        RegistrationPoint(
            CONNECTORS_RS, "`pub mod` declarations", rust(connector_module)
        ),
        RegistrationPoint(
            CONNECTORS_RS, "`pub use self::{…};`", rust(connector_reexport)
        ),
        RegistrationPoint(
            f"{router}/connector.rs",
            "`pub use hyperswitch_connectors::connectors::{…};`",
            rust(router_reexport),
        ),
        RegistrationPoint(
            "crates/hyperswitch_domain_models/src/connector_endpoints.rs",
            "struct Connectors",
            rust(endpoint_field),
        ),
        RegistrationPoint(
            DEFAULTS_V1, "`default_imp_for_*!(…)` lists", rust(default_impls_v1)
        ),
        RegistrationPoint(
            DEFAULTS_V2, "`default_imp_for_*!(…)` lists", rust(default_impls_v2)
        ),
        RegistrationPoint(
            "crates/common_enums/src/connector_enums.rs",
            "enum Connector",
            rust(connector_variant),
        ),
        RegistrationPoint(
            "crates/common_enums/src/connector_enums.rs",
            "`=> false` arm of is_separate_authentication_supported",
            rust(separate_authentication),
        ),
        RegistrationPoint(
            "crates/euclid/src/enums.rs",
            "enum RoutableConnectors",
            rust(routable_variant),
        ),
        RegistrationPoint(
            "crates/euclid/src/enums.rs",
            "match in impl TryFrom<Connector> for RoutableConnectors",
            rust(euclid_try_from),
        ),
        RegistrationPoint(
            "crates/euclid/src/enums.rs",
            "match in impl From<RoutableConnectors> for Connector",
            rust(euclid_from),
        ),
        RegistrationPoint(
            f"{router}/types/connector_transformers.rs",
            "match in impl ForeignTryFrom<api_enums::Connector> for RoutableConnectors",
            rust(routable_conversion),
        ),
        RegistrationPoint(
            f"{router}/types/api/connector_mapping.rs",
            "match in ConnectorData::convert_connector",
            rust(connector_data_arm("ConnectorData")),
        ),
        RegistrationPoint(
            f"{router}/types/api/feature_matrix.rs",
            "match in FeatureMatrixConnectorData::convert_connector",
            rust(connector_data_arm("FeatureMatrixConnectorData")),
        ),
        RegistrationPoint(
            f"{router}/core/connector_validation.rs",
            "match in validate_auth_and_metadata_type_with_connector",
            rust(auth_validation),
        ),
        RegistrationPoint(
            "crates/connector_configs/src/connector.rs",
            "struct ConnectorConfig",
            rust(connector_config_field),
        ),
        RegistrationPoint(
            "crates/connector_configs/src/connector.rs",
            "match in ConnectorConfig::get_connector_config",
            rust(connector_config_arm),
        ),
        RegistrationPoint(
            "crates/router/tests/connectors/main.rs",
            "`mod` declarations",
            rust(test_module),
        ),
        RegistrationPoint(
            "crates/test_utils/src/connector_auth.rs",
            "struct ConnectorAuthentication",
            rust(test_auth_field),
            applies=has_test_struct,
        ),
        RegistrationPoint(
            "crates/router/tests/connectors/sample_auth.toml",
            "connector tables",
            sample_auth,
            sample_auth_holds,
        ),
    ]
    for path in RUNTIME_CONFIGS:
        table.append(
            RegistrationPoint(path, "[connectors] table", base_url, base_url_holds)
        )
        table.append(
            RegistrationPoint(
                path,
                f"card connector_list entries in [{MANDATE_TABLE}]",
                mandate_lists,
                mandate_lists_hold,
            )
        )
    for path in CONNECTOR_CONFIGS:
        table.append(
            RegistrationPoint(
                path,
                "connector tables",
                connector_config_tables,
                connector_config_holds,
            )
        )
    return table
