"""What a person types into ``search``, read as SQLite FTS5 query syntax and written back
as a safe FTS5 ``MATCH`` expression (pure: text in, text out, no SQL).

Understood: words (all required, as before), ``"quoted phrases"``, ``OR``, ``AND``,
``NOT`` (and ``-word``), parentheses, a trailing ``*`` for a prefix, and column filters
(``title:digital``, ``summary:"digital health"``, ``body:(vaccine OR vaccination)``).
Operators are upper case, as in FTS5 (``or`` is a word); ``NOT`` binds tightest, then
``AND``, then ``OR``. Every word and phrase is written out as an FTS5 string, so a
character the user typed is never FTS5 syntax unless the grammar above made it so; a
query that does not follow the grammar raises ``SearchSyntaxError`` with one line that
says what is wrong.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

COLUMNS = {"title": "title", "summary": "summary", "text": "text", "body": "text"}
"""The names a person may put before ``:`` and the FTS column each one means."""

_OPERATORS = frozenset({"AND", "OR", "NOT"})
_COLUMN_PREFIX = re.compile(r"([A-Za-z_]+):(.*)", re.DOTALL)
_WORD_CHAR = re.compile(r"\w")
_SHOWN = 40  # characters of the query quoted back in a message


class SearchSyntaxError(ValueError):
    """A search query that cannot be read; the message is one line."""


@dataclass(frozen=True)
class _Token:
    kind: str  # "word", "phrase", "column", "(", ")", "AND", "OR", "NOT", "-"
    text: str = ""
    prefix: bool = False


def fts_query(text: str) -> str:
    """The FTS5 ``MATCH`` expression for what a person typed (see the module's doc).

    Words with no letter or digit in them ("&", "--") are left out, as FTS5's tokenizer
    would. Raises SearchSyntaxError for a query that is malformed or has no words."""
    tokens = _tokens(text)
    if not tokens:
        raise SearchSyntaxError(f"nothing to search for in {_shown(text)}: no words")
    parser = _Parser(tokens)
    expression = parser.expression()
    if parser.peek() is not None:  # only a ')' can be left over
        raise SearchSyntaxError(f"a ')' has no '(' before it in {_shown(text)}")
    return expression.text


def _tokens(text: str) -> list[_Token]:
    """Split the query into tokens; quotes, control characters, misplaced ``*`` and
    unknown columns are refused here."""
    for char in text:
        if unicodedata.category(char) == "Cc" and not char.isspace():
            raise SearchSyntaxError(f"control character U+{ord(char):04X} in the query")
    tokens: list[_Token] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
        elif char in "()":
            tokens.append(_Token(char))
            i += 1
        elif char == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise SearchSyntaxError(f"a quote is not closed in {_shown(text)}")
            phrase = text[i + 1 : end]
            if not _WORD_CHAR.search(phrase):
                raise SearchSyntaxError(f'the phrase "{_shown(phrase, quote=False)}" has no words')
            i = end + 1
            prefix = text.startswith("*", i)
            tokens.append(_Token("phrase", phrase, prefix))
            i += prefix
        else:
            end = i
            while end < len(text) and not text[end].isspace() and text[end] not in '()"':
                end += 1
            follower = text[end] if end < len(text) else " "
            tokens.extend(_run_tokens(text[i:end], follower))
            i = end
    return tokens


def _run_tokens(run: str, follower: str) -> list[_Token]:
    """Tokens of one run of characters that are not spaces, quotes or parentheses;
    ``follower`` is the character right after it (a space at the end)."""
    if run in _OPERATORS:
        return [_Token(run)]
    attached = follower in '"('  # "-" or "title:" written right before a phrase or group
    tokens = []
    if run.startswith("-") and (attached or _WORD_CHAR.search(run)):
        tokens.append(_Token("-"))
        run = run[1:]
    column = _COLUMN_PREFIX.fullmatch(run)
    if column and (_WORD_CHAR.match(column[2]) or (not column[2] and attached)):
        name = column[1].lower()
        if name not in COLUMNS:
            known = ", ".join(f"{key}:" for key in COLUMNS)
            raise SearchSyntaxError(f"unknown column {column[1]!r}: the columns are {known}")
        tokens.append(_Token("column", COLUMNS[name]))
        run = column[2]
    prefix = run.endswith("*")
    word = run[:-1] if prefix else run
    if "*" in word:
        raise SearchSyntaxError(f"'*' goes at the end of a word (partner*), not in {run!r}")
    if _WORD_CHAR.search(word):
        tokens.append(_Token("word", word, prefix))
    elif prefix:
        raise SearchSyntaxError("'*' needs letters before it, as in partner*")
    return tokens


class _Parser:
    """Recursive descent over the tokens, writing the FTS5 expression as it goes:
    expression = all ("OR" all)*; all = excluding (["AND"] excluding)*;
    excluding = operand (("NOT" | "-" | "AND NOT") operand)*;
    operand = [column] (word | phrase | "(" expression ")").
    Each rule returns its text and whether it is one term or group (needs no brackets)."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.at = 0

    def peek(self, ahead: int = 0) -> _Token | None:
        at = self.at + ahead
        return self.tokens[at] if at < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def expression(self) -> _Part:
        parts = [self.all_of()]
        while self._kind() == "OR":
            self._operand_after(self.take())
            parts.append(self.all_of())
        return _joined(parts, "OR")

    def all_of(self) -> _Part:
        parts = [self.excluding()]
        while self._starts_operand() or (self._kind() == "AND" and self._kind(1) != "NOT"):
            if self._kind() == "AND":
                self._operand_after(self.take())
            parts.append(self.excluding())
        return _joined(parts, "AND")

    def excluding(self) -> _Part:
        kept = self.operand()
        while self._kind() in ("NOT", "-") or (self._kind() == "AND" and self._kind(1) == "NOT"):
            if self._kind() == "AND":
                self.take()
            self._operand_after(self.take())
            kept = _joined([kept, self.operand()], "NOT")
        return kept

    def operand(self) -> _Part:
        token = self.peek()
        if token is None:
            raise SearchSyntaxError("the query ends where a word was expected")
        if token.kind in ("AND", "OR", "NOT", "-"):
            example = "health NOT youth" if token.kind == "-" else f"health {token.kind} youth"
            raise SearchSyntaxError(f"{_named(token)} needs a word before it, as in '{example}'")
        if token.kind == ")":
            raise SearchSyntaxError("a ')' has no '(' before it, or a group is empty")
        self.take()
        if token.kind == "column":
            if self._kind() not in ("word", "phrase", "("):
                raise SearchSyntaxError(f"'{token.text}:' needs a word, phrase or group after it")
            return _Part(f"{token.text} : {self.operand().bracketed()}", atomic=True)
        if token.kind == "(":
            inner = self.expression()
            if self._kind() != ")":
                raise SearchSyntaxError("a '(' is not closed")
            self.take()
            return _Part(f"({inner.text})", atomic=True)
        text = token.text.replace('"', '""')
        return _Part(f'"{text}"' + ("*" if token.prefix else ""), atomic=True)

    def _kind(self, ahead: int = 0) -> str | None:
        token = self.peek(ahead)
        return token.kind if token else None

    def _starts_operand(self) -> bool:
        return self._kind() in ("word", "phrase", "column", "(")

    def _operand_after(self, operator: _Token) -> None:
        if not self._starts_operand():
            raise SearchSyntaxError(f"{_named(operator)} needs a word after it")


@dataclass(frozen=True)
class _Part:
    """Part of the FTS5 expression: its text, and whether it is one term or group."""

    text: str
    atomic: bool = False

    def bracketed(self) -> str:
        return self.text if self.atomic else f"({self.text})"


def _joined(parts: list[_Part], operator: str) -> _Part:
    if len(parts) == 1:
        return parts[0]
    return _Part(f" {operator} ".join(part.bracketed() for part in parts))


def _named(operator: _Token) -> str:
    return "'-'" if operator.kind == "-" else operator.kind


def _shown(text: str, *, quote: bool = True) -> str:
    """``text`` shortened and on one line, safe to print."""
    flat = " ".join(text.split())
    flat = flat if len(flat) <= _SHOWN else flat[: _SHOWN - 1] + "…"
    return repr(flat) if quote else flat
