"""Synthetic wire-news corpora for the scale benchmark: many independent stories, known truth.

Each story is a pair of countries holding rounds of talks in one city on one topic.  Two to
four articles cover it, written from templates in wire style (headline, dateline, attributed
statements, a line of page boilerplate now and then), stating dates the ways news does: full
dates, year-less dates ("on Feb. 27"), "last met", ordinals ("second round").  A story with
an injected contradiction has one article that misstates a date the others pin down.

The country and city names are real but more than the shipped reader pack knows, so the
generator also writes an article-reader pack (the shipped one with a larger gazetteer),
passed to the audit with ``extract_pack``: a newsroom would extend the pack the same way.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from factcheck.resources import shipped_rules_dir

COUNTRIES = [
    "Albania", "Algeria", "Angola", "Argentina", "Armenia", "Australia", "Austria", "Azerbaijan", "Bahrain",
    "Bangladesh", "Belarus", "Belgium", "Bolivia", "Botswana", "Brazil", "Bulgaria", "Cambodia", "Cameroon",
    "Canada", "Chile", "Colombia", "Croatia", "Cuba", "Cyprus", "Denmark", "Ecuador", "Egypt", "Estonia",
    "Ethiopia", "Finland", "Georgia", "Ghana", "Greece", "Guatemala", "Honduras", "Hungary", "Iceland",
    "Indonesia", "Iraq", "Ireland", "Italy", "Jamaica", "Jordan", "Kazakhstan", "Kenya", "Kuwait", "Latvia",
    "Lebanon", "Libya", "Lithuania", "Malaysia", "Mali", "Malta", "Mexico", "Moldova", "Mongolia", "Morocco",
    "Mozambique", "Namibia", "Nepal", "Nigeria", "Norway", "Oman", "Panama", "Paraguay", "Peru",
    "Philippines", "Poland", "Portugal", "Romania", "Rwanda", "Senegal", "Serbia", "Singapore", "Slovakia",
    "Slovenia", "Somalia", "Spain", "Sudan", "Sweden", "Syria", "Tanzania", "Thailand", "Tunisia", "Uganda",
    "Uruguay", "Uzbekistan", "Venezuela", "Vietnam", "Yemen", "Zambia", "Zimbabwe",
]  # fmt: skip
CITIES = [
    "Accra", "Addis Ababa", "Almaty", "Amman", "Amsterdam", "Antalya", "Astana", "Asuncion", "Baku",
    "Bangkok", "Barcelona", "Belgrade", "Bern", "Bogota", "Bratislava", "Bucharest", "Budapest",
    "Buenos Aires", "Copenhagen", "Dakar", "Dhaka", "Dubrovnik", "Dushanbe", "Edinburgh", "Florence",
    "Gdansk", "Hanoi", "Havana", "Helsinki", "Jakarta", "Kampala", "Kigali", "Kuala Lumpur", "Lagos",
    "Lima", "Lisbon", "Ljubljana", "Luanda", "Lusaka", "Madrid", "Manama", "Manila", "Maputo", "Marrakesh",
    "Milan", "Montevideo", "Muscat", "Nairobi", "Naples", "Nicosia", "Oslo", "Ottawa",
    "Prague", "Quito", "Rabat", "Reykjavik", "Riga", "Rome", "Santiago", "Sarajevo", "Skopje", "Sofia",
    "Stockholm", "Tallinn", "Tashkent", "Tbilisi", "Tirana", "Tunis", "Ulaanbaatar", "Valletta", "Vilnius",
    "Warsaw", "Windhoek", "Yerevan", "Zagreb",
]  # fmt: skip
TOPICS = [("trade", "trade"), ("a prisoner swap", "prisoners"), ("nuclear safety", "nuclear"),
          ("a ceasefire", "peace"), ("reopening embassies", "diplomatic-missions")]  # fmt: skip
WIRES = ["Wire", "Newswire", "World Service"]
ORDINALS = ["first", "second", "third", "fourth"]
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
AS_OF = dt.date(2025, 12, 31)


def write_pack(path: Path) -> Path:
    """The shipped article-reader pack with every country and city of the generator in its gazetteer."""
    pack = yaml.safe_load((shipped_rules_dir() / "en" / "extract.yaml").read_text(encoding="utf-8"))
    for c in COUNTRIES:
        pack["entities"].setdefault(c, [c])
    for c in CITIES:
        pack["locations"].setdefault(c, [c])
    path.write_text(yaml.safe_dump(pack, sort_keys=False, allow_unicode=True, width=200), encoding="utf-8")
    return path


def _long(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def _short(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}"


@dataclass
class Corpus:
    """A generated corpus: its folder, the reader pack to use, and the truth."""

    folder: Path
    pack: Path
    articles: int = 0
    story_of_doc: dict[str, int] = field(default_factory=dict)
    injected: set[int] = field(default_factory=set)


def _story_keys(n: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """``n`` distinct (country, country, city) triples: stories that cannot be linked to each other."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    while len(out) < n:
        a, b = sorted(rng.sample(COUNTRIES, 2))
        key = (a, b, rng.choice(CITIES))
        if key not in seen:
            seen.add(key)
            out.append(key)
    return out


