"""Lay out the length-dependent Rust constructs the way rustfmt does.

Type names grow with the connector name, so whether an impl header or a `let`
fits in rustfmt's 100 columns depends on the answers. The templates call these
helpers for exactly those constructs; everything else in the templates is
written already formatted. The tests run rustfmt over every helper's output
for short and long names, so a layout rustfmt would change fails a test.
"""

from __future__ import annotations

MAX_WIDTH = 100
INDENT = "    "
# rustfmt's default width heuristics: a method chain or a call's argument list
# stays on one line only while it is at most this wide.
CHAIN_WIDTH = 60
FN_CALL_WIDTH = 60
ARRAY_WIDTH = 60
# rustfmt keeps a struct literal or pattern on one line while its fields fit.
STRUCT_LIT_WIDTH = 18


def _fits(line: str) -> bool:
    return len(line) <= MAX_WIDTH


def split_generics(text: str) -> tuple[str, list[str]]:
    """Split `Name<A, B<C>>` into `Name` and its top-level arguments."""
    if not text.endswith(">") or "<" not in text:
        return text, []
    head, _, inner = text.partition("<")
    args: list[str] = []
    depth = 0
    current = ""
    for char in inner[:-1]:
        if char == "<":
            depth += 1
        elif char == ">":
            depth -= 1
        if char == "," and depth == 0:
            args.append(current.strip())
            current = ""
        else:
            current += char
    args.append(current.strip())
    return head, args


def _vertical_type(text: str, indent: str, suffix: str, lead: str = "") -> list[str]:
    """Break a generic type one argument per line, nesting where needed."""
    line = f"{indent}{lead}{text}{suffix}"
    head, args = split_generics(text)
    if _fits(line) or not args:
        return [line]
    lines = [f"{indent}{lead}{head}<"]
    for arg in args:
        lines.extend(_vertical_type(arg, indent + INDENT, ","))
    lines.append(f"{indent}>{suffix}")
    return lines


def impl_header(trait_: str, type_: str, generics: str = "", body: bool = True) -> str:
    """Return `impl<G> Trait for Type {` laid out as rustfmt would.

    With body=False the impl is empty and the result ends with its closing brace.
    """
    head = f"impl{generics} {trait_}"
    one_line = f"{head} for {type_} {{"
    if _fits(one_line):
        return one_line if body else one_line + "}"
    if _fits(head):
        lines = [head, f"{INDENT}for {type_}", "{"]
    elif generics and _fits(INDENT + trait_):
        lines = [f"impl{generics}", INDENT + trait_, f"{INDENT}for {type_}", "{"]
    else:
        lines = [
            f"impl{generics}",
            *_vertical_type(trait_, INDENT, f" for {type_}"),
            "{",
        ]
    if not body:
        lines.append("}")
    return "\n".join(lines)


def fn_signature(indent: str, head: str, params: list[str], tail: str) -> str:
    """Return `fn name(params) -> Ret {`, one parameter per line when too wide."""
    one_line = f"{indent}{head}({', '.join(params)}){tail}"
    if _fits(one_line):
        return one_line
    inner = indent + INDENT
    lines = [f"{indent}{head}("]
    for param in params:
        name, _, type_ = param.partition(": ")
        lines.extend(_vertical_type(type_, inner, ",", lead=f"{name}: "))
    lines.append(f"{indent}){tail}")
    return "\n".join(lines)


def let_call(
    indent: str, binding: str, callee: str, args: str, suffix: str = ""
) -> str:
    """Return `let binding = callee(args)suffix;` with rustfmt's line breaks.

    rustfmt keeps the call on the `let` line when it fits, otherwise moves it
    to the next line, and breaks the arguments only when even that is too wide.
    """
    call = f"{callee}({args}){suffix};"
    first = f"{indent}let {binding} = "
    if _fits(first + call):
        return first + call
    inner = indent + INDENT
    if _fits(inner + call):
        return f"{indent}let {binding} =\n{inner}{call}"
    overflow_tuple = args.startswith("(") and args.endswith(")")
    if overflow_tuple:
        opening, closing, body = "((", "))", args[1:-1]
    else:
        opening, closing, body = "(", ")", args
    # The line that opens the argument list must leave the last column free.
    if len(f"{first}{callee}{opening}") < MAX_WIDTH:
        return f"{first}{callee}{opening}\n{inner}{body},\n{indent}{closing}{suffix};"
    deeper = inner + INDENT
    return (
        f"{indent}let {binding} =\n{inner}{callee}{opening}\n"
        f"{deeper}{body},\n{inner}{closing}{suffix};"
    )


