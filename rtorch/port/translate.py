"""R source to rtorch Python, by walking tree-sitter's syntax tree of the R code.

Expressions become Python expressions (:meth:`Translator.expr`), statements become lines
(:meth:`Translator.block`). Where Python needs a statement that R writes as a value (an
``if`` or a ``{}`` block in an argument, a multi-line function given as an argument), the
statement is hoisted into a ``def`` placed before the line that uses it. What cannot be
translated is kept as ``# TODO(port):`` comments holding the R lines, and listed in
:attr:`Translator.todos`.
"""
from __future__ import annotations

import ast
import keyword
import re
from dataclasses import dataclass, field

from .names import (BINARY, BOOLEAN_CALLS, COMPARISON, GENERATORS, INVISIBLE_METHODS,
                    LAZY_ARGS, LIBRARIES, LIST_METHODS, LUZ_VERBS, METHOD_RENAMES,
                    OPERATOR_VALUES, PIPE_PREFIXES, PY_BUILTINS, RENAMES, TENSOR_FIELDS,
                    WITH_BLOCKS, exports, pipeable, py_name)
from .names import TESTTHAT, TESTTHAT_LAZY
from .parse import Node, parse, parse_errors
from .autoprint import INVISIBLE, is_scalar

__all__ = ["Translator", "Untranslatable", "Todo", "translate_code"]

INDENT = "    "

# Python precedence, low to high (for parenthesising emitted expressions).
P_LAMBDA, P_IF, P_OR, P_AND, P_NOT, P_CMP, P_BOR, P_XOR, P_BAND, P_SHIFT, P_ADD, P_MUL, \
    P_UNARY, P_POW, P_ATOM = range(1, 16)
_PREC = {"or": P_OR, "and": P_AND, "|": P_BOR, "&": P_BAND, ">>": P_SHIFT, "+": P_ADD,
         "-": P_ADD, "*": P_MUL, "/": P_MUL, "//": P_MUL, "%": P_MUL, "@": P_MUL, "**": P_POW}

# R's constants (None: the R text, e.g. NA_integer_, which rtorch exports under its name).
LITERALS = {"true": "True", "false": "False", "null": "None", "inf": 'float("inf")',
            "nan": 'float("nan")', "na": None, "dots": "*args"}

# Functions whose arguments are data: an integer literal there stays an R integer.
DATA_FUNCTIONS = {"c", "list", "torch_tensor", "matrix", "array", "rep", "print", "cat",
                  "paste", "paste0", "identical", "as_integer", "dict", "torch_arange",
                  "torch_scalar_tensor", "torch_full", "expect_equal", "expect_identical",
                  # functions that show an argument's R type: 5L stays R's integer there
                  "class_", "typeof", "mode", "storage_mode", "is_integer", "is_double",
                  "is_numeric", "str_", "sprintf", "format_"}
FRAME_NAME = re.compile(r"^(df|data_frame|.+_df|df_.+)$")
FRAME_MAKERS = {"na.omit", "data.frame", "read.csv", "read_csv", "read.table", "tibble",
                "load_penguins"}
VECTOR_MAKERS = {"c", "seq", "seq_len", "seq_along", "rep", "numeric", "integer", "character",
                 "logical", "vector", "matrix", "array", "rev", "sort", "unlist", "names",
                 "sample", "runif", "rnorm"}


class Untranslatable(Exception):
    """An R construct the translator has no rule for."""

    def __init__(self, node: Node, reason: str) -> None:
        super().__init__(reason)
        self.node = node
        self.reason = reason


@dataclass
class Todo:
    """One R statement kept as a ``# TODO(port)`` comment."""
    line: int
    reason: str
    text: str


@dataclass
class E:
    """An emitted Python expression and its precedence."""
    code: str
    prec: int = P_ATOM


@dataclass
class Scope:
    """Where the code being translated sits."""
    method: bool = False          # inside a method of an nn_module(), dataset(), ...
    function: bool = False        # inside any function
    dots: bool = False            # the function takes R's ``...``
    pre: list = field(default_factory=list)   # hoisted lines to place before the statement
    index: bool = False           # directly inside ``[ ]``
    condition: bool = False       # inside an if/while condition (``!`` is ``not``)


def _text(node: Node) -> str:
    return node.text.decode("utf-8")


def _named(node: Node) -> list[Node]:
    return [c for c in node.named_children if c.type != "comment"]


def _args(node: Node) -> list[tuple[str | None, Node | None]]:
    """(name, value) of each argument of a call/subset node; an empty argument is (None, None)."""
    arguments = node.child_by_field_name("arguments")
    out: list[tuple[str | None, Node | None]] = []
    pending_empty = True
    for child in arguments.children:
        if child.type == "argument":
            name = child.child_by_field_name("name")
            value = child.child_by_field_name("value")
            out.append((_text(name) if name is not None else None, value))
            pending_empty = False
        elif child.type == "comma":
            if pending_empty:
                out.append((None, None))
            pending_empty = True
        elif child.type in (")", "]", "]]"):
            if pending_empty and out:
                out.append((None, None))
    return out


def _op(node: Node) -> str:
    return _text(node.child_by_field_name("operator"))


def _strip_braces(node: Node) -> list[Node]:
    """The statements of a ``{}`` block (comments included), or the node alone."""
    if node is not None and node.type == "braced_expression":
        return [c for c in node.named_children]
    if node is not None and node.type == "parenthesized_expression":
        inner = _named(node)
        if len(inner) == 1 and inner[0].type == "braced_expression":
            return _strip_braces(inner[0])
    return [node] if node is not None else []


def _is_call(node: Node, *names: str) -> bool:
    if node is None or node.type != "call":
        return False
    fn = node.child_by_field_name("function")
    if fn.type == "namespace_operator":
        fn = fn.child_by_field_name("rhs")
    return fn.type == "identifier" and _text(fn) in names


def _call_name(node: Node) -> str | None:
    if node is None or node.type != "call":
        return None
    fn = node.child_by_field_name("function")
    if fn.type == "return":
        return "return"
    if fn.type == "namespace_operator":
        fn = fn.child_by_field_name("rhs")
    return _text(fn) if fn.type == "identifier" else None


def _method_name(node: Node) -> str | None:
    """``m`` of a call ``x$m(...)``, else None."""
    if node is None or node.type != "call":
        return None
    fn = node.child_by_field_name("function")
    if fn.type != "extract_operator" or fn.child_by_field_name("rhs") is None:
        return None
    return _text(fn.child_by_field_name("rhs"))


def _string_literal(node: Node) -> str:
    raw = _text(node)
    if raw[:1] in "rR" and raw[1:2] in "\"'":
        # R's raw string r"(...)": its content, as a Python raw string
        body = re.match(r"[rR]([\"'])(-*)[(\[{](.*)[)\]}]\2\1$", raw, re.S)
        return repr(body.group(3)) if body else raw
    quote, body = raw[0], raw[1:-1]
    if "\n" in body:
        body = body.replace("\n", "\\n")
    if quote == "'" and '"' not in body:
        body = body.replace("\\'", "'")
        quote = '"'
    return f"{quote}{body}{quote}"


