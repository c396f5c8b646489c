"""Article-reader benchmark: precision and recall per fact kind on hand-labelled wire sentences.

    python benchmarks/extract.py [--show-errors]

Reads tests/extract/labelled.yaml (sentences written for the project, in the style of wire
news, each with every fact a careful reader takes from it), runs the article reader on each
sentence alone and compares the facts in summary form.  In the same run, a baseline that
links every event of a sentence to every date of it ("on" facts only, with the tense of the
nearest cue) shows what the relation rules add.  Targets: precision >= 0.9, recall >= 0.8.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factcheck.extract.examples import article_from_text
from factcheck.extract.reader import ArticleReader

LABELLED = Path(__file__).resolve().parents[1] / "tests" / "extract" / "labelled.yaml"
HELDOUT = Path(__file__).resolve().parents[1] / "tests" / "extract" / "labelled_heldout.yaml"


def kind_of(summary: str) -> str:
    return summary.split()[0]


def baseline(reader: ArticleReader, text: str) -> list[str]:
    """Every event with every date of its sentence, as "on" facts."""
    art = article_from_text(text)
    times = [t for t in reader.dates.tag(text) if t.type == "DATE"]
    out = []
    for mn in reader._mentions(text, list(art.segmentation.sentences), lambda p: False):
        for t in times:
            rel = dict(t.relative)
            if rel.get("expression") == "weekday":
                value = f"weekday:{rel['value']}:{t.tense if t.tense in ('past', 'future') else 'unknown'}"
            else:
                value = t.symbolic + (f" {t.mod}" if t.mod else "")
            out.append(f"on {mn.kind} {value}")
    return out


def score(rows: list[tuple[list[str], list[str]]]) -> dict[str, tuple[int, int, int]]:
    per: dict[str, list[int]] = {}
    for want, got in rows:
        w, g = Counter(want), Counter(got)
        for k in set(map(kind_of, w)) | set(map(kind_of, g)):
            wk = Counter({s: n for s, n in w.items() if kind_of(s) == k})
            gk = Counter({s: n for s, n in g.items() if kind_of(s) == k})
            c = per.setdefault(k, [0, 0, 0])
            c[0] += sum((wk & gk).values())
            c[1] += sum(gk.values())
            c[2] += sum(wk.values())
    return {k: (v[0], v[1], v[2]) for k, v in per.items()}


def show(name: str, per: dict[str, tuple[int, int, int]]) -> None:
    print(f"\n{name}")
    print(f"  {'kind':12} {'P':>6} {'R':>6} {'correct':>8} {'found':>6} {'gold':>5}")
    tc = tf = tg = 0
    for k in sorted(per):
        c, f, g = per[k]
        tc, tf, tg = tc + c, tf + f, tg + g
        print(f"  {k:12} {c / f if f else 0:6.3f} {c / g if g else 0:6.3f} {c:8d} {f:6d} {g:5d}")
    print(f"  {'overall':12} {tc / tf if tf else 0:6.3f} {tc / tg if tg else 0:6.3f} {tc:8d} {tf:6d} {tg:5d}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args()
    reader = ArticleReader()
    for name, path in (("development set (the rules were tuned on it)", LABELLED),
                       ("held-out set (never used to change the rules)", HELDOUT)):  # fmt: skip
        run(reader, name, path, args.show_errors)
    print("\ntargets: precision >= 0.9 and recall >= 0.8 overall")


def run(reader: ArticleReader, name: str, path: Path, show_errors: bool) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rows, base_rows = [], []
    for item in data:
        got = reader.read(article_from_text(item["text"])).summaries()
        rows.append((item["facts"], got))
        base_rows.append(([s for s in item["facts"] if kind_of(s) == "on"], baseline(reader, item["text"])))
        if show_errors and Counter(got) != Counter(item["facts"]):
            print(
                f"- {item['text']}\n    missing {sorted((Counter(item['facts']) - Counter(got)).elements())}"
                f"\n    extra   {sorted((Counter(got) - Counter(item['facts'])).elements())}"
            )
    print(f"\n== {name}: {len(data)} sentences, {sum(len(i['facts']) for i in data)} facts")
    show("factcheck article reader", score(rows))
    show("baseline: every event on every date of its sentence ('on' facts only)", score(base_rows))


if __name__ == "__main__":
    main()
