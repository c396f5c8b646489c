"""Event nouns no table names, told by the verb they are made from ("the filing", "delivery of the A380").

A noun is an event noun when the verb it derives from is one the parser's lemmatizer
indexes (:func:`factcheck.extract.nlp.verb_lemmas`): a nominalisation by a productive
suffix ("filing" of *file*, "delivery" of *deliver*, "election" of *elect*, "announcement"
of *announce*, "approval" of *approve*, "closure" of *close*), or, where the caller allows
it, the verb's own form used as a noun ("the crash", "the strike").  The event's kind is
then the verb's lemma, so "GM filed for bankruptcy" and "the bankruptcy filing" are
mentions of one kind.  Agent nouns ("manager", "buyer") and states ("bankruptcy") are not
derived by any suffix here, so they are never events.  The suffixes are English word
formation, not names: no table of topics or events is consulted.
"""

from __future__ import annotations

from collections.abc import Collection

from factcheck.extract.nlp import Token

# suffix, and what may replace it to give the verb, in order of preference
_DERIVATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ation", ("ate", "e", "")),  # nomination, declaration, consultation
    ("ion", ("", "e")),  # election, protection, completion
    ("ment", ("",)),  # announcement, agreement, settlement
    ("ery", ("er",)),  # delivery, discovery, recovery
    ("al", ("e", "")),  # approval, arrival, withdrawal
    ("ure", ("e", "")),  # closure, departure, failure
    ("ing", ("", "e")),  # filing, meeting, bombing
)


def verb_of(noun: Token, verbs: Collection[str], *, zero: bool = False) -> str | None:
    """The verb lemma a common noun is made from, or None; ``zero``: the bare verb form counts ("the crash")."""
    if noun.pos != "NOUN" or noun.ent:
        return None
    lemma = noun.lemma.lower()
    if not lemma.isalpha() or len(lemma) < 4:
        return None
    suffix, replacements = next(((x, r) for x, r in _DERIVATIONS if lemma.endswith(x)), ("", ()))
    stem = lemma[: -len(suffix)] if suffix else lemma
    if suffix and len(stem) >= (5 if suffix == "al" else 3):  # "-al" of a short stem: "total", "rival"
        # Only the longest suffix that fits is tried: "station" is no "-ion" of *state*.
        cands = [stem + r for r in replacements]
        if suffix == "ing" and stem[-1] == stem[-2]:
            cands.append(stem[:-1])  # "shipping" of ship
        found = next((c for c in cands if c in verbs), None)
        if found is not None:
            return found
    return lemma if zero and lemma in verbs else None


__all__ = ["verb_of"]