class Translator:
    """Translate one R program (or a sequence of R Markdown chunks sharing names)."""

    def __init__(self) -> None:
        self.todos: list[Todo] = []
        self.imports: set[str] = set()
        self.libraries: list[str] = []
        self.renamed: dict[str, str] = {}
        # names that hold a function R can call: a module, a generator (R's lookup of
        # ``drop(x)`` finds the module ``drop`` holds, not a base function of that name)
        self.callable_names: set[str] = set()
        self.formula_depth = 0                 # inside purrr's ~ lambda: .x, .y, . are its args
        self.list_names: set[str] = set()      # names holding R lists (Python lists/dicts)
        self.loop_names: set[str] = set()      # loop variables over a data loader or a list
        self.dict_names: set[str] = set()      # names holding a state dict: $x is ["x"]
        self.vector_names: set[str] = set()    # names holding R vectors
        self.frame_names: set[str] = {"penguins", "mtcars", "iris"}   # data frames
        self.column_names: set[str] = set()    # R text of names holding a data frame's column
        self.string_names: set[str] = {"name", "nm", "key"}   # names holding a list's names
        self.r6_classes: set[str] = set()      # names given an R6Class()
        self.invisible: set[str] = set(INVISIBLE)   # functions and methods returning invisible()
        self.scalar_names: set[str] = set()    # top-level names holding a Python scalar
        self.in_r6 = False                     # translating an R6 class's methods
        self.modified: set[str] = set()        # names changed in place (x[i] <- v, x$a <- v)
        self.kind_now: dict[str, str] = {}     # what each name holds at this point of the program
        self.helpers: dict[str, int] = {}
        self._emitted_comments: set[int] = set()
        self.known = set(exports("rtorch"))

    # ------------------------------------------------------------------ program level
    def program(self, text: str, line_offset: int = 0) -> tuple[list[str], list[tuple[int, str]]]:
        """Python lines for R ``text``, and the parse errors found ((line, text))."""
        root = parse(text)
        errors = [(line + line_offset, t) for line, t in parse_errors(root)]
        self._offset = line_offset
        self._emitted_comments = set()
        self._prepass(root)
        lines = self.block(root.named_children, Scope(), tail=None, keep_blank=True)
        return lines, errors

    def _prepass(self, root: Node) -> None:
        """Collect what the rules need to know about the whole program: names called as
        functions, names assigned, lists, vectors, in-place changes."""
        if not hasattr(self, "defined"):   # kept across the chunks of a document
            self.defined: set[str] = set()
            self._called: set[str] = set()
            self._assigned: set[str] = set()
        called, assigned = self._called, self._assigned
        stack = [root]
        while stack:
            n = stack.pop()
            stack.extend(reversed(n.children))   # in document order
            if n.type == "parameter":
                name_node = n.child_by_field_name("name")
                if name_node is not None:
                    self.defined.add(_text(name_node))
            elif n.type == "for_statement":
                self.defined.add(_text(n.child_by_field_name("variable")))
            elif n.type == "binary_operator" and _op(n) == "%<-%":
                lhs = n.child_by_field_name("lhs")
                if lhs.type == "call":
                    self.defined.update(_text(v) for _, v in _args(lhs) if v is not None)
            if n.type == "call":
                fn = n.child_by_field_name("function")
                if fn.type == "identifier":
                    called.add(_text(fn))
            elif n.type == "binary_operator" and _op(n) in ("<-", "=", "<<-", "->", "->>"):
                lhs, rhs = n.child_by_field_name("lhs"), n.child_by_field_name("rhs")
                if _op(n) in ("->", "->>"):
                    lhs, rhs = rhs, lhs
                if n.parent is not None and n.parent.type == "argument":
                    continue
                if lhs.type == "identifier":
                    name = _text(lhs)
                    self.defined.add(name)
                    if rhs.type != "function_definition":
                        assigned.add(name)
                    fname = _call_name(rhs)
                    if fname is not None and (fname.startswith("nn_") or fname in GENERATORS
                                              or fname in self.callable_names):
                        self.callable_names.add(name)
                    if fname in FRAME_MAKERS or (rhs.type == "identifier" and
                                                 _text(rhs) in self.frame_names):
                        self.frame_names.add(name)
                    if _method_name(rhs) in LIST_METHODS:
                        self.dict_names.add(name)
                    if fname == "list":
                        self.list_names.add(name)
                    elif fname in VECTOR_MAKERS or (rhs.type == "binary_operator"
                                                    and _op(rhs) == ":"):
                        self.vector_names.add(name)
                    elif rhs.type == "identifier" and _text(rhs) in self.list_names:
                        self.list_names.add(name)
                    elif rhs.type == "identifier" and _text(rhs) in self.vector_names:
                        self.vector_names.add(name)
                else:
                    base = lhs
                    while base.type in ("subset", "subset2", "extract_operator"):
                        base = (base.child_by_field_name("function")
                                or base.child_by_field_name("lhs"))
                    if base.type == "identifier":
                        self.modified.add(_text(base))
        shadowing = (self.known | PY_BUILTINS | exports("rtorch.luz")) & called & assigned
        for name in shadowing:
            self.renamed.setdefault(name, py_name(name) + "_")

    # ------------------------------------------------------------------ statements
    def block(self, nodes: list[Node], scope: Scope, tail, keep_blank: bool = False) -> list[str]:
        """Python lines for a sequence of R statements. ``tail`` says what the last value
        does: None (nothing), "return" (a function's value), ("assign", target)."""
        out: list[str] = []
        stmts = [n for n in nodes if n.type != "comment"]
        last = stmts[-1] if stmts else None
        prev_end = None
        for node in nodes:
            if node.type == "comment":
                if _key(node) in self._emitted_comments:
                    continue
                text = _text(node)
                if prev_end is not None and node.start_point[0] == prev_end and out:
                    out[-1] += "  " + text
                else:
                    if keep_blank and prev_end is not None and node.start_point[0] > prev_end + 1:
                        out.append("")
                    out.append(text)
                prev_end = node.end_point[0]
                continue
            if keep_blank and prev_end is not None and node.start_point[0] > prev_end + 1:
                out.append("")
            lines = self.statement(node, scope, tail if node is last else None)
            if keep_blank and lines and out and out[-1] != "" and (
                    lines[0].startswith(("def ", "@")) or out[-1].startswith(" ")):
                out.append("")
            out.extend(lines)
            prev_end = node.end_point[0]
        if tail == "return" and last is None:
            out.append("return None")
        return out

    def statement(self, node: Node, scope: Scope, tail=None) -> list[str]:
        """Lines for one R statement (hoisted helpers first); a TODO comment if it has no rule."""
        inner = Scope(method=scope.method, function=scope.function, dots=scope.dots)
        try:
            lines = self._statement(node, inner, tail)
        except Untranslatable as e:
            return self._inner_comments(node) + self._todo(node, e)
        except (AttributeError, IndexError, KeyError, TypeError, ValueError) as e:
            # a construct the rules did not foresee: kept as R, never a crash
            return self._inner_comments(node) + self._todo(node, Untranslatable(
                node, f"no rule ({e})"))
        try:
            ast.parse("\n".join(inner.pre + lines))
        except SyntaxError as e:
            # a rule gave something Python cannot parse: keep the R line instead
            return self._inner_comments(node) + self._todo(node, Untranslatable(
                node, f"no Python for this ({e.msg})"))
        return self._inner_comments(node) + inner.pre + lines

    def _inner_comments(self, node: Node) -> list[str]:
        """Comments inside an expression statement (kept as lines before it)."""
        if node.type in ("braced_expression", "if_statement", "for_statement", "while_statement",
                         "repeat_statement", "function_definition"):
            return []
        out = []
        stack = list(node.children)
        while stack:
            n = stack.pop(0)
            if n.type == "comment" and _key(n) not in self._emitted_comments:
                out.append(_text(n))
                self._emitted_comments.add(_key(n))
            elif n.type not in ("braced_expression", "function_definition"):
                stack[:0] = list(n.children)
        return out

    def _todo(self, node: Node, e: Untranslatable) -> list[str]:
        line = node.start_point[0] + 1 + getattr(self, "_offset", 0)
        text = _text(node)
        self.todos.append(Todo(line, e.reason, text.splitlines()[0]))
        out = [f"# TODO(port): {e.reason}"]
        out += ["# " + t if t.strip() else "#" for t in text.splitlines()]
        return out

    def _statement(self, node: Node, scope: Scope, tail) -> list[str]:
        t = node.type
        if t == "braced_expression":
            return self.block(node.named_children, scope, tail)
        if t == "parenthesized_expression" and len(_named(node)) == 1 and tail is None:
            inner = _named(node)[0]
            if inner.type == "binary_operator" and _op(inner) in ("<-", "=", "->"):
                # (x <- value): assign, then print as R does
                lines = self._statement(inner, scope, None)
                target = self._assign_target(inner)
                if not scope.function and target in self.scalar_names:
                    target = f"c({target})"   # R prints [1] 5, not Python's 5
                return lines + [target]
        if t == "if_statement":
            return self._if(node, scope, tail)
        if t == "for_statement":
            return self._for(node, scope)
        if t == "while_statement":
            cond = self.expr(node.child_by_field_name("condition"), scope, condition=True)
            return [f"while {cond.code}:"] + self._body(node.child_by_field_name("body"), scope)
        if t == "repeat_statement":
            return ["while True:"] + self._body(node.child_by_field_name("body"), scope)
        if t == "break":
            return ["break"]
        if t == "next":
            return ["continue"]
        if t == "binary_operator" and _op(node) in ("<-", "=", "<<-", "->", "->>"):
            return self._assignment(node, scope)
        if t == "binary_operator" and _op(node) == "%<-%":
            lhs = node.child_by_field_name("lhs")
            if not _is_call(lhs, "c", "list"):
                raise Untranslatable(node, "%<-% needs c(...) on its left")
            targets = [self.expr(v, scope).code for _, v in _args(lhs) if v is not None]
            value = self.expr(node.child_by_field_name("rhs"), scope).code
            return [f"{', '.join(targets)} = {value}"]
        if t == "call":
            lines = self._call_statement(node, scope, tail)
            if lines is not None:
                return lines
        if t == "binary_operator" and _op(node) in ("%>%", "|>") and tail is None and \
                _call_name(node.child_by_field_name("rhs")) == "walk":
            rhs_args = [v for n, v in _args(node.child_by_field_name("rhs")) if v is not None]
            if len(rhs_args) == 1:   # x %>% walk(f): a loop
                return self._walk(node.child_by_field_name("lhs"), rhs_args[0], scope)
        if t == "function_definition" and tail is None:
            return []  # an anonymous function as a statement: no effect
        value = self.expr(node, scope)
        if tail is None and not scope.function and t == "call" and self._invisible_call(node):
            return [f"_ = {value.code}"]   # R does not print an invisible() value
        if tail is None and node.parent is not None and node.parent.type == "program" and \
                is_scalar(node, self.scalar_names):
            return [f"c({value.code})"]    # a Python scalar: auto-printed as R's vector
        return self._finish(value.code, tail)

    def _invisible_call(self, node: Node) -> bool:
        fn = node.child_by_field_name("function")
        if fn.type == "extract_operator":
            fn = fn.child_by_field_name("rhs")
            if fn is not None and _text(fn) in INVISIBLE_METHODS:
                return True
        return fn is not None and fn.type == "identifier" and py_name(_text(fn)) in self.invisible

    def _finish(self, code: str, tail) -> list[str]:
        if tail == "return" and re.match(r"(cat|print|message|warnings\.warn)\(", code):
            return [code]   # called for its output; R's value is an invisible NULL
        if tail == "return":
            return [f"return {code}"]
        if isinstance(tail, tuple):
            return [f"{tail[1]} = {code}"]
        return [code]

    def _body(self, node: Node, scope: Scope, tail=None) -> list[str]:
        lines = self.block(_strip_braces(node), scope, tail)
        if not any(line.strip() and not line.lstrip().startswith("#") for line in lines):
            lines.append("pass")
        return indent(lines)

    def _if(self, node: Node, scope: Scope, tail, word: str = "if") -> list[str]:
        cond = self.expr(node.child_by_field_name("condition"), scope, condition=True)
        out = [f"{word} {cond.code}:"]
        out += self._body(node.child_by_field_name("consequence"), scope, tail)
        alt = node.child_by_field_name("alternative")
        if alt is not None:
            if alt.type == "if_statement":
                out += self._if(alt, scope, tail, "elif")
            else:
                out += ["else:"] + self._body(alt, scope, tail)
        elif tail == "return":
            out += ["return None"]
        elif isinstance(tail, tuple):
            out += ["else:", INDENT + f"{tail[1]} = None"]
        return out

    def _for(self, node: Node, scope: Scope) -> list[str]:
        var = self._name(node.child_by_field_name("variable"), store=True)
        seq = node.child_by_field_name("sequence")
        if not scope.function:   # 1:n, seq_len(n), ...: the loop variable is a Python int
            counting = _call_name(seq) in ("seq_len", "seq_along") or \
                (seq.type == "binary_operator" and _op(seq) == ":")
            (self.scalar_names.add if counting else self.scalar_names.discard)(
                _text(node.child_by_field_name("variable")))
        if _call_name(seq) == "names":
            self.string_names.add(_text(node.child_by_field_name("variable")))
        elif seq.type != "binary_operator" or _op(seq) != ":":
            members = seq.type == "extract_operator" and _text(
                seq.child_by_field_name("rhs") or seq) in ("parameters", "buffers", "children",
                                                           "modules")
            var = _text(node.child_by_field_name("variable"))
            if _call_name(seq) not in VECTOR_MAKERS and not members:
                # looping over a data loader or a list: its items are rtorch's batches / lists
                self.list_names.add(var)
                self.loop_names.add(var)
            elif members:             # a module's tensors or modules, not lists
                self.list_names.discard(var)
        return [f"for {var} in {self.expr(seq, scope).code}:"] + \
            self._body(node.child_by_field_name("body"), scope)

    def _assign_target(self, node: Node) -> str:
        lhs, rhs = node.child_by_field_name("lhs"), node.child_by_field_name("rhs")
        if _op(node) in ("->", "->>"):
            lhs, rhs = rhs, lhs
        return self.expr(lhs, Scope(), store=True).code

    def _assignment(self, node: Node, scope: Scope) -> list[str]:
        op = _op(node)
        lhs, rhs = node.child_by_field_name("lhs"), node.child_by_field_name("rhs")
        if op in ("->", "->>"):
            lhs, rhs = rhs, lhs
        if lhs.type == "identifier" and not scope.function:
            scalar = is_scalar(rhs, self.scalar_names)
            (self.scalar_names.add if scalar else self.scalar_names.discard)(_text(lhs))
        pre: list[str] = []
        if op in ("<<-", "->>") and lhs.type != "identifier":
            raise Untranslatable(node, "<<- on a part of a variable")
        # (a function's `nonlocal`/`global` for its <<- targets heads its body: see _def)
        if lhs.type == "identifier" and _call_name(rhs) == "R6Class":
            return pre + self._r6_class(self._name(lhs, store=True), rhs, scope)
        # a function given a name: def
        if rhs.type == "function_definition" and lhs.type == "identifier":
            name = self._name(lhs, store=True)
            return pre + self._def(name, rhs, scope, method=False)
        # x$a <- NULL on a list: del
        if rhs.type == "null" and lhs.type in ("extract_operator", "subset2") and \
                self._base_name(lhs) in self.list_names:
            return pre + [f"del {self.expr(lhs, scope, store=True).code}"]
        if lhs.type == "subset2" and len(_args(lhs)) == 1 and _args(lhs)[0][1] is not None:
            # l[[length(l) + 1]] <- v: a list grows by one
            index = _args(lhs)[0][1]
            base = lhs.child_by_field_name("function")
            if re.fullmatch(rf"length\(\s*{re.escape(_text(base))}\s*\)\s*\+\s*1L?",
                            _text(index)):
                value = self._arg_value(rhs, scope, "item")
                return pre + [f"{self._wrap(self.expr(base, scope), P_ATOM)}.append({value})"]
        if lhs.type == "call":
            raise Untranslatable(node, f"R's replacement function {_call_name(lhs)}<-")
        target = self.expr(lhs, scope, store=True).code
        if self._is_column(rhs):
            self.column_names.add(_text(lhs))
        # a value Python writes as a statement: the statement, assigning in each branch
        if rhs.type in ("if_statement", "braced_expression") and not self._simple_if(rhs):
            return pre + self._statement(rhs, scope, ("assign", target))
        if rhs.type == "call" and (_call_name(rhs) in WITH_BLOCKS or
                                   _is_call(rhs, "tryCatch", "switch")):
            lines = self._call_statement(rhs, scope, ("assign", target))
            if lines is not None:
                return pre + lines
        value = self.expr(rhs, scope)
        code = value.code
        if rhs.type == "identifier" and lhs.type == "identifier" and \
                _text(lhs) in self.modified and _text(lhs) != _text(rhs):
            # R copies a vector or list on assignment; Python would share it (a tensor is
            # shared in R torch too). What the name holds here, where the program has said
            # (a name may hold a vector and later a tensor), else anywhere in the program.
            kind = self.kind_now.get(_text(rhs)) or (
                "vector" if _text(rhs) in self.vector_names else
                "list" if _text(rhs) in self.list_names else None)
            if kind == "vector":
                self.imports.add("import copy")
                code = f"copy.deepcopy({code})"
            elif kind == "list":
                self.imports.add("import copy")
                code = f"copy.copy({code})"
        if lhs.type == "identifier":
            self.kind_now[_text(lhs)] = self._kind_of(rhs)
        return pre + [f"{target} = {code}"]

    def _kind_of(self, rhs: Node) -> str:
        """What an assigned value is, as far as its code shows: "vector", "list" or
        "other" (a tensor, a module, a number the code does not change in place...)."""
        fname = _call_name(rhs)
        if fname == "list":
            return "list"
        if fname in VECTOR_MAKERS or (rhs.type == "binary_operator" and _op(rhs) == ":"):
            return "vector"
        if rhs.type == "identifier":
            return self.kind_now.get(_text(rhs), "other")
        return "other"

    def _simple_if(self, node: Node) -> bool:
        if node.type == "braced_expression":
            return False
        if node.type != "if_statement":
            return True
        for field_name in ("consequence", "alternative"):
            part = node.child_by_field_name(field_name)
            if part is None:
                continue
            stmts = [s for s in _strip_braces(part) if s.type != "comment"]
            if len(stmts) != 1 or not self._simple_if(stmts[0]) or \
                    (stmts[0].type == "binary_operator" and _op(stmts[0]) in ("<-", "=")):
                return False
        return True

    def _is_frame(self, node: Node) -> bool:
        """A data frame, as far as the code shows: a name assigned one (``na.omit()``,
        ``data.frame()``, ``read.csv()``, R's data sets) or called ``df`` (``x_df``, ``df_x``,
        ``self$df``), as R code names them."""
        if node.type == "extract_operator" and _text(node.child_by_field_name("lhs")) == "self":
            node = node.child_by_field_name("rhs")
        if node is None or node.type != "identifier":
            return False
        name = _text(node)
        return name in self.frame_names or bool(FRAME_NAME.match(name))

    def _is_column(self, node: Node) -> bool:
        """A data frame's column (a pandas Series): ``df$x``, ``df[["x"]]``, or a name
        assigned one; indexed by position with ``.r``."""
        if _text(node) in self.column_names:
            return True
        if node.type == "subset2":
            return self._is_frame(node.child_by_field_name("function"))
        if node.type == "extract_operator":
            return self._is_frame(node.child_by_field_name("lhs"))
        return False

    def _base_name(self, node: Node) -> str | None:
        while node.type in ("subset", "subset2", "extract_operator"):
            node = node.child_by_field_name("function") or node.child_by_field_name("lhs")
        return _text(node) if node.type == "identifier" else None

    # ------------------------------------------------------------------ calls as statements
    def _call_statement(self, node: Node, scope: Scope, tail) -> list[str] | None:
        name = _call_name(node)
        args = _args(node)
        if name in ("library", "require", "requireNamespace"):
            pkg = args[0][1] if args else None
            pkg_name = _text(pkg).strip("\"'") if pkg is not None else ""
            if pkg_name in LIBRARIES:
                imp = LIBRARIES[pkg_name]
                if imp is None:
                    return [f"# library({pkg_name}): not needed in Python"]
                lines = imp.splitlines()
                if pkg_name == "torch" and "torch" in self.libraries:
                    return []   # already imported first, for luz or torchvision
                if pkg_name in ("luz", "torchvision") and "torch" not in self.libraries:
                    # rtorch first: luz's and torchvision's names win, as they do in R
                    lines.insert(0, LIBRARIES["torch"])
                    self.libraries.append("torch")
                self.libraries.append(pkg_name)
                if pkg_name == "luz":
                    self.known |= exports("rtorch.luz")
                if pkg_name == "torchvision":
                    self.known |= exports("rtorch.vision")
                return lines
            raise Untranslatable(node, f"R package {pkg_name} has no rtorch counterpart")
        assigned = self._testthat_assignment(node, name, args, scope)
        if assigned is not None:
            return assigned
        if name == "test_that" and not scope.function and len(args) == 2 and \
                args[1][1] is not None and args[1][1].type == "braced_expression":
            # testthat's test_that("what", { ... }): a test function pytest collects
            self._testthat()
            return [f"def {self._test_name(_string_literal(args[0][1]))}():"] + \
                self._function_body(args[1][1].named_children, Scope(function=True), None) + [""]
        if name in WITH_BLOCKS and args and args[-1][1] is not None and \
                args[-1][1].type == "braced_expression" and args[-1][0] is None:
            head = self._call_code(node, scope, args=args[:-1]).code
            return [f"with {head}:"] + self._body(args[-1][1], scope, tail)
        if name == "loop" and len(args) == 1 and args[0][1] is not None and \
                args[0][1].type == "for_statement":
            lines = self._for(args[0][1], scope)
            return lines + ([] if tail != "return" else ["return None"])
        if name == "tryCatch":
            return self._try(node, args, scope, tail)
        if name == "walk" and tail is None and len(args) == 2 and all(
                n is None and v is not None for n, v in args):
            return self._walk(args[0][1], args[1][1], scope)
        if name == "switch":
            return self._switch(node, args, scope, tail)
        if name == "on.exit":
            raise Untranslatable(node, "on.exit() outside a function body's first lines")
        if name in ("invisible",) and len(args) == 1:
            if tail is None:
                value = self.expr(args[0][1], scope).code
                return [f"_ = {value}"]
            return self._finish(self.expr(args[0][1], scope).code, tail)
        if name == "stopifnot":
            return [f"assert {self.expr(v, scope, condition=True).code}" for _, v in args
                    if v is not None]
        if name == "return":
            if not args or args[0][1] is None:
                return ["return"]
            value = args[0][1]
            if value.type in ("if_statement", "braced_expression") and not self._simple_if(value):
                return self._statement(value, scope, "return")
            return [f"return {self.expr(value, scope).code}"]
        if name in ("stop",) and tail == "return":
            return [self._call_code(node, scope).code]
        if _text(node).startswith(("knitr::", "opts_chunk$", "rmarkdown::")):
            return [f"# {_text(node).splitlines()[0]}: knitr's, not needed in Python"]
        return None

    def _lazy_object(self, name: str | None, args) -> int | None:
        """Where the object of testthat's lazy expectations is: its first unnamed argument
        (R matches named arguments first, so ``expect_warning(regexp = "x", {...})`` too)."""
        if name not in TESTTHAT_LAZY or name in self.defined:
            return None
        return next((i for i, (n, v) in enumerate(args) if n is None and v is not None), None)

    def _testthat_assignment(self, node: Node, name: str, args, scope: Scope) -> list[str] | None:
        """``expect_warning(x <- f())``: ``x = expect_warning(lambda: f())`` (the
        expectations return the object's value, as R's assignment keeps it)."""
        lazy = self._lazy_object(name, args)
        if lazy is None:
            return None
        value = args[lazy][1]
        if value.type != "binary_operator" or _op(value) not in ("<-", "="):
            return None
        self._testthat()
        rest = args[:lazy] + args[lazy + 1:]
        lhs = value.child_by_field_name("lhs")
        if lhs.type != "identifier":         # expect_error(x[i] <- v): the assignment is tried
            helper = self._helper_name("assign")
            scope.pre.extend([f"def {helper}():"] + indent(self._assignment(
                value, Scope(method=scope.method, function=True))) + [""])
            return [self._call_code(node, scope, args=rest, first=E(helper)).code]
        target = self.expr(lhs, scope, store=True).code
        rhs = self.expr(value.child_by_field_name("rhs"), scope)
        call = self._call_code(node, scope, args=rest, first=E(f"lambda: {rhs.code}"))
        return [f"{target} = {call.code}"]

    def _testthat(self) -> None:
        """Names of R's testthat come from rtorch.testthat."""
        self.imports.add("from rtorch.testthat import *")
        self.known |= TESTTHAT

    def _test_name(self, desc: str) -> str:
        """``test_that("[ works with drop", ...)`` -> ``test_works_with_drop``."""
        base = "test_" + (re.sub(r"[^0-9a-z]+", "_", desc.lower()).strip("_")[:60] or "it")
        self.helpers[base] = self.helpers.get(base, 0) + 1
        n = self.helpers[base]
        return base if n == 1 else f"{base}_{n}"

    def _walk(self, items: Node, fn: Node, scope: Scope) -> list[str]:
        """purrr's ``walk(x, function(p) ...)`` (called for its effect): ``for p in x:`` and
        the function's body; another function ``f`` is called on each item."""
        seq = self.expr(items, scope).code
        params = [p for p in fn.child_by_field_name("parameters").named_children
                  if p.type == "parameter"] if fn.type == "function_definition" else []
        if len(params) == 1 and params[0].child_by_field_name("default") is None and \
                params[0].child_by_field_name("name").type == "identifier" and \
                _text(params[0].child_by_field_name("name")) not in self._assigned:
            # (a loop variable that no assignment elsewhere uses: nothing it could overwrite)
            var = self._name(params[0].child_by_field_name("name"), store=True)
            return [f"for {var} in {seq}:"] + self._body(fn.child_by_field_name("body"), scope)
        f = self._wrap(self._lambda_or_def(fn, scope, "walk_fn") if
                       fn.type == "function_definition" else self.expr(fn, scope), P_ATOM)
        return [f"for item in {seq}:", INDENT + f"{f}(item)"]

    def _switch(self, node: Node, args, scope: Scope, tail) -> list[str]:
        """switch(x, a = v, b = , c = w, default): if/elif on x's value (an empty
        alternative falls through to the next one, as in R)."""
        if not args or args[0][1] is None or not all(n is not None for n, _ in args[1:-1]):
            raise Untranslatable(node, "switch() on a number")
        subject = self.expr(args[0][1], scope).code
        out: list[str] = []
        pending: list[str] = []
        for arg_name, value in args[1:]:
            if arg_name is None:   # the default
                out += ["else:"] + self._body(value, scope, tail)
                break
            pending.append(repr(arg_name.strip("`\"'")).replace("'", '"'))
            if value is None:
                continue
            test = f"{subject} == {pending[0]}" if len(pending) == 1 else \
                f"{subject} in ({', '.join(pending)})"
            out += [f"{'if' if not out else 'elif'} {test}:"] + self._body(value, scope, tail)
            pending = []
        return out

    def _r6_class(self, name: str, node: Node, scope: Scope) -> list[str]:
        """R6Class("Name", inherit = Parent, public = list(...), private = list(...)): a
        Python class; ``initialize`` is ``__init__``, fields are class attributes."""
        base = ""
        members: list[tuple[str, Node]] = []
        for arg_name, value in _args(node):
            if value is None or arg_name in (None, "classname"):
                continue
            if arg_name == "inherit":
                base = f"({self.expr(value, scope).code})"
            elif arg_name in ("public", "private") and _call_name(value) == "list":
                members += [(n.strip("`\"'"), v) for n, v in _args(value) if v is not None]
            else:
                raise Untranslatable(node, f"R6Class() argument {arg_name}")
        self.r6_classes.add(name)
        body: list[str] = []
        saved, self.in_r6 = self.in_r6, True
        try:
            for member, value in members:
                method = "__init__" if member == "initialize" else py_name(member)
                if value.type == "function_definition":
                    if body and body[-1] != "":
                        body.append("")
                    body += self._def(method, value, scope, method=True) + [""]
                else:
                    body.append(f"{method} = {self.expr(value, scope).code}")
        finally:
            self.in_r6 = saved
        while body and body[-1] == "":
            body.pop()
        return [f"class {name}{base}:"] + indent(body or ["pass"])

    def _try(self, node: Node, args, scope: Scope, tail) -> list[str]:
        body = None
        handlers: list[tuple[str, Node]] = []
        final = None
        for arg_name, value in args:
            if arg_name is None and body is None:
                body = value
            elif arg_name in ("error", "warning", "condition", "interrupt"):
                handlers.append((arg_name, value))
            elif arg_name == "finally":
                final = value
            else:
                raise Untranslatable(node, f"tryCatch() argument {arg_name}")
        out = ["try:"] + self._body(body, scope, tail)
        for kind, handler in handlers:
            exc = {"error": "Exception", "warning": "Warning", "condition": "Exception",
                   "interrupt": "KeyboardInterrupt"}[kind]
            if handler.type == "function_definition":
                params = [p for p in handler.child_by_field_name("parameters").named_children
                          if p.type == "parameter"]
                var = self._name(params[0].child_by_field_name("name"), store=True) if params \
                    else "e"
                out.append(f"except {exc} as {var}:")
                out += self._body(handler.child_by_field_name("body"), scope, tail)
            else:
                out.append(f"except {exc}:")
                out += self._body(handler, scope, tail)
        if final is not None:
            out += ["finally:"] + self._body(final, scope)
        if not handlers and final is None:
            out += ["except Exception:", INDENT + "pass"]
        return out

    # ------------------------------------------------------------------ functions
    def _params(self, node: Node, scope: Scope, self_first: bool) -> tuple[list[str], bool]:
        params: list[str] = ["self"] if self_first else []
        dots = False
        self._prologue: list[str] = []
        names = {_text(p.child_by_field_name("name")) for p in
                 node.child_by_field_name("parameters").named_children
                 if p.type == "parameter" and p.child_by_field_name("name") is not None}
        after_dots = False
        for p in node.child_by_field_name("parameters").named_children:
            if p.type != "parameter":
                continue
            name_node = p.child_by_field_name("name")
            if name_node.type == "dots":
                dots = True
                after_dots = True
                params.append("*args")
                continue
            name = self._name(name_node, store=True, param=True)
            default = p.child_by_field_name("default")
            if default is not None and _mentions(default, names):
                # R evaluates a default when it is first used: one that reads another
                # parameter is computed in the body
                params.append(f"{name} = None")
                self._prologue.append(f"if {name} is None:")
                self._prologue.append(INDENT + f"{name} = {self.expr(default, scope).code}")
            elif default is not None:
                params.append(f"{name} = {self.expr(default, scope).code}")
            elif after_dots or any("=" in q for q in params):
                params.append(f"{name} = None")
            else:
                params.append(name)
        if dots:
            params.append("**kwargs")
        return params, dots

    def _def(self, name: str, fn: Node, scope: Scope, method: bool) -> list[str]:
        params, dots = self._params(fn, scope, self_first=method)
        prologue = self._prologue
        last = [n for n in _strip_braces(fn.child_by_field_name("body")) if n.type != "comment"]
        if last and _is_call(last[-1], "invisible"):
            self.invisible.add(name)   # its value is not printed: calls become `_ = f()`
        outer = sorted({self._name(t, store=True) for t in _superassigned(fn)})
        if outer:
            # R's <<- assigns in the enclosing function's frame where it has the name, else
            # in the global one
            bound = _enclosing_assignments(fn) if scope.function else set()
            local = [n for n in outer if n in bound]
            if local:
                prologue.insert(0, f"nonlocal {', '.join(local)}")
            if len(local) < len(outer):
                prologue.insert(0, f"global {', '.join(n for n in outer if n not in bound)}")
        inner = Scope(method=method or scope.method, function=True, dots=dots)
        body_nodes = _strip_braces(fn.child_by_field_name("body"))
        # a parameter hides a list or vector of the same name outside
        names = {_text(p.child_by_field_name("name")) for p in
                 fn.child_by_field_name("parameters").named_children if p.type == "parameter"}
        saved = (set(self.list_names), set(self.vector_names), dict(self.renamed))
        # R reads an outer variable until the function assigns its own (x <- x + 1); Python
        # would call it unbound: the function's own gets another name, starting as the outer
        superassigned = {_text(t) for t in _superassigned(fn)}
        for n in _read_then_assigned(fn):
            if n in names or n in superassigned or n in ("self", "private", "super", "ctx") \
                    or not (n in self.defined or py_name(n) in self.known):
                continue
            outer_name = self.renamed.get(n, py_name(n))
            local = py_name(n) + "_local"
            copy_it = n in self.modified and (self.kind_now.get(n) == "vector" or n in
                                              self.vector_names or n in self.list_names)
            if copy_it:
                self.imports.add("import copy")
            prologue.append(f"{local} = copy.deepcopy({outer_name})" if copy_it else
                            f"{local} = {outer_name}")
            self.renamed[n] = local
        self.list_names -= names
        self.vector_names -= names
        for n in names:
            self.renamed.pop(n, None)   # a parameter keeps its name (callers name it)
        try:
            lines = self._function_body(body_nodes, inner)
        finally:
            self.list_names, self.vector_names, self.renamed = saved
        return [f"def {name}({', '.join(params)}):"] + indent(prologue) + lines

    def _function_body(self, body_nodes: list[Node], scope: Scope,
                       tail: str | None = "return") -> list[str]:
        # on.exit(expr) at any point: the rest of the body in try/finally; local_no_grad()
        # and the other local_*(): the rest of the body in a with block
        for i, n in enumerate(body_nodes):
            if n.type == "call" and (_call_name(n) or "").startswith("local_") and \
                    _call_name(n) in WITH_BLOCKS:
                before = self.block(body_nodes[:i], scope, None)
                after = self.block(body_nodes[i + 1:], scope, tail)
                head = self._call_code(n, scope).code
                return indent(before + [f"with {head}:"] + indent(after or ["pass"]))
            if _is_call(n, "on.exit"):
                before = self.block(body_nodes[:i], scope, None)
                after = self.block(body_nodes[i + 1:], scope, tail)
                exit_args = _args(n)
                final = self.block(_strip_braces(exit_args[0][1]), scope, None) if exit_args \
                    else ["pass"]
                lines = before + ["try:"] + indent(after) + ["finally:"] + indent(final)
                return indent(lines)
        lines = self.block(body_nodes, scope, tail)
        if lines and lines[-1] == "return None" and len(lines) > 1:
            lines.pop()
        if not any(ln.strip() and not ln.lstrip().startswith("#") for ln in lines):
            lines.append("pass")   # only comments (or TODOs) left: still a body
        return indent(lines)

    def _lambda_or_def(self, fn: Node, scope: Scope, hint: str, method: bool = False) -> E:
        """A function value: ``lambda`` when its body is one expression, else a ``def``
        hoisted before the statement."""
        body = [s for s in _strip_braces(fn.child_by_field_name("body")) if s.type != "comment"]
        if not method and len(body) == 1 and body[0].type not in (
                "if_statement", "for_statement", "while_statement", "repeat_statement",
                "braced_expression") and not (body[0].type == "binary_operator" and
                                               _op(body[0]) in ("<-", "=", "<<-", "%<-%")) \
                and not _is_call(body[0], "return", "stop", "tryCatch", "on.exit", "stopifnot",
                                 "library", *WITH_BLOCKS) and \
                "\n" not in _text(body[0]) and len(_text(body[0])) < 60:
            params, dots = self._params(fn, scope, self_first=False)
            inner = Scope(method=scope.method, function=True, dots=dots)
            value = self.expr(body[0], inner)
            if not inner.pre:
                head = f"lambda {', '.join(params)}".rstrip()
                return E(f"{head}: {value.code}", P_LAMBDA)
        name = self._helper_name(hint)
        lines = self._def(name, fn, scope, method=method)
        scope.pre.extend(lines)
        scope.pre.append("")
        return E(name)

    def _helper_name(self, hint: str) -> str:
        base = py_name(hint)
        if base in self.known or base in PY_BUILTINS or base in ("length",):
            base += "_"
        count = self.helpers.get(base, 0)
        self.helpers[base] = count + 1
        return base if count == 0 else f"{base}{count + 1}"

    # ------------------------------------------------------------------ expressions
    def expr(self, node: Node, scope: Scope, store: bool = False, condition: bool = False) -> E:
        """The Python expression for an R expression (hoisted statements go to scope.pre)."""
        if condition:
            old = scope.condition
            scope.condition = True
            try:
                return self.expr(node, scope, store)
            finally:
                scope.condition = old
        t = node.type
        if t in LITERALS:
            return E(LITERALS[t] or _text(node))
        handler = getattr(self, "_x_" + t, None)
        if handler is None:
            if t == "ERROR" or node.has_error:
                raise Untranslatable(node, "R that does not parse")
            raise Untranslatable(node, f"no rule for R's {t.replace('_', ' ')}")
        return handler(node, scope, store) if t in ("identifier", "extract_operator", "subset",
                                                    "subset2") else handler(node, scope)

    def _x_identifier(self, node: Node, scope: Scope, store: bool = False) -> E:
        op = _text(node)[1:-1] if _text(node).startswith("`") else None
        if op in OPERATOR_VALUES and not store:   # `+` as a value: the apply family, Reduce
            return E(f"\"{op}\"")                  # and do_call take R's operator by name
        return E(self._name(node, store=store))

    def _name(self, node: Node, store: bool = False, param: bool = False,
              call: bool = False) -> str:
        r = _text(node)
        if node.type == "dots":
            return "args"
        if not store and not call and r in ("T", "F"):
            return "True" if r == "T" else "False"
        if self.formula_depth and r in (".x", ".y", ".", "..1", "..2"):
            return "_y" if r in (".y", "..2") else "_x"
        if not param and not call and r in self.renamed:
            return self.renamed[r]
        if not store and not param and r in ("iris", "mtcars"):   # R's data sets: not star-exported
            self.imports.add("from rtorch import iris, mtcars")
        return py_name(r)

    def _x_float(self, node: Node, scope: Scope) -> E:
        text = _text(node)
        if text.lower().startswith("0x"):
            return E(str(int(text, 16)))
        return E(text)

    def _x_integer(self, node: Node, scope: Scope) -> E:
        text = _text(node)[:-1]
        if text.lower().startswith("0x"):
            text = str(int(text, 16))
        if "." in text or "e" in text.lower():
            text = str(int(float(text)))
        if scope.index:
            return E(text)
        return E(f"as_integer({text})")

    def _x_complex(self, node: Node, scope: Scope) -> E:
        return E(_text(node)[:-1] + "j")

    def _x_string(self, node: Node, scope: Scope) -> E:
        return E(_string_literal(node))

    def _x_parenthesized_expression(self, node: Node, scope: Scope) -> E:
        inner = _named(node)
        if len(inner) != 1:
            raise Untranslatable(node, "empty parentheses")
        value = self.expr(inner[0], _no_index(scope))   # x[-(1:2)]: a vector, not a slice
        return E(f"({value.code})")

    def _x_braced_expression(self, node: Node, scope: Scope) -> E:
        stmts = [s for s in node.named_children if s.type != "comment"]
        one = stmts[0] if len(stmts) == 1 else None
        if one is not None and self._simple_if(one) and one.type not in (
                "for_statement", "while_statement", "repeat_statement") and not (
                one.type == "binary_operator" and _op(one) in ("<-", "=", "<<-", "%<-%")):
            return self.expr(one, scope)   # { value }: the value
        name = self._helper_name("block")
        lines = [f"def {name}():"] + self._function_body(node.named_children,
                                                         Scope(method=scope.method, function=True))
        scope.pre.extend(lines + [""])
        return E(f"{name}()")

    def _x_if_statement(self, node: Node, scope: Scope) -> E:
        if self._simple_if(node):
            cond = self.expr(node.child_by_field_name("condition"), scope, condition=True)
            yes = self.expr(_strip_braces(node.child_by_field_name("consequence"))[-1], scope)
            alt = node.child_by_field_name("alternative")
            no = self.expr([s for s in _strip_braces(alt) if s.type != "comment"][-1], scope) \
                if alt is not None else E("None")
            return E(f"{self._wrap(yes, P_IF + 1)} if {self._wrap(cond, P_IF + 1)} else "
                     f"{self._wrap(no, P_IF)}", P_IF)
        name = self._helper_name("if_value")
        lines = [f"def {name}():"] + indent(self._if(node, Scope(
            method=scope.method, function=True), "return"))
        scope.pre.extend(lines + [""])
        return E(f"{name}()")

    def _x_function_definition(self, node: Node, scope: Scope) -> E:
        return self._lambda_or_def(node, scope, "fn")

    def _x_namespace_operator(self, node: Node, scope: Scope) -> E:
        rhs = node.child_by_field_name("rhs")
        return E(self._function_name(_text(rhs)))

    def _function_name(self, r: str) -> str:
        if r in RENAMES:
            target = RENAMES[r]
            if "." in target:
                self.imports.add("import " + target.split(".")[0])
            return target
        return py_name(r)

    def _wrap(self, e: E, prec: int) -> str:
        return f"({e.code})" if e.prec < prec else e.code

    def _x_unary_operator(self, node: Node, scope: Scope) -> E:
        op = _op(node)
        rhs = node.child_by_field_name("rhs")
        if op == "~":                       # purrr's lambda, ~ f(.x, .y): .x and .y its arguments
            self.formula_depth += 1
            try:
                body = self.expr(rhs, scope)
            finally:
                self.formula_depth -= 1
            return E(f"lambda _x=None, _y=None: {body.code}", P_LAMBDA)
        value = self.expr(rhs, scope)
        if op == "!":
            if value.code.endswith(" is None") and value.prec == P_CMP:
                return E(value.code[:-len(" is None")] + " is not None", P_CMP)
            if scope.condition or (rhs.type == "call" and BOOLEAN_CALLS.match(
                    _call_name(rhs) or "")) or _is_flag_field(rhs):
                return E(f"not {self._wrap(value, P_NOT)}", P_NOT)
            return E(f"~{self._wrap(value, P_UNARY)}", P_UNARY)
        if op in ("-", "+"):
            return E(f"{op}{self._wrap(value, P_UNARY)}", P_UNARY)
        raise Untranslatable(node, f"unary {op}")

    def _x_binary_operator(self, node: Node, scope: Scope) -> E:
        op = _op(node)
        lhs_n, rhs_n = node.child_by_field_name("lhs"), node.child_by_field_name("rhs")
        if op in ("%>%", "|>"):
            return self._pipe_chain(node, scope)
        if op in ("<-", "=", "<<-", "->", "->>"):
            raise Untranslatable(node, "an assignment inside an expression")
        if op == ":":
            if scope.index and lhs_n.type == "binary_operator" and _op(lhs_n) == ":":
                # x[1:10:2]: R torch's slice with a step
                start, end = (self.expr(lhs_n.child_by_field_name(k), _no_index(scope))
                              for k in ("lhs", "rhs"))
                step = self.expr(rhs_n, _no_index(scope))
                return E(f"{start.code}:{end.code}:{step.code}", P_LAMBDA)
            a, b = (self._x_integer(n, Scope(index=True)) if n.type == "integer"
                    else self.expr(n, _no_index(scope)) for n in (lhs_n, rhs_n))
            if scope.index:
                return E(f"{a.code}:{b.code}", P_LAMBDA)
            return E(f"seq({a.code}, {b.code})")
        if op == "%in%":
            return E(f"is_element({self.expr(lhs_n, scope).code}, {self.expr(rhs_n, scope).code})")
        if op == "%o%":
            return E(f"outer({self.expr(lhs_n, scope).code}, {self.expr(rhs_n, scope).code})")
        if op == "~":
            raise Untranslatable(node, "R formula")
        if op == "%<-%":
            raise Untranslatable(node, "%<-% inside an expression")
        if op in COMPARISON:
            a, b = self.expr(lhs_n, scope), self.expr(rhs_n, scope)
            return E(f"{self._wrap(a, P_CMP + 1)} {op} {self._wrap(b, P_CMP + 1)}", P_CMP)
        if op not in BINARY:
            raise Untranslatable(node, f"operator {op}")
        py = BINARY[op]
        prec = _PREC[py]
        if py in ("and", "or"):
            a = self.expr(lhs_n, scope, condition=True)
            b = self.expr(rhs_n, scope, condition=True)
        else:
            a, b = self.expr(lhs_n, scope), self.expr(rhs_n, scope)
        if py == "**":  # right-associative
            return E(f"{self._wrap(a, prec + 1)}**{self._wrap(b, P_UNARY)}", prec)
        return E(f"{self._wrap(a, prec)} {py} {self._wrap(b, prec + 1)}", prec)

    def _pipe_chain(self, node: Node, scope: Scope) -> E:
        """A chain of ``%>%`` / ``|>``: rtorch's ``>>`` stages where the stage is rtorch's
        (or a module of ``self``), a plain call with the value first otherwise; a chain
        written over several lines stays one stage a line, in brackets."""
        stages = []
        n = node
        while n.type == "binary_operator" and _op(n) in ("%>%", "|>"):
            stages.insert(0, (_op(n), n.child_by_field_name("rhs")))
            n = n.child_by_field_name("lhs")
        pieces = [self.expr(n, scope)]
        for op, rhs_n in stages:
            stage = self._pipe_stage(rhs_n, scope, native=(op == "|>"))
            if stage is not None:
                pieces.append(stage)
                continue
            current = pieces[0] if len(pieces) == 1 else self._join_pipe(pieces, False)
            pieces = [self._pipe_call(current, rhs_n, scope)]
        if len(pieces) == 1:
            return pieces[0]
        return self._join_pipe(pieces, node.start_point[0] != node.end_point[0])

    def _join_pipe(self, pieces: list[E], multiline: bool) -> E:
        codes = [self._wrap(pieces[0], P_SHIFT)] + [self._wrap(p, P_SHIFT + 1) for p in pieces[1:]]
        if multiline:
            codes = [c.replace("\n", "\n  ") for c in codes]
            return E("(" + " >>\n  ".join(codes) + ")")
        return E(" >> ".join(codes), P_SHIFT)

    def _pipe_stage(self, rhs_n: Node, scope: Scope, native: bool) -> E | None:
        """The ``>>`` stage for a pipe's right side, or None when it must be a plain call."""
        if native or rhs_n.type != "call":
            return None
        args = _args(rhs_n)
        if any(v is not None and v.type == "identifier" and _text(v) == "." for _, v in args):
            return None
        fn = rhs_n.child_by_field_name("function")
        name = _call_name(rhs_n)
        if fn.type == "extract_operator" and _text(fn).startswith("self$"):
            return self._call_code(rhs_n, scope)   # a module of self: x >> self.fc()
        if name is None or py_name(name) not in self.known or name in self.renamed:
            return None
        # rtorch's stage: its tensor-first functions and luz's verbs take the other
        # arguments as R wrote them; any other function only keyword arguments (a
        # positional one would be taken as its input)
        positional = any(n is None and v is not None for n, v in args)
        if py_name(name).startswith(PIPE_PREFIXES) or name in LUZ_VERBS or \
                (not positional and pipeable(py_name(name))):
            return self._call_code(rhs_n, scope)
        return None

    def _purrr_map(self, name: str, first: E | None, args: list, scope: Scope) -> E:
        """purrr's ``map(.x, .f)`` as ``lapply(.x, .f)`` and ``map2(.x, .y, .f)`` as
        ``Map(.f, .x, .y)`` (``first``: the piped ``.x``)."""
        given = {k: (first.code if first is not None and k == ".x" else
                     self._arg_value(v, scope, "fn"))
                 for k, v in _purrr_args(name, args, first is not None).items()}
        order = (".x", ".f") if name == "map" else (".f", ".x", ".y")
        return E(f"{'lapply' if name == 'map' else 'Map'}({', '.join(given[k] for k in order)})")

    def _pipe_call(self, lhs: E, rhs_n: Node, scope: Scope) -> E:
        """``f(lhs, ...)`` for ``lhs %>% f(...)`` (``.`` placeholders replaced)."""
        if rhs_n.type in ("identifier", "namespace_operator"):
            return E(f"{self.expr(rhs_n, scope).code}({lhs.code})")
        if rhs_n.type in ("parenthesized_expression", "function_definition"):
            fn = self.expr(rhs_n, scope)
            return E(f"({fn.code})({lhs.code})" if fn.prec < P_ATOM else f"{fn.code}({lhs.code})")
        if rhs_n.type != "call":
            raise Untranslatable(rhs_n, "a pipe into something that is not a call")
        if any(v is not None and v.type == "identifier" and _text(v) == "."
               for _, v in _args(rhs_n)):
            return self._call_code(rhs_n, scope, dot=lhs)
        name = _call_name(rhs_n)
        if name in ("map", "map2") and _purrr_args(name, _args(rhs_n), True) is not None:
            return self._purrr_map(name, lhs, _args(rhs_n), scope)
        return self._call_code(rhs_n, scope, first=lhs)

    def _x_extract_operator(self, node: Node, scope: Scope, store: bool = False) -> E:
        lhs_n, rhs_n = node.child_by_field_name("lhs"), node.child_by_field_name("rhs")
        op = _op(node)
        if op == "@":
            raise Untranslatable(node, "S4 slot @")
        if rhs_n is None:
            raise Untranslatable(node, "$ without a name")
        field_name = _text(rhs_n).strip("`\"'")
        if lhs_n.type == "identifier" and _text(lhs_n) == "super":
            if self.in_r6:
                method = "__init__" if field_name == "initialize" else py_name(field_name)
                return E(f"super().{method}")
            return E(f"self.super.{py_name(METHOD_RENAMES.get(field_name, field_name))}")
        if lhs_n.type == "identifier" and _text(lhs_n) == "private":
            return E(f"self.{py_name(field_name)}")
        base = self.expr(lhs_n, _no_index(scope))
        loop_tensor = lhs_n.type == "identifier" and _text(lhs_n) in self.loop_names and \
            field_name in TENSOR_FIELDS   # a batch that is one tensor: its field
        if (lhs_n.type == "identifier" and (_text(lhs_n) in self.list_names or
                                            _text(lhs_n) in self.dict_names) and
                _text(lhs_n) not in ("self", "ctx") and not loop_tensor) or (
                lhs_n.type == "subset2" and _is_param_groups(lhs_n.child_by_field_name("function"))):
            return E(f"{self._wrap(base, P_ATOM)}[{field_name!r}]".replace("'", '"'))
        attr = METHOD_RENAMES.get(field_name, field_name)
        attr = py_name(attr) if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", attr) or \
            attr in ("None", "True", "False") or keyword.iskeyword(attr) else attr
        return E(f"{self._wrap(base, P_ATOM)}.{attr}")

    def _size_call(self, fn: Node, args, scope: Scope) -> E | None:
        """``x$size()[i]`` / ``[[i]]``: ``x.size(i)`` (a 1-based dim, where ``x.size()``
        itself is a 0-based Python tuple)."""
        if fn.type == "call" and not _args(fn) and len(args) == 1 and args[0][1] is not None:
            f = fn.child_by_field_name("function")
            if f.type == "extract_operator" and _text(f.child_by_field_name("rhs")) == "size":
                base = self.expr(f.child_by_field_name("lhs"), _no_index(scope))
                dim = self.expr(args[0][1], _no_index(scope))
                return E(f"{self._wrap(base, P_ATOM)}.size({dim.code})")
        return None

    def _x_subset2(self, node: Node, scope: Scope, store: bool = False) -> E:
        fn = node.child_by_field_name("function")
        args = [a for a in _args(node) if a[1] is not None]
        size = self._size_call(fn, args, scope)
        if size is not None:
            return size
        if len(args) != 1:
            raise Untranslatable(node, "[[ ]] with other than one index")
        base = self.expr(fn, _no_index(scope))
        index_node = args[0][1]
        index = self.expr(index_node, _no_index(scope))
        zero_based = self._base_name(fn) in self.list_names or _call_name(fn) in (
            "dataloader_next", "list") or _is_param_groups(fn)
        by_name = index_node.type == "string" or (
            index_node.type == "identifier" and _text(index_node) in self.string_names)
        if zero_based and not by_name:
            index = self._minus_one(index_node, index)
        elif by_name and not store and self._is_vector(fn):
            # a named vector's [["a"]]: the element without its name, as R's [[ gives it
            return E(f"pluck({base.code}, {index.code})")
        elif not (store or by_name or self._is_vector(fn)):
            # R's [[i]] on what may be a list (a Python list, 0-based) or an R object
            # (1-based): pluck() reads either as R does
            return E(f"pluck({base.code}, {index.code})")
        return E(f"{self._wrap(base, P_ATOM)}[{index.code}]")

    def _is_vector(self, node: Node) -> bool:
        """Whether ``node`` is known to be an R vector or a tensor (1-based ``[i]``)."""
        if node.type == "extract_operator":
            rhs = node.child_by_field_name("rhs")
            return rhs is not None and _text(rhs) in ("shape", "names")
        if node.type == "call":
            return _call_name(node) in VECTOR_MAKERS or _call_name(node) in ("as_array", "dim")
        return self._base_name(node) in self.vector_names

    def _minus_one(self, node: Node, value: E) -> E:
        if node.type in ("float", "integer") and re.fullmatch(r"\d+L?", _text(node)):
            return E(str(int(_text(node).rstrip("L")) - 1))
        return E(f"{self._wrap(value, P_ADD)} - 1", P_ADD)

    def _x_subset(self, node: Node, scope: Scope, store: bool = False) -> E:
        fn = node.child_by_field_name("function")
        base = self.expr(fn, _no_index(scope))
        parts: list[str] = []
        inner = Scope(method=scope.method, function=scope.function, dots=scope.dots,
                      pre=scope.pre, index=True)
        args = _args(node)
        size = self._size_call(fn, args, scope)
        if size is not None:
            return size
        # x$shape[i] is a Python tuple: 0-based
        if fn.type == "extract_operator" and _text(fn.child_by_field_name("rhs")) == "shape" \
                and len(args) == 1 and args[0][1] is not None:
            idx = self.expr(args[0][1], _no_index(scope))
            return E(f"{self._wrap(base, P_ATOM)}[{self._minus_one(args[0][1], idx).code}]")
        for arg_name, value in args:
            if arg_name is not None:
                if arg_name == "drop":
                    parts.append(f"drop({self.expr(value, _no_index(scope)).code})")
                    continue
                raise Untranslatable(node, f"[ ] argument {arg_name}")
            if value is None:
                parts.append(":")
            elif value.type == "identifier" and _text(value) == "..":
                parts.append("...")
            else:
                parts.append(self.expr(value, inner).code)
        if not parts:
            parts = [":"]
        if self._is_frame(fn) or self._is_column(fn):
            return E(f"{self._wrap(base, P_ATOM)}.r[{', '.join(parts)}]")   # by position
        return E(f"{self._wrap(base, P_ATOM)}[{', '.join(parts)}]")

    # ------------------------------------------------------------------ calls
    def _x_call(self, node: Node, scope: Scope) -> E:
        name = _call_name(node)
        args = _args(node)
        if name == "function":
            raise Untranslatable(node, "function")
        if name in TESTTHAT and name not in self.defined:
            self._testthat()
            lazy = self._lazy_object(name, args)
            if lazy is not None:
                # R evaluates the object of expect_error() lazily: a function of it
                arg = args[lazy][1]
                if arg.type in ("for_statement", "while_statement", "repeat_statement"):
                    helper = self._helper_name("block")      # a loop: a function running it
                    scope.pre.extend([f"def {helper}():"] + indent(self.statement(
                        arg, Scope(method=scope.method, function=True))) + [""])
                    fn = E(helper)
                else:
                    fn = E(f"lambda: {self.expr(arg, scope).code}")
                return self._call_code(node, scope, args=args[:lazy] + args[lazy + 1:],
                                       first=fn)
        if name == "list" and not (node.child_by_field_name("function").type
                                   == "namespace_operator"):
            return self._list(node, args, scope)
        if name in ("return",):
            raise Untranslatable(node, "return() inside an expression")
        if name == "invisible" and len(args) == 1:
            return self.expr(args[0][1], scope)
        if name in ("is.null",) and len(args) == 1:
            value = self.expr(args[0][1], scope)
            return E(f"{self._wrap(value, P_CMP + 1)} is None", P_CMP)
        if name == "missing" and len(args) == 1:
            return E(f"{self.expr(args[0][1], scope).code} is None", P_CMP)
        if name == "do.call" and len(args) >= 2:
            fn = self.expr(args[0][1], scope) if args[0][1].type != "string" else \
                E(self._function_name(_text(args[0][1]).strip("\"'")))
            lst = args[1][1]
            value = self.expr(lst, scope)
            if not (lst.type == "call" and _call_name(lst) == "list"):
                # a list made elsewhere: named or not, R's do.call() decides at run time
                return E(f"do_call({fn.code}, {value.code})")
            star = "**" if all(n is not None for n, _ in _args(lst)) else "*"
            return E(f"{fn.code}({star}{value.code})")
        if name in ("map", "map2") and _purrr_args(name, args) is not None:
            return self._purrr_map(name, None, args, scope)
        if name == "print" and len(args) == 1 and args[0][0] is None and \
                is_scalar(args[0][1], self.scalar_names if not scope.function else set()):
            return E(f"print(c({self.expr(args[0][1], scope).code}))")   # R's [1] 5
        if name == "print" and len(args) >= 2 and args[0][0] is None and \
                all(n is not None for n, _ in args[1:]):
            # print(x, n = 50), print(x, digits = 3): the object's own R print method
            value = self.expr(args[0][1], scope)
            named = ", ".join(f"{py_name(n)} = {self.expr(v, scope).code}" for n, v in args[1:])
            return E(f"{self._wrap(value, P_ATOM)}.print({named})")
        if name in ("message",):
            self.imports.add("import sys")
            parts = ", ".join(self.expr(v, scope).code for _, v in args if v is not None)
            return E(f"print(paste0({parts}), file = sys.stderr)")
        if name == "warning":
            self.imports.add("import warnings")
            parts = ", ".join(self.expr(v, scope).code for _, v in args if v is not None)
            return E(f"warnings.warn(paste0({parts}))")
        if name == "stop":
            parts = [self.expr(v, scope).code for n, v in args if v is not None and n is None]
            return E(f"stop({', '.join(parts)})")
        if name == "switch" or name in ("tryCatch", *WITH_BLOCKS) and any(
                v is not None and v.type == "braced_expression" for _, v in args):
            hint = {"tryCatch": "try_value", "switch": "switch_value"}.get(name, "with_block")
            helper = self._helper_name(hint)
            lines = self._call_statement(node, Scope(method=scope.method, function=True),
                                         "return")
            scope.pre.extend([f"def {helper}():"] + indent(lines) + [""])
            return E(f"{helper}()")
        if name in GENERATORS:
            return self._generator(node, name, args, scope)
        if name == "c" and args and all(v is not None and v.type == "integer" and n is None
                                        for n, v in args):
            # c(1L, 2L): one integer vector
            items = ", ".join(self._x_integer(v, Scope(index=True)).code for _, v in args)
            return E(f"as_integer(c({items}))")
        fn = node.child_by_field_name("function")
        if fn.type == "extract_operator" and _text(fn.child_by_field_name("rhs") or fn) == "new" \
                and _text(fn.child_by_field_name("lhs")) in self.r6_classes:
            # Class$new(...): the Python class called
            return self._call_code(node, scope, fn_code=self.expr(
                fn.child_by_field_name("lhs"), scope).code)
        if fn.type == "extract_operator" and _text(fn.child_by_field_name("rhs") or fn) == \
                ".getitem" and len(args) == 1 and args[0][1] is not None:
            # ds$.getitem(i): the item as rtorch gives it, printing as R's named list
            base = self.expr(fn.child_by_field_name("lhs"), scope)
            return E(f"{self._wrap(base, P_ATOM)}[{self.expr(args[0][1], scope).code}]")
        return self._call_code(node, scope)

    def _list(self, node: Node, args, scope: Scope) -> E:
        named = [n is not None for n, v in args if v is not None]
        values = [(n, v) for n, v in args if v is not None]
        if values and all(named):
            parts = []
            for n, v in values:
                key = n.strip("`\"'")
                value = self._arg_value(v, scope, key)
                if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) and not \
                        keyword.iskeyword(key):
                    parts.append(f"{key} = {value}")
                else:
                    parts.append(f"**{{{key!r}: {value}}}".replace("'", '"'))
            return _format_call("dict", parts, node)
        if any(named):
            raise Untranslatable(node, "a list with named and unnamed elements")
        if scope.dots and [v.type for _, v in values] == ["dots"]:
            return E("dots_list(*args, **kwargs)")   # R's list(...): its names too
        items = [self._arg_value(v, scope, "item") for _, v in values]
        one_line = f"[{', '.join(items)}]"
        if node.start_point[0] != node.end_point[0] and len(one_line) > 80 and len(items) > 1:
            return E("[\n" + ",\n".join(indent(items)) + "\n]")
        return E(one_line)

    def _arg_value(self, value: Node, scope: Scope, hint: str) -> str:
        if value.type == "function_definition":
            return self._lambda_or_def(value, scope, hint).code
        if value.type == "dots":
            return "*args"
        return self.expr(value, scope).code

    def _generator(self, node: Node, name: str, args, scope: Scope) -> E:
        """nn_module("name", initialize = function(...) {...}, ...): each function a def
        taking self first, hoisted before the call."""
        parts = []
        # comments written before a method go with its def
        before: dict[tuple[int, int], list[str]] = {}
        pending: list[Node] = []
        for child in node.child_by_field_name("arguments").children:
            if child.type == "comment":
                pending.append(child)
            elif child.type == "argument":
                value = child.child_by_field_name("value")
                if value is not None and value.type == "function_definition" and pending:
                    before[_key(value)] = [_text(c) for c in pending]
                    self._emitted_comments.update(_key(c) for c in pending)
                pending = []
        for arg_name, value in args:
            if value is None:
                continue
            if value.type == "function_definition" and arg_name is not None:
                scope.pre.extend(before.get(_key(value), []))
                method = METHOD_RENAMES.get(arg_name, arg_name)
                takes_ctx = name == "autograd_function" and method in ("forward", "backward")
                helper = py_name(method)
                if helper in self.known or helper in PY_BUILTINS or helper in self.defined \
                        or helper == "length":
                    helper += "_"   # a def must not hide rtorch's function of that name
                lines = self._def(helper, value, scope, method=not takes_ctx)
                scope.pre.extend(lines + [""])
                parts.append(f"{py_name(method)} = {helper}")
            elif value.type == "call" and _call_name(value) == "list" and arg_name in (
                    "public", "private", "active"):
                raise Untranslatable(node, "R6Class public/private lists")
            else:
                key = METHOD_RENAMES.get(arg_name, arg_name) if arg_name else None
                code = self.expr(value, scope).code
                parts.append(f"{py_name(key)} = {code}" if key else code)
        return _format_call(py_name(name), parts, node)

    def _call_code(self, node: Node, scope: Scope, args=None, first: E | None = None,
                   dot: E | None = None, fn_code: str | None = None) -> E:
        fn_node = node.child_by_field_name("function")
        if fn_code is not None:
            fn = fn_code
        elif fn_node.type == "identifier" and self.formula_depth and \
                _text(fn_node) in (".x", ".y", "..1", "..2"):
            fn = self._name(fn_node)                # ~ .y(.x): a purrr lambda's argument
        elif fn_node.type == "identifier":
            r = _text(fn_node)
            if r in self.renamed and (r not in self.known or r in self.callable_names):
                fn = self.renamed[r]
            else:
                fn = self._function_name(r)
                if r not in RENAMES and r not in self.defined and fn not in self.known \
                        and fn not in PY_BUILTINS:
                    raise Untranslatable(node, f"{r}() has no rtorch counterpart")
        elif fn_node.type == "namespace_operator":
            r = _text(fn_node.child_by_field_name("rhs"))
            fn = self._function_name(r)
            if r not in RENAMES and fn not in self.known and fn not in PY_BUILTINS:
                raise Untranslatable(node, f"{_text(fn_node)}() has no rtorch counterpart")
        else:
            fn = self._wrap(self.expr(fn_node, _no_index(scope)), P_ATOM)
        if args is None:
            args = _args(node)
        parts = [first.code] if first is not None else []
        r_fn = _text(fn_node.child_by_field_name("rhs") if fn_node.type == "namespace_operator"
                     else fn_node) if fn_code is None else None
        lazy = LAZY_ARGS.get(r_fn) if r_fn is not None else None
        position = len(parts) - 1
        for arg_name, value in args:
            if value is not None and arg_name is None:
                position += 1
            if lazy is not None and value is not None and (
                    arg_name == lazy[0] or (arg_name is None and position == lazy[1])):
                parts.append(self._lazy(value, scope, arg_name))
                continue
            if value is None:
                if arg_name is None:
                    continue
                raise Untranslatable(node, f"empty argument {arg_name}")
            if dot is not None and value.type == "identifier" and _text(value) == ".":
                code = dot.code
            elif value.type == "dots":
                parts.append("*args")
                if scope.dots:
                    parts.append("**kwargs")
                continue
            elif arg_name == "metrics" and _call_name(value) in ("list", "c"):
                # luz wants metric objects: list(luz_metric_accuracy) is called, as luz needs
                items = [self._arg_value(v, scope, "metric") + (
                    "()" if v.type == "identifier" and _text(v).startswith("luz_metric_") else "")
                    for _, v in _args(value) if v is not None]
                code = f"[{', '.join(items)}]"
            elif value.type == "integer" and fn not in DATA_FUNCTIONS:
                code = self._x_integer(value, Scope(index=True)).code   # a count or a dim
            else:
                code = self._arg_value(value, scope, arg_name or fn.split(".")[-1] + "_arg")
            if arg_name is not None:
                key = arg_name.strip("`\"'")
                if key == "...":
                    continue
                parts.append(f"{py_name(key)} = {code}")
            else:
                parts.append(code)
        return _format_call(fn, parts, node)


    def _lazy(self, value: Node, scope: Scope, arg_name: str | None) -> str:
        """An argument R evaluates lazily: ``lambda: value``, or a block's hoisted ``def``."""
        code = self.expr(value, scope).code
        if value.type == "braced_expression" and re.fullmatch(r"[A-Za-z_]\w*\(\)", code):
            code = code[:-2]   # the block's def itself, called when R would evaluate it
        else:
            code = f"lambda: {code}"
        return f"{arg_name} = {code}" if arg_name is not None else code


