import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.pages import div_page, report_body
from transforms.duplicates import (
    NEAR_DUPLICATE,
    SHINGLE,
    jaccard,
    may_be_near,
    shingles,
    with_duplicates_flagged,
)
from transforms.parsing import parse_reports
from transforms.samples import file_reports


def test_same_report_at_two_addresses_and_a_mirror_with_small_edits(sample_paths, tmp_path):
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
    documents = with_duplicates_flagged(parse_reports(raw).documents)
    flags = dict(documents.select("source", "flags").iter_rows())
    original = documents.filter(source="a/xuchang.txt").item(0, "document_id")
    expected = f"duplicate_of:{original}"
    assert expected not in flags["a/xuchang.txt"]
    for copy in ("b/xuchang-copy.txt", "c/mirror.txt", "d/page.html"):
        assert expected in flags[copy]
    assert not any(f.startswith("duplicate_of") for f in flags["e/changsha.txt"])


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
