"""The decision language of rules: or / and / not, comparisons, detector.metric, numbers, rule params."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<op><=|>=|==|!=|<|>)|(?P<arith>[+-])|(?P<paren>[()])|(?P<name>[A-Za-z_][\w.]*))"
)
OPERATORS = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


# Parentheses and `not`s a condition may nest: the parser and the evaluator recurse once per level.
MAX_NESTING = 50


class ConditionError(ValueError):
    """A decision condition that does not parse or refers to something unknown."""


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        match = TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise ConditionError(f"onverwacht teken in '{text}' bij positie {pos + 1}")
        kind = match.lastgroup or ""
        value = match.group(kind)
        if kind == "name" and value in {"and", "or", "not", "true", "false"}:
            kind = value
        out.append((kind, value))
        pos = match.end()
    return out


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.pos = 0
        self.depth = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos][0] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        if self.pos >= len(self.tokens):
            raise ConditionError(f"onvolledige voorwaarde '{self.text}'")
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self) -> tuple:
        if not self.tokens:
            raise ConditionError("lege voorwaarde")
        node = self.or_()
        if self.pos != len(self.tokens):
            raise ConditionError(f"onverwacht '{self.tokens[self.pos][1]}' in '{self.text}'")
        return node

    def or_(self) -> tuple:
        items = [self.and_()]
        while self.peek() == "or":
            self.take()
            items.append(self.and_())
        return ("or", items) if len(items) > 1 else items[0]

    def and_(self) -> tuple:
        items = [self.not_()]
        while self.peek() == "and":
            self.take()
            items.append(self.not_())
        return ("and", items) if len(items) > 1 else items[0]

    def nested(self) -> None:
        """Enter one more level of parentheses or `not` (ConditionError past MAX_NESTING)."""
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ConditionError(f"voorwaarde is dieper genest dan {MAX_NESTING} niveaus (haakjes of 'not')")

    def not_(self) -> tuple:
        if self.peek() == "not":
            self.take()
            self.nested()
            node = ("not", self.not_())
            self.depth -= 1
            return node
        if self.peek() == "paren" and self.tokens[self.pos][1] == "(":
            self.take()
            self.nested()
            node = self.or_()
            if self.take() != ("paren", ")"):
                raise ConditionError(f"')' ontbreekt in '{self.text}'")
            self.depth -= 1
            return node
        left = self.operand()
        if self.peek() == "op":
            op = self.take()[1]
            return ("cmp", op, left, self.operand())
        return ("truth", left)

    def operand(self) -> tuple:
        node = self.atom()
        while self.peek() == "arith":
            op = self.take()[1]
            node = ("arith", op, node, self.atom())
        return node

    def atom(self) -> tuple:
        kind, value = self.take()
        if kind == "num":
            return ("num", float(value))
        if kind in {"true", "false"}:
            return ("num", 1.0 if kind == "true" else 0.0)
        if kind == "name":
            return ("name", value)
        raise ConditionError(f"verwacht een naam of getal, niet '{value}', in '{self.text}'")


@lru_cache(maxsize=4096)
def parse_condition(text: str) -> tuple:
    """Parse a decision condition into a small tree (raises ConditionError)."""
    return _Parser(str(text)).parse()


def condition_names(node: tuple) -> list[str]:
    """Every name a condition refers to."""
    if node[0] in {"or", "and"}:
        return [n for child in node[1] for n in condition_names(child)]
    if node[0] == "not":
        return condition_names(node[1])
    if node[0] == "truth":
        return condition_names(node[1])
    if node[0] == "cmp":
        return condition_names(node[2]) + condition_names(node[3])
    if node[0] == "arith":
        return condition_names(node[2]) + condition_names(node[3])
    if node[0] == "name":
        return [node[1]]
    return []


def evaluate(node: tuple, lookup: Any) -> bool:
    """Evaluate a parsed condition; `lookup(name)` returns a number for a name."""
    kind = node[0]
    if kind == "or":
        return any(evaluate(child, lookup) for child in node[1])
    if kind == "and":
        return all(evaluate(child, lookup) for child in node[1])
    if kind == "not":
        return not evaluate(node[1], lookup)
    if kind == "truth":
        return bool(_value(node[1], lookup))
    if kind == "cmp":
        return bool(OPERATORS[node[1]](_value(node[2], lookup), _value(node[3], lookup)))
    raise ConditionError(f"onbekende knoop {kind}")


def _value(node: tuple, lookup: Any) -> float:
    if node[0] == "arith":
        left, right = _value(node[2], lookup), _value(node[3], lookup)
        return left + right if node[1] == "+" else left - right
    return node[1] if node[0] == "num" else float(lookup(node[1]))
