"""Build `use` declarations the way rustfmt lays them out.

Generated connectors must be a fixed point of rustfmt, and which items a `use`
lists depends on the chosen flows. This module merges the imported paths into
one tree per crate, sorts it with rustfmt's ordering and wraps it at rustfmt's
default width of 100 columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

MAX_WIDTH = 100
# The widest `use` list rustfmt 1.9 keeps on one line, braces and `;` included.
ONE_LINE_LIST_WIDTH = MAX_WIDTH - 2
INDENT = "    "

# A tree maps each path segment to its subtree; None marks an imported leaf.
UseTree = dict[str, "UseTree | None"]


def build_tree(paths: Iterable[str]) -> UseTree:
    """Merge `a::b::C` style paths into one nested tree."""
    root: UseTree = {}
    for path in paths:
        node = root
        segments = path.split("::")
        for segment in segments[:-1]:
            child = node.get(segment)
            if child is None:
                child = {}
                if segment in node:
                    # `a` itself was imported as a leaf: keep it as `a::{self, …}`.
                    child["self"] = None
                node[segment] = child
            node = child
        leaf = segments[-1]
        if isinstance(node.get(leaf), dict):
            subtree = node[leaf]
            assert subtree is not None
            subtree["self"] = None
        else:
            node[leaf] = None
    return root


def _segment_key(segment: str) -> tuple[int, str]:
    """Order segments as rustfmt does: self, snake_case, CamelCase, UPPER_CASE."""
    if segment == "self":
        return (0, segment)
    if segment[:1].islower() or segment[:1] == "_":
        return (1, segment)
    if segment.upper() == segment:
        return (3, segment)
    return (2, segment)


def _items(tree: UseTree) -> list[tuple[str, UseTree | None]]:
    """Return (segment, subtree) pairs sorted, with single-child chains merged."""
    items: list[tuple[str, UseTree | None]] = []
    for segment in sorted(tree, key=_segment_key):
        subtree = tree[segment]
        while subtree is not None and len(subtree) == 1:
            ((child, grandchild),) = subtree.items()
            if child == "self":
                break
            segment = f"{segment}::{child}"
            subtree = grandchild
        items.append((segment, subtree))
    return items


def _one_line(segment: str, subtree: UseTree | None) -> str:
    if subtree is None:
        return segment
    if len(subtree) == 1 and "self" in subtree:
        return segment
    inner = ", ".join(_one_line(seg, sub) for seg, sub in _items(subtree))
    return f"{segment}::{{{inner}}}"


def _has_nested_list(subtree: UseTree) -> bool:
    return any(
        sub is not None and not (len(sub) == 1 and "self" in sub)
        for _, sub in _items(subtree)
    )


def _format_item(
    segment: str, subtree: UseTree | None, indent: str, prefix: str, suffix: str
) -> str:
    """Format one list item, or a whole declaration when prefix is `use `."""
    single = f"{indent}{prefix}{_one_line(segment, subtree)}{suffix}"
    if subtree is None or "{" not in single:
        return single
    # rustfmt keeps a list on one line only when it nests no other list and
    # leaves the last two columns free (measured against rustfmt 1.9).
    if len(single) <= ONE_LINE_LIST_WIDTH and not _has_nested_list(subtree):
        return single
    inner_indent = indent + INDENT
    items = _items(subtree)
    if _has_nested_list(subtree):
        body = [_format_item(seg, sub, inner_indent, "", ",") for seg, sub in items]
    else:
        body = fill_items([_one_line(seg, sub) for seg, sub in items], inner_indent)
    opening = f"{indent}{prefix}{segment}::{{"
    return "\n".join([opening, *body, f"{indent}}}{suffix}"])


def fill_items(words: Sequence[str], indent: str) -> list[str]:
    """Pack list items into lines as rustfmt's mixed layout does, each with a comma.

    rustfmt 1.9 lets a list that fits on one line use all 100 columns, but once
    it needs several lines, each stays under 100 columns; an item that is wider
    on its own still gets a line of its own.
    """
    single = f"{indent}{', '.join(words)},"
    if len(single) <= MAX_WIDTH:
        return [single]
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}," if current else f"{indent}{word},"
        if current and len(candidate) >= MAX_WIDTH:
            lines.append(current)
            current = f"{indent}{word},"
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def format_use(paths: Iterable[str], visibility: str = "") -> str:
    """Return one `use` declaration per top-level crate for the given paths.

    Declarations come sorted by crate name, as rustfmt's reorder_imports sorts
    a group of adjacent `use` items.
    """
    tree = build_tree(paths)
    declarations = [
        _format_item(segment, subtree, "", f"{visibility}use ", ";")
        for segment, subtree in _items(tree)
    ]
    return "\n".join(declarations)
