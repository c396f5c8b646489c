"""The quick reject by the second word: what the walk of a pattern reads, and that it never changes a match."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.dates import quick
from factcheck.dates.compile import rule_source
from factcheck.dates.pack import load_ruleset
from factcheck.dates.quick import ANY, by_second_word, next_key, second_words, second_words_index
from factcheck.dates.starts import word_key
from factcheck.dates.tagger import DateReader
from factcheck.resources import shipped_rules_dir

# As rule_source anchors a rule's pattern.
LEFT, RIGHT = r"(?<![\w])(?:", r")(?![\w])"


def anchored(body: str) -> str:
    return LEFT + body + RIGHT


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (r"(?:the\s+)?(?:past|last)\s+\d+", {"the": {"past", "last"}, "past": {"#"}, "last": {"#"}}),
        (r"today(?:\s+morning)?", {"today": {ANY, "morning"}}),  # the match may end after one word
        (r"fiscal\s+fy\d{2,4}", {"fiscal": {"fy#"}}),  # a digit ends a word's key, as word_key writes it
        (r"\d{1,2}(?:st|nd|rd|th)?\s+of\s+may", {"#": {"of"}}),  # the rest of a word after its digit is skipped
        (r"the\s+[ab]c", {"the": {"ac", "bc"}}),  # a class of a few letters is spelt out
        (r"(?i:THE)[\s-]+(?P<n>year|month)s?", {"the": {"year", "years", "month", "months"}}),
        (r"the\b\s*,?\s+(?=[A-Z])past\b", {"the": {"past"}}),  # assertions are stepped over
        (r"in\s+(?:the\s+)?(?:\d+|next)", {"in": {"the", "#", "next"}}),
    ],
)
def test_the_second_words_of_a_pattern(body: str, expected: dict[str, set[str]]) -> None:
    got = second_words(anchored(body), re.IGNORECASE)
    assert got == {k: frozenset(v) for k, v in expected.items()}


@pytest.mark.parametrize(
    "body",
    [
        r"the\s+\w+",  # open-ended
        r"the\s+[a-z]+day",  # a run of any letters
        r"the\s+café",  # a letter outside ASCII: the text's word would be read otherwise
        r"\W*the\s+past",  # a match that may start with punctuation
        r"the\s+.+",
        r"(?P<w>the)\s+(?P=w)",  # a back-reference
    ],
)
def test_second_words_the_walk_cannot_list_are_unknown(body: str) -> None:
    assert second_words(anchored(body), re.IGNORECASE) is None


def test_the_key_of_the_next_word() -> None:
    assert [next_key(w) for w in ("2025", "plan", "Past", "FY2025")] == ["#", "plan", "past", "fy#"]
    assert next_key("ſeason") == ""  # not ASCII: re's case folding would read it otherwise


def test_each_trigger_reads_the_word_after_it() -> None:
    reader = readers()[0]
    text = "The 2025 plan, the Past; last"
    got = [(m.group(), m.group(1)) for m in reader._trigger.finditer(text)]
    assert got[0] == ("The", "2025")
    assert ("the", "Past") in got  # across punctuation
    assert got[-1] == ("last", None)  # no word follows


def test_rules_are_tried_by_next_word_unless_theirs_are_unknown_or_they_are_not_screened() -> None:
    index = [{"the": frozenset({"past"})}, {"the": frozenset({ANY, "last"})}, None, {"the": frozenset({"past"})}]
    always, by_next = by_second_word("the", [0, 1, 2, 3], index, screened={0, 1, 2})
    assert always == [1, 2, 3]  # any next word; unknown; not screened (a user rule)
    assert by_next == {"past": [0, 1, 2, 3]}


def test_the_pairs_are_stored_once_and_then_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path))
    sources = [(anchored(r"(?:the\s+)?(?:past|last)\s+\d+"), 2), (anchored(r"\w+"), 2)]
    first = second_words_index(sources)
    assert first == [second_words(p, f) for p, f in sources]
    assert len(list(tmp_path.glob("date-second-words-*.table"))) == 1

    def fail(*args: object) -> None:
        raise AssertionError("the pairs were worked out again instead of read from the cache")

    monkeypatch.setattr(quick, "second_words", fail)
    assert second_words_index(sources) == first
    path = next(tmp_path.glob("date-second-words-*.table"))
    path.write_text(path.read_text().replace('"past"', '"pest"'))  # the checksum fails: worked out again
    with pytest.raises(AssertionError, match="worked out again"):
        second_words_index(sources)


@functools.cache
def readers() -> tuple[DateReader, DateReader]:
    ruleset = load_ruleset([shipped_rules_dir()])
    return DateReader(ruleset), DateReader(ruleset, quick=False)


def test_every_match_of_the_examples_starts_with_a_pair_its_rule_can_start_with() -> None:
    """The walk read the shipped rules it can: what each matched in the examples starts with a pair it listed."""
    slow = readers()[1]
    words = re.compile(r"\w+")
    sources = {r.id: rule_source(slow.ruleset, r) for r in slow.rules}
    checked = 0
    for text in fragments():
        for a, b, rule, _ in slow.spans(text):
            got = second_words(*sources[rule.id])
            pair = [word_key(w) for w in words.findall(text[a:b])[:2]]
            if got is None or not text[a:b].isascii():
                continue
            assert pair[0] in got, (rule.id, text[a:b])
            assert ANY in got[pair[0]] or (len(pair) == 2 and pair[1] in got[pair[0]]), (rule.id, text[a:b])
            checked += 1
    assert checked > 300
    known = sum(got is not None for got in map(lambda s: second_words(*s), sources.values()))
    assert known >= len(slow.rules) - 3


@functools.cache
def fragments() -> list[str]:
    rules = readers()[0].rules
    texts = [ex.text for r in rules for ex in r.examples] + [n for r in rules for n in r.negatives]
    words = sorted({w for t in texts for w in re.findall(r"\S+", t)})
    return texts + words


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.integers(0, 10**6).map(lambda i: fragments()[i % len(fragments())]),
            st.text(alphabet="abcdeſé THEPASTlast0123-,.\n", min_size=1, max_size=12),
        ),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from([" ", "  ", "-", ", ", "\n", ""]),
)
def test_the_quick_reject_changes_no_match(parts: list[str], sep: str) -> None:
    text = sep.join(parts)
    quick, slow = readers()

    def spans(reader: DateReader) -> list[tuple[int, int, str]]:
        return [(a, b, rule.id) for a, b, rule, _ in reader.spans(text)]

    assert spans(quick) == spans(slow)


def test_the_quick_reject_changes_no_match_on_the_examples() -> None:
    quick, slow = readers()
    for text in fragments():
        assert [(a, b, r.id) for a, b, r, _ in quick.spans(text)] == [(a, b, r.id) for a, b, r, _ in slow.spans(text)]


def test_user_rules_are_tried_at_every_word_and_share_the_shipped_rules_second_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.dates.test_user_pack import USER_PACK

    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    DateReader.load()
    adding = USER_PACK.split("  - id: date-weekday")[0]  # a new rule only (no shipped one overridden)
    (tmp_path / "mine.yaml").write_text(adding, encoding="utf-8")
    reader = DateReader.load([tmp_path / "mine.yaml"])
    mine = next(i for i, r in enumerate(reader.rules) if r.id == "date-ides")
    assert reader._second[mine] is None
    assert [m.rule for m in reader.tag("Beware the Ides of March.")] == ["date-ides"]
    assert len(list((tmp_path / "cache").glob("date-second-words-*.table"))) == 1
