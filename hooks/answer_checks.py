"""Check Copier answers before anything is written.

Each check returns an empty string when the value is valid and otherwise one
message that names the value and says how to fix it. The Jinja validators in
copier.yml call these through the template extension, and the validation hook
calls them again on the answers file, so both reject the same values.
"""

from __future__ import annotations

import datetime
import os
import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import urlsplit

import flow_catalog
import naming

MAX_URL_LENGTH = 2048
MAX_DISPLAY_NAME_LENGTH = 80

# Module names in crates/hyperswitch_connectors/src that a connector module would
# shadow or collide with in `use crate::…` paths.
RESERVED_MODULE_NAMES = frozenset(
    {
        "connectors",
        "constants",
        "default_implementations",
        "default_implementations_v2",
        "metrics",
        "types",
        "utils",
        "transformers",
        "test",
        "tests",
        "main",
        "lib",
        "mod",
        "std",
        "core",
        "alloc",
    }
)

ENDPOINT_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")

# One path segment: unreserved URL characters or a single {placeholder}.
_SEGMENT = re.compile(r"[A-Za-z0-9._~-]+|\{[a-z_]+\}")
_TEMPLATE_MARKERS = ("{{", "}}", "{%", "%}", "{#", "#}")
_CONNECTOR_FILES = (
    "crates/hyperswitch_connectors/src/connectors/{name}.rs",
    "crates/hyperswitch_connectors/src/connectors/{name}",
    "crates/router/tests/connectors/{name}.rs",
)
_ANSWERS_FILE = ".copier-answers.{name}.yml"
# Folders, relative to the destination, that receive the rendered files.
_WRITTEN_FOLDERS = (
    "crates/hyperswitch_connectors/src/connectors",
    "crates/router/tests/connectors",
    "grace/connector_integration",
)


def answers_file_name(name: str) -> str:
    """Return the answers file name Copier writes for a connector."""
    return _ANSWERS_FILE.format(name=name)


def check_connector_name(
    name: object,
    destination: str | Path | None = None,
    operation: str | None = None,
    answers_file: str | None = None,
) -> str:
    """Check the connector name: syntax, keywords and clashes in the checkout."""
    if not isinstance(name, str) or not name:
        return "connector_name is empty: give the snake_case module name, e.g. acmepay."
    if len(name) > naming.MAX_CONNECTOR_NAME_LENGTH:
        return (
            f"connector_name {name!r} has {len(name)} characters: use at most "
            f"{naming.MAX_CONNECTOR_NAME_LENGTH}."
        )
    if not naming.CONNECTOR_NAME_PATTERN.fullmatch(name):
        return (
            f"connector_name {name!r} is not a valid module name: use lowercase ASCII "
            "letters and digits, start with a letter, and separate words with single "
            "underscores that are followed by a letter (e.g. tsys_transit)."
        )
    if name in naming.RUST_KEYWORDS:
        return f"connector_name {name!r} is a Rust keyword: choose another name."
    if name in RESERVED_MODULE_NAMES:
        return (
            f"connector_name {name!r} is already a module of hyperswitch_connectors: "
            "choose another name."
        )
    if destination is not None:
        problem = check_destination(Path(destination))
        if problem:
            return problem
    if operation == "update":
        return _check_name_unchanged(name, answers_file)
    if destination is not None and not _is_recopy():
        return _check_name_free(name, Path(destination))
    return ""


def check_destination(destination: Path) -> str:
    """Check that Copier can write the connector's files under destination.

    os.access ignores permission bits for root, as a real write would, but it
    still reports read-only mounts and immutable (chattr +i) folders.
    """
    if destination.exists() and not destination.is_dir():
        return (
            f"destination {str(destination)!r} is a file, not a folder: pass the "
            "root folder of a Hyperswitch checkout (or a new folder) instead."
        )
    for relative in (".", *_WRITTEN_FOLDERS):
        folder = _nearest_existing(destination / relative)
        if not os.access(folder, os.W_OK | os.X_OK):
            return (
                f"destination folder {str(folder)!r} is not writable: make it "
                "writable (chmod u+w, chattr -i, or remount read-write), or choose "
                "another destination."
            )
    return ""


