r"""Escape user text for the languages the template writes.

A display name such as `Acme "Pay" \ Co` must reach Rust, TOML and Markdown
as that literal text, never as syntax.
"""

from __future__ import annotations

import re

# CommonMark lets a backslash escape any ASCII punctuation. These are the
# characters that start emphasis, code, links, HTML, entities (`&amp;`),
# headings, list items or table cells.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")


def rust_string(value: str) -> str:
    """Return the body of a Rust string literal that evaluates to value."""
    out: list[str] = []
    for char in value:
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"')
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif char == "\r":
            out.append("\\r")
        elif not char.isprintable():
            out.append(f"\\u{{{ord(char):x}}}")
        else:
            out.append(char)
    return "".join(out)


def toml_string(value: str) -> str:
    """Return the body of a TOML basic string that evaluates to value."""
    out: list[str] = []
    for char in value:
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"')
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return "".join(out)


def markdown_text(value: str) -> str:
    """Escape Markdown punctuation so the text renders literally."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", value.replace("\n", " "))


def markdown_cell(value: str) -> str:
    """Escape text for a Markdown table cell."""
    return markdown_text(value)
