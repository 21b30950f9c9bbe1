"""Derive the Rust names of a connector from its snake_case name."""

from __future__ import annotations

import re

# Hyperswitch's name rule: the module name is snake_case and each `_`-separated
# part is capitalised for types, so the name must round-trip through strum's
# snake_case. An underscore before a digit or a doubled underscore would not.
CONNECTOR_NAME_PATTERN = re.compile(r"[a-z][a-z0-9]*(_[a-z][a-z0-9]*)*")

# Longer than every payment connector name in Hyperswitch (imerchantsolutions has
# 18 characters). The layouts in rust_code.py are checked against rustfmt up to
# this length, because type names grow with the connector name.
MAX_CONNECTOR_NAME_LENGTH = 20

# Strict and reserved keywords of Rust 2021, plus the 2024 edition's `gen`.
RUST_KEYWORDS = frozenset(
    [
        "as",
        "async",
        "await",
        "break",
        "const",
        "continue",
        "crate",
        "dyn",
        "else",
        "enum",
        "extern",
        "false",
        "fn",
        "for",
        "if",
        "impl",
        "in",
        "let",
        "loop",
        "match",
        "mod",
        "move",
        "mut",
        "pub",
        "ref",
        "return",
        "self",
        "static",
        "struct",
        "super",
        "trait",
        "true",
        "type",
        "unsafe",
        "use",
        "where",
        "while",
        "abstract",
        "become",
        "box",
        "do",
        "final",
        "macro",
        "override",
        "priv",
        "try",
        "typeof",
        "unsized",
        "virtual",
        "yield",
        "gen",
        "union",
    ]
)


def pascal_case(name: str) -> str:
    """Capitalise each `_`-separated part: `tsys_transit` becomes `TsysTransit`."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def snake_case(pascal: str) -> str:
    """Invert pascal_case the way strum's snake_case does for ASCII names."""
    out: list[str] = []
    for index, char in enumerate(pascal):
        if char.isupper() and index:
            out.append("_")
        out.append(char.lower())
    return "".join(out)


def screaming_snake_case(name: str) -> str:
    """Return the name as used in static item names, e.g. `TSYS_TRANSIT`."""
    return name.upper()
