"""Add or remove one connector entry in the lists of a Rust source file.

Each function takes the file's bytes and returns new bytes. Entries go before
the first existing entry that sorts after them, so a partly unsorted list
stays as it was and the new entry lands where a reader scanning from the top
would look for it. New text is laid out the way rustfmt (edition 2021,
default options) lays it out. A missing enclosing item raises AnchorNotFound.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import naming
import rust_syntax as rs
from rust_imports import ONE_LINE_LIST_WIDTH, fill_items

# rustfmt's default max_width, and its fn_call_width (60% of max_width), the
# widest argument list it keeps on one line.
MAX_WIDTH = 100
CALL_WIDTH = 60
INDENT = "    "

# Renders the new entry's source text (complete lines) for a given indentation.
Renderer = Callable[[str], str]


class AnchorNotFound(Exception):
    """Raised when the item that should enclose an entry is not in the file."""

    def __init__(self, anchor: str) -> None:
        super().__init__(anchor)
        self.anchor = anchor


@dataclass(frozen=True)
class Member:
    """One entry of a vertical list: its sort key and its whole lines."""

    key: str | None
    start: int
    end: int


def splice(source: bytes, start: int, end: int, new: str) -> bytes:
    """Replace source[start:end] with new text."""
    return source[:start] + new.encode("utf-8") + source[end:]


def member_lines(source: bytes, first: int, last: int, key: str | None) -> Member:
    """Build a Member covering the whole lines from byte `first` to byte `last`."""
    return Member(key, rs.line_start(source, first), rs.line_end(source, last))


def insert_sorted(
    source: bytes, members: Sequence[Member], key: str, render: Renderer
) -> bytes:
    """Insert rendered lines before the first keyed member sorting after `key`."""
    keyed = [member for member in members if member.key is not None]
    if not keyed:
        raise AnchorNotFound("an existing connector entry to place the new one beside")
    for member in keyed:
        assert member.key is not None
        if member.key > key:
            indent = rs.indentation(source, member.start + 1)
            return splice(source, member.start, member.start, render(indent))
    last = keyed[-1]
    indent = rs.indentation(source, last.start + 1)
    return splice(source, last.end, last.end, render(indent))


def remove_members(source: bytes, members: Sequence[Member], key: str) -> bytes:
    """Delete the lines of every member with the given key."""
    for member in sorted(members, key=lambda m: m.start, reverse=True):
        if member.key == key:
            source = splice(source, member.start, member.end, "")
    return source


def ensure_member(
    source: bytes,
    members: Sequence[Member],
    key: str,
    render: Renderer,
    present: bool,
) -> bytes:
    """Make a keyed member exist once (present) or not at all (absent)."""
    exists = any(member.key == key for member in members)
    if present:
        return source if exists else insert_sorted(source, members, key, render)
    return remove_members(source, members, key) if exists else source


def variant_key(identifier: str) -> str:
    """Return the connector name a PascalCase identifier stands for."""
    return naming.snake_case(identifier)


# --- module declarations -------------------------------------------------


def mod_members(root: rs.Node, source: bytes) -> list[Member]:
    """List the `mod x;` declarations at the top level of a file."""
    members = []
    for node in rs.named_children(root, "mod_item"):
        if node.child_by_field_name("body") is not None:
            continue
        first = rs.leading_attributes_start(node)
        members.append(member_lines(source, first, node.end_byte, rs.item_name(node)))
    return members


def ensure_mod(source: bytes, name: str, visibility: str, present: bool) -> bytes:
    """Add or remove `mod name;` among the file's module declarations."""
    root = rs.parse(source).root_node
    members = mod_members(root, source)
    if not members:
        raise AnchorNotFound("`mod` declarations at the top of the file")
    prefix = f"{visibility} " if visibility else ""
    return ensure_member(
        source, members, name, lambda indent: f"{indent}{prefix}mod {name};\n", present
    )


# --- enum variants and struct fields ---------------------------------------


def ensure_enum_variant(
    source: bytes, enum_name: str, variant: str, present: bool
) -> bytes:
    """Add or remove a unit variant of `enum enum_name`."""
    root = rs.parse(source).root_node
    enum = rs.find_item(root, "enum_item", enum_name)
    body = enum.child_by_field_name("body") if enum is not None else None
    if body is None:
        raise AnchorNotFound(f"enum {enum_name}")
    members = [
        member_lines(
            source,
            rs.leading_attributes_start(node),
            node.end_byte,
            variant_key(rs.item_name(node) or ""),
        )
        for node in rs.named_children(body, "enum_variant")
    ]
    return ensure_member(
        source,
        members,
        variant_key(variant),
        lambda indent: f"{indent}{variant},\n",
        present,
    )