def let_chain(indent: str, binding: str, parent: str, links: list[str]) -> str:
    """Return `let binding = parent.link1.link2;` with one link per line when wide.

    rustfmt keeps the parent on the `let` line while that line stays under
    100 columns. It moves the whole chain to the next line when the `let`
    line joined with every link but the last is exactly 97 columns wide; that
    boundary was measured against rustfmt 1.9 and the tests pin it.
    """
    first = f"{indent}let {binding} = "
    chain = parent + "".join(links)
    # rustfmt applies the chain width only to chains of two or more calls.
    short_enough = len(links) < 2 or len(chain) <= CHAIN_WIDTH
    if short_enough and _fits(first + chain + ";"):
        return first + chain + ";"
    inner = indent + INDENT
    head = first + parent
    joined = head + "".join(links[:-1])
    if len(head) < MAX_WIDTH and len(joined) != MAX_WIDTH - 3:
        tail = "\n".join(f"{inner}{link}" for link in links)
        return f"{head}\n{tail};"
    # A parent no longer than one indent takes its first link on its own line.
    if len(parent) <= len(INDENT) and links:
        parent, links = parent + links[0], links[1:]
    deeper = inner + INDENT
    tail = "\n".join(f"{deeper}{link}" for link in links)
    return f"{indent}let {binding} =\n{inner}{parent}\n{tail};"


def builder_call(
    indent: str, method: str, call: str, args: str, prefix: str = ""
) -> str:
    """Return one `.method(prefix call(args)?)` link of a RequestBuilder chain."""
    argument = f"{prefix}{call}({args})?"
    one_line = f"{indent}.{method}({argument})"
    if len(argument) <= FN_CALL_WIDTH and _fits(one_line):
        return one_line
    inner = indent + INDENT
    return f"{indent}.{method}({prefix}{call}(\n{inner}{args},\n{indent})?)"


def macro_call(indent: str, lead: str, macro: str, args: list[str], tail: str) -> str:
    """Return `lead macro!(args)tail`, one argument per line when too wide."""
    joined = ", ".join(args)
    one_line = f"{indent}{lead}{macro}!({joined}){tail}"
    # Inside a call such as `Ok(`, the macro call is that call's argument list,
    # so the width limit applies to the whole `macro!(…)`.
    measured = f"{macro}!({joined})" if lead.endswith("(") else joined
    if len(measured) <= FN_CALL_WIDTH and _fits(one_line):
        return one_line
    inner = indent + INDENT
    lines = [f"{indent}{lead}{macro}!("]
    lines.extend(f"{inner}{arg}," for arg in args[:-1])
    lines.append(f"{inner}{args[-1]}")
    lines.append(f"{indent}){tail}")
    return "\n".join(lines)


def static_item(name: str, type_: str, value: str) -> str:
    """Return `static NAME: Type = value;`, breaking before the value when wide."""
    one_line = f"static {name}: {type_} = {value};"
    if _fits(one_line):
        return one_line
    head = f"static {name}: {type_} ="
    if _fits(head) and _fits(INDENT + value + ";"):
        return f"{head}\n{INDENT}{value};"
    return one_line


def split_chain(expression: str) -> tuple[str, list[str]]:
    """Split `a.b(c.d).e` into the parent `a` and the links `.b(c.d)`, `.e`."""
    parts: list[str] = []
    depth = 0
    current = ""
    for char in expression:
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        if char == "." and depth == 0 and current:
            parts.append(current)
            current = "."
        else:
            current += char
    parts.append(current)
    return parts[0], parts[1:]


def let_plain(indent: str, binding: str, expression: str) -> str:
    """Return `let binding = expression;` for a method-chain expression."""
    parent, links = split_chain(expression)
    return let_chain(indent, binding, parent, links)


def endpoint_parts(flow: dict[str, str], value: str | None) -> tuple[str, str]:
    """Return the Method variant and path of an endpoint answer.

    An empty answer gives the catalogue's default method and an empty path,
    which the template turns into a TODO.
    """
    text = (value or "").strip()
    if not text:
        return flow["method"], ""
    head, _, tail = text.partition(" ")
    if tail:
        return head.capitalize(), tail.strip()
    return flow["method"], head


def path_ids(path: str) -> list[str]:
    """Return the {placeholder} names of a path in order, without repeats."""
    names: list[str] = []
    for piece in path.split("{")[1:]:
        name = piece.split("}", 1)[0]
        if name not in names:
            names.append(name)
    return names


def struct_pattern(indent: str, path: str, fields: list[str], tail: str) -> str:
    """Return `Path { a, b }tail`, one field per line past rustfmt's width."""
    inner = ", ".join(fields)
    one_line = f"{indent}{path} {{ {inner} }}{tail}"
    if len(inner) <= STRUCT_LIT_WIDTH and _fits(one_line):
        return one_line
    lines = [f"{indent}{path} {{"]
    lines += [f"{indent}{INDENT}{field}," for field in fields]
    lines.append(f"{indent}}}{tail}")
    return "\n".join(lines)
