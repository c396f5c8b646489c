"""Running the examples of the article reader's rules (relations and boilerplate)."""

from __future__ import annotations

from collections import Counter

from factcheck.corpus.load import Article, ArticleMeta
from factcheck.corpus.segment import segment
from factcheck.dates.examples import CaseResult
from factcheck.extract.reader import ArticleReader
from factcheck.extract.rules import BoilerplateRule, RelationExample, RelationRule


def article_from_text(text: str, doc_id: str = "example") -> Article:
    """An in-memory article (no file, no metadata) for examples and tests."""
    return Article(id=doc_id, path=f"{doc_id}.txt", text=text, meta=ArticleMeta(), segmentation=segment(text))


def extract_cases(reader: ArticleReader) -> list[tuple[str, RelationRule | BoilerplateRule, RelationExample | str]]:
    """Every example of every relation and boilerplate rule: ``<rule>_posN`` and ``<rule>_negN``."""
    out: list[tuple[str, RelationRule | BoilerplateRule, RelationExample | str]] = []
    pack = reader.pack.pack
    for rule in sorted(pack.relations, key=lambda r: r.id):
        out += [(f"{rule.id}_pos{i}", rule, ex) for i, ex in enumerate(rule.examples, 1)]
        out += [(f"{rule.id}_neg{i}", rule, neg) for i, neg in enumerate(rule.negatives, 1)]
    for bp in sorted(pack.boilerplate, key=lambda r: r.id):
        out += [(f"{bp.id}_pos{i}", bp, ex) for i, ex in enumerate(bp.examples, 1)]
        out += [(f"{bp.id}_neg{i}", bp, neg) for i, neg in enumerate(bp.negatives, 1)]
    return out


def run_extract_case(
    reader: ArticleReader, case_id: str, rule: RelationRule | BoilerplateRule, case: RelationExample | str
) -> CaseResult:
    """A relation's positive example must yield exactly its facts (and use the rule); a negative, none by it."""
    if isinstance(rule, BoilerplateRule):
        text = case if isinstance(case, str) else case.text
        found = [b for b in reader.boilerplate(text) if b[3] == rule.id]
        positive = case_id.split("_")[-1].startswith("pos")
        if positive and not found:
            return CaseResult(case_id, rule.id, False, f"line {text!r} not recognised as {rule.kind}")
        if not positive and found:
            return CaseResult(case_id, rule.id, False, f"line {text!r} wrongly taken for {rule.kind}")
        return CaseResult(case_id, rule.id, True)
    if isinstance(case, str):
        ex = reader.read(article_from_text(case))
        used = [f for f in ex.facts if f["by"] == rule.id]
        if used:
            return CaseResult(case_id, rule.id, False, f"negative {case!r} produced {len(used)} facts by {rule.id}")
        return CaseResult(case_id, rule.id, True)
    ex = reader.read(article_from_text(case.text))
    got, want = Counter(ex.summaries()), Counter(case.expect)
    problems = []
    if not any(f["by"] == rule.id for f in ex.facts):
        problems.append(f"rule {rule.id} did not fire on {case.text!r}")
    if got != want:
        missing, extra = sorted((want - got).elements()), sorted((got - want).elements())
        problems.append(f"missing {missing}, unexpected {extra}")
    return CaseResult(case_id, rule.id, not problems, "; ".join(problems))
