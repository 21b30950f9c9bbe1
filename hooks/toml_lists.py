"""Add or remove one connector entry in a TOML file, editing the text.

Edits are textual so comments and layout survive; the caller parses the
result with tomlkit to confirm it is still valid and contains the entry. A
missing table or key raises rust_lists.AnchorNotFound.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rust_lists import AnchorNotFound

HEADER = re.compile(r"^\s*\[\[?\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$")
COMMENT = re.compile(r"^\s*#")


def header_name(line: str) -> str | None:
    """Return the table name of a `[a.b]` or `[[a.b]]` line, else None."""
    match = HEADER.match(line)
    return match.group(1) if match else None


def table_bounds(lines: Sequence[str], table: str) -> tuple[int, int]:
    """Return the line range of a table's body (after its header)."""
    for index, line in enumerate(lines):
        if header_name(line) == table:
            end = index + 1
            while end < len(lines) and header_name(lines[end]) is None:
                end += 1
            return index + 1, end
    raise AnchorNotFound(f"[{table}] table")


def ensure_dotted_key(
    text: str, table: str, name: str, key: str, value: str, present: bool
) -> str:
    """Add or remove `name.key = "value"` among the `*.key` lines of a table."""
    lines = text.splitlines(keepends=True)
    start, end = table_bounds(lines, table)
    pattern = re.compile(rf"^([A-Za-z0-9_]+)\.{re.escape(key)}\s*=")
    members = [
        (index, match.group(1))
        for index in range(start, end)
        if (match := pattern.match(lines[index]))
    ]
    exists = [index for index, member in members if member == name]
    if not present:
        for index in reversed(exists):
            del lines[index]
        return "".join(lines)
    if exists:
        return text
    new_line = f'{name}.{key} = "{value}"\n'
    after = [index for index, member in members if member > name]
    if after:
        position = after[0]
    elif members:
        position = members[-1][0] + 1
    else:
        position = start
    lines.insert(position, new_line)
    return "".join(lines)


# `card.credit.connector_list = "a,b"` or `card.credit = { connector_list = "a,b" }`
def list_line_pattern(key: str) -> re.Pattern[str]:
    """Match a connector_list line for `key` in dotted or inline-table form."""
    dotted = rf"{re.escape(key)}\.connector_list\s*=\s*\""
    inline = rf"{re.escape(key)}\s*=\s*\{{\s*connector_list\s*=\s*\""
    return re.compile(rf"^(\s*(?:{dotted}|{inline}))([^\"]*)(\".*)$", re.DOTALL)


def ensure_in_string_list(
    text: str, table: str, key: str, name: str, present: bool
) -> str:
    """Append `name` to, or drop it from, a comma-separated connector_list string."""
    lines = text.splitlines(keepends=True)
    start, end = table_bounds(lines, table)
    pattern = list_line_pattern(key)
    for index in range(start, end):
        match = pattern.match(lines[index])
        if match is None:
            continue
        head, listed, tail = match.groups()
        lines[index] = head + edit_names(listed, name, present) + tail
        return "".join(lines)
    raise AnchorNotFound(f"{key} connector_list in [{table}]")


def edit_names(listed: str, name: str, present: bool) -> str:
    """Return a comma-separated list with `name` appended or removed."""
    names = [part.strip() for part in listed.split(",") if part.strip()]
    if present:
        if name in names:
            return listed
        return f"{listed},{name}" if listed.strip() else name
    if name not in names:
        return listed
    separator = ", " if ", " in listed else ","
    return separator.join(part for part in names if part != name)


@dataclass(frozen=True)
class Block:
    """The lines of every table whose name starts with one top-level key."""

    key: str
    start: int
    end: int


def table_blocks(lines: Sequence[str]) -> list[Block]:
    """Group consecutive tables by their first key; comments above stick to them."""
    blocks: list[Block] = []
    for index, line in enumerate(lines):
        name = header_name(line)
        if name is None:
            continue
        key = name.split(".", 1)[0].strip().strip('"')
        if blocks and blocks[-1].key == key:
            continue
        start = index
        while start > 0 and COMMENT.match(lines[start - 1]):
            start -= 1
        if blocks:
            blocks[-1] = Block(blocks[-1].key, blocks[-1].start, start)
        blocks.append(Block(key, start, len(lines)))
    return blocks


def separated_by_blank_lines(lines: Sequence[str], blocks: Sequence[Block]) -> bool:
    """Tell whether the file puts a blank line between connector tables."""
    return any(
        block.start > 0 and not lines[block.start - 1].strip() for block in blocks[1:]
    )


def ensure_table_block(
    text: str, name: str, block_lines: Sequence[str], present: bool
) -> str:
    """Add or remove the tables of one connector, placed alphabetically."""
    lines = text.splitlines(keepends=True)
    blocks = table_blocks(lines)
    if not blocks:
        raise AnchorNotFound("a connector table to place the new one beside")
    separated = separated_by_blank_lines(lines, blocks)
    own = [index for index, block in enumerate(blocks) if block.key == name]
    if not present:
        for index in reversed(own):
            remove_block(lines, blocks, index, separated)
        return "".join(lines)
    if own:
        return text
    new = [line + "\n" for line in block_lines]
    after = [block for block in blocks if block.key > name]
    if after:
        position = after[0].start
        lines[position:position] = new + (["\n"] if separated else [])
        return "".join(lines)
    if lines and not lines[-1].endswith("\n"):
        # Keep the file's missing final newline, so removal can restore it.
        lines[-1] += "\n"
        new[-1] = new[-1].rstrip("\n")
    if separated and lines and lines[-1].strip():
        new.insert(0, "\n")
    lines.extend(new)
    return "".join(lines)


def remove_block(
    lines: list[str], blocks: Sequence[Block], index: int, separated: bool
) -> None:
    """Delete one block; at the end of the file also drop the blank line above it."""
    block = blocks[index]
    start = block.start
    at_end = block.end == len(lines)
    if at_end and separated and start > 0 and not lines[start - 1].strip():
        start -= 1
    without_final_newline = at_end and not lines[-1].endswith("\n")
    del lines[start : block.end]
    if without_final_newline and lines:
        lines[-1] = lines[-1].rstrip("\n")
