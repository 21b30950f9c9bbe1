"""Check the rustfmt-style layout helpers against rustfmt itself.

The helpers decide line breaks that depend on the connector name, so this
module feeds them every name length the name validator accepts and every
type-name stem of the catalogue, and asks rustfmt whether it would change
a single line.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import rust_code
import rust_imports
from flow_catalog import flow_specs
from naming import MAX_CONNECTOR_NAME_LENGTH, pascal_case

STEMS = sorted({spec["type_stem"] for spec in flow_specs().values()})


def _names() -> list[str]:
    """Return names of every accepted length, with and without underscores."""
    names: list[str] = []
    for length in range(1, MAX_CONNECTOR_NAME_LENGTH + 1):
        names.append("x" * length)
        words = ("pay_" * 10)[:length].rstrip("_")
        if words and words[-1] != "_":
            names.append(words)
    return sorted(set(names))


def _snippets() -> list[str]:
    """Build one statement or item per helper, name and stem."""
    snippets: list[str] = []
    for length in range(1, 81):
        path = "/" + "p" * (length - 1)
        snippets.append(
            rust_code.macro_call(
                "        ",
                "Ok(",
                "format",
                [f'"{{}}{path}"', "self.base_url(connectors)"],
                ")",
            )
        )
    for name in _names():
        pascal = pascal_case(name)
        auth = f"{name}::{pascal}AuthType::try_from(auth_type)"
        snippets.append(
            rust_code.let_chain(
                "        ",
                "auth",
                auth,
                [".change_context(errors::ConnectorError::FailedToObtainAuthType)?"],
            )
        )
        for stem in STEMS:
            type_name = f"{pascal}{stem}Response"
            snippets.append(
                rust_code.let_chain(
                    "        ",
                    f"response: {name}::{type_name}",
                    "res",
                    [
                        ".response",
                        f'.parse_struct("{type_name}")',
                        ".change_context(errors::ConnectorError::ResponseDeserializationFailed)?",
                    ],
                )
            )
            snippets.append(
                rust_code.let_chain(
                    "        ",
                    f"response: {name}::{type_name}",
                    "utils::deserialize_xml_to_struct(&res.response)",
                    [
                        ".change_context(errors::ConnectorError::ResponseDeserializationFailed)?"
                    ],
                )
            )
            snippets.append(
                rust_code.let_call(
                    "        ",
                    "connector_req",
                    f"{name}::{pascal}{stem}Request::try_from",
                    "&connector_router_data",
                    "?",
                )
            )
    return snippets


def _items() -> list[str]:
    """Build impl headers and signatures, which rustfmt formats as items."""
    items: list[str] = []
    for name in _names():
        pascal = pascal_case(name)
        upper = name.upper()
        items.append(
            rust_code.static_item(
                f"{upper}_SUPPORTED_PAYMENT_METHODS",
                "LazyLock<SupportedPaymentMethods>",
                "LazyLock::new(supported_payment_methods)",
            )
        )
        for spec in flow_specs().values():
            if spec["flow_type"] is None:
                continue
            trait_ = (
                f"ConnectorIntegration<{spec['flow_type']}, {spec['request_data']}, "
                f"{spec['response_data']}>"
            )
            items.append(rust_code.impl_header(trait_, pascal, body=False))
            response = f"{pascal}{spec['type_stem']}Response"
            source = f"ResponseRouterData<F, {response}, T, {spec['response_data']}>"
            header = rust_code.impl_header(
                f"TryFrom<{source}>",
                f"RouterData<F, T, {spec['response_data']}>",
                "<F, T>",
            )
            signature = rust_code.fn_signature(
                "    ",
                "fn try_from",
                [f"item: {source}"],
                " -> Result<Self, Self::Error> {",
            )
            items.append(f"{header}\n{signature}\n        todo()\n    }}\n}}")
    return items


def _rustfmt(source: str) -> str:
    rustfmt = shutil.which("rustfmt")
    if rustfmt is None:
        pytest.skip("rustfmt is not installed")
    result = subprocess.run(
        [rustfmt, "--edition", "2021", "--emit", "stdout"],
        input=source,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_statements_are_rustfmt_fixed_points() -> None:
    """Rustfmt leaves every statement the helpers lay out unchanged."""
    snippets = list(dict.fromkeys(_snippets()))
    source = "".join(
        f"fn f{index}() {{\n    {{\n{snippet}\n    }}\n}}\n"
        for index, snippet in enumerate(snippets)
    )
    formatted = re.split(r"(?m)^fn f\d+\(\) \{\n", _rustfmt(source))[1:]
    changed = [
        snippet
        for snippet, result in zip(snippets, formatted, strict=True)
        if not result.startswith(f"    {{\n{snippet}\n    }}\n}}")
    ]
    assert changed == []


def test_items_are_rustfmt_fixed_points() -> None:
    """Rustfmt leaves every impl header, signature and static unchanged."""
    items = list(dict.fromkeys(_items()))
    source = "\n".join(items) + "\n"
    assert _rustfmt(source) == source


def _rustfmt_files(directory: Path, sources: list[str]) -> str:
    """Write each source to its own file and return rustfmt --check's report."""
    rustfmt = shutil.which("rustfmt")
    if rustfmt is None:
        pytest.skip("rustfmt is not installed")
    paths = []
    for index, source in enumerate(sources):
        path = directory / f"case{index}.rs"
        path.write_text(source, encoding="utf-8")
        paths.append(str(path))
    result = subprocess.run(
        [rustfmt, "--edition", "2021", "--color", "never", "--check", *paths],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout + result.stderr


def test_use_declarations_are_rustfmt_fixed_points(tmp_path: Path) -> None:
    """Rustfmt leaves grouped `use` declarations of every size unchanged."""
    declarations = []
    for width in range(1, 12):
        names = [f"Type{index:02}{'N' * width}" for index in range(30)]
        declarations += [
            rust_imports.format_use(
                [f"krate::module::{name}" for name in names[:count]]
            )
            for count in range(1, 30)
        ]
    declarations.append(
        rust_imports.format_use(
            ["krate::api::self", "krate::api::Thing", "krate::errors", "krate::a::b::C"]
        )
    )
    sources = [declaration + "\n" for declaration in declarations]
    assert _rustfmt_files(tmp_path, sources) == ""


def test_registration_use_lists_are_rustfmt_fixed_points(tmp_path: Path) -> None:
    """Rustfmt keeps the `use` lists registration writes, at every fill width."""
    import rust_lists

    sources = []
    for count in range(2, 14):
        for width in range(4, 30):
            items = [f"m{index:02}::T{'t' * width}{index:02}" for index in range(count)]
            layout = rust_lists.use_list_layout("", "pub use krate::", items)
            sources.append(layout + "\n")
    assert _rustfmt_files(tmp_path, sources) == ""