def generate(folder: Path, articles: int, *, seed: int = 7, inject_rate: float = 0.1) -> Corpus:
    """Write about ``articles`` articles into ``folder`` (sharded in subfolders) and return the truth."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(folder, write_pack(folder.parent / f"{folder.name}-pack.yaml"))
    keys = _story_keys(articles // 3 + 1, rng)
    s = 0
    while corpus.articles < articles:
        a, b, city = keys[s]
        texts = _story(rng, a, b, city, inject := rng.random() < inject_rate)
        texts = texts[: articles - corpus.articles]
        shard = folder / f"{s // 1000:04d}"
        shard.mkdir(exist_ok=True)
        for k, text in enumerate(texts):
            doc = f"s{s:06d}-{k}"
            (shard / f"{doc}.txt").write_text(text, encoding="utf-8")
            corpus.story_of_doc[doc] = s
        if inject and len(texts) == 3:
            corpus.injected.add(s)
        corpus.articles += len(texts)
        s += 1
    return corpus


def _story(rng: random.Random, a: str, b: str, city: str, inject: bool) -> list[str]:
    """Three articles on two rounds of talks; with ``inject``, the third misdates the second round."""
    topic, _ = rng.choice(TOPICS)
    first = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(3000))
    second = first + dt.timedelta(days=rng.randint(7, 60))
    wire = rng.choice(WIRES)
    said = rng.choice(["an official said", "officials said", "a spokesperson said", "diplomats said"])
    one = (
        f"{a} and {b} hold talks on {topic}\n\n"
        f"{city.upper()} ({wire}) - Delegations from {a} and {b} met in {city} on {_long(first)} "
        f"for a first round of talks on {topic}, {said}.\n\n"
        f"The meeting lasted several hours, and both sides agreed to meet again, {said}.\n"
    )
    if rng.random() < 0.3:
        one += f"\nCopyright {first.year} {wire}. All rights reserved.\n"
    two = (
        f"{a}, {b} meet in {city} for second round of talks\n\n"
        f"{city.upper()} ({wire}) - {a} and {b} met in {city} on {_long(second)} for a second round of talks "
        f"on {topic}.\n\n"
        f"The two sides last met in {city} on {_short(first)} to discuss {topic}.\n"
    )
    wrong = second + dt.timedelta(days=rng.choice([-5, -3, 2, 4, 9]))
    third_day = wrong if inject else second
    three = (
        f"Analysis: what the {city} talks between {a} and {b} achieved\n\n"
        f"({wire}) - The second round of talks in {city} on {_long(third_day)} ended without a deal on {topic}, "
        f"{said}.\n\n"
        f"Negotiators from {a} and {b} are expected to meet again, {said}.\n"
    )
    return [one, two, three]