def _no_index(scope: Scope) -> Scope:
    if not scope.index:
        return scope
    return Scope(method=scope.method, function=scope.function, dots=scope.dots, pre=scope.pre,
                 condition=scope.condition)


def translate_code(text: str, translator: Translator | None = None) -> tuple[str, Translator, list]:
    """Python source for R ``text``; the translator (its ``todos``) and the parse errors."""
    tr = translator or Translator()
    lines, errors = tr.program(text)
    return "\n".join(lines), tr, errors


def indent(lines: list[str]) -> list[str]:
    """``lines`` one level deeper (each physical line of a multi-line one too)."""
    out = []
    for line in lines:
        out.append("\n".join(INDENT + ln if ln else ln for ln in line.split("\n")))
    return out


def _format_call(fn: str, parts: list[str], node: Node) -> E:
    """``fn(parts)`` on one line; one argument a line when R wrote the call over several
    lines and one line would be long."""
    one_line = f"{fn}({', '.join(parts)})"
    if node.start_point[0] != node.end_point[0] and (len(one_line) > 80 or "\n" in one_line) \
            and len(parts) > 1:
        body = ",\n".join(indent(parts))
        return E(f"{fn}(\n{body}\n)")
    return E(one_line)


def _superassigned(fn: Node) -> list[Node]:
    """The names a function assigns with ``<<-`` (not counting its inner functions')."""
    out = []
    stack = [fn.child_by_field_name("body")]
    while stack:
        n = stack.pop()
        if n is None or n.type == "function_definition":
            continue
        if n.type == "binary_operator" and _op(n) in ("<<-", "->>"):
            target = n.child_by_field_name("rhs" if _op(n) == "->>" else "lhs")
            if target.type == "identifier":
                out.append(target)
        stack.extend(n.children)
    return out


