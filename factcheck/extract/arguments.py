"""Who, what and where of an event mention, read off the dependency parse and the named entities.

An event's arguments are its agents (the subject of its verb, the "by" phrase of a passive,
the name-like modifiers of an event noun: "Ukrainian drone attacks", "GM's bankruptcy"),
its other participants ("with X", "between X and Y"), its theme (what it acts on or is
about: "released the iPhone SDK", "delivery of the A380"), its place ("in Toulouse", "a quake
struck the island of X") and the other places its sentence names.
A name is an argument because the parser and the NER say so, not because a table lists
it; the caller's ``normalise`` only maps a name onto its canonical form (the alias tables:
"the Kremlin" is Russia, "Russian" is Russia) and leaves any other name as written.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.extract.clauses import CLAUSE_POS, clause_of
from factcheck.extract.companies import company_name
from factcheck.extract.control import controller, pronoun_object
from factcheck.extract.nlp import Sentence, Token
from factcheck.extract.places import (
    MODIFIER_DEPS,
    OBJECT_DEPS,
    Normalise,
    PlaceReader,
    cores,
    proper_name,
    strip_name,
)
from factcheck.extract.struck import struck_place
from factcheck.extract.undergoer import undergoer

_PARTY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_NOT_THEME_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
_SUBJECTS = frozenset({"nsubj", "csubj"})
_OBJECTS = OBJECT_DEPS
_MODIFIERS = MODIFIER_DEPS
_WITH = frozenset({"with", "between", "among", "against"})
_VERSUS = frozenset({"over", "against", "with"})  # "a semifinal win over X": whom a contest is won against
_ABOUT = frozenset({"of", "on", "about", "over", "for"})
_FROM = frozenset({"from", "of"})  # "negotiators from X", "delegations of X and Y": whom a common noun stands for
_PLURAL_PRONOUNS = frozenset({"they"})


@dataclass(frozen=True, slots=True)
class Arguments:
    """What the parse says of one mention: agents, other participants, theme, place (empty where unsaid).

    ``around``: the other places its sentence names ("sending residents of X into the streets"),
    which may lie within its place.
    """

    agents: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    theme: str = ""
    place: str = ""
    around: tuple[str, ...] = ()

    @property
    def parties(self) -> tuple[str, ...]:
        """Agents and participants together, sorted, each once."""
        return tuple(sorted(set(self.agents) | set(self.participants)))


def _unique(items: list[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for x in items:
        if x:
            seen.setdefault(x, None)
    return tuple(seen)


class ArgumentReader(PlaceReader):
    """Reads arguments off parsed sentences, with names mapped through ``normalise``."""

    def read(self, s: Sentence, t: Token) -> Arguments:
        """The arguments of the mention whose head word is ``t``.

        A trigger noun inside an "N of" phrase ("a third round of trade talks") takes the
        parties and place of the noun it completes, which is where the clause hangs them
        ("X and Y ended the third round of ..."); its theme stays its own.
        """
        gov = _governor(s, t)
        clause = clause_of(s, gov)
        agents = self._agents(s, t, clause) if gov is t else self._agents(s, t, clause, gov)
        doers, opponents = self._setting_parties(s, t, clause) if gov is t else ((), ())
        agents = _unique([*agents, *doers])
        others = [p for p in _unique([*self._others(s, gov, clause), *opponents]) if p not in agents]
        theme = self._theme(s, t)
        if theme in agents + tuple(others):
            theme = ""
        if (struck := struck_place(s, t)) is not None:
            # "a quake struck the island of X": the object is where it happened, not what it acted on.
            theme, place = "", self.place_name(s, struck)
        else:
            place = (self.place(s, t, clause_of(s, t)) if gov is not t else "") or self.place(s, gov, clause)
        around = _unique(list(self.places_named(s)))
        return Arguments(agents, tuple(others), theme, place, tuple(p for p in around if p != place))

    # ------------------------------------------------------------------ parties
    def party(self, s: Sentence, t: Token) -> str | None:
        """The named party a token stands for (normalised), or None for a common noun or pronoun."""
        ent = s.entity_at(t.i)
        text = strip_name(ent.text if ent else t.text)
        if not text:
            return None
        canon = self.normalise(text)
        if canon:
            return canon
        if (ent is None or ent.label != "ORG") and (company := company_name(s, t)) is not None:
            return company  # "Orrin Devices", a name the NER has not seen or calls a person
        if ent is None or ent.label not in _PARTY_LABELS:
            return None
        return text

    def _named_in(self, s: Sentence, t: Token, depth: int = 2) -> list[str]:
        """Parties a noun phrase names: itself, its conjuncts and appositions, its name-like modifiers."""
        out = [p] if (p := self.party(s, t)) else []
        if depth == 0:
            return out
        ent = s.entity_at(t.i)
        for c in s.children(t.i):
            if ent is not None and ent.first <= c.i <= ent.last:
                continue  # a word of the same name ("General" in "General Motors")
            if c.dep in ("conj", "appos") or (c.dep in _MODIFIERS and c.i < t.i):
                out += self._named_in(s, c, depth - 1)
            elif not out and t.pos == "NOUN" and c.dep == "prep" and c.lemma.lower() in _FROM:
                out += self._sent_by(s, c, depth)
        return out

    def _sent_by(self, s: Sentence, prep: Token, depth: int) -> list[str]:
        """Whom a common noun's "from"/"of" phrase names: "officials from X and Y", "delegations of X".

        The phrase's own words must name the party ("the price of oil" names none; "the
        leaders of Acme shares" is no party's): a name the NER calls a party, with its
        conjuncts, not the name-like modifiers of another common noun.
        """
        out: list[str] = []
        for g in s.children(prep.i):
            if g.dep == "pobj" and (p := self.party(s, g)) is not None:
                out.append(p)
                out += [q for c in s.children(g.i) if c.dep == "conj" for q in self._named_in(s, c, depth - 1)]
        return out

    def plural_anaphor(self, s: Sentence, t: Token) -> bool:
        """Whether the agents are said only by a plural reference back ("they", "both sides", "the two blocs").

        Such a subject stands for parties named before, which only the article knows; a
        subject naming a party of its own, a singular one ("the company"), an indefinite
        one ("two officials") or "we" is none.
        """
        gov = _governor(s, t)
        clause = clause_of(s, gov)
        if t.pos in ("NOUN", "PROPN") and not (gov.head == clause.i and gov.dep in _SUBJECTS | _OBJECTS):
            return False
        for c in s.children(clause.i):
            if c.dep not in _SUBJECTS or c.i == t.i or self._named_in(s, c):
                continue
            if c.pos == "PRON" and c.text.lower() in _PLURAL_PRONOUNS:
                return True
            words = {d.text.lower() for d in s.children(c.i) if d.dep in ("det", "nummod", "predet")}
            if c.pos == "NOUN" and c.tag == "NNS" and ("both" in words or ("the" in words and "two" in words)):
                return True
            if c.pos == "PRON" and c.text.lower() == "both":
                return True
        return False

    def _agents(self, s: Sentence, t: Token, clause: Token, gov: Token | None = None) -> tuple[str, ...]:
        """Who acts: the trigger noun's name-like modifiers, else its clause's subject or "by" phrase.

        ``gov``: the noun the trigger completes ("round" of "a round of talks"), whose place in
        the clause counts where the trigger names no agent of its own.
        """
        out: list[str] = []
        if t.pos in ("NOUN", "PROPN"):
            # "Ukrainian drone attacks", "GM's bankruptcy filing": the noun's own name-like modifiers.
            ent = s.entity_at(t.i)
            for c in s.children(t.i):
                if c.dep in _MODIFIERS and c.i < t.i and not (ent and ent.first <= c.i <= ent.last):
                    out += self._named_in(s, c)
            if out:
                return _unique(out)
            core = gov or t
            if not (core.head == clause.i and core.dep in _SUBJECTS | _OBJECTS):
                # "X took part in the talks": a noun away from its clause's core has no agent there.
                return ()
        for c in s.children(clause.i):
            if c.dep in _SUBJECTS and c.i != t.i:
                out += self._named_in(s, c)
            elif c.dep == "agent":  # "was unveiled by Airbus"
                out += [p for g in s.children(c.i) for p in self._named_in(s, g)]
        if not out and clause.dep in ("relcl", "acl") and clause.head != clause.i:
            # "General Motors, which filed for bankruptcy": the noun the clause describes.
            out += self._antecedent(s, clause)
        if not out and (main := controller(s, clause)) is not None:
            # "sentenced X on Friday, ten days after convicting him": the doer of the verb it hangs on.
            out += [p for c in s.children(main.i) if c.dep in _SUBJECTS for p in self._named_in(s, c)]
        return _unique(out)

    def _antecedent(self, s: Sentence, clause: Token) -> list[str]:
        """The parties a relative clause describes; "which" is never a person, whatever the parser hung it on.

        "Fritz Henderson, the chief executive of General Motors, which filed ...": the company.
        """
        found = self._named_in(s, s.tokens[clause.head])
        which = any(c.lemma.lower() == "which" and c.dep in _SUBJECTS | {"nsubjpass"} for c in s.children(clause.i))
        head_ent = s.entity_at(clause.head)
        if which and (head_ent is None or head_ent.label == "PERSON"):
            first = min([clause.i, *(t.i for t in s.children(clause.i))])
            before = [e for e in s.entities if e.last < first and e.label in _PARTY_LABELS - {"PERSON"}]
            if before:
                found = [p] if (p := self.party(s, s.tokens[before[-1].last])) else []
        return found

    def _setting_parties(self, s: Sentence, t: Token, clause: Token) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Who an event noun's setting names: "A beat B in the final", "a semifinal win over B"; else nothing.

        A noun the act of a verb on a named party is set "in" takes the verb's named doer (the
        subject, or for a subjectless participle its controller's: "A won the cup, beating B in
        the final") and that party; both must be named ("arrested three men in the protest",
        "took part in the talks" give none).  A noun modifying another ("semifinal win") takes
        whom that one is over or against.
        """
        head = s.tokens[t.head]
        if t.dep in ("amod", "compound") and head.pos == "NOUN" and head.i != t.i:
            return (), tuple(p for c in s.children(head.i) if c.dep == "prep" and c.lemma.lower() in _VERSUS
                             for g in s.children(c.i) for p in self._named_in(s, g))  # fmt: skip
        if t.pos in CLAUSE_POS or t.dep != "pobj" or head.lemma.lower() != "in" or head.head != clause.i:
            return (), ()
        objects = _unique([n for c in s.children(clause.i) if c.dep == "dobj" and (n := self._name_of(s, c))])
        doer = clause if any(c.dep in _SUBJECTS for c in s.children(clause.i)) else controller(s, clause)
        doers = () if doer is None else _unique([n for c in s.children(doer.i) if c.dep in _SUBJECTS
                                                 and (n := self._name_of(s, c))])  # fmt: skip
        return (doers, objects) if doers and objects else ((), ())

    def _name_of(self, s: Sentence, t: Token) -> str | None:
        """The party a subject or object names: a party's name, or a proper noun the NER left unlabelled."""
        if (p := self.party(s, t)) is not None:
            return p
        if t.pos == "PROPN" and s.entity_at(t.i) is None and t.text[:1].isupper():
            name = proper_name(s, t)
            return self.normalise(name) or name
        return None

    def _others(self, s: Sentence, t: Token, clause: Token) -> list[str]:
        """Who else takes part: "with X", "between X and Y"."""
        out: list[str] = []
        for head in cores(s, t, clause):
            for c in s.children(head):
                if c.dep == "prep" and c.lemma.lower() in _WITH:
                    out += [p for g in s.children(c.i) for p in self._named_in(s, g)]
        return list(_unique(out))

    # ------------------------------------------------------------------ theme and place
    def named_object(self, s: Sentence, t: Token) -> str:
        """The theme where it is an object, not a party ("delivery of the A380", not "pass the Senate"), else "".

        For a caller that reads the other arguments only where an object is named.
        """
        text, party = self._theme_of(s, t)
        return "" if party else text

    def _theme(self, s: Sentence, t: Token) -> str:
        """What the event acts on or is about, as a short phrase: a name as written, a common noun as its lemma."""
        return self._theme_of(s, t)[0]

    def _theme_of(self, s: Sentence, t: Token) -> tuple[str, bool]:
        """The theme, and whether it names a party (a person, organisation or country, or a name the tables know)."""
        cands: list[Token] = []
        for c in s.children(t.i):
            if c.pos not in ("NOUN", "PROPN"):
                continue
            if t.pos in CLAUSE_POS and c.dep in _OBJECTS | {"nsubjpass"}:
                cands.append(c)
        if t.pos in CLAUSE_POS and (whom := pronoun_object(s, t)) is not None:
            cands.append(whom)  # "after convicting him": the person the clause it hangs on names
        if t.pos not in CLAUSE_POS:
            for c in s.children(t.i):
                if c.dep == "compound" and c.i < t.i and c.pos == "PROPN" and self.party(s, c) is None:
                    cands.append(c)  # "the A380 delivery"
        for c in s.children(t.i):
            if c.dep == "prep" and c.lemma.lower() in _ABOUT:
                cands += [g for g in s.children(c.i) if g.pos in ("NOUN", "PROPN")]
        cands += [c for c in undergoer(s, t) if self.party(s, c) is None]
        for head in cands:
            ent = s.entity_at(head.i)
            if ent is not None and ent.label in _NOT_THEME_LABELS:
                continue
            if ent is not None:
                text = strip_name(ent.text)
                canon = self.normalise(text)
                return canon or text, canon is not None or ent.label in _PARTY_LABELS
            words = [w.text for w in self._modifiers(s, head)]
            return strip_name(" ".join([*words, head.text if head.pos == "PROPN" else head.lemma.lower()])), False
        return "", False

    @staticmethod
    def _modifiers(s: Sentence, head: Token) -> list[Token]:
        """The name-like words before a noun, in text order ("Aurora 3" of "the Aurora 3 satellite")."""
        out: list[Token] = []
        todo = [head.i]
        while todo:
            for c in s.children(todo.pop()):
                if c.i < head.i and (c.dep in ("compound", "nummod") or (c.dep == "nmod" and c.pos == "PROPN")):
                    out.append(c)
                    todo.append(c.i)
        return sorted(out, key=lambda w: w.i)


def _governor(s: Sentence, t: Token) -> Token:
    """The object noun a trigger noun completes through "of" ("round" in "held a round of talks"), else the trigger.

    Climbs a chain of such phrases to the one that is its verb's object; a name ("the
    delivery of the A380") never climbs, as it is what the phrase is about, and a subject
    ("Critics of the talks met in Lund") is not the event: its place is not the talks'.
    """
    chain: list[Token] = []
    cur = t
    while cur.pos == "NOUN" and cur.dep == "pobj" and len(chain) < 3:
        prep = s.tokens[cur.head]
        if prep.lemma.lower() != "of" or prep.dep != "prep" or prep.head == prep.i:
            break
        cur = s.tokens[prep.head]
        if cur.pos != "NOUN":
            break
        chain.append(cur)
    return chain[-1] if chain and chain[-1].dep in _OBJECTS - {"attr"} else t


__all__ = ["ArgumentReader", "Arguments", "Normalise"]