def _nearest_existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _is_recopy() -> bool:
    """Return whether `copier recopy` is running this check.

    Copier runs a recopy as a copy into a folder that already contains the
    connector's answers file, so only the call stack tells the two apart.
    NOTE: this looks for Worker.run_recopy of Copier 9.x by name.
    """
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if frame.f_code.co_name == "run_recopy" and module.startswith("copier"):
            return True
        frame = frame.f_back
    return False


def _check_name_unchanged(name: str, answers_file: str | None) -> str:
    expected = answers_file_name(name)
    if answers_file and Path(answers_file).name != expected:
        return (
            f"connector_name cannot change on update: this answers file is "
            f"{answers_file!r}, but connector_name is {name!r}. Keep the original "
            "name; to rename a connector, remove it and copy the template again."
        )
    return ""


def _check_name_free(name: str, destination: Path) -> str:
    if (destination / answers_file_name(name)).exists():
        return (
            f"connector_name {name!r} was already generated here "
            f"({answers_file_name(name)} exists): run "
            f"`copier update -a {answers_file_name(name)} --trust` to change it, "
            f"or `copier recopy -a {answers_file_name(name)} --trust` to render "
            "it again."
        )
    for pattern in _CONNECTOR_FILES:
        relative = pattern.format(name=name)
        if (destination / relative).exists():
            return (
                f"connector_name {name!r} already exists in this checkout "
                f"({relative}): choose another name."
            )
    for relative, registration in _registry_patterns(name):
        path = destination / relative
        if path.is_file() and registration.search(path.read_text(encoding="utf-8")):
            return (
                f"connector_name {name!r} is already registered in {relative}: "
                "choose another name."
            )
    return ""


# Structs that get a field named after the connector. Other fields of the same
# name (ConnectorAuthentication has `users` and `automation_configs`) clash.
_FIELD_STRUCT_FILES = (
    "crates/hyperswitch_domain_models/src/connector_endpoints.rs",
    "crates/connector_configs/src/connector.rs",
    "crates/test_utils/src/connector_auth.rs",
)


def _registry_patterns(name: str) -> list[tuple[str, re.Pattern[str]]]:
    """Return where a checkout registers connector names, as (file, pattern).

    Besides the module list this covers enum variants, serde or strum renames
    (the dummy connectors are serialised as `phonypay` and similar), keys and
    sub-tables of `[connectors]` in the development config (such as
    `[connectors.supported]`), and fields of the structs registration extends.
    """
    quoted = re.escape(f'"{name}"')
    return [
        (
            "crates/hyperswitch_connectors/src/connectors.rs",
            re.compile(rf"^\s*pub mod {re.escape(name)};", re.M),
        ),
        (
            "crates/common_enums/src/connector_enums.rs",
            re.compile(
                rf"^\s*{re.escape(naming.pascal_case(name))}\s*[,=(]"
                rf"|(?:rename|serialize)\s*=\s*{quoted}",
                re.M,
            ),
        ),
        (
            "config/development.toml",
            re.compile(
                rf"^\s*{re.escape(name)}\.\w+\s*="
                rf"|^\s*\[\s*connectors\.{re.escape(name)}\s*\]",
                re.M,
            ),
        ),
        *(
            (relative, re.compile(rf"^\s*pub {re.escape(name)}\s*:", re.M))
            for relative in _FIELD_STRUCT_FILES
        ),
    ]


def check_display_name(value: object) -> str:
    """Check the human-readable connector name."""
    if not isinstance(value, str) or not value.strip():
        return "display_name is empty: give the name shown to merchants, e.g. Acme Pay."
    if len(value) > MAX_DISPLAY_NAME_LENGTH:
        return (
            f"display_name {value[:20]!r}… has {len(value)} characters: use at most "
            f"{MAX_DISPLAY_NAME_LENGTH}."
        )
    if any(char in value for char in "\r\n\t\x00"):
        return (
            f"display_name {value!r} contains a line break or control character: "
            "write it on one line."
        )
    if not value.isprintable():
        return f"display_name {value!r} contains a non-printable character: remove it."
    placeholder = next((mark for mark in ("[[", "]]") if mark in value), "")
    if placeholder:
        return (
            f"display_name {value!r} contains {placeholder!r}, which marks an unfilled "
            "GRACE placeholder in the docs: remove it."
        )
    marker = _template_marker(value)
    if marker:
        return (
            f"display_name {value!r} contains the template delimiter {marker!r}: "
            "remove it."
        )
    return ""


