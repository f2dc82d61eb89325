"""What a SPARQL request is, read from its tokens: its form, the graphs it names, whether it
calls out (``SERVICE``), how deep it nests, where its WHERE block opens.

The tokens are the terminals of the SPARQL 1.1 grammar (§19.8): IRIs, prefixed names, blank
node labels, variables, strings (short and long), language tags, numbers, comments, keywords and
punctuation. A keyword is a bare word: ``k:SERVICE``, ``SERVICE:x``, ``?service``,
``<…/SERVICE>``, ``"SERVICE"`` and ``# SERVICE`` are no keywords, and ``k: SERVICE`` is the
prefixed name ``k:`` followed by the keyword ``SERVICE``. Reading is one pass with no recursion,
so a query nested thousands deep is measured before any parser sees it.

pyoxigraph has no parser of its own to offer from Python; its query engine checks everything
else. A check here that misses is not the only guard: the endpoint's workers cannot open a
network connection at all (:mod:`plangraph.sparql.serve.sandbox`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from plangraph.errors import InputError

__all__ = ["MAX_DEPTH", "QueryShape", "Token", "check_depth", "shape", "tokens"]

MAX_DEPTH = 100
"""Brackets (``{``, ``(``, ``[``) open at once, at most: Oxigraph's parser recurses per level
and overflows its stack a few thousand levels down (the process dies, it raises nothing)."""

# Character classes of the grammar's terminals.
_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_PREFIX = f"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PN_LOCAL = (
    f"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"
)
_VARNAME = f"[{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*"
_ECHAR = r"\\[tbnrf\\\"']"
_EXPONENT = r"[eE][+-]?[0-9]+"

_TOKEN = re.compile(
    rf"""
    (?P<space>\s+)
    |(?P<comment>\#[^\r\n]*)
    |(?P<string>'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}))*'''
        |\"\"\"(?:(?:"|"")?(?:[^"\\]|{_ECHAR}))*\"\"\"
        |'(?:[^'\\\n\r]|{_ECHAR})*'
        |"(?:[^"\\\n\r]|{_ECHAR})*")
    |(?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
    |(?P<pname>(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?)
    |(?P<blank>_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)
    |(?P<var>[?$]{_VARNAME})
    |(?P<langtag>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)
    |(?P<number>(?:[0-9]+\.[0-9]*{_EXPONENT}|\.[0-9]+{_EXPONENT}|[0-9]+{_EXPONENT})
        |[0-9]*\.[0-9]+|[0-9]+)
    |(?P<word>[A-Za-z_][A-Za-z_0-9]*)
    |(?P<other>\^\^|&&|\|\||!=|<=|>=|.)
    """,
    re.VERBOSE | re.DOTALL,
)

_OPEN = {"{": "}", "(": ")", "[": "]"}
_CLOSE = frozenset(_OPEN.values())
_QUERY_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}
_UPDATE_WORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)


@dataclass(frozen=True)
class Token:
    kind: str  # iri, pname, blank, var, string, langtag, number, word, other
    text: str
    start: int
    depth: int  # brackets open before this token


def tokens(text: str) -> list[Token]:
    """The tokens of ``text`` outside white space and comments, each with its nesting depth.

    A character no terminal starts with comes as a one-character ``other`` token: the query
    engine says what is wrong with it, this reading only must not lose its place.
    """
    found = []
    depth = 0
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind in ("space", "comment"):
            continue
        assert kind is not None
        token = m.group()
        if kind == "other" and token in _CLOSE:
            depth = max(depth - 1, 0)
        found.append(Token(kind, token, m.start(), depth))
        if kind == "other" and token in _OPEN:
            depth += 1
    return found


@dataclass(frozen=True)
class QueryShape:
    """Facts about a request's text, from its tokens."""

    form: str | None  # select, ask, graph (CONSTRUCT, DESCRIBE), or None: no query form
    update: bool  # a SPARQL Update request (its first keyword after the prologue)
    service: bool  # calls out to another endpoint
    depth: int  # the deepest nesting of brackets
    from_graphs: tuple[str, ...] = ()  # FROM IRIs, resolved
    from_named: tuple[str, ...] = ()  # FROM NAMED IRIs, resolved
    variables: frozenset[str] = field(default_factory=frozenset)
    where: int | None = None  # offset just inside the WHERE block

    @property
    def has_dataset(self) -> bool:
        return bool(self.from_graphs or self.from_named)


def _keyword(token: Token) -> str | None:
    return token.text.upper() if token.kind == "word" else None


def _unescape_local(local: str) -> str:
    return re.sub(r"\\(.)", r"\1", local)


def shape(
    text: str, *, prefixes: dict[str, str] | None = None, base: str | None = None
) -> QueryShape:
    """What ``text`` asks, from its tokens; ``prefixes`` and ``base`` are the predeclared ones
    (the query's own ``PREFIX`` and ``BASE`` lines take precedence), used to resolve the IRIs of
    ``FROM`` and ``FROM NAMED``."""
    toks = tokens(text)
    names = dict(prefixes or {})
    current_base = base or ""

    def iri(token: Token) -> str | None:
        if token.kind == "iri":
            return urljoin(current_base, token.text[1:-1]) if current_base else token.text[1:-1]
        if token.kind == "pname":
            prefix, _, local = token.text.partition(":")
            if prefix in names:
                return names[prefix] + _unescape_local(local)
            raise InputError(
                f"unknown prefix {prefix}: (declare it with PREFIX; predeclared: "
                + ", ".join(prefixes or {})
                + ")"
            )
        return None

    i = 0
    while i < len(toks):  # the prologue: BASE <iri> and PREFIX p: <iri>, in any order
        word = _keyword(toks[i])
        if word == "BASE" and i + 1 < len(toks) and toks[i + 1].kind == "iri":
            current_base = iri(toks[i + 1]) or current_base
            i += 2
        elif (
            word == "PREFIX"
            and i + 2 < len(toks)
            and toks[i + 1].kind == "pname"
            and toks[i + 1].text.endswith(":")
            and toks[i + 2].kind == "iri"
        ):
            names[toks[i + 1].text[:-1]] = iri(toks[i + 2]) or ""
            i += 3
        else:
            break
    first = _keyword(toks[i]) if i < len(toks) else None
    form = _QUERY_FORMS.get(first or "")
    update = first in _UPDATE_WORDS

    service = False
    from_graphs: list[str] = []
    from_named: list[str] = []
    variables = set()
    where = None
    template_closed = False  # CONSTRUCT { template } WHERE { … }: the second block is WHERE
    bindable = True  # CONSTRUCT WHERE { … }: its one block is the template too
    depth = 0
    for j, token in enumerate(toks):
        opens = token.kind == "other" and token.text in _OPEN
        depth = max(depth, token.depth + opens)
        word = _keyword(token)
        if token.kind == "var":
            variables.add(token.text[1:])
        elif word == "SERVICE":
            service = True
        elif word == "FROM" and j > i and j + 1 < len(toks):
            named = _keyword(toks[j + 1]) == "NAMED"
            target = toks[j + 2] if named and j + 2 < len(toks) else toks[j + 1]
            resolved = iri(target)
            if resolved is not None:
                (from_named if named else from_graphs).append(resolved)
        elif j > i and token.depth == 0 and token.kind == "other" and form is not None:
            if first == "CONSTRUCT" and token.text == "}":
                template_closed = True
            elif token.text == "{" and where is None and bindable:
                if first != "CONSTRUCT" or template_closed:
                    where = token.start + 1
                elif any(_keyword(t) == "WHERE" for t in toks[i:j]):
                    bindable = False
    return QueryShape(
        form=form,
        update=update,
        service=service,
        depth=depth,
        from_graphs=tuple(from_graphs),
        from_named=tuple(from_named),
        variables=frozenset(variables),
        where=where,
    )


def check_depth(text: str, origin: str = "<query>") -> None:
    """An InputError when ``text`` nests deeper than :data:`MAX_DEPTH`, before any parsing."""
    depth = 0
    deepest = 0
    for m in _TOKEN.finditer(text):  # a lean pass: deep texts are usually long
        token = m.group()
        if m.lastgroup == "other":
            if token in _OPEN:
                depth += 1
                if depth > deepest:
                    deepest = depth
                    if deepest > MAX_DEPTH:
                        raise InputError(
                            f"the query nests brackets more than {MAX_DEPTH} deep"
                            f" (at offset {m.start()}); flatten it",
                            path=origin,
                        )
            elif token in _CLOSE:
                depth = max(depth - 1, 0)
