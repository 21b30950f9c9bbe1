"""Load the flow catalogue and answer questions about flow dependencies."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

# libyaml's safe loader reads the catalogue several times faster than the pure
# Python one and builds the same data. PyYAML lacks it when built without libyaml.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The catalogue lives beside hooks/ so the templates and the hooks read one file.
CATALOG_PATH = Path(__file__).resolve().parent.parent / "catalog" / "flows.yml"


@cache
def load_catalog(path: Path = CATALOG_PATH) -> dict[str, Any]:
    """Read and return the whole catalogue as plain data."""
    with path.open(encoding="utf-8") as stream:
        data: dict[str, Any] = yaml.load(stream, Loader=SAFE_LOADER)
    return data


def flow_specs() -> dict[str, dict[str, Any]]:
    """Return the flow entries keyed by flow name, in catalogue order."""
    flows: dict[str, dict[str, Any]] = load_catalog()["flows"]
    return flows


def flow_names() -> list[str]:
    """Return every flow key in the order the catalogue offers them."""
    return list(flow_specs())


def missing_prerequisites(chosen: Iterable[str]) -> dict[str, list[str]]:
    """Map each chosen flow to the prerequisites that were not chosen."""
    chosen_set = set(chosen)
    specs = flow_specs()
    missing: dict[str, list[str]] = {}
    for flow in chosen_set & specs.keys():
        absent = [req for req in specs[flow]["prerequisites"] if req not in chosen_set]
        if absent:
            missing[flow] = absent
    return missing


def dependency_order(chosen: Iterable[str]) -> list[str]:
    """Sort chosen flows so every flow comes after its prerequisites.

    Flows without a dependency between them keep catalogue order, so the
    result is stable for the same set of flows.
    """
    specs = flow_specs()
    chosen_set = set(chosen) & specs.keys()
    ordered: list[str] = []
    placed: set[str] = set()

    def place(flow: str) -> None:
        if flow in placed:
            return
        for req in specs[flow]["prerequisites"]:
            if req in chosen_set:
                place(req)
        placed.add(flow)
        ordered.append(flow)

    for flow in specs:
        if flow in chosen_set:
            place(flow)
    return ordered


def implemented_traits(chosen: Iterable[str]) -> set[str]:
    """Return the default_imp_for_* macros the connector leaves by implementing."""
    specs = flow_specs()
    return {
        specs[flow]["default_impl"]
        for flow in chosen
        if flow in specs and specs[flow]["default_impl"]
    }


def default_impl_macros() -> set[str]:
    """Return every default_imp_for_* macro that a catalogue flow can replace."""
    return {
        spec["default_impl"] for spec in flow_specs().values() if spec["default_impl"]
    }


def auth_fields(auth_type: str) -> list[str]:
    """Return the ConnectorAuthType fields of one auth type."""
    auth_types: Mapping[str, Any] = load_catalog()["auth_types"]
    fields: list[str] = auth_types[auth_type]["fields"]
    return fields
