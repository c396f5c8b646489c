"""The MEANTIME gold reading and scoring of ``benchmarks/events.py``, on a small article pair written here.

Two articles in MEANTIME's XML about one purchase: the title, the date line, one body
sentence annotated in the first pass, and a later sentence that only the cross-document
pass touched.  The text is rebuilt from the tokens, reader spans are mapped back to gold
mentions, and the pairwise counts are checked by hand.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.benchmarks.scripts import load_script

mt = load_script("meantime.py")


def _tokens(sentences: list[str]) -> str:
    out, t_id = [], 0
    for s_no, sentence in enumerate(sentences):
        for n, word in enumerate(sentence.split(" ")):
            t_id += 1
            out.append(f'<token number="{n}" sentence="{s_no}" t_id="{t_id}">{word}</token>')
    return "\n".join(out)


def _anchors(*t_ids: int) -> str:
    return "".join(f'<token_anchor t_id="{t}"/>' for t in t_ids)


def _em(m_id: int, *t_ids: int, first_pass: bool = True) -> str:
    attrs = f'comment="" m_id="{m_id}" pred="x" pos="VERB" tense="PAST"' if first_pass else f'm_id="{m_id}"'
    return f"<EVENT_MENTION {attrs}>{_anchors(*t_ids)}</EVENT_MENTION>"


def _refers(r_id: int, target: int, *sources: int) -> str:
    srcs = "".join(f'<source m_id="{s}"/>' for s in sources)
    return f'<REFERS_TO r_id="{r_id}">{srcs}<target m_id="{target}"/></REFERS_TO>'


# Article 1, tokens:  0: Acme(1) buys(2) Widgets(3) | 1: May(4) 05(5) ,(6) 2010(7)
#   2: Acme(8) bought(9) Widgets(10) on(11) Monday(12) ,(13) it(14) said(15) .(16)
#   3: The(17) purchase(18) closed(19) .(20)
DOC_1 = f"""<?xml version="1.0" ?><Document doc_id="1" doc_name="1_Acme_buys_Widgets" lang="en">
{_tokens(["Acme buys Widgets", "May 05 , 2010", "Acme bought Widgets on Monday , it said .", "The purchase closed ."])}
<Markables>
{_em(1, 2)}{_em(2, 9)}{_em(3, 15)}{_em(4, 18, first_pass=False)}
<TIMEX3 comment="" functionInDocument="CREATION_TIME" m_id="10" type="DATE" value="2010-05-05">{_anchors(4, 5, 6, 7)}</TIMEX3>
<TIMEX3 comment="" functionInDocument="NONE" m_id="11" type="DATE" value="2010-05-03">{_anchors(12)}</TIMEX3>
<EVENT class="OTHER" instance_id="INST_BUY" m_id="50"/>
<EVENT class="SPEECH_COGNITIVE" comment="" m_id="51"/>
</Markables>
<Relations>
{_refers(100, 50, 1, 2)}{_refers(101, 50, 4)}{_refers(102, 51, 3)}
<TLINK r_id="103" reltype="SIMULTANEOUS"><source m_id="3"/><target m_id="10"/></TLINK>
<TLINK r_id="104" reltype="BEFORE"><source m_id="2"/><target m_id="10"/></TLINK>
</Relations>
</Document>
"""

# Article 2, tokens:  0: Widgets(1) sold(2) to(3) Acme(4) | 1: May(5) 06(6) ,(7) 2010(8)
#   2: The(9) sale(10) was(11) announced(12) .(13)
# Its date line's TIMEX3 is not marked as the creation time (as in two MEANTIME files).
DOC_2 = f"""<?xml version="1.0" ?><Document doc_id="2" doc_name="2_Widgets_sold" lang="en">
{_tokens(["Widgets sold to Acme", "May 06 , 2010", "The sale was announced ."])}
<Markables>
{_em(1, 2)}{_em(2, 10)}{_em(3, 12)}
<TIMEX3 comment="" functionInDocument="NONE" m_id="10" type="DATE" value="2010-05-06">{_anchors(5, 6, 7, 8)}</TIMEX3>
<EVENT class="OTHER" instance_id="INST_BUY" m_id="50"/>
</Markables>
<Relations>{_refers(100, 50, 1, 2)}</Relations>
</Document>
"""

INSTANCES = (
    "#ID\tTYPE\tCLASS\tINSTANCE_NAME\tDESCR\tEXT_LINK\tCOMMENT\tTIME\tBEGINTERVAL\tENDINTERVAL\tN.ANN_DOC.USER\tN.ANN_DOC.ALL\tHAS_PARTS\n"
    "INST_BUY\tEVENT\tOTHER\tbuy\tAcme buys Widgets\t\t\t2010-05-03\t\t\t2\t2\t\n"
    "INST_VAGUE\tEVENT\tOTHER\tplan\t\t\t\tXXXX-XX-XX\t\t\t1\t1\t\n"
    "INST_RUN\tEVENT\tOTHER\trun\t\t\t\t\t2009-XX-XX\t2010-05\t1\t1\t\n"
    "ORG_ACME\tENTITY\tORG\tAcme\t\t\t\t\t\t\t1\t1\t\n"
)


@pytest.fixture
def docs(tmp_path: Path):
    (tmp_path / "1.xml").write_text(DOC_1, encoding="utf-8")
    (tmp_path / "2.xml").write_text(DOC_2, encoding="utf-8")
    return mt.read_doc(tmp_path / "1.xml"), mt.read_doc(tmp_path / "2.xml")


def _span(doc, phrase: str) -> tuple[int, int]:
    at = doc.text.index(phrase)
    return at, at + len(phrase)


def test_tokens_join_back_into_text_with_their_spans(docs) -> None:
    a, _ = docs
    assert a.text == ("Acme buys Widgets\n\nMay 05, 2010\n\nAcme bought Widgets on Monday, it said.\n\n"
                      "The purchase closed.\n")  # fmt: skip
    words = "Acme buys Widgets May 05 , 2010 Acme bought Widgets on Monday , it said . The purchase closed .".split()
    assert [a.text[s:e] for s, e in a.token_spans.values()] == words
    assert a.token_spans["9"] == _span(a, "bought")
    assert a.tokens_in(*_span(a, "bought Widgets on")) == ["9", "10", "11"]
    assert a.tokens_in(*_span(a, "ought Wid")) == ["9", "10"]  # a partial overlap is an overlap


def test_gold_mentions_events_sentences_and_dates(docs) -> None:
    a, b = docs
    assert a.published == dt.date(2010, 5, 5)
    assert b.published == dt.date(2010, 5, 6)  # from the date line, though not marked as the creation time
    assert a.exhaustive == {0, 1, 2}  # sentence 3 holds only a cross-document mention
    assert b.exhaustive == {0, 1, 2}
    assert {m.m_id: m.event for m in a.mentions.values()} == {"1": "INST_BUY", "2": "INST_BUY", "3": "1#51",
                                                              "4": "INST_BUY"}  # fmt: skip
    assert b.mentions["3"].event == "2#mention-3"  # refers to no EVENT: an event of its own
    assert not a.mentions["4"].first_pass and a.mentions["2"].first_pass
    assert (a.mentions["2"].start, a.mentions["2"].end) == _span(a, "bought")


def test_spans_map_to_gold_mentions(docs) -> None:
    a, _ = docs
    assert mt.map_mention(a, *_span(a, "bought")).gold.m_id == "2"
    # A quote over several gold mentions: the one the label names; else the better covered one.
    quote = _span(a, "bought Widgets on Monday, it said")
    assert mt.map_mention(a, *quote, "purchase (bought)").gold.m_id == "2"
    assert mt.map_mention(a, *quote, "statement (said)").gold.m_id == "3"
    assert mt.map_mention(a, *_span(a, "bought Widgets on Monday, it sa")).gold.m_id == "2"
    # In an annotated sentence, a span over no gold mention is a judged non-event.
    widgets = mt.map_mention(a, *_span(a, "Widgets on"))
    assert widgets.gold is None and widgets.known
    # Later sentences are unknown, unless their cross-document mentions are asked for.
    purchase = _span(a, "purchase")
    assert mt.map_mention(a, *purchase).gold is None and not mt.map_mention(a, *purchase).known
    assert mt.map_mention(a, *purchase, later=True).gold.m_id == "4"
    closed = mt.map_mention(a, *_span(a, "closed"), later=True)
    assert closed.gold is None and not closed.known


def test_pairwise_precision_and_recall_arithmetic(docs) -> None:
    a, b = docs

    def m(doc, phrase: str, **kw):
        return mt.map_mention(doc, *_span(doc, phrase), **kw)

    bought, said, sold, sale = m(a, "bought"), m(a, "said"), m(b, "sold"), m(b, "sale")
    widgets, closed = m(a, "Widgets on"), m(a, "closed")
    sc = mt.score_links([[bought, said, sold, sale, widgets, closed, m(a, "bough")]])
    # Gold mentions in the event: bought (BUY), said (local), sold (BUY), sale (BUY); the second
    # reader span on "bought" counts once.  Within: bought~said wrong, sold~sale right.
    assert (sc.within_right, sc.within_wrong) == (1, 1)
    # Across: bought~sold, bought~sale right; said~sold, said~sale wrong.
    assert (sc.cross_right, sc.cross_wrong) == (2, 2)
    assert sc.within_precision == 0.5 and sc.cross_precision == 0.5
    # The non-event span pairs with the four distinct gold mentions and the unknown span;
    # the unknown span with the four gold mentions.
    assert sc.nonevent_pairs == 5 and sc.unjudged == 4
    assert (sc.gold_cross, sc.gold_cross_found) == (2, 2) and sc.cross_recall == 1.0
    assert sc.mentions == 7 and sc.mapped == 5
    assert {(x.text, y.text) for x, y in sc.wrong_pairs} == {("bought", "said"), ("said", "sold"), ("said", "sale")}

    apart = mt.score_links([[bought, said, sold], [sale]])
    assert (apart.cross_right, apart.cross_wrong) == (1, 1)
    assert (apart.within_right, apart.within_wrong) == (0, 1)
    assert (apart.gold_cross, apart.gold_cross_found) == (2, 1) and apart.cross_recall == 0.5

    nothing = mt.score_links([[bought], [widgets]])
    assert nothing.cross_precision is None and nothing.cross_recall is None
    # Recall's denominator over the whole gold: the title mention "buys" too, and with later sentences "purchase".
    assert mt.gold_cross_pairs(docs) == 4
    assert mt.gold_cross_pairs(docs, known_only=False) == 6


def test_anchors_and_dating_judgements(docs, tmp_path: Path) -> None:
    path = tmp_path / "list_instances.csv"
    path.write_text(INSTANCES, encoding="utf-8")
    inst = mt.read_instances(path)
    assert set(inst) == {"INST_BUY", "INST_RUN"}  # XXXX-XX-XX is no anchor; entities are not events
    assert inst["INST_RUN"] == mt.Anchor(dt.date(2009, 1, 1), dt.date(2010, 5, 31), "BEGIN/ENDINTERVAL")
    buy = mt.anchor_of("INST_BUY", docs, inst)
    assert (buy.lo, buy.hi) == (dt.date(2010, 5, 3), dt.date(2010, 5, 3))
    said = mt.anchor_of("1#51", docs, inst)  # SIMULTANEOUS with the creation time
    assert (said.lo, said.hi) == (dt.date(2010, 5, 5), dt.date(2010, 5, 5))
    assert mt.anchor_of("2#mention-3", docs, inst) is None  # BEFORE is no anchor

    day = mt.Anchor(dt.date(2010, 5, 3), dt.date(2010, 5, 3), "TIME")
    d = dt.date
    assert mt.judge_dating(d(2010, 5, 3), d(2010, 5, 3), day) == "exact"
    assert mt.judge_dating(d(2010, 5, 1), d(2010, 5, 5), day) == "contains"
    assert mt.judge_dating(None, d(2010, 5, 5), day) == "contains"
    assert mt.judge_dating(d(2010, 5, 4), None, day) == "excludes"
    assert mt.judge_dating(d(2010, 4, 1), d(2010, 5, 2), day) == "excludes"
    assert mt.judge_dating(None, None, day) == "unbounded"
    month = mt.Anchor(dt.date(2010, 5, 1), dt.date(2010, 5, 31), "TIME")
    assert mt.judge_dating(d(2010, 5, 3), d(2010, 5, 9), month) == "inside"
    assert mt.judge_dating(d(2010, 4, 20), d(2010, 5, 9), month) == "overlaps"
    assert mt.parse_value("2010-XX-XX") == (d(2010, 1, 1), d(2010, 12, 31))
    assert mt.parse_value("2010-02") == (d(2010, 2, 1), d(2010, 2, 28))
    assert mt.parse_value("XXXX-XX-XX") is None and mt.parse_value("PRESENT_REF") is None


def test_majority_event_orders_gold_events_by_mentions(docs) -> None:
    a, b = docs
    ms = [mt.map_mention(a, *_span(a, "said")), mt.map_mention(b, *_span(b, "sold")),
          mt.map_mention(b, *_span(b, "sale"))]  # fmt: skip
    assert mt.majority_event(ms) == ["INST_BUY", "1#51"]


SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "evaldata" / "meantime-dev"


@pytest.mark.skipif(not (SHARED / "corpus_airbus").is_dir(), reason=f"MEANTIME data not found at {SHARED}")
def test_gold_spans_score_perfectly_on_the_shared_data() -> None:
    """Every gold mention's own span maps back to it, so the gold clusters score 1.0 (discontinuous mentions too)."""
    docs = [mt.read_doc(f) for topic in ("corpus_airbus", "corpus_gm") for f in sorted((SHARED / topic).glob("*.xml"))]
    assert len(docs) == 60 and all(d.published for d in docs)
    strict: dict[str, list] = {}
    wide: dict[str, list] = {}
    for d in docs:
        assert d.exhaustive >= {0, 1, 2, 3}
        for m in d.mentions.values():
            got = mt.map_mention(d, m.start, m.end, m.text, later=True)
            assert got.gold == m, (d.name, m.m_id, m.text)
            wide.setdefault(m.event, []).append(got)
            strict.setdefault(m.event, []).append(mt.map_mention(d, m.start, m.end, m.text))
    for clusters, known_only in ((strict, True), (wide, False)):
        sc = mt.score_links(list(clusters.values()))
        assert sc.within_wrong == 0 and sc.cross_wrong == 0 and sc.within_right > 0
        assert sc.gold_cross_found == sc.gold_cross == mt.gold_cross_pairs(docs, known_only=known_only) > 0


