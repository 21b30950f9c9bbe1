r"""Escape user text for the languages the template writes.

A display name such as `Acme "Pay" \ Co` must reach Rust, TOML and Markdown
as that literal text, never as syntax.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# CommonMark lets a backslash escape any ASCII punctuation. These are the
# characters that start emphasis, code, links, HTML, entities (`&amp;`),
# headings, list items or table cells.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")


# Escapes that Rust string literals and TOML basic strings share.
_SHARED_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(value: str, other: Callable[[str], str]) -> str:
    """Escape value with the shared escapes, and other for the rest."""
    return "".join(_SHARED_ESCAPES.get(char) or other(char) for char in value)


def _rust_char(char: str) -> str:
    return char if char.isprintable() else f"\\u{{{ord(char):x}}}"


def _toml_char(char: str) -> str:
    return f"\\u{ord(char):04X}" if ord(char) < 0x20 or ord(char) == 0x7F else char


def rust_string(value: str) -> str:
    """Return the body of a Rust string literal that evaluates to value."""
    return _escape(value, _rust_char)


def toml_string(value: str) -> str:
    """Return the body of a TOML basic string that evaluates to value."""
    return _escape(value, _toml_char)


def markdown_text(value: str) -> str:
    """Escape Markdown punctuation so the text renders literally."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", value.replace("\n", " "))


def markdown_cell(value: str) -> str:
    """Escape text for a Markdown table cell."""
    return markdown_text(value)
