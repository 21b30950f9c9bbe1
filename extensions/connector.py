"""Jinja extension that gives the template the catalogue, naming and checks.

Copier loads this file through copier-template-extensions. Everything it adds
comes from the modules in hooks/, so the questions, the templates and the hooks
share one implementation of every rule.
"""

from __future__ import annotations

import sys
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from jinja2 import Environment
from jinja2.ext import Extension

HOOKS_DIR = Path(__file__).resolve().parent.parent / "hooks"
if str(HOOKS_DIR) not in sys.path:
    sys.path.insert(0, str(HOOKS_DIR))

import answer_checks  # noqa: E402
import connector_code  # noqa: E402
import flow_catalog  # noqa: E402
import naming  # noqa: E402
import rust_code  # noqa: E402
import rust_imports  # noqa: E402
import text_escape  # noqa: E402


def copier_operation() -> str:
    """Return "copy" or "update" while Copier runs, or "" outside an operation.

    NOTE: Copier exposes the operation to tasks and exclusions but not to
    question validators, so this reads the context variable copier._main keeps
    (present in Copier 9.6 and later).
    """
    try:
        from copier import _main
    except ImportError:
        return ""
    variable: ContextVar[str] | None = getattr(_main, "_operation", None)
    if variable is None:
        return ""
    return variable.get("")


def check_registration(
    register: bool,
    destination: object,
    connector_name: str,
    flows: list[str],
    auth_type: str,
    base_url: str,
) -> str:
    """Return why registration would fail in the destination, or ""."""
    if not register:
        return ""
    import register_connector

    answers = {
        "register": register,
        "connector_name": connector_name,
        "flows": flows,
        "auth_type": auth_type,
        "base_url": base_url,
    }
    return register_connector.registration_problem(Path(str(destination)), answers)


def existing_file(destination: object, relative: str) -> bool:
    """Return whether a file exists at relative under the destination."""
    return (Path(str(destination)) / relative).is_file()


class ConnectorExtension(Extension):
    """Register the filters and globals the connector templates use."""

    def __init__(self, environment: Environment) -> None:
        """Add the catalogue, name filters, escapers and answer checks."""
        super().__init__(environment)
        environment.filters.update(
            pascal_case=naming.pascal_case,
            screaming_snake_case=naming.screaming_snake_case,
            rust_str=text_escape.rust_string,
            toml_str=text_escape.toml_string,
            md_cell=text_escape.markdown_cell,
            md_text=text_escape.markdown_text,
        )
        globals_: dict[str, Any] = {
            "catalog": flow_catalog.load_catalog(),
            "dependency_order": flow_catalog.dependency_order,
            "format_use": rust_imports.format_use,
            "rust": rust_code,
            "connector_code": connector_code,
            "endpoint_parts": rust_code.endpoint_parts,
            "path_ids": rust_code.path_ids,
            "copier_operation": copier_operation,
            "check_connector_name": answer_checks.check_connector_name,
            "check_display_name": answer_checks.check_display_name,
            "check_base_url": answer_checks.check_base_url,
            "check_flows": answer_checks.check_flows,
            "check_auth_scheme": answer_checks.check_auth_scheme,
            "check_header_name": answer_checks.check_header_name,
            "check_choice": answer_checks.check_choice,
            "check_payment_methods": answer_checks.check_payment_methods,
            "check_date": answer_checks.check_date,
            "check_endpoint": answer_checks.check_endpoint,
            "check_registration": check_registration,
            "existing_file": existing_file,
        }
        environment.globals.update(globals_)
