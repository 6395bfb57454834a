"""docs/errors.md lists every message the plugin can print.

The messages are found in the package's source with `ast`, not listed by hand, so a new
warning without a line on the page fails this test. A message is a string (or f-string) given
to one of these *sinks*:

- the logger: `log.warning(...)`, `log.info(...)` and a name bound to them (`report = ...`);
- an exception whose text reaches the user: `ValidationError`, `DateError`, `PermalinkError`,
  `SiteConfigError`, `ValueError`, `Unsupported` (Liquid), `PluginError`, `ConfigurationError`;
- a post's problems: `Problem(src, message, key)`, `reader.warn(key, message)`;
- a Liquid problem: `self.problem(message)`;
- the lists the plugin logs: `<x>.warnings.append(...)`, `notes`, `problems` (and `+=`, `=`
  with a list of messages), a `return` of (value, message) pairs, `FrontMatter(..., error)`.

Each message becomes one or more patterns: literal text with wildcards where the f-string has
a placeholder. A placeholder that names a local variable, a module constant or a function of
the same module that returns text is replaced by the text it can hold (`{what}`, `{TO}`,
`{_hint(...)}`), so the pattern says as much as the code does. Every pattern must match inside
one code span (or one line of a code block) of docs/errors.md, where placeholders are written
as `<file>`, `<key>` and so on. The leading `mindset: ` every line starts with is left out.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "mkdocs_mindset"
PAGE = ROOT / "docs" / "errors.md"

LOG_LEVELS = frozenset({"debug", "info", "warning", "error", "critical", "exception"})
MESSAGE_EXCEPTIONS = frozenset(
    {
        "ConfigurationError",
        "DateError",
        "PermalinkError",
        "PluginError",
        "SiteConfigError",
        "Unsupported",
        "ValidationError",
        "ValueError",
    }
)
MESSAGE_LISTS = frozenset({"warnings", "notes", "problems"})
PREFIX = "mindset: "

WILD = None
Pattern = tuple[str | None, ...]
"""Literal text and wildcards (`WILD`), in order."""


@dataclass(frozen=True)
class Message:
    where: str
    """`file:line` of the sink, for the failure message."""
    pattern: Pattern

    def shown(self) -> str:
        return "".join("<…>" if part is WILD else part for part in self.pattern)

    def regex(self) -> re.Pattern[str]:
        return re.compile("".join(".*?" if p is WILD else re.escape(p) for p in self.pattern))


def _name(node: ast.expr) -> str | None:
    """`x` for `x` and `a.b.x`."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _normalise(pattern: Pattern) -> Pattern:
    """Adjacent literals joined, adjacent wildcards merged, the `mindset: ` prefix dropped."""
    parts: list[str | None] = []
    for part in pattern:
        if part is WILD:
            if not parts or parts[-1] is not WILD:
                parts.append(WILD)
        elif part:
            if parts and parts[-1] is not WILD:
                parts[-1] = str(parts[-1]) + part
            else:
                parts.append(part)
    if parts and parts[0] is not WILD and str(parts[0]).startswith(PREFIX):
        parts[0] = str(parts[0])[len(PREFIX) :]
    return tuple(p for p in parts if p != "")