def ensure_struct_field(
    source: bytes,
    struct_name: str,
    field: str,
    type_text: str,
    present: bool,
    type_pattern: re.Pattern[str] | None = None,
) -> bytes:
    """Add or remove `pub field: type_text,` in `struct struct_name`.

    With type_pattern, only fields whose type matches it count as neighbours,
    so fields that are not connectors do not decide the position.
    """
    root = rs.parse(source).root_node
    struct = rs.find_item(root, "struct_item", struct_name)
    body = struct.child_by_field_name("body") if struct is not None else None
    if body is None:
        raise AnchorNotFound(f"struct {struct_name}")
    members = []
    for node in rs.named_children(body, "field_declaration"):
        type_node = node.child_by_field_name("type")
        type_ok = type_pattern is None or (
            type_node is not None and type_pattern.fullmatch(rs.text(type_node))
        )
        name = rs.item_name(node)
        key = name if type_ok or name == field else None
        first = rs.leading_attributes_start(node)
        members.append(member_lines(source, first, node.end_byte, key))
    return ensure_member(
        source,
        members,
        field,
        lambda indent: f"{indent}pub {field}: {type_text},\n",
        present,
    )


# --- match arms ----------------------------------------------------------


@dataclass(frozen=True)
class MatchLocation:
    """Location of a `match`: its function, the function's impl, its scrutinee."""

    function: str
    scrutinee: str
    impl_type: str
    impl_trait: str | None = None

    def describe(self) -> str:
        """Return a readable description of the enclosing items."""
        impl = (
            f"impl {self.impl_trait} for {self.impl_type}"
            if self.impl_trait
            else f"impl {self.impl_type}"
        )
        return f"`match {self.scrutinee}` in fn {self.function} of {impl}"


def locate_match(root: rs.Node, location: MatchLocation) -> rs.Node:
    """Find the `match` expression a MatchLocation describes."""
    for impl in rs.impl_items(root, location.impl_trait, location.impl_type):
        for function in rs.find_items(impl, "function_item", location.function):
            found = rs.match_expressions(function, location.scrutinee)
            if found:
                return found[-1]
    raise AnchorNotFound(location.describe())


def single_variant(arm: rs.Node) -> rs.Node | None:
    """Return the path pattern of an arm that matches exactly one variant."""
    patterns = rs.arm_patterns(arm)
    if len(patterns) == 1 and patterns[0].type == "scoped_identifier":
        return patterns[0]
    return None


def arm_members(source: bytes, arms: Sequence[rs.Node]) -> list[Member]:
    """List match arms keyed by the connector of single-variant arms."""
    members = []
    for arm in arms:
        pattern = single_variant(arm)
        segment = rs.last_path_segment(pattern) if pattern is not None else None
        key = variant_key(segment) if segment else None
        members.append(member_lines(source, arm.start_byte, arm.end_byte, key))
    return members


def variant_prefix(arms: Sequence[rs.Node], default: str) -> str:
    """Return the path before the variant in existing arms: `enums::Connector::`."""
    for arm in arms:
        pattern = single_variant(arm)
        if pattern is not None:
            path = pattern.child_by_field_name("path")
            if path is not None:
                return rs.text(path) + "::"
    return default


def mentions_variant(arms: Sequence[rs.Node], variant: str) -> bool:
    """Tell whether any arm's pattern names the variant."""
    return any(
        rs.last_path_segment(pattern) == variant
        for arm in arms
        for pattern in rs.arm_patterns(arm)
    )


# Renders a whole arm from (indentation, pattern text).
ArmRenderer = Callable[[str, str], str]


def ensure_match_arm(
    source: bytes,
    location: MatchLocation,
    variant: str,
    render: ArmRenderer,
    present: bool,
    default_prefix: str,
) -> bytes:
    """Add or remove the arm for one variant in a located `match`."""
    root = rs.parse(source).root_node
    arms = rs.match_arms(locate_match(root, location))
    members = arm_members(source, arms)
    key = variant_key(variant)
    if present and mentions_variant(arms, variant):
        return source
    if not present:
        return remove_members(source, members, key)
    pattern = variant_prefix(arms, default_prefix) + variant
    return insert_sorted(source, members, key, lambda indent: render(indent, pattern))


def simple_arm(indent: str, pattern: str, body: str) -> str:
    """Lay out `pattern => body,`, wrapping the body in a block when too wide."""
    line = f"{indent}{pattern} => {body},"
    if len(line) <= MAX_WIDTH:
        return line + "\n"
    return f"{indent}{pattern} => {{\n{indent}{INDENT}{body}\n{indent}}}\n"


