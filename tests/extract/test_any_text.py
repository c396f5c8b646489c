"""Any text, however odd, is read and built into a valid fact set, or recorded as a failed article with its reason.

The texts mix the words the reader acts on (event triggers, weekdays, dates, ordinals,
"last met", conditionals, negations) with random unicode, control characters, long lines
and odd punctuation, including the reader's own marker syntax.  Each is audited through
the public audit, which reads the article, builds its fact set in memory and checks it.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from factcheck.auditing import audit
from factcheck.corpus.load import read_article_text
from factcheck.diagnostics import render
from factcheck.errors import UserError
from factcheck.model import FactSetFile, FileAccount, Status

AS_OF = dt.date(2026, 11, 22)
NO_SHRINK = (Phase.explicit, Phase.generate)  # a failing audit is slow to shrink; the text it fails on is shown whole

WORDS = [
    "talks", "the talks", "round", "second round", "third round of talks", "the first round", "meeting", "met",
    "last met", "will meet", "summit", "election", "runoff", "vote", "referendum", "quake", "aftershock", "final",
    "semifinal", "launched", "unveiled", "went on sale", "released", "sentenced", "convicted", "hearing",
    "adjourned", "said", "told reporters", "announced", "Monday", "Thursday", "Sunday's", "Feb. 27", "Feb. 20",
    "March 3, 2026", "Oct. 4", "2019", "mid-June", "in January", "last week", "yesterday", "two weeks ago",
    "three years ago", "a day after", "three days before", "for over three years", "since 2022", "until March 16",
    "If", "if", "would", "could", "not", "did not", "never", "no", "Mercosur", "ASEAN", "Jakarta", "Kestria",
    "Korvane", "the Kremlin", "Istanbul", "U.S.", ".", ",", ";", ":", "'s", "\u2019s", "-", "\u2014", "(", ")", '"',
    "\n", "\n\n", "\r\n", "\t", "...", "?", "!", "\u00ab", "\u00bb", "\u00abE1:talks\u00bb", "\u00abT1:DATE\u00bb",
    "{event}", "{timex:DATE}", "---", "title:", "# ", "* ", "<p>", "</p>", "&amp;", "\u200b", "\u202e", "\ufeff",
    "\u0130stanbul", "\u00c7\u0131ra\u011fan", "\U0001f600", "\x07", "\x1b[0m",
]  # fmt: skip

# News-like clauses, so that triggers, dates and relation patterns meet in one sentence.
OPENERS = ["", "", "If", "On Monday,", "Officials said", "A day after the vote,", "Unless", "It was"]
PARTIES = ["Negotiators", "The two blocs", "Mercosur and ASEAN", "Korvane", "Kestria's voters", "The court",
           "Russia and Ukraine", "They", "Vytis", ""]  # fmt: skip
VERBS = ["met", "will meet", "did not meet", "last met", "held", "would hold", "are meeting", "launched", "won",
         "were not", "adjourned", "sentenced", "have not spoken since", "struck", "shook"]  # fmt: skip
EVENTS = ["talks", "the second round of talks", "a third round", "the election", "a runoff", "the final",
          "the summit", "an earthquake", "an aftershock", "the hearing", "the first meeting", "the first election",
          "the last vote", "the second referendum", ""]  # fmt: skip
TIMES = ["on Feb. 20", "Thursday", "in January", "on March 12", "last week", "two weeks ago", "in 2019",
         "on Feb. 30", "on 31 April", "in mid-May", "three days after the quake", "since 2022", "today",
         "on Sunday, Oct. 4", "in the fall of 2011", "5,000 years ago", ""]  # fmt: skip
clause = st.tuples(
    *(st.sampled_from(xs) for xs in (OPENERS, PARTIES, VERBS, EVENTS, TIMES)),
    st.sampled_from([".", ",", ";", " and", ""]),
).map(lambda t: " ".join(x for x in t[:-1] if x) + t[-1])

word = st.sampled_from(WORDS)
noise = st.text(max_size=12)
piece = st.one_of(word, word, word, noise, clause, clause)
sentence = st.lists(piece, max_size=30).map(" ".join)
long_line = st.builds(lambda frag, n: frag * n, st.one_of(word, noise).filter(bool), st.integers(100, 1500))
article = st.tuples(
    st.lists(st.one_of(clause, clause, sentence), min_size=1, max_size=5).map(" ".join),
    st.one_of(st.just(""), st.just(""), long_line),
).map(lambda t: t[0] + t[1])


def _audit_one(folder: Path, name: str, text: str, match_timeout: float | None = 10.0) -> FileAccount:
    """Audit one article alone and check what came of it; the account of its file."""
    path = folder / name
    path.write_text(text, encoding="utf-8", newline="")
    # One conflict per component and a short solver budget: validity is the point here, not the diagnosis.
    try:
        result = audit([folder], as_of=AS_OF, max_conflicts=1, timeout_ms=2000, match_timeout=match_timeout)
    except UserError as exc:
        # A file with no text is no article: the run says that nothing was audited, and why (exit 2).
        assert not re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S).strip(), exc
        assert all("nothing audited" in d.message for d in exc.diagnostics), exc
        return FileAccount()
    report, files = result.report, result.report.files
    assert files is not None
    audited = set(files.audited)
    records = {n.path: n.reason for n in (*files.failed, *files.skipped)}
    # Every input is accounted for once: audited, or not audited with the reason why.
    assert len(audited) + len(records) == 1, files
    assert all(reason.strip() for reason in records.values()), files
    assert report.status in (Status.CONSISTENT, Status.CONTRADICTION, Status.INCONCLUSIVE)
    assert not [f for f in report.findings if f.kind == "error"], [render(f) for f in report.findings]
    if audited:
        article_text = read_article_text(path)
        for ev in report.events:
            for m in ev.mentions:
                assert article_text[m.start : m.end] == m.text, (ev.id, m)
    else:
        assert not any(m for ev in report.events for m in ev.mentions), "a failed article left mentions behind"
    # What the audit returns as its fact set is a fact set a user could have written.
    fs = result.factset
    FactSetFile.model_validate({
        "documents": [d.model_dump(mode="json", exclude_defaults=True) for d in fs.documents],
        "events": [e.model_dump(mode="json", exclude_defaults=True) for e in fs.events],
        "facts": [f.model_dump(mode="json", exclude_defaults=True) for f in fs.facts],
    })  # fmt: skip
    return files


ODD_TEXTS = {
    "first-election-since": "Voters went to the polls on Sunday. It was the first election since 2019.",
    "conditional-vote": "If the cabinet falls on Dec. 8, a vote would likely be held in mid-January.",
    "negated-meeting": "The two sides did not meet on Feb. 27, and they have not spoken since.",
    "reader-markers": "\u00abE1:talks\u00bb met \u00abT1:DATE\u00bb on Feb. 27 {event} {timex:DATE} «E2:».",
    "control-characters": "\x07\x1b[0m talks\r\n on Monday\u202e; the\u200bsummit\x0c on Feb. 20\r",
    "long-line": "the second round of talks on Monday, " * 600,
    "only-punctuation": ".;,:!?'\"()[]{}" * 50,
    "dates-only": "Feb. 27 Monday 2019 last week two weeks ago Feb. 30 31 April Oct. 4, 2026 " * 20,
}


@pytest.mark.parametrize("name", list(ODD_TEXTS))
def test_odd_text_becomes_a_valid_fact_set(name: str, tmp_path: Path) -> None:
    _audit_one(tmp_path, "article.txt", ODD_TEXTS[name])


def test_article_over_its_matching_budget_is_a_failed_record(tmp_path: Path) -> None:
    text = "the second round of talks on Monday, " * 3000
    files = _audit_one(tmp_path, "article.txt", text, match_timeout=0.5)
    assert [n.path for n in files.failed] == [str(tmp_path / "article.txt")], files
    assert "match" in files.failed[0].reason


@settings(max_examples=20, deadline=None, derandomize=True, phases=NO_SHRINK,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
@given(text=article)
def test_any_plain_text_becomes_a_valid_fact_set(text: str) -> None:
    with TemporaryDirectory(prefix="factcheck-any-text-") as tmp:
        _audit_one(Path(tmp), "article.txt", text)


@settings(max_examples=12, deadline=None, derandomize=True, phases=NO_SHRINK,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
@given(body=article)
def test_any_dated_article_body_becomes_a_valid_fact_set(body: str) -> None:
    # A dated article gives the relative dates in the body an anchor, so the solver has real work to do.
    with TemporaryDirectory(prefix="factcheck-any-text-") as tmp:
        _audit_one(Path(tmp), "article.md", "---\ntitle: Odd text\npublished: 2026-03-10\n---\n" + body)
