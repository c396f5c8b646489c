"""Mutations of real inputs for fuzzing: line edits, character flips, garbage YAML, odd values.

Shared by the hypothesis fuzz tests (driven by ``st.randoms()``) and ``benchmarks/fuzz.py``.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus" / "istanbul-2025"
TBAQ = ROOT.parent / "shared" / "evaldata" / "tbaq-cleaned"
"""Real news nobody here wrote (TimeBank and AQUAINT); absent on some machines."""
REGRESSION = ROOT / "benchmarks" / "articles"
AS_OF = "2026-11-22"

GARBAGE = [
    "!!python/object/apply:os.system ['echo pwned']",
    "{{{{",
    "]]]",
    "- - - -",
    ": :",
    "&a [*a, *a]",
    "*undefined",
    "? ",
    "|",
    ">-",
    "\t\t",
    "'",
    '"',
    "%YAML 1.1",
    "--- !!binary AAAA",
    "key: [1, 2",
    "2025-02-30",
    "9" * 400,
    "-1e309",
    "1e309",
    "\x00",
    "\ufeff",
    "\u202e",
    "😀" * 5,
    "null",
    "~",
    "true",
    "0x1F",
    ".nan",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "/etc/passwd",
    "{id: x, kind: date, subject: nope, value: 2025-02-30}",
]
ODD_VALUES = ["2025-02-30", "2025-13-01", "0000-01-01", "9999-12-31", "-5", "99999999999999999999", "", "[]", "{}", "x"]


def mutate(text: str, rng: random.Random, rounds: int | None = None) -> str:
    """A random mutation of text: a few line-, character- and value-level edits."""
    lines = text.splitlines(keepends=True) or [""]
    for _ in range(rounds if rounds is not None else rng.randint(1, 4)):
        op = rng.randrange(9)
        i = rng.randrange(len(lines))
        if op == 0 and len(lines) > 1:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[i])
        elif op == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3 and lines[i]:
            k = rng.randrange(len(lines[i]))
            lines[i] = (
                lines[i][:k]
                + chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x80, 0x3000)]))
                + lines[i][k + 1 :]
            )
        elif op == 4:
            lines.insert(i, rng.choice(GARBAGE) + "\n")
        elif op == 5:
            lines[i] = "".join(chr(rng.randrange(1, 0x2FFF)) for _ in range(rng.randrange(1, 30))) + "\n"
        elif op == 6:
            # replace a value after a colon
            if ":" in lines[i]:
                head = lines[i].split(":", 1)[0]
                lines[i] = f"{head}: {rng.choice(ODD_VALUES)}\n"
        elif op == 7:
            # a date made impossible, or a huge number
            lines[i] = lines[i].replace("2025-", rng.choice(["2025-02-30 ", "2025-", "99999-", "2025-00-"]), 1)
        else:
            lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)] + "\n"
    return "".join(lines)


USER_PACK = """\
pack: fuzz
tables:
  feast:
    ides: 15
rules:
  - id: date-ides
    description: The Ides of a month.
    pattern: the\\s+(?P<feast>Ides)\\s+of\\s+(?P<month>{Month})
    type: DATE
    tense: nearest
    value: "{near_year(month, feast)}-{month:02}-{feast:02}"
    examples:
      - text: "Beware the Ides of March."
        expect: {text: "the Ides of March", value: "2025-03-15"}
    negatives:
      - "the ideas of March"
  - id: date-feast-day
    description: A bare feast day.
    pattern: (?P<weekday>{Weekday})\\s+feast
    type: DATE
    tense: past-unless-future
    value: "{weekday(weekday)}"
    examples:
      - text: "A Monday feast."
        expect: {text: "Monday feast", value: "2025-04-07"}
    negatives:
      - "a feast on Monday"
"""

MANIFEST = f"""\
version: 1
defaults:
  retrieved: {{earliest: 2025-05-20, latest: {AS_OF}}}
  trust: 0.9
documents:
  a:
    published: 2025-04-10
    url: https://example.org/a
    publisher: Example
    title: An article