def boxed_connector_arm(indent: str, pattern: str, type_name: str) -> str:
    """Lay out `pattern => Ok(ConnectorEnum::Old(Box::new(connector::T::new()))),`."""
    constructor = f"connector::{type_name}::new()"
    wrapped = f"ConnectorEnum::Old(Box::new({constructor}))"
    body = f"Ok({wrapped})"
    line = f"{indent}{pattern} => {body},"
    if len(line) <= MAX_WIDTH:
        return line + "\n"
    inner = f"{indent}{INDENT}{body}"
    if len(wrapped) <= CALL_WIDTH and len(inner) <= MAX_WIDTH:
        return f"{indent}{pattern} => {{\n{inner}\n{indent}}}\n"
    # rustfmt keeps the nested calls on the arm line and moves the innermost
    # argument to its own line.
    return (
        f"{indent}{pattern} => Ok(ConnectorEnum::Old(Box::new(\n"
        f"{indent}{INDENT}{constructor},\n"
        f"{indent}))),\n"
    )


def auth_validation_arm(indent: str, pattern: str, name: str, type_name: str) -> str:
    """Lay out the arm that checks the connector's auth type converts."""
    inner = indent + INDENT
    call = f"{name}::transformers::{type_name}AuthType::try_from"
    statement = f"{inner}{call}(self.auth_type)?;"
    if len(statement) > MAX_WIDTH:
        statement = f"{inner}{call}(\n{inner}{INDENT}self.auth_type,\n{inner})?;"
    return f"{indent}{pattern} => {{\n{statement}\n{inner}Ok(())\n{indent}}}\n"


# --- or-patterns -----------------------------------------------------------


def ensure_or_alternative(
    source: bytes,
    location: MatchLocation,
    variant: str,
    body: str,
    present: bool,
    default_prefix: str,
) -> bytes:
    """Add or remove `Prefix::Variant` in the widest unattributed `=> body` arm."""
    root = rs.parse(source).root_node
    arms = rs.match_arms(locate_match(root, location))
    candidates = [
        arm
        for arm in arms
        if not rs.has_attributes(arm)
        and (value := arm.child_by_field_name("value")) is not None
        and rs.text(value) == body
    ]
    if not candidates:
        raise AnchorNotFound(f"the `=> {body}` arm of {location.describe()}")
    if present and mentions_variant(arms, variant):
        return source
    arm = max(candidates, key=lambda node: len(rs.arm_patterns(node)))
    patterns = [rs.text(node) for node in rs.arm_patterns(arm)]
    prefix = variant_prefix(arms, default_prefix)
    new = prefix + variant
    if present:
        updated = insert_by_key(patterns, new)
    else:
        updated = [text for text in patterns if text.rsplit("::", 1)[-1] != variant]
    if updated == patterns:
        return source
    if not updated:
        raise AnchorNotFound(f"another alternative in {location.describe()}")
    if rs.contains_comment(arm):
        # Laying the arm out again would drop its comments, so edit line by line.
        return edit_alternative_lines(source, rs.arm_patterns(arm), new, present)
    start = rs.line_start(source, arm.start_byte)
    end = rs.line_end(source, arm.end_byte)
    indent = rs.indentation(source, arm.start_byte)
    return splice(source, start, end, or_arm(indent, updated, body))


def edit_alternative_lines(
    source: bytes, alternatives: Sequence[rs.Node], new: str, present: bool
) -> bytes:
    """Add or remove one alternative of an or-pattern laid out one per line."""
    texts = [rs.text(node) for node in alternatives]
    if present:
        position = insert_by_key(texts, new).index(new)
        if position == len(alternatives):
            last = alternatives[-1]
            indent = rs.indentation(source, last.start_byte)
            return splice(source, last.end_byte, last.end_byte, f"\n{indent}| {new}")
        target = alternatives[position]
        indent = rs.indentation(source, target.start_byte)
        if position == 0:
            return splice(
                source, target.start_byte, target.start_byte, f"{new}\n{indent}| "
            )
        start = rs.line_start(source, target.start_byte)
        return splice(source, start, start, f"{indent}| {new}\n")
    position = texts.index(new)
    node = alternatives[position]
    if position == 0:
        return splice(source, node.start_byte, alternatives[1].start_byte, "")
    if position == len(alternatives) - 1:
        return splice(source, alternatives[-2].end_byte, node.end_byte, "")
    start = rs.line_start(source, node.start_byte)
    return splice(source, start, rs.line_end(source, node.end_byte), "")