def _read_then_assigned(fn: Node) -> list[str]:
    """Names a function reads (not as a call's function) before it first assigns them with
    ``<-``/``=``, in its own body (not its inner functions'), and that it never calls."""
    read_first: list[str] = []
    assigned: set[str] = set()
    called: set[str] = set()

    def visit(n: Node) -> None:
        if n is None or n.type in ("function_definition", "namespace_operator"):
            return
        if n.type == "binary_operator" and _op(n) in ("<-", "=", "->"):
            lhs, rhs = n.child_by_field_name("lhs"), n.child_by_field_name("rhs")
            if _op(n) == "->":
                lhs, rhs = rhs, lhs
            visit(rhs)
            if lhs.type == "identifier":
                assigned.add(_text(lhs))
                return
            visit(lhs)   # x[i] <- v, x$a <- v: R reads x, then assigns the function's own x
            base = lhs
            while base.type in ("subset", "subset2", "extract_operator"):
                base = base.child_by_field_name("function") or base.child_by_field_name("lhs")
            if base.type == "identifier":
                assigned.add(_text(base))
            return
        if n.type == "call":
            f = n.child_by_field_name("function")
            if f.type == "identifier":
                called.add(_text(f))
            else:
                visit(f)
            arguments = n.child_by_field_name("arguments")
            for child in (arguments.children if arguments is not None else []):
                if child.type == "argument":
                    visit(child.child_by_field_name("value"))
            return
        if n.type == "extract_operator":
            visit(n.child_by_field_name("lhs"))   # x$name: only x is read
            return
        if n.type == "argument":
            visit(n.child_by_field_name("value"))
            return
        if n.type == "identifier":
            name = _text(n)
            if name not in assigned and name not in read_first:
                read_first.append(name)
            return
        for child in n.children:
            visit(child)

    for statement in _strip_braces(fn.child_by_field_name("body")):
        visit(statement)
    return [n for n in read_first if n in assigned and n not in called]


