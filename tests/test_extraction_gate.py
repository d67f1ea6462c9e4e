"""The extraction-quality gate: the scores reached on the development sets are pinned here and may
only go up. Lowering a baseline is a decision to make in review, with the reason in the commit."""

from pathlib import Path

from orchestration.extract import extract_records
from tests.conftest import OPENINGS
from tests.scoring import score

SEED_BASELINE = {"tp": 55, "precision": 1.0, "recall": 1.0}
SEED_SPAM_FLAGS = {"001_6b24399234e2fad4.txt"}
OPENINGS_MAX_REGION_MISSES = 1
OPENINGS_MAX_TITLE_MISSES = 1


def test_seed_figures_meet_the_targets_and_the_pinned_baseline(sample_paths, seed_gold):
    result = score(list(extract_records(sample_paths)), *seed_gold)
    assert result.precision >= 0.97
    assert result.recall >= 0.90
    assert result.tp >= SEED_BASELINE["tp"]
    assert result.precision >= SEED_BASELINE["precision"], result.false_figures
    assert result.recall >= SEED_BASELINE["recall"]


def test_seed_metadata_matches_gold_on_every_scored_field(sample_paths, seed_gold):
    result = score(list(extract_records(sample_paths)), *seed_gold)
    assert result.meta_misses == []


def test_seed_spam_flags(sample_paths):
    flagged = {Path(r["source"]).name for r in extract_records(sample_paths) if "injected_spam" in r["flags"]}
    assert flagged == SEED_SPAM_FLAGS


def test_openings_give_no_false_figure(openings_gold):
    records = list(extract_records(sorted(OPENINGS.glob("*.txt"))))
    result = score(records, *openings_gold)
    assert result.fp == 0, result.false_figures


def test_openings_metadata_within_one_region_and_one_title(openings_gold):
    records = list(extract_records(sorted(OPENINGS.glob("*.txt"))))
    misses = score(records, *openings_gold).meta_misses
    regions = [m for m in misses if " adcode:" in m]
    titles = [m for m in misses if " title:" in m]
    others = [m for m in misses if m not in regions + titles]
    assert len(regions) <= OPENINGS_MAX_REGION_MISSES, regions
    assert len(titles) <= OPENINGS_MAX_TITLE_MISSES, titles
    assert others == []