def insert_by_key(items: Sequence[str], new: str) -> list[str]:
    """Insert a path before the first path whose variant sorts after it."""
    key = variant_key(new.rsplit("::", 1)[-1])
    result = list(items)
    for index, item in enumerate(items):
        if variant_key(item.rsplit("::", 1)[-1]) > key:
            result.insert(index, new)
            return result
    result.append(new)
    return result


def or_arm(indent: str, patterns: Sequence[str], body: str) -> str:
    """Lay out `A | B => body,` on one line, or one alternative per line."""
    line = f"{indent}{' | '.join(patterns)} => {body},"
    if len(line) <= MAX_WIDTH:
        return line + "\n"
    lines = [f"{indent}{patterns[0]}"]
    lines += [f"{indent}| {pattern}" for pattern in patterns[1:]]
    lines[-1] += f" => {body},"
    return "\n".join(lines) + "\n"


# --- use lists -------------------------------------------------------------


def use_segment_key(segment: str) -> tuple[int, str]:
    """Order one path segment as rustfmt 2021 does: snake, Camel, UPPER."""
    if segment in ("self", "super", "crate"):
        return (("self", "super", "crate").index(segment) - 3, segment)
    if segment[:1].isupper():
        upper = all(char.isupper() or char == "_" or char.isdigit() for char in segment)
        return (2 if upper else 1, segment)
    return (0, segment)


def use_tree_key(tree: str) -> tuple[tuple[int, str], ...]:
    """Order a use-list entry like `a::B`: segment by segment, prefixes first."""
    return tuple(use_segment_key(segment) for segment in tree.split("::"))


def locate_use_list(root: rs.Node, path: str) -> tuple[rs.Node, rs.Node]:
    """Find `use path::{…};` and return the declaration and its braces."""
    for node in rs.find_items(root, "use_declaration"):
        argument = node.child_by_field_name("argument")
        if argument is None or argument.type != "scoped_use_list":
            continue
        use_path = argument.child_by_field_name("path")
        body = argument.child_by_field_name("list")
        if use_path is not None and body is not None and rs.text(use_path) == path:
            return node, body
    raise AnchorNotFound(f"`use {path}::{{…}};`")


def ensure_use_entries(
    source: bytes, path: str, entries: Sequence[str], present: bool
) -> bytes:
    """Add or remove entries of `use path::{…};` and lay the list out again."""
    root = rs.parse(source).root_node
    declaration, body = locate_use_list(root, path)
    if rs.contains_comment(body):
        raise AnchorNotFound(f"a comment-free `use {path}::{{…}};`")
    items = [rs.text(child) for child in body.named_children]
    updated = list(items)
    for entry in entries:
        if present and entry not in updated:
            position = next(
                (
                    index
                    for index, item in enumerate(updated)
                    if use_tree_key(item) > use_tree_key(entry)
                ),
                len(updated),
            )
            updated.insert(position, entry)
        elif not present and entry in updated:
            updated.remove(entry)
    if updated == items:
        return source
    visibility = next(
        (c for c in declaration.children if c.type == "visibility_modifier"), None
    )
    head = (rs.text(visibility) + " " if visibility is not None else "") + "use "
    indent = rs.indentation(source, declaration.start_byte)
    text = use_list_layout(indent, f"{head}{path}::", updated)
    return splice(source, declaration.start_byte, declaration.end_byte, text)


def use_list_layout(indent: str, head: str, items: Sequence[str]) -> str:
    """Lay out `head{a, b};` on one line, or fill lines as rustfmt's mixed layout."""
    line = f"{indent}{head}{{{', '.join(items)}}};"
    if len(line) <= ONE_LINE_LIST_WIDTH:
        return line[len(indent) :]
    lines = fill_items(list(items), indent + INDENT)
    return f"{head}{{\n" + "\n".join(lines) + f"\n{indent}}};"


# --- default_imp_for_* macro invocations -----------------------------------


@dataclass(frozen=True)
class Argument:
    """One comma-separated argument of a macro call and its byte span."""

    text: str
    start: int
    end: int
    comma_end: int | None


@dataclass(frozen=True)
class MacroList:
    """A macro invocation whose arguments are comma-separated paths."""

    node: rs.Node
    name: str
    arguments: list[Argument]

    @property
    def items(self) -> list[str]:
        """Return the argument texts."""
        return [argument.text for argument in self.arguments]

    @property
    def trailing_comma(self) -> bool:
        """Tell whether the last argument is followed by a comma."""
        return bool(self.arguments) and self.arguments[-1].comma_end is not None


@lru_cache(maxsize=4)
def source_macro_lists(source: bytes, prefix: str) -> tuple[MacroList, ...]:
    """Find the `prefix*!(…)` invocations of source, reusing recent results."""
    return tuple(macro_lists(rs.parse(source).root_node, prefix))