def _is_param_groups(node: Node) -> bool:
    """``opt$param_groups``: PyTorch's list of dicts (0-based, keyed by name)."""
    return node.type == "extract_operator" and \
        _text(node.child_by_field_name("rhs") or node) == "param_groups"


def _mentions(node: Node, names: set[str]) -> bool:
    """Whether ``node`` reads one of ``names``."""
    if node.type == "identifier":
        return _text(node) in names
    return any(_mentions(c, names) for c in node.children)


def _key(node: Node) -> tuple[int, int]:
    return (node.start_byte, node.end_byte)


#: Fields of R torch's objects that hold one TRUE/FALSE (``x$requires_grad``, ``m$training``,
#: ``x$is_leaf``, ``x$is_cuda``): ``!`` on them is Python's ``not``.
_FLAG_FIELD = re.compile(r"^(requires_grad|training|is_leaf|is_[a-z_]+|has_[a-z_]+)$")


def _is_flag_field(node: Node) -> bool:
    if node.type != "extract_operator":
        return False
    rhs = node.child_by_field_name("rhs")
    return rhs is not None and rhs.type == "identifier" and bool(_FLAG_FIELD.match(_text(rhs)))


def _enclosing_assignments(fn: Node) -> set[str]:
    """Python names assigned (``<-``, ``=``) in the function or test body around ``fn``."""
    node = fn.parent
    while node is not None and node.type != "function_definition" and not (
            node.type == "braced_expression" and node.parent is not None
            and node.parent.type == "argument"):
        node = node.parent
    if node is None:
        return set()
    out, stack = set(), [node]
    while stack:
        n = stack.pop()
        if n is not fn:
            stack.extend(n.children)
        if n.type == "binary_operator" and _op(n) in ("<-", "="):
            lhs = n.child_by_field_name("lhs")
            if lhs is not None and lhs.type == "identifier":
                out.add(py_name(_text(lhs)))
        elif n.type == "parameter" and n.child_by_field_name("name") is not None and n is not fn:
            out.add(py_name(_text(n.child_by_field_name("name"))))
    return out


def _purrr_args(name: str, args: list, piped: bool = False) -> dict | None:
    """purrr's ``map()``/``map2()`` arguments by their names (``.x``, ``.y``, ``.f``; ``.x``
    left out when piped), or None when the call passes more (``...``) than those."""
    formals = (".x", ".f") if name == "map" else (".x", ".y", ".f")
    open_ = list(formals[1:] if piped else formals)
    out: dict = {".x": None} if piped else {}
    for n, v in args:
        if v is None:
            continue
        key = n if n in open_ else (open_[0] if n is None and open_ else None)
        if key is None:
            return None
        open_.remove(key)
        out[key] = v
    return out if not open_ else None