def check_base_url(value: object) -> str:
    """Check the sandbox base URL: http(s), a host, no quotes or whitespace."""
    if not isinstance(value, str) or not value:
        return "base_url is empty: give the sandbox URL, e.g. https://sandbox.acmepay.com/."
    if len(value) > MAX_URL_LENGTH:
        return (
            f"base_url {value[:40]!r}… has {len(value)} characters: use at most "
            f"{MAX_URL_LENGTH}."
        )
    bad = [char for char in value if char.isspace() or char in "\"'`\\<>"]
    if bad:
        return (
            f"base_url {value!r} contains {bad[0]!r}: remove quotes, backslashes, "
            "angle brackets and whitespace."
        )
    marker = _template_marker(value)
    if marker:
        return (
            f"base_url {value!r} contains the template delimiter {marker!r}: remove it."
        )
    if not value.isascii() or not value.isprintable():
        return (
            f"base_url {value!r} contains non-ASCII characters: use the punycode form."
        )
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https"):
        return (
            f"base_url {value!r} must start with https:// (or http:// for a local "
            "mock), e.g. https://sandbox.acmepay.com/."
        )
    if not parts.hostname:
        return f"base_url {value!r} has no host: use a URL such as https://sandbox.acmepay.com/."
    if parts.query or parts.fragment:
        return (
            f"base_url {value!r} has a query or fragment: keep only scheme, host "
            "and path."
        )
    if parts.username or parts.password:
        return (
            f"base_url {value!r} contains credentials: remove the user:password@ part."
        )
    return _check_url_parts(value, parts.hostname, parts.netloc)