class _Collector(ast.NodeVisitor):
    """Walks one module, keeping the enclosing function so local names can be resolved."""

    def __init__(self, tree: ast.Module, label: str) -> None:
        self.label = label
        self.functions: dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]] = {}
        self.constants: dict[str, list[ast.expr]] = {}
        self.log_aliases: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions.setdefault(node.name, []).append(node)
            elif isinstance(node, ast.Assign) and self._mentions_log(node.value):
                self.log_aliases.update(t.id for t in node.targets if isinstance(t, ast.Name))
        for statement in tree.body:
            if isinstance(statement, ast.Assign):
                for target in statement.targets:
                    for name, value in _bindings(target, statement.value):
                        self.constants.setdefault(name, []).append(value)
        self.stack: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
        self.messages: list[Message] = []
        self.visit(tree)

    @staticmethod
    def _mentions_log(node: ast.expr) -> bool:
        return any(
            isinstance(n, ast.Attribute)
            and n.attr in LOG_LEVELS
            and isinstance(n.value, ast.Name)
            and n.value.id == "log"
            for n in ast.walk(node)
        )

    # -- what a piece of text can be --------------------------------------------------------

    def texts(self, node: ast.expr, depth: int = 0) -> list[Pattern] | None:
        """Every pattern `node` can evaluate to, or None when it is not known to be text."""
        if depth > 6:
            return None
        if isinstance(node, ast.Constant):
            return [(node.value,)] if isinstance(node.value, str) else None
        if isinstance(node, ast.JoinedStr):
            choices: list[list[Pattern]] = []
            for value in node.values:
                if isinstance(value, ast.Constant):
                    choices.append([(str(value.value),)])
                elif isinstance(value, ast.FormattedValue):
                    inner = None
                    if value.conversion == -1 and value.format_spec is None:
                        inner = self.texts(value.value, depth + 1)
                    choices.append(inner or [(WILD,)])
            return _product(choices)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self.texts(node.left, depth + 1), self.texts(node.right, depth + 1)
            if left is None and right is None:
                return None
            return _product([left or [(WILD,)], right or [(WILD,)]])
        if isinstance(node, ast.IfExp):
            body, orelse = self.texts(node.body, depth + 1), self.texts(node.orelse, depth + 1)
            if body is None and orelse is None:
                return None
            return (body or [(WILD,)]) + (orelse or [(WILD,)])
        if isinstance(node, ast.Name):
            return self._resolve_name(node.id, depth)
        if isinstance(node, ast.Call):
            name = _name(node.func)
            if name is not None and name in self.functions:
                return self._returned(name, depth)
        return None

    def _resolve_name(self, name: str, depth: int) -> list[Pattern] | None:
        """A local variable assigned only text in the enclosing function, or a module constant."""
        values: list[ast.expr] = []
        if self.stack:
            for node in ast.walk(self.stack[-1]):
                if isinstance(node, ast.Assign):
                    for target in node.targets:
                        values += [v for n, v in _bindings(target, node.value) if n == name]
        if not values:
            values = self.constants.get(name, [])
        return self._all_text(values, depth)

    def _returned(self, name: str, depth: int) -> list[Pattern] | None:
        """What a function of this module returns, when every `return` is text."""
        values: list[ast.expr] = []
        for function in self.functions[name]:
            for node in ast.walk(function):
                if isinstance(node, ast.Return):
                    if node.value is None:
                        return None
                    values.append(node.value)
        return self._all_text(values, depth)

    def _all_text(self, values: list[ast.expr], depth: int) -> list[Pattern] | None:
        if not values:
            return None
        found: list[Pattern] = []
        for value in values:
            patterns = self.texts(value, depth + 1)
            if patterns is None:
                return None
            found += patterns
        return found

    # -- sinks -------------------------------------------------------------------------------

    def add(self, node: ast.expr | None, at: ast.AST) -> None:
        if node is None:
            return
        if isinstance(node, (ast.List, ast.Tuple)):
            for item in node.elts:
                self.add(item, at)
            return
        if isinstance(node, (ast.ListComp, ast.GeneratorExp)):
            self.add(node.elt, at)
            return
        for pattern in self.texts(node) or []:
            pattern = _normalise(pattern)
            literal = "".join(p for p in pattern if p is not WILD)
            if re.search(r"[A-Za-z]{3}", literal):  # `f"{src}: {problem}"` says nothing itself
                where = f"{self.label}:{getattr(at, 'lineno', 0)}"
                self.messages.append(Message(where, pattern))

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.stack.append(node)
        self.generic_visit(node)
        self.stack.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_Call(self, node: ast.Call) -> None:
        func, name = node.func, _name(node.func)
        method = func.attr if isinstance(func, ast.Attribute) else None
        receiver = _name(func.value) if isinstance(func, ast.Attribute) else None
        logs = method in LOG_LEVELS and receiver == "log"
        takes_first = (
            logs
            or (isinstance(func, ast.Name) and func.id in self.log_aliases)
            or name in MESSAGE_EXCEPTIONS
            or method == "problem"
            or (method in ("append", "extend") and receiver in MESSAGE_LISTS)
        )
        if takes_first and node.args:
            self.add(node.args[0], node)
        elif name == "Problem":
            message = node.args[1] if len(node.args) > 1 else None
            keywords = [k.value for k in node.keywords if k.arg == "message"]
            self.add(message or (keywords[0] if keywords else None), node)
        elif name == "FrontMatter" and len(node.args) > 3:
            self.add(node.args[3], node)
        elif method == "warn" and node.args:
            self.add(node.args[-1], node)
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        if any(_name(t) in MESSAGE_LISTS for t in node.targets):
            self.add(node.value, node)
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if _name(node.target) in MESSAGE_LISTS:
            self.add(node.value, node)
        self.generic_visit(node)

    def visit_Return(self, node: ast.Return) -> None:
        """`return None, "an empty URL; ignored"`: the (value, problem) pairs of the pure layer."""
        if isinstance(node.value, ast.Tuple) and len(node.value.elts) == 2:
            problem = node.value.elts[1]
            if isinstance(problem, ast.List) or (
                isinstance(problem, (ast.Constant, ast.JoinedStr)) and self.texts(problem)
            ):
                self.add(problem, node)
        self.generic_visit(node)


