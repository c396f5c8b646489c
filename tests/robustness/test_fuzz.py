"""Fuzzing in CI: mutated articles, rule packs, fact sets and manifests only ever exit 0, 1, 2 or 3.

A small budget here; ``benchmarks/fuzz.py --cases 10000`` runs the same mutations at scale.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.robustness.mutations import TARGETS, TBAQ, Seeds, load_seeds, mutate, run_case, seed_text

SEEDS: Seeds | None = None


def seeds() -> Seeds:
    global SEEDS
    if SEEDS is None:
        SEEDS = load_seeds()
    return SEEDS


@pytest.mark.parametrize("target", TARGETS)
@settings(max_examples=10, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(rng=st.randoms(use_true_random=False))
def test_mutated_inputs_exit_0_to_3_without_traceback(target: str, rng: random.Random) -> None:
    s = seeds()
    if target not in s.targets():
        pytest.skip(f"no real news to mutate: TBAQ texts not found at {TBAQ}")
    text = mutate(seed_text(target, s, rng), rng)
    code, out = run_case(target, text, rng, s, audit_share=0.0)
    assert code in (0, 1, 2, 3), out
    assert "Traceback" not in out


@settings(max_examples=15, deadline=None, derandomize=True)
@given(text=st.text(min_size=1, max_size=400))
def test_random_unicode_fact_sets_exit_0_to_3(text: str) -> None:
    s = seeds()
    code, out = run_case("fact set", "version: 1\n" + text, random.Random(0), s)
    assert code in (0, 1, 2, 3), out
    assert "Traceback" not in out
