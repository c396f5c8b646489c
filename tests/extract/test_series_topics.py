"""A series' topic is what its events are about as the parse reads it; the topics table only normalises it."""

import datetime as dt
from pathlib import Path

from factcheck.auditing import audit
from factcheck.corpus.load import load_article
from tests.extract.helpers import READER

AS_OF = dt.date(2026, 11, 22)


def series_of(tmp_path: Path, text: str, kind: str = "talks", name: str = "a.txt") -> str:
    """The series of an article's own event of a kind."""
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    events = {e["id"].split(":", 1)[1]: e for e in READER.read(load_article(p)).events}
    return str(events[kind].get("series", ""))


# ---------------------------------------------------------------- open topics, from the theme's head noun
def test_talks_on_a_theme_no_table_knows_take_its_head_noun(tmp_path: Path) -> None:
    series = series_of(tmp_path, "Norway and Iceland held talks on fishing quotas in Bergen on Tuesday.")
    assert series.endswith(":talks:quota")


def test_two_themes_between_the_same_parties_are_two_series(tmp_path: Path) -> None:
    quotas = series_of(tmp_path, "Norway and Iceland held talks on fishing quotas in Bergen on Tuesday.", name="a.txt")
    border = series_of(tmp_path, "Norway and Iceland held talks about a border dispute in Bergen on Tuesday.",
                       name="b.txt")  # fmt: skip
    assert quotas != border
    assert border.endswith(":talks:dispute")


def test_one_theme_in_other_constructions_is_one_series(tmp_path: Path) -> None:
    texts = [
        "Canada and Denmark met in Ottawa on Monday to discuss fishing quotas.",
        "Canada and Denmark opened quota talks in Ottawa on Monday.",
        "Canada and Denmark held negotiations over catch quotas in Ottawa on Monday.",
        "Canada and Denmark held talks in Ottawa on Monday. The talks focused on quotas.",
    ]
    found = {series_of(tmp_path, t, name=f"{i}.txt") for i, t in enumerate(texts)}
    assert found == {"canada+denmark:talks:quota"}


def test_a_theme_in_a_gerund_is_its_object(tmp_path: Path) -> None:
    series = series_of(tmp_path, "Peru and Chile held talks on sharing river water in Lima on Monday.")
    assert series.endswith(":talks:water")


# ---------------------------------------------------------------- the table normalises
def test_synonyms_the_table_lists_are_one_topic(tmp_path: Path) -> None:
    ceasefire = series_of(tmp_path, "Peru and Chile held talks on a ceasefire in Lima on Monday.", name="a.txt")
    truce = series_of(tmp_path, "Peru and Chile began truce negotiations in Lima on Monday.", name="b.txt")
    assert ceasefire == truce == "chile+peru:talks:peace"


def test_a_gerund_phrase_the_table_lists_is_its_topic(tmp_path: Path) -> None:
    ending = series_of(tmp_path, "Peru and Chile held talks on ending the war in Lima on Monday.", name="a.txt")
    peace = series_of(tmp_path, "Peru and Chile held peace talks in Lima on Monday.", name="b.txt")
    assert ending == peace == "chile+peru:talks:peace"


def test_a_trigger_with_its_own_theme_word_is_normalised(tmp_path: Path) -> None:
    series = series_of(tmp_path, "Laos and Vietnam carried out a prisoner swap in Hanoi on Friday.", kind="exchange")
    assert series.endswith(":exchange:prisoners")


# ---------------------------------------------------------------- what is no topic
def test_talks_without_a_theme_keep_no_topic(tmp_path: Path) -> None:
    assert series_of(tmp_path, "Peru and Chile held talks in Lima on Monday.") == "chile+peru:talks"


def test_a_day_a_party_or_a_place_is_no_topic(tmp_path: Path) -> None:
    texts = [
        "Peru and Chile will hold talks on Friday in Lima.",
        "Peru and Chile held Lima talks on Monday.",
        "Peru and Chile held talks on Monday with Bolivia in Lima.",
    ]
    assert [series_of(tmp_path, t, name=f"{i}.txt").count(":") for i, t in enumerate(texts)] == [1, 1, 1]


