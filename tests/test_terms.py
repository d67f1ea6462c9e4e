import tomllib
from functools import cache

import jieba
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import DATA
from transforms import terms as terms_module
from transforms.segmenting import segment_documents
from transforms.terms import (
    LEFT_OUT,
    SEARCHABLE,
    TERM,
    TokenKinds,
    canonical_spelling,
    counted_tokens,
    segment,
    user_words,
)
from transforms.themes import chapters, theme_coverage

DICTIONARY_TERMS = [
    "行政复议",
    "出庭应诉",
    "规范性文件",
    "放管服",
    "一件事一次办",
    "枫桥经验",
    "府院联动",
    "首违不罚",
    "法律明白人",
]


def test_dictionary_terms_stay_whole():
    sentence = (
        "强化府院联动,坚持发展枫桥经验,推行首违不罚,做好行政复议和出庭应诉,"
        "审查规范性文件,深化放管服,推行一件事一次办,培养法律明白人"
    )
    tokens = segment(sentence)
    for term in DICTIONARY_TERMS:
        assert term in tokens
        assert segment(term) == [term]


def test_every_dictionary_term_comes_out_as_one_token():
    words = [word for word, _, _ in user_words()]
    assert len(words) >= 300
    split = [w for w in words if segment(w) != [w] or w not in segment(f"我市全面推进{w},取得成效")]
    assert split == []


def test_variant_spellings_are_kept_whole():
    assert "双随机一公开" in segment("推行“双随机、一公开”监管")


@cache
def reference_tokenizer() -> jieba.Tokenizer:
    """Plain jieba with the same dictionary: the behaviour `segment` must reproduce."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word, frequency, tag in user_words():
        tokenizer.add_word(word, frequency, tag)
    return tokenizer


@pytest.mark.slow
def test_fast_engine_equals_jieba_on_the_corpus(sample_paths):
    cases = tomllib.loads((DATA / "extraction_cases.toml").read_text(encoding="utf-8"))["case"]
    texts = [p.read_text(encoding="utf-8") for p in sample_paths] + [case["text"] for case in cases]
    for text in texts:
        assert segment(text) == reference_tokenizer().lcut(canonical_spelling(text), HMM=False)


def test_tokens_are_counted_with_their_kind():
    searchable, terms = counted_tokens(["行政复议", "，", "行政复议", "2023", "的", "规范性文件", "的"])
    assert searchable == {"行政复议": 2, "2023": 1, "的": 2, "规范性文件": 1}
    assert terms == {"行政复议": 2, "规范性文件": 1}


def test_token_kinds_are_remembered_up_to_a_bound(monkeypatch):
    monkeypatch.setattr(terms_module, "KNOWN_TOKENS_MAX", 3)
    kinds = TokenKinds()
    tokens = ["行政复议", "，", "2023", "的", "法治", "x"]
    assert [kinds[t] for t in tokens] == [TERM, LEFT_OUT, SEARCHABLE, SEARCHABLE, TERM, SEARCHABLE]
    assert list(kinds) == ["的", "法治", "x"]  # forgotten all at once when the fourth came


def test_injected_spam_is_not_counted():
    text = "以足彩app哪个是正规的法治思想为指导,推进法治政府建设,以足彩app哪个是正规的新时代思想为指导"
    frame = pl.DataFrame({"document_id": ["d"], "source": ["s"], "sha256": ["0"], "text": [text]})
    terms, search, themes, errors = segment_documents(frame)
    assert errors.is_empty()
    counts = dict(zip(terms["term"], terms["term_count"], strict=True))
    assert "足彩" not in counts
    assert not search.filter(pl.col("token").cast(pl.String).str.contains("足彩")).height
    assert search.filter(token="法治政府建设")["token_count"].to_list() == [1]
    assert not search.filter(token="，").height  # punctuation is not indexed
    assert counts["法治政府建设"] == 1
    assert sorted(themes["chapter"]) == sorted(c.code for c in chapters())
    assert set(themes["document_id"]) == {"d"}


def test_theme_coverage_is_normalised_by_length():
    text = "全面推进行政复议和人民调解。"
    short = {c: share for c, _, share in theme_coverage(text)}
    long = {c: share for c, _, share in theme_coverage(text + "其他内容。" * 100)}
    assert short["disputes"] > long["disputes"] > 0
    assert set(short) == {c.code for c in chapters()}


def theme_terms() -> list[str]:
    return sorted({term for chapter in chapters() for term in chapter.terms})


@given(
    st.lists(st.sampled_from([*theme_terms(), "的", "和", "行政", "复议", "。"]), max_size=30).map("".join)
)
def test_theme_hits_are_what_str_count_counts(text):
    """Found in one pass, each chapter's hits are the sum of str.count over its terms, terms that
    overlap each other (and a term in two chapters) included."""
    expected = {c.code: sum(text.count(term) for term in c.terms) for c in chapters()}
    assert {code: hits for code, hits, _ in theme_coverage(text)} == expected


def test_a_term_that_overlaps_itself_is_refused(monkeypatch):
    from transforms import themes

    bordered = (themes.Chapter("x", "x", ("调解", "阿巴阿")),)
    monkeypatch.setattr(themes, "chapters", lambda: bordered)
    themes.term_finder.cache_clear()
    try:
        with pytest.raises(ValueError, match="阿巴阿"):
            themes.term_finder()
    finally:
        themes.term_finder.cache_clear()