def _bindings(target: ast.expr, value: ast.expr) -> Iterator[tuple[str, ast.expr]]:
    """(name, value) for `x = v` and each pair of `a, b = v1, v2`."""
    if isinstance(target, ast.Name):
        yield target.id, value
    elif isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple):
        for t, v in zip(target.elts, value.elts, strict=False):
            yield from _bindings(t, v)


def _product(choices: list[list[Pattern]]) -> list[Pattern]:
    return [tuple(itertools.chain.from_iterable(combo)) for combo in itertools.product(*choices)]


def messages_in_source(source: str, label: str = "<source>") -> list[Message]:
    return _Collector(ast.parse(source), label).messages


def package_messages() -> list[Message]:
    found: list[Message] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        label = str(path.relative_to(ROOT))
        found += messages_in_source(path.read_text("utf-8"), label)
    unique: dict[Pattern, Message] = {}
    for message in found:
        unique.setdefault(message.pattern, message)
    return list(unique.values())


def code_texts(markdown: str) -> list[str]:
    """Inline code spans, and each line of fenced code blocks."""
    texts: list[str] = []
    in_fence = False
    for line in markdown.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            texts.append(line)
        else:
            texts += re.findall(r"(?<!`)`([^`]+)`(?!`)", line)
    return texts


def missing_from(messages: list[Message], markdown: str) -> list[Message]:
    """The messages no code span of `markdown` shows."""
    spans = code_texts(markdown)
    return [m for m in messages if not any(m.regex().search(span) for span in spans)]


# -- the tests --------------------------------------------------------------------------------


def test_every_message_is_on_the_errors_page() -> None:
    page = PAGE.read_text("utf-8")
    missing = missing_from(package_messages(), page)
    assert not missing, "messages missing from docs/errors.md:\n" + "\n".join(
        f"  {m.where}: {m.shown()}" for m in missing
    )


def test_the_collector_finds_the_messages_there_are() -> None:
    """A collector that stopped seeing a kind of sink would pass the test above vacuously."""
    messages = package_messages()
    assert len(messages) >= 90, len(messages)
    shown = {m.shown() for m in messages}
    for expected in (
        "no feed is written: feeds need absolute links, so set 'site_url'",  # report(...)
        "front matter has no closing '---' line; the whole file was ignored",  # FrontMatter
        "an empty URL; ignored",  # a returned (value, problem) pair
        "<…>: 'redirect_to': '<…>' names no page in docs/; ignored",  # module constant `TO`
        "not a tag; it is left as written",  # local `what`
        "unknown variable; rendered empty (set repo_url in mkdocs.yml)",  # _hint()
        "an object",  # Unsupported
    ):
        assert expected in shown, expected
    modules = {m.where.split(":")[0] for m in messages}
    for module in ("plugin.py", "config.py", "posts.py", "quotes.py", "renderer.py", "taxonomy.py"):
        assert any(path.endswith(module) for path in modules), module


SYNTHETIC = """
log = get_plugin_logger("mindset")
WHAT = "a made-up key"

def on_files(reader, name, other):
    log.info("no feed is written: feeds need absolute links, so set 'site_url'")
    log.warning(f"{name}: a made-up warning nobody documented")
    reader.warn("date", f"{WHAT} is wrong; ignored")
    problem = "an invented problem" if other else "a second invented problem"
    blog.notes.append(f"{name}: {problem}")
"""


def test_an_undocumented_message_is_reported() -> None:
    """The matcher can fail: made-up messages are missing, a documented one is not."""
    messages = messages_in_source(SYNTHETIC)
    missing = {m.shown() for m in missing_from(messages, PAGE.read_text("utf-8"))}
    assert missing == {
        "<…>: a made-up warning nobody documented",
        "a made-up key is wrong; ignored",
        "<…>: an invented problem",
        "<…>: a second invented problem",
    }
    assert len(messages) == 5


def test_placeholders_match_only_inside_one_code_span() -> None:
    message = messages_in_source('log.warning(f"{a}: cannot read {b}; ignored")')[0]
    assert not missing_from([message], "`<file>: cannot read <key>; ignored`")
    assert missing_from([message], "`<file>: cannot read` and `<key>; ignored`")
    assert missing_from([message], "<file>: cannot read <key>; ignored")