def test_the_kinds_own_wording_is_no_topic(tmp_path: Path) -> None:
    # "phone calls" names the kind; "for a round of talks": the meeting is the talks, not about them
    call = series_of(tmp_path, "Peru and Chile held phone calls on Monday.", kind="phone-call", name="a.txt")
    assert call == "chile+peru:phone-call"
    talks = series_of(tmp_path, "Peru and Chile met in Lima on Monday for a second round of talks.", name="b.txt")
    assert talks == "chile+peru:talks"


def test_a_theme_of_a_meeting_elsewhere_is_not_the_articles_topic(tmp_path: Path) -> None:
    text = "Norway and Iceland held talks in Bergen on Friday. In May, the two countries met in Oslo to discuss fishing quotas."
    assert series_of(tmp_path, text) == "iceland+norway:talks"


def test_a_theme_of_a_meeting_in_another_tense_is_not_the_articles_topic(tmp_path: Path) -> None:
    text = ("Norway and Iceland will hold talks in Bergen on Friday. "
            "Earlier, Norway and Iceland held talks on fishing quotas in May.")  # fmt: skip
    assert series_of(tmp_path, text) == "iceland+norway:talks"


def test_another_meeting_in_the_article_on_its_own_theme_is_of_that_themes_series(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Norway and Iceland held the first round of talks on fishing quotas in Bergen on March 3. "
                 "On Feb. 10, the two countries met in Oslo to discuss a border dispute.", encoding="utf-8")  # fmt: skip
    series = {e["id"].split(":", 1)[1]: e.get("series") for e in READER.read(load_article(p)).events}
    assert series["talks"] == "iceland+norway:talks:quota"
    assert [s for k, s in series.items() if k != "talks"] == ["iceland+norway:talks:dispute"]


def test_another_meeting_in_the_article_without_a_theme_keeps_the_articles_series(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Norway and Iceland held the first round of talks on fishing quotas in Bergen on March 3. "
                 "On Feb. 10, the two countries met in Oslo.", encoding="utf-8")  # fmt: skip
    series = {e.get("series") for e in READER.read(load_article(p)).events if e["kind"] == "talks"}
    assert series == {"iceland+norway:talks:quota"}


def test_the_theme_most_mentions_name_is_the_topic(tmp_path: Path) -> None:
    text = ("Norway and Iceland held talks on fishing quotas in Bergen on Tuesday. "
            "The talks also touched on shipping. The quota talks ended late.")  # fmt: skip
    assert series_of(tmp_path, text).endswith(":talks:quota")


# ---------------------------------------------------------------- across articles
def _write(folder: Path, name: str, published: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"---\npublished: {published}\n---\n{body}\n", encoding="utf-8")


def _codes(tmp_path: Path, first: str, earlier: str) -> list[str]:
    """The findings of two articles: one on a first round that names an earlier meeting elsewhere, one on that meeting."""
    _write(tmp_path, "a.md", "2025-03-05", first)
    _write(tmp_path, "b.md", "2025-02-20", earlier)
    return [f.code for f in audit([tmp_path], as_of=AS_OF, background=False).report.findings]


_FIRST_ROUND = (
    "The first round of talks on {theme} between Peru and Chile took place in Lima on March 3. "
    "The decision to launch the {short} talks came after officials of Peru and Chile met in Quito on Feb. 18."
)


def test_a_meeting_on_another_theme_is_not_an_earlier_round(tmp_path: Path) -> None:
    # The Quito meeting links the two articles; it is of another series, so "the first round" stands.
    first = _FIRST_ROUND.format(theme="fishing quotas", short="quota")
    assert "FC101" not in _codes(tmp_path, first, "Peru and Chile met in Quito on Feb. 18 to discuss a border dispute.")


def test_a_meeting_on_the_same_theme_in_other_words_is_an_earlier_round(tmp_path: Path) -> None:
    # A ceasefire and a truce are one topic: the Quito meeting is of the series, and "the first round" clashes.
    first = _FIRST_ROUND.format(theme="a ceasefire", short="ceasefire")
    assert "FC101" in _codes(tmp_path, first, "Peru and Chile held truce negotiations in Quito on Feb. 18.")
