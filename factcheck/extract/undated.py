"""Undated mentions: restatements of an event the article dated, and loose events on a named object.

Neither states a fact: a mention with no date of its own says nothing of when.  They add
mentions to events, so that the linker across articles can see one event told twice.
"""

from __future__ import annotations

import re

from factcheck.dates.deadline import not_charged
from factcheck.extract import nlp
from factcheck.extract.arguments import ArgumentReader
from factcheck.extract.attachment import told_as
from factcheck.extract.event_nouns import verb_of
from factcheck.extract.loose import LooseMention, group, names_model, object_names, undated_mentions
from factcheck.extract.mentions import Mention, _arguments_clash, _slug
from factcheck.extract.modality import UNASSERTED, modality
from factcheck.extract.produce import _State
from factcheck.extract.rules import CompiledPack


class UndatedReader:
    """The article reader's part that reads undated mentions; it reads the pack and the argument reader."""

    pack: CompiledPack
    arguments: ArgumentReader

    def _restatements(
        self, st: _State, sentences: list[tuple[int, int]], parsed: dict[tuple[int, int], nlp.Sentence]
    ) -> None:
        """Undated mentions of an open-domain event the article dated: the same verb, or a noun made from it.

        "GM filed for bankruptcy on Monday ... This was the largest bankruptcy filing": one
        event, as a news story restates what it reports.  A mention is the event's only where
        the article dated one event of that kind (with two, nothing tells which one it is) and
        the arguments do not tell them apart (another named object, other agents, another
        place).  It adds a mention to the event, never a fact: with no date of its own it says
        nothing of when.  Sentences are parsed for this only where a word begins as a dated
        kind does, so the cost stays with the articles that have such events.
        """
        by_kind: dict[str, list[tuple[Mention, str]]] = {}
        for mn, _, key in st.dated:
            by_kind.setdefault(mn.kind, []).append((mn, key))
        single = {k: v[0] for k, v in by_kind.items() if len({key for _, key in v}) == 1}
        if not single:
            return
        stems = sorted({k[:-1] if k.endswith("e") and len(k) > 3 else k for k in single})
        rx = re.compile(r"\b(?:" + "|".join(re.escape(x) for x in stems) + r")", re.I)
        text = st.text
        todo = [s for s in sentences if s not in parsed and rx.search(text, s[0], s[1])]
        if todo:
            with not_charged():
                parsed.update({(p.start, p.end): p for p in nlp.parse(text, todo)})
        reporting = frozenset(v.lower() for v in self.pack.pack.reporting_verbs)
        verbs = nlp.verb_lemmas()
        triggers = {(mn.start, mn.end) for mn, _, _ in st.dated}
        tabled = [(mn.start, mn.end) for mn in st.mentions]
        for sent in sentences:
            p = parsed.get(sent)
            if p is None or not rx.search(text, sent[0], sent[1]):
                continue
            for tok in p.tokens:
                kind = _slug(tok.lemma) if tok.pos == "VERB" else verb_of(tok, verbs, zero=True) or ""
                if kind not in single or (tok.start, tok.end) in triggers:
                    continue
                if any(a <= tok.start < b for a, b in tabled) or modality(p, tok, reporting) in UNASSERTED:
                    continue
                first, key = single[kind]
                if _arguments_clash(first.args, self.arguments.read(p, tok)):
                    continue
                at = parsed[first.sentence].token_at(first.start) if first.sentence in parsed else None
                if at is not None and {told_as(p, tok), told_as(parsed[first.sentence], at)} == {"past", "future"}:
                    continue  # "will receive it in May ... received": a plan and a past event are two
                st.add_mention(key, tok.start, tok.end)
                head = p.tokens[tok.head]
                if tok.dep == "attr" and head.lemma.lower() == "be":
                    # "This was the largest bankruptcy filing": the pronoun names the same event.
                    for c in p.children(head.i):
                        if c.dep == "nsubj" and c.lemma.lower() in ("this", "that", "it"):
                            st.add_mention(key, c.start, c.end)

    def _loose_events(
        self, st: _State, sentences: list[tuple[int, int]], parsed: dict[tuple[int, int], nlp.Sentence]
    ) -> None:
        """Undated mentions on a named object, as loose events another article may date (:mod:`.loose`).

        A loose event on the object of one of the article's own events of its kind is that
        event: its mentions are added to it.  Sentences not parsed yet are parsed only where
        a word looks like a model name.
        """
        text = st.text
        todo = [s for s in sentences if s not in parsed and names_model(text[s[0] : s[1]])]
        if todo:
            with not_charged():
                parsed.update({(p.start, p.end): p for p in nlp.parse(text, todo)})
        taken = [(mn.start, mn.end) for mn in st.mentions] + [(mn.start, mn.end) for mn, _, _ in st.dated]
        taken += [(m["start"], m["end"]) for ev in st.events.values() for m in ev.get("mentions", ())]
        reporting = frozenset(v.lower() for v in self.pack.pack.reporting_verbs)
        skip = reporting | {v.lower() for v in self.pack.pack.light_verbs} | {"be", "have", "do"}
        dated_kinds = {ev["kind"] for ev in st.events.values()}

        def found() -> list[LooseMention]:
            return undated_mentions((parsed[s] for s in sentences if s in parsed), self.arguments.named_object,
                                    nlp.verb_lemmas(), skip, reporting, taken)  # fmt: skip

        events = group(found(), dated_kinds, self.arguments.read)
        kinds = sorted({ev.kind for ev in events} - dated_kinds)
        if kinds:
            # A later mention that names no object ("called the delivery a relief"), in a sentence not parsed yet.
            stems = sorted({k[:-1] if k.endswith("e") and len(k) > 3 else k for k in kinds})
            rx = re.compile(r"\b(?:" + "|".join(re.escape(x) for x in stems) + r")", re.I)
            more = [s for s in sentences if s not in parsed and rx.search(text, s[0], s[1])]
            if more:
                with not_charged():
                    parsed.update({(p.start, p.end): p for p in nlp.parse(text, more)})
                events = group(found(), dated_kinds, self.arguments.read)
        for ev in events:
            own = [k for k, e in st.events.items()
                   if e["kind"] == ev.kind and object_names(str(e.get("theme") or "")) == ev.names]  # fmt: skip
            if len(own) > 1:
                continue
            if own:
                key = own[0]
            else:
                base = f"{st.doc}:{ev.kind}-{_slug('-'.join(sorted(ev.names)))}"
                key = (
                    base
                    if base not in st.events
                    else next(f"{base}-{n}" for n in range(2, len(st.events) + 3) if f"{base}-{n}" not in st.events)
                )
                first = ev.first
                args = self.arguments.read(first.sentence, first.token)
                st._event(key, ev.kind, args.parties, None, None, f"{ev.kind} ({first.token.text})")
                st.events[key]["theme"] = first.theme
                st.events[key]["arguments"] = {"loose": True}
            for m in ev.mentions:
                st.add_mention(key, m.start, m.end)