def macro_lists(root: rs.Node, prefix: str) -> list[MacroList]:
    """Find invocations of macros whose name starts with `prefix`."""
    found = []
    for node in rs.find_items(root, "macro_invocation"):
        macro = node.child_by_field_name("macro")
        arguments = next((c for c in node.children if c.type == "token_tree"), None)
        if macro is None or arguments is None or not rs.text(macro).startswith(prefix):
            continue
        found.append(MacroList(node, rs.text(macro), split_arguments(arguments)))
    return found


def split_arguments(token_tree: rs.Node) -> list[Argument]:
    """Split a `( … )` token tree at top-level commas, skipping comments."""
    arguments: list[Argument] = []
    tokens: list[rs.Node] = []
    for token in token_tree.children[1:-1]:
        if token.type in ("line_comment", "block_comment"):
            continue
        if token.type == ",":
            if tokens:
                arguments.append(make_argument(tokens, token.end_byte))
            tokens = []
        else:
            tokens.append(token)
    if tokens:
        arguments.append(make_argument(tokens, None))
    return arguments


def make_argument(tokens: Sequence[rs.Node], comma_end: int | None) -> Argument:
    """Build an Argument from its tokens and the end of the comma after it."""
    text = "".join(rs.text(token) for token in tokens)
    return Argument(text, tokens[0].start_byte, tokens[-1].end_byte, comma_end)


def macro_layout(indent: str, invocation: MacroList, items: Sequence[str]) -> str:
    """Lay out `name!(a, b)` as rustfmt lays out a call with path arguments."""
    comma = "," if invocation.trailing_comma and items else ""
    arguments = ", ".join(items) + comma
    line = f"{indent}{invocation.name}!({arguments});"
    if len(arguments) - len(comma) <= CALL_WIDTH and len(line) <= MAX_WIDTH:
        return f"{invocation.name}!({arguments})"
    inner = ",\n".join(f"{indent}{INDENT}{item}" for item in items)
    return f"{invocation.name}!(\n{inner}{comma}\n{indent})"


def edit_argument_lines(
    source: bytes, invocation: MacroList, item: str, present: bool
) -> bytes:
    """Add or remove one argument of a vertical call, keeping comments in place."""
    arguments = invocation.arguments
    if present:
        position = insert_by_key(invocation.items, item).index(item)
        if position < len(arguments):
            target = arguments[position]
            indent = rs.indentation(source, target.start)
            return splice(source, target.start, target.start, f"{item},\n{indent}")
        last = arguments[-1]
        indent = rs.indentation(source, last.start)
        if last.comma_end is not None:
            return splice(source, last.comma_end, last.comma_end, f"\n{indent}{item},")
        return splice(source, last.end, last.end, f",\n{indent}{item}")
    position = invocation.items.index(item)
    argument = arguments[position]
    if argument.comma_end is None and position > 0:
        return splice(source, arguments[position - 1].end, argument.end, "")
    end = argument.comma_end if argument.comma_end is not None else argument.end
    start = rs.line_start(source, argument.start)
    return splice(source, start, rs.line_end(source, end), "")


def ensure_in_macro_lists(
    source: bytes,
    prefix: str,
    item: str,
    excluded: set[str] | None,
    required: set[str],
) -> bytes:
    """Put `item` in every `prefix*!(…)` list except those named in `excluded`.

    An `excluded` of None names every list, so `item` leaves all of them.
    Every macro named in `required` must be invoked in the file.
    """
    lists = source_macro_lists(source, prefix)
    if not lists:
        raise AnchorNotFound(f"`{prefix}*!(…)` invocations")
    missing = required - {invocation.name for invocation in lists}
    if missing:
        raise AnchorNotFound(
            "invocations of " + ", ".join(f"{name}!" for name in sorted(missing))
        )
    for invocation in sorted(lists, key=lambda m: m.node.start_byte, reverse=True):
        present = excluded is not None and invocation.name not in excluded
        if (item in invocation.items) == present:
            continue
        multiline = invocation.node.start_point.row != invocation.node.end_point.row
        if rs.contains_comment(invocation.node) and multiline and invocation.arguments:
            # Laying the call out again would drop its comments.
            source = edit_argument_lines(source, invocation, item, present)
            continue
        items = [entry for entry in invocation.items if entry != item]
        if present:
            items = insert_by_key(items, item)
        node = invocation.node
        indent = rs.indentation(source, node.start_byte)
        layout = macro_layout(indent, invocation, items)
        source = splice(source, node.start_byte, node.end_byte, layout)
    return source
