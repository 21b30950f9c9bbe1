"""Parse Rust source with tree-sitter-rust and find the items a tool edits.

Every helper works on UTF-8 bytes because tree-sitter reports byte offsets.
The helpers only read; callers turn the offsets they return into edits.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, lru_cache

import tree_sitter
import tree_sitter_rust

Node = tree_sitter.Node
Tree = tree_sitter.Tree


@cache
def _parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_rust.language()))


@lru_cache(maxsize=8)
def parse(source: bytes) -> Tree:
    """Parse Rust source bytes into a syntax tree, reusing recent trees.

    Registration and its check edit the same file text several times, and
    every edit starts by parsing it. A tree is never edited in place here, so
    callers of the same source can share one.
    """
    return _parser().parse(source)


def text(node: Node) -> str:
    """Return the source text of a node."""
    raw = node.text
    return raw.decode("utf-8") if raw is not None else ""


def walk(node: Node) -> Iterator[Node]:
    """Yield a node and all its descendants in source order."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


def syntax_errors(tree: Tree) -> list[Node]:
    """Return every ERROR and MISSING node of a tree."""
    return [node for node in walk(tree.root_node) if node.is_error or node.is_missing]


def named_children(node: Node, node_type: str) -> list[Node]:
    """Return the direct children of one node type."""
    return [child for child in node.children if child.type == node_type]


def item_name(node: Node) -> str | None:
    """Return the declared name of an item (enum, struct, fn, mod, field, variant)."""
    name = node.child_by_field_name("name")
    return text(name) if name is not None else None


def find_items(root: Node, node_type: str, name: str | None = None) -> list[Node]:
    """Find all descendants of one type, optionally with a given declared name."""
    return [
        node
        for node in walk(root)
        if node.type == node_type and (name is None or item_name(node) == name)
    ]


def find_item(root: Node, node_type: str, name: str) -> Node | None:
    """Return the first descendant of one type with a given name, if any."""
    found = find_items(root, node_type, name)
    return found[0] if found else None


def impl_items(root: Node, trait_name: str | None, type_name: str) -> list[Node]:
    """Find `impl` blocks by the text of their trait (None for inherent) and type."""
    matches: list[Node] = []
    for node in find_items(root, "impl_item"):
        trait = node.child_by_field_name("trait")
        type_ = node.child_by_field_name("type")
        if type_ is None or text(type_) != type_name:
            continue
        trait_text = text(trait) if trait is not None else None
        if trait_text == trait_name:
            matches.append(node)
    return matches


def match_expressions(root: Node, scrutinee: str) -> list[Node]:
    """Find `match` expressions whose scrutinee has the given text."""
    found: list[Node] = []
    for node in find_items(root, "match_expression"):
        value = node.child_by_field_name("value")
        if value is not None and text(value) == scrutinee:
            found.append(node)
    return found


def match_arms(match_expression: Node) -> list[Node]:
    """Return the arms of a `match` expression in source order."""
    body = match_expression.child_by_field_name("body")
    return named_children(body, "match_arm") if body is not None else []


def arm_patterns(arm: Node) -> list[Node]:
    """Return the alternatives of an arm's pattern (one node unless `A | B`)."""
    pattern = arm.child_by_field_name("pattern")
    if pattern is None:
        return []
    inner = pattern.named_children[0] if pattern.named_children else pattern
    if inner.type != "or_pattern":
        return [inner]
    alternatives: list[Node] = []
    stack = [inner]
    while stack:
        current = stack.pop()
        if current.type == "or_pattern":
            stack.extend(reversed(current.named_children))
        else:
            alternatives.append(current)
    return alternatives


def last_path_segment(node: Node) -> str | None:
    """Return `C` for a path pattern `a::b::C`, or None for other patterns."""
    if node.type == "scoped_identifier":
        name = node.child_by_field_name("name")
        return text(name) if name is not None else None
    if node.type == "identifier":
        return text(node)
    return None


def has_attributes(node: Node) -> bool:
    """Tell whether a node carries outer attributes as children (match arms do)."""
    return any(child.type == "attribute_item" for child in node.children)


def leading_attributes_start(node: Node) -> int:
    """Return the start byte of the attributes directly above a list member.

    Enum variants and struct fields keep their attributes as preceding
    siblings, so the member's text starts at the first of those attributes.
    Comments are not attributes: they stay where they are.
    """
    start = node.start_byte
    sibling = node.prev_sibling
    while sibling is not None and sibling.type == "attribute_item":
        start = sibling.start_byte
        sibling = sibling.prev_sibling
    return start


def contains_comment(node: Node) -> bool:
    """Tell whether any comment lies inside a node."""
    # Every comment starts with // or /*, so text without both has none.
    raw = node.text or b""
    if b"//" not in raw and b"/*" not in raw:
        return False
    return any(child.type in ("line_comment", "block_comment") for child in walk(node))


def line_start(source: bytes, offset: int) -> int:
    """Return the offset of the first byte of the line holding `offset`."""
    return source.rfind(b"\n", 0, offset) + 1


def line_end(source: bytes, offset: int) -> int:
    """Return the offset just past the newline ending the line at `offset - 1`."""
    newline = source.find(b"\n", offset)
    return len(source) if newline < 0 else newline + 1


def indentation(source: bytes, offset: int) -> str:
    """Return the leading whitespace of the line holding `offset`."""
    start = line_start(source, offset)
    end = line_end(source, offset)
    line = source[start:end].decode("utf-8")
    return line[: len(line) - len(line.lstrip())].rstrip("\n")
