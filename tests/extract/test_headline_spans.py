"""Whether a position is in a headline: the bisection over the headlines' union answers as a scan of them does."""

import random
from types import SimpleNamespace

from factcheck.extract.identity import _union
from factcheck.extract.produce import _State


def test_is_headline_answers_as_each_span_does() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        # overlapping, touching, nested, empty and reversed spans, in any order
        spans = tuple((a, a + rng.randrange(-2, 8)) for a in (rng.randrange(40) for _ in range(rng.randrange(6))))
        starts, ends = _union(spans)
        assert starts == sorted(starts) and all(e < s for e, s in zip(ends, starts[1:], strict=False))
        state = SimpleNamespace(_headline_runs=(starts, ends))
        for pos in range(-2, 50):
            assert _State.is_headline(state, pos) == any(a <= pos < b for a, b in spans), (spans, pos)  # type: ignore[arg-type]