"""

TARGETS = ("article", "news", "rule pack", "fact set", "manifest")
"""What a case mutates; "news" (TBAQ texts and the benchmark's own articles) only where TBAQ is present."""


@dataclass
class Seeds:
    """Real inputs to mutate: articles, a user rule pack, fact sets and a manifest."""

    articles: list[str]
    facts: list[str]
    pack: str = USER_PACK
    manifest: str = MANIFEST
    news: list[str] = field(default_factory=list)

    def targets(self) -> tuple[str, ...]:
        """The targets these seeds can feed."""
        return tuple(t for t in TARGETS if t != "news" or self.news)


def load_news() -> list[str]:
    """Every TBAQ document's text, its DCT as front matter, and the benchmark's articles; [] without TBAQ."""
    if not TBAQ.is_dir():
        return []
    from factcheck.timeml import read_timeml, timeml_files

    out = []
    for f in timeml_files([TBAQ]):
        doc = read_timeml(f)
        dct = doc.dct_date()
        out.append((f"---\npublished: {dct.isoformat()}\n---\n" if dct else "") + doc.text)
    out += [p.read_text(encoding="utf-8") for p in sorted(REGRESSION.glob("*.txt"))]
    return out


def load_seeds() -> Seeds:
    """The bundled articles, the background facts and a fact set extracted from a bundled article."""
    from factcheck.cli import cli

    articles = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    facts = [(ROOT / "facts" / "background.yaml").read_text(encoding="utf-8")]
    with tempfile.TemporaryDirectory() as tmp:
        art = Path(tmp) / "a.txt"
        art.write_text(articles[1], encoding="utf-8")
        out = Path(tmp) / "facts.yaml"
        res = CliRunner().invoke(cli, ["extract", str(art), "-o", str(out)])
        assert res.exit_code == 0, res.output
        facts.append(out.read_text(encoding="utf-8").replace(str(art), "a.txt"))
    return Seeds(articles, facts, news=load_news())


def run_case(
    target: str, text: str, rng: random.Random, seeds: Seeds, audit_share: float = 0.1
) -> tuple[int | str, str]:
    """Write the mutated input into a fresh folder, run the command on it in-process; (exit or 'crash', output)."""
    from factcheck.cli import cli

    tmp = Path(tempfile.mkdtemp(prefix="factcheck-fuzz-"))
    try:
        art = tmp / "a.txt"
        if target in ("article", "news"):
            art.write_bytes(
                text.encode("utf-8", errors="surrogatepass") if rng.random() < 0.9 else text.encode("cp1252", "replace")
            )
            # Reading is where a mangled article bites; a full audit (reading, linking, solving) now and then,
            # for real news every other time (its dates, mangled, are what the solver gets).
            if rng.random() < (max(audit_share, 0.5) if target == "news" else audit_share):
                args = ["audit", str(tmp), "--no-background", "--as-of", AS_OF, "--format", "json"]
            else:
                args = ["extract", str(tmp)]
        elif target == "rule pack":
            (tmp / "rules").mkdir()
            (tmp / "rules" / "pack.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
            art.write_text("Beware the Ides of March. Monday feast was held. " + seeds.articles[4], encoding="utf-8")
            args = ["extract", str(art), "--rules", str(tmp / "rules")]
        elif target == "fact set":
            art.write_text(seeds.articles[1], encoding="utf-8")
            (tmp / "facts.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
            args = [
                "check",
                "--isolated",
                str(tmp / "facts.yaml"),
                "--as-of",
                AS_OF,
                "--format",
                rng.choice(["json", "sarif", "text", "html"]),
            ]
        else:
            art.write_text(seeds.articles[1], encoding="utf-8")
            (tmp / "corpus.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
            args = ["audit", str(tmp), "--no-background", "--as-of", AS_OF, "--format", "json"]
        res = CliRunner().invoke(cli, args, catch_exceptions=True)
        out = res.output + (res.stderr if res.stderr_bytes is not None else "")
        if res.exception is not None and not isinstance(res.exception, SystemExit):
            return "crash", f"{type(res.exception).__name__}: {res.exception}\n{out}"
        if "Traceback" in out or res.exit_code == 70:
            return "crash", out
        return res.exit_code, out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def seed_text(target: str, seeds: Seeds, rng: random.Random) -> str:
    """The unmutated input of a target."""
    if target == "article":
        return rng.choice(seeds.articles)
    if target == "news":
        return rng.choice(seeds.news)
    if target == "rule pack":
        return seeds.pack
    if target == "fact set":
        return rng.choice(seeds.facts)
    return seeds.manifest


CaseRunner = Callable[[str, str, random.Random, Seeds], tuple[int | str, str]]
