"""Company names the NER misses, and "the company" as a reference back to the one named before it.

"Halvard Motors", "Brisk Airlines", "Orrin Devices": a proper name whose last word says what
kind of firm it is names a company, whatever the NER makes of a name it has never seen.  A
definite "the company" or "the firm" stands for the company the article named before it,
where it named one only ("Orrin Devices ... Orrin ... the company"); with two companies named
before ("Orrin Devices and Brisk Airlines ... the company"), it stands for neither.
"""

from __future__ import annotations

from collections.abc import Iterable

from factcheck.extract.clauses import verb_above
from factcheck.extract.nlp import Sentence, Token
from factcheck.extract.places import one_name

# Last words of a company's name that say what it is: legal forms and lines of business.
_COMPANY_WORDS = frozenset({
    "inc", "inc.", "corp", "corp.", "corporation", "co", "co.", "ltd", "ltd.", "plc", "ag", "sa", "nv", "gmbh", "llc",
    "holdings", "group", "motors", "airlines", "airways", "devices", "systems", "technologies", "industries",
    "electronics", "pharmaceuticals", "securities", "bancorp", "semiconductor", "semiconductors", "foods", "telecom",
    "communications", "networks", "robotics", "automotive", "aerospace", "logistics", "shipping", "brewery", "labs",
})  # fmt: skip
_REFERENCES = frozenset({"company", "firm"})


def company_name(s: Sentence, t: Token) -> str | None:
    """The company a proper noun names as the head of a name ending in a company word ("Orrin Devices"), else None.

    At least one capitalised word must come before the company word: "Devices" alone, or
    "the Group", is no name.
    """
    if t.pos != "PROPN" or t.text.lower() not in _COMPANY_WORDS:
        return None
    words: list[Token] = []
    i = t.i - 1
    while i >= 0 and s.tokens[i].pos == "PROPN" and s.tokens[i].dep == "compound" and s.tokens[i].head == t.i:
        words.insert(0, s.tokens[i])
        i -= 1
    if not words or not all(w.text[:1].isupper() for w in words):
        return None
    return " ".join([*(w.text for w in words), t.text])


def companies_in(s: Sentence, parties: Iterable[str]) -> set[str]:
    """The companies a sentence names: by a company word, or among the given parties it names that the NER calls ORG."""
    found = {name for t in s.tokens if (name := company_name(s, t)) is not None}
    orgs = {e.text for e in s.entities if e.label == "ORG"}
    return found | {p for p in parties if p in orgs}


def _refers_to_company(s: Sentence, t: Token) -> bool:
    """Whether a token is the noun of a singular definite "the company" / "the firm"."""
    if t.pos != "NOUN" or t.tag != "NN" or t.text.lower() not in _REFERENCES:
        return False
    return any(c.dep == "det" and c.text.lower() == "the" for c in s.children(t.i))


def said_by_company(s: Sentence, t: Token) -> bool:
    """Whether the subject of the clause a trigger is in is "the company" ("The company will report earnings")."""
    clause = verb_above(s, t)
    if clause is None:
        return False
    return any(c.dep == "nsubj" and _refers_to_company(s, c) for c in s.children(clause.i))


def one_company(named: Iterable[str]) -> str | None:
    """The one company among names (a short form, "Orrin", counting as its long one, "Orrin Devices"), else None.

    Only first words are a company's short form: its last word says what kind of firm it is.
    """
    return one_name(named, last=False)
