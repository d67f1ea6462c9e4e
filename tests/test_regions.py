"""Region resolution: year-aware, uses every clue, never guesses between same-named districts."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from transforms.regions import Evidence, gazetteer, masked, place_phrases, region_record, resolve_region
from transforms.report import parse_report


def test_gazetteer_covers_every_level():
    levels = {r.level for r in gazetteer().regions}
    assert levels == {"national", "province", "prefecture", "county"}
    assert sum(1 for r in gazetteer().by_adcode.values() if r.level == "province") == 34


@pytest.mark.parametrize("name", ["鼓楼区", "朝阳区", "城关区", "新华区"])
def test_ambiguous_district_names_are_left_unresolved(name):
    resolution = resolve_region(Evidence(title=f"{name}2023年法治政府建设情况报告"), 2023)
    assert resolution.region is None
    assert resolution.ambiguous


@pytest.mark.parametrize(
    ("clue", "adcode"),
    [
        (Evidence(title="鼓楼区2023年法治政府建设情况报告", addressee="开封市人民政府"), "410204"),
        (Evidence(title="南京市鼓楼区2023年法治政府建设情况报告"), "320106"),
        (Evidence(title="鼓楼区2023年法治政府建设情况报告", body="依托福州市数据平台"), "350102"),
    ],
)
def test_ambiguous_names_resolved_by_context(clue, adcode):
    assert resolve_region(clue, 2023).region.adcode == adcode


def test_codes_are_year_aware():
    assert resolve_region(Evidence(title="长垣县2016年法治政府建设情况报告"), 2016).region.adcode == "410728"
    assert resolve_region(Evidence(title="长垣市2020年法治政府建设情况报告"), 2020).region.adcode == "410783"


def test_department_report_belongs_to_its_jurisdiction():
    region = resolve_region(Evidence(title="武汉市司法局2022年度推进法治政府建设情况报告"), 2022).region
    assert (region.adcode, region.level) == ("420100", "prefecture")


def test_county_named_in_the_body_with_a_level_word():
    clue = Evidence(
        opening="现将县人民政府2022年法治政府建设工作情况报告如下",
        body="制定了《岳阳县人民政府常务会会前学法制度》",
    )
    assert resolve_region(clue, 2022).region.adcode == "430621"


def test_autonomous_prefecture_short_form_and_municipality_district():
    assert (
        resolve_region(
            Evidence(title="黔西南州人民政府关于2020年度法治政府建设情况的报告"), 2020
        ).region.adcode
        == "522300"
    )
    record = region_record(resolve_region(Evidence(title="静海区2023年度法治政府建设情况报告"), 2023))
    assert record == {
        "name": "静海区",
        "adcode": "120118",
        "level": "county",
        "prefecture": None,
        "province": "天津市",
    }


def test_central_ministry_is_national():
    resolution = resolve_region(Evidence(opening="2017年,原环境保护部深入学习宣传贯彻党的十九大精神"), 2017)
    assert resolution.region.adcode == "100000"


def test_no_region_mentioned():
    resolution = resolve_region(
        Evidence(opening="2024年,我区坚持以习近平新时代中国特色社会主义思想为指导"), 2024
    )
    assert resolution.region is None
    assert not resolution.ambiguous


def test_township_report_resolves_to_its_county_with_level_township():
    clue = Evidence(title="通许县练城乡人民政府2023年法治政府建设情况报告")
    resolution = resolve_region(clue, 2023)
    assert resolution.region.adcode == "410222"
    assert resolution.level == "township"
    assert region_record(resolution)["level"] == "township"


def test_county_government_is_not_mistaken_for_a_township():
    assert resolve_region(Evidence(title="通许县人民政府2023年法治政府建设情况报告"), 2023).level == "county"


def test_the_site_host_is_a_clue():
    from transforms.regions import host_regions

    unnamed = Evidence(opening="2024年,我区坚持以习近平新时代中国特色社会主义思想为指导,推进法治政府建设")
    assert resolve_region(unnamed, 2024).region is None
    with_host = Evidence(opening=unnamed.opening, hint=host_regions("www.zhongyuan.gov.cn"))
    assert resolve_region(with_host, 2024).region.adcode == "410102"
    assert host_regions("sft.hubei.gov.cn") == "湖北省"
    ambiguous = Evidence(opening=unnamed.opening, hint=host_regions("www.gulou.gov.cn"))
    assert resolve_region(ambiguous, 2024).ambiguous


@pytest.mark.parametrize(
    "sentence",
    [
        "县委和县政府高度重视法治政府建设。",
        "我们坚持长治久安,发展朝阳产业,弘扬延安精神。",
        "借鉴浙江经验,对标深圳,学习遵义会议精神。",
        "在中山路设立法律服务站。",
    ],
)
def test_stock_phrases_are_not_places(sentence):
    page = f"2022年度法治政府建设情况报告\n\n{sentence}全年推进依法行政。\n"
    record = parse_report("page.txt", page.encode()).record()
    assert record["region"] is None
    assert "no_region" in record["flags"]


# Pieces of stock phrases (data/place_phrases.toml) and of the text around them.
PHRASE_PIECES = [
    *["长治", "久安", "借鉴", "外地", "浙江", "经验", "的", "精神"],
    *["会议", "中山", "路", "大", "街", "政", "，", "a"],
]


@given(st.lists(st.sampled_from(PHRASE_PIECES), max_size=16).map("".join))
@example("，浙江大街")  # a place right after a non-Chinese character, before an overlapping suffix
@example("借鉴外地浙江经验精神")
@settings(max_examples=300)
def test_the_phrases_are_blanked_where_the_union_would_blank_them(text):
    """Tried only where a phrase can begin, the phrases blank what their union blanks everywhere."""
    blanked = place_phrases().pattern.sub(lambda m: " " * len(m.group(0)), text)
    assert masked(text) == blanked


@pytest.mark.parametrize(("year", "adcode"), [(2002, "142322"), (2003, "141121")])
def test_a_code_change_is_resolved_by_the_report_year_itself(year, adcode):
    """文水县 moved from 吕梁地区 (1423xx, to 2002) to 吕梁市 (1411xx, from 2003): the year's tolerance
    finds both, the row valid in the year itself wins."""
    resolution = resolve_region(Evidence(title=f"文水县{year}年依法行政工作报告"), year)
    assert resolution.region is not None
    assert resolution.region.adcode == adcode