_HOST_LABEL = re.compile(r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_BROKEN_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _check_url_parts(value: str, hostname: str, netloc: str) -> str:
    """Check the port, the host name's labels and percent-escapes of a URL."""
    try:
        port = urlsplit(value).port
    except ValueError:
        port = -1
    if port is not None and not 1 <= port <= 65535:
        return (
            f"base_url {value!r} has an invalid port: use a number from 1 to 65535 "
            "after the colon, or no port."
        )
    if not netloc.startswith("[") and not all(
        _HOST_LABEL.fullmatch(label) for label in hostname.split(".")
    ):
        return (
            f"base_url {value!r} has an invalid host name {hostname!r}: use labels of "
            "letters, digits and inner hyphens separated by single dots."
        )
    if _BROKEN_ESCAPE.search(value):
        return (
            f"base_url {value!r} has a '%' that is not followed by two hex digits: "
            "write a literal '%' as %25."
        )
    return ""


def check_flows(flows: object) -> str:
    """Check the flow list: known flows, no duplicates, prerequisites present."""
    if not isinstance(flows, list) or not flows:
        return "flows is empty: choose at least authorize."
    known = flow_catalog.flow_names()
    unknown = [flow for flow in flows if flow not in known]
    if unknown:
        return (
            f"flows contains unknown flow {unknown[0]!r}: choose from "
            f"{', '.join(known)}."
        )
    duplicates = sorted({flow for flow in flows if flows.count(flow) > 1})
    if duplicates:
        return f"flows lists {duplicates[0]!r} more than once: list each flow once."
    missing = flow_catalog.missing_prerequisites(flows)
    if missing:
        flow = next(name for name in known if name in missing)
        needed = ", ".join(missing[flow])
        return f"flow {flow!r} needs {needed}: add {needed} to flows, or drop {flow!r}."
    return ""


def check_auth_scheme(auth_type: object, scheme: object) -> str:
    """Check that the credential transport fits the ConnectorAuthType variant."""
    auth_types: Mapping[str, Any] = flow_catalog.load_catalog()["auth_types"]
    if auth_type not in auth_types:
        return (
            f"auth_type {auth_type!r} is unknown: choose from {', '.join(auth_types)}."
        )
    schemes: list[str] = auth_types[str(auth_type)]["schemes"]
    if scheme not in schemes:
        return (
            f"auth_scheme {scheme!r} does not fit {auth_type}: choose from "
            f"{', '.join(schemes)}."
        )
    return ""


def check_header_name(value: object) -> str:
    """Check a custom credential header name (an HTTP token)."""
    if not isinstance(value, str) or not re.fullmatch(
        r"[A-Za-z][A-Za-z0-9-]{0,63}", value
    ):
        return (
            f"auth_header_name {value!r} is not a valid HTTP header name: use letters, "
            "digits and hyphens, e.g. X-Api-Key."
        )
    return ""


def check_choice(question: str, value: object, choices: Iterable[str]) -> str:
    """Check that a value is one of a question's choices."""
    options = list(choices)
    if value not in options:
        return (
            f"{question} {value!r} is not supported: choose from {', '.join(options)}."
        )
    return ""


def check_payment_methods(value: object) -> str:
    """Check the payment method categories."""
    known = list(flow_catalog.load_catalog()["payment_methods"])
    if not isinstance(value, list) or not value:
        return "payment_methods is empty: choose at least card."
    for item in value:
        if item not in known:
            return (
                f"payment_methods contains unknown {item!r}: choose from "
                f"{', '.join(known)}."
            )
    return ""


def check_date(value: object) -> str:
    """Check the generation date (YYYY-MM-DD)."""
    problem = f"generated_on {value!r} is not a date: use YYYY-MM-DD, e.g. 2025-01-31."
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return problem
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return problem
    return ""


def check_endpoint(flow: str, value: object) -> str:
    """Check one endpoint answer: empty, or `[METHOD] /path/{placeholder}`."""
    if value in (None, ""):
        return ""
    question = f"{flow}_endpoint"
    if not isinstance(value, str):
        return f"{question} must be text such as 'POST /v1/payments'."
    if any(char in value for char in "\r\n\t"):
        return f"{question} {value!r} contains a line break: write it on one line."
    marker = _template_marker(value)
    if marker:
        return (
            f"{question} {value!r} contains the template delimiter {marker!r}: "
            "remove it."
        )
    method, path = split_endpoint(value)
    if method and method not in ENDPOINT_METHODS:
        return (
            f"{question} {value!r} starts with an unknown HTTP method: use one of "
            f"{', '.join(ENDPOINT_METHODS)}, or give only the path."
        )
    return _check_endpoint_path(flow, question, value, path)


def _check_endpoint_path(flow: str, question: str, value: str, path: str) -> str:
    if "://" in path or path.startswith("//"):
        return (
            f"{question} {value!r} is an absolute URL: give only the path after "
            "base_url, e.g. /v1/payments."
        )
    if not path.startswith("/"):
        return (
            f"{question} {value!r} must be a path starting with '/', e.g. /v1/payments."
        )
    segments = path[1:].split("/")
    for index, segment in enumerate(segments):
        trailing_slash = segment == "" and index == len(segments) - 1
        if segment in (".", "..") or (segment == "" and not trailing_slash):
            return (
                f"{question} {value!r} contains an empty, '.' or '..' segment: "
                "write the path without them."
            )
        if segment and not _SEGMENT.fullmatch(segment):
            return (
                f"{question} {value!r} has the invalid segment {segment!r}: use "
                "letters, digits, '.', '_', '~', '-' or one {placeholder} per segment."
            )
    allowed = flow_catalog.flow_specs()[flow]["ids"]
    for placeholder in re.findall(r"\{([a-z_]+)\}", path):
        if placeholder not in allowed:
            options = ", ".join("{" + key + "}" for key in allowed) or "none"
            return (
                f"{question} {value!r} uses {{{placeholder}}}, which the {flow} flow "
                f"does not have: use {options}."
            )
    return ""


def split_endpoint(value: str) -> tuple[str, str]:
    """Split `METHOD /path` into an upper-case method and the path.

    A value without a method gets the catalogue's default method later, so this
    returns an empty method then.
    """
    head, _, tail = value.strip().partition(" ")
    if tail:
        return head.upper(), tail.strip()
    return "", head


def _template_marker(value: str) -> str:
    return next((marker for marker in _TEMPLATE_MARKERS if marker in value), "")
