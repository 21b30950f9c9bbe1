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


def _vertical_type(text: str, indent: str, suffix: str) -> list[str]:
    """Break a generic type one argument per line, nesting where needed."""
    line = f"{indent}{text}{suffix}"
    head, args = split_generics(text)
    if _fits(line) or not args:
        return [line]
    lines = [f"{indent}{head}<"]
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
        lines = [f"impl{generics}", *_vertical_type(trait_, INDENT, f" for {type_}"), "{"]
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
    lines.extend(f"{inner}{param}," for param in params)
    lines.append(f"{indent}){tail}")
    return "\n".join(lines)


def let_call(indent: str, binding: str, callee: str, args: str, suffix: str = "") -> str:
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
    if _fits(f"{first}{callee}{opening}"):
        return (
            f"{first}{callee}{opening}\n{inner}{body},\n{indent}{closing}{suffix};"
        )
    deeper = inner + INDENT
    return (
        f"{indent}let {binding} =\n{inner}{callee}{opening}\n"
        f"{deeper}{body},\n{inner}{closing}{suffix};"
    )


def let_chain(indent: str, binding: str, parent: str, links: list[str]) -> str:
    """Return `let binding = parent.link1.link2;` with one link per line when wide."""
    first = f"{indent}let {binding} = "
    if _fits(first + parent + "".join(links) + ";"):
        return first + parent + "".join(links) + ";"
    inner = indent + INDENT
    tail = "\n".join(f"{inner}{link}" for link in links)
    if _fits(first + parent):
        return f"{first}{parent}\n{tail};"
    deeper = inner + INDENT
    tail = "\n".join(f"{deeper}{link}" for link in links)
    return f"{indent}let {binding} =\n{inner}{parent}\n{tail};"


def builder_call(indent: str, method: str, call: str, args: str, prefix: str = "") -> str:
    """Return one `.method(prefix call(args)?)` link of a RequestBuilder chain."""
    one_line = f"{indent}.{method}({prefix}{call}({args})?)"
    if _fits(one_line):
        return one_line
    inner = indent + INDENT
    return f"{indent}.{method}({prefix}{call}(\n{inner}{args},\n{indent})?)"


def macro_call(indent: str, lead: str, macro: str, args: list[str], tail: str) -> str:
    """Return `lead macro!(args)tail`, one argument per line when too wide."""
    one_line = f"{indent}{lead}{macro}!({', '.join(args)}){tail}"
    if _fits(one_line):
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
