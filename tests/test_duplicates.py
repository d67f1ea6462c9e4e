import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.pages import div_page, report_body
from transforms.duplicates import (
    NEAR_DUPLICATE,
    SHINGLE,
    jaccard,
    may_be_near,
    region_groups,
    shingles,
    with_duplicates_flagged,
    with_duplicates_flagged_by_region,
)
from transforms.parsing import parse_reports
from transforms.samples import file_reports


def mirrored_reports(sample_paths, tmp_path) -> pl.DataFrame:
    """A report at two addresses, an edited mirror of it, it as a web page, and another report."""
    text = sample_paths[0].read_bytes()
    edited = (
        sample_paths[0]
        .read_text(encoding="utf-8")
        .replace("阅读次数: ", "阅读次数: 2048")
        .replace("。", "。 ", 3)
    )
    page = div_page("许昌市人民政府关于2023年法治政府建设情况的报告", report_body(sample_paths[0])[2:-3])
    files = [
        ("a/xuchang.txt", text, None),
        ("b/xuchang-copy.txt", text, None),
        ("c/mirror.txt", edited.encode(), None),
        ("d/page.html", page.encode(), None),
        ("e/changsha.txt", sample_paths[1].read_bytes(), None),
    ]
    for name, content, _ in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(content)
    raw = file_reports([tmp_path / name for name, _, _ in files])
    raw = raw.with_columns(source=raw["source"].str.replace(f"{tmp_path}/", "", literal=True))
    return parse_reports(raw).documents


def test_same_report_at_two_addresses_and_a_mirror_with_small_edits(sample_paths, tmp_path):
    documents = with_duplicates_flagged(mirrored_reports(sample_paths, tmp_path))
    flags = dict(documents.select("source", "flags").iter_rows())
    original = documents.filter(source="a/xuchang.txt").item(0, "document_id")
    expected = f"duplicate_of:{original}"
    assert expected not in flags["a/xuchang.txt"]
    for copy in ("b/xuchang-copy.txt", "c/mirror.txt", "d/page.html"):
        assert expected in flags[copy]
    assert not any(f.startswith("duplicate_of") for f in flags["e/changsha.txt"])


def test_copies_found_one_group_of_regions_at_a_time_are_those_of_one_pass(sample_paths, tmp_path):
    """The loader's way (texts read from a file per group, held reports asked for per group) with
    every region a group of its own, and reports without a region (a bucket of their own too)."""
    reports = mirrored_reports(sample_paths, tmp_path)
    unplaced = reports.filter(pl.col("source").is_in(["a/xuchang.txt", "c/mirror.txt"])).with_columns(
        pl.col("document_id") + "-x", source=pl.lit("z/") + pl.col("source"), adcode=pl.lit(None, pl.String)
    )
    documents = pl.concat([reports, unplaced])
    documents.write_parquet(tmp_path / "documents.parquet")
    asked: list[list[str]] = []

    def held(regions: list[str]) -> pl.DataFrame:
        asked.append(regions)
        return documents.clear().select("document_id", "source", "adcode", "report_year", "text")

    grouped = with_duplicates_flagged_by_region(
        documents.drop("text"), [tmp_path / "documents.parquet"], held, characters=1
    )
    assert grouped.to_dicts() == with_duplicates_flagged(documents).drop("text").to_dicts()
    flags = dict(grouped.select("source", "flags").iter_rows())
    assert any(f.startswith("duplicate_of:") and f.endswith("-x") for f in flags["z/c/mirror.txt"])
    regions = documents.get_column("adcode").drop_nulls().unique().sort().to_list()
    assert asked == [[region] for region in regions]


def test_regions_are_grouped_by_their_texts_length_and_never_split():
    documents = pl.DataFrame(
        {"adcode": ["410100", "410100", "430100", None, "440100"], "length": [60, 50, 30, 20, 200]}
    )
    assert region_groups(documents, characters=100) == [["410100"], ["430100"], ["440100"], [None]]
    assert region_groups(documents, characters=150) == [["410100", "430100"], ["440100"], [None]]
    assert region_groups(documents, characters=1_000) == [["410100", "430100", "440100", None]]
    assert region_groups(documents.clear()) == []


def substring_jaccard(a: str, b: str) -> float:
    """The definition, with Python sets of the shingles themselves (no hashing)."""

    def windows(text: str) -> set[str]:
        compact = "".join(text.split())
        return {compact[i : i + SHINGLE] for i in range(max(1, len(compact) - SHINGLE + 1))}

    left, right = windows(a), windows(b)
    return len(left & right) / len(left | right)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="法治政府建设报告年度。 1", max_size=60),
    st.text(alphabet="法治政府建设报告年度。 1", max_size=60),
)
def test_shingle_similarity_is_the_jaccard_similarity_of_the_texts_windows(a, b):
    assert jaccard(shingles(a), shingles(b)) == pytest.approx(substring_jaccard(a, b))
    if not may_be_near(shingles(a), shingles(b)):
        assert substring_jaccard(a, b) < NEAR_DUPLICATE


def test_a_text_is_its_own_near_duplicate_and_shorter_texts_are_one_shingle():
    text = "全年办理行政复议案件232件，纠错率12%。" * 3
    assert jaccard(shingles(text), shingles(text.replace("。", "。 \n"))) == 1.0
    assert len(shingles("")) == len(shingles("法治")) == 1
    assert jaccard(shingles("法治"), shingles("政府")) == 0.0
