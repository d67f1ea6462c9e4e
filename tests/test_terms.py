from transforms.terms import segment, term_counts
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


def test_injected_spam_is_not_counted():
    counts = term_counts("以足彩app哪个是正规的法治思想为指导,推进法治政府建设", ["足彩app哪个是正规的"])
    assert "足彩" not in counts
    assert counts["法治政府建设"] == 1


def test_theme_coverage_is_normalised_by_length():
    text = "全面推进行政复议和人民调解。"
    short = {c: share for c, _, share in theme_coverage(text)}
    long = {c: share for c, _, share in theme_coverage(text + "其他内容。" * 100)}
    assert short["disputes"] > long["disputes"] > 0
    assert set(short) == {c.code for c in chapters()}