def test_an_instance_time_that_its_article_contradicts_is_disputed(tmp_path: Path) -> None:
    # The instance is put on the creation day; the article's own TLINK puts it on the Monday it names.
    doc = DOC_1.replace(
        '<TLINK r_id="104" reltype="BEFORE">',
        '<TLINK r_id="105" reltype="IS_INCLUDED"><source m_id="2"/><target m_id="11"/></TLINK>'
        '<TLINK r_id="104" reltype="BEFORE">',
    )
    (tmp_path / "1.xml").write_text(doc, encoding="utf-8")
    (tmp_path / "list_instances.csv").write_text(INSTANCES.replace("2010-05-03", "2010-05-05"), encoding="utf-8")
    inst = mt.read_instances(tmp_path / "list_instances.csv")
    buy = mt.anchor_of("INST_BUY", [mt.read_doc(tmp_path / "1.xml")], inst)
    d = dt.date
    assert (buy.lo, buy.hi) == (d(2010, 5, 5), d(2010, 5, 5))
    assert [(a.lo, a.hi, a.source) for a in buy.disputed] == [(d(2010, 5, 3), d(2010, 5, 3), "TLINK IS_INCLUDED")]
    assert mt.judge(d(2010, 5, 3), d(2010, 5, 3), buy) == "gold disagrees"
    assert mt.judge(d(2010, 5, 5), d(2010, 5, 5), buy) == "exact"
    assert mt.judge(d(2010, 5, 7), d(2010, 5, 8), buy) == "excludes"  # neither annotation holds it
    # An article TLINK that agrees with the instance time disputes nothing.
    (tmp_path / "list_instances.csv").write_text(INSTANCES, encoding="utf-8")
    same = mt.anchor_of(
        "INST_BUY", [mt.read_doc(tmp_path / "1.xml")], mt.read_instances(tmp_path / "list_instances.csv")
    )
    assert same.disputed == () and mt.judge(d(2010, 5, 5), d(2010, 5, 5), same) == "excludes"
