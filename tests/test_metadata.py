"""Titles, years, dates, document numbers and addressees, on realistic fragments of reports."""

import datetime as dt

import pytest

from transforms.dates import parse_run_together
from transforms.metadata import doc_number, find_title, read_metadata, report_year
from transforms.report import parse_report


def test_site_title_and_bracketed_link_text_are_not_the_report_title():
    page = [
        "长沙市政府门户网站-长沙市2023年法治政府建设情况报告_某某",
        "[山东省政府发布2018年度法治政府建设情况报告] 对法治政府建设的思考",
        "长沙市2023年法治政府建设情况报告",
    ]
    assert find_title(page[:2]) is None
    assert find_title(page) == "长沙市2023年法治政府建设情况报告"


def test_title_after_an_advertising_prefix_on_one_line():
    line = (
        "秘书之家—全网资源每日更新www.mishuzj.com"
        "湖北省人民政府关于2023年度法治政府建设情况的报告2023年,省政府坚持"
    )
    assert find_title([line]) == "湖北省人民政府关于2023年度法治政府建设情况的报告"


@pytest.mark.parametrize(
    "title",
    [
        "厦门市海沧区政府2015年推进依法行政工作情况及2016年工作打算",
        "宝鸡市陈仓区2025年度法治政府建设工作总结",
    ],
)
def test_titles_that_are_summaries_or_plans(title):
    assert find_title(["首页 > 公示公告", title]) == title


def test_traditional_characters_title():
    assert find_title(["北京市2020年法治政府建設年度情況報告"]) == "北京市2020年法治政府建設年度情況報告"


def test_report_year_is_the_year_covered_not_published():
    assert (
        report_year(None, "2016年,山东省政府以党的十八大精神为指导,深入推进依法行政", dt.date(2018, 7, 23))
        == 2016
    )
    opening = "根据(厅字〔2019〕28号)有关规定,现将县人民政府2022年法治政府建设工作情况报告如下。"
    assert report_year(None, opening, None) == 2022
    assert report_year(None, "一年来,我们坚持依法行政,取得明显成效,现报告如下", dt.date(2024, 3, 1)) == 2023


def test_plan_periods_are_not_report_years():
    assert report_year(None, "认真落实《法治政府建设实施纲要(2021—2025年)》,我市坚持依法行政", None) is None


def test_damaged_signing_date_and_document_number():
    assert parse_run_together("2023214") == dt.date(2023, 2, 14)
    assert parse_run_together("2024111") is None  # 1-11 or 11-1: ambiguous, no guess
    assert doc_number(["袁府字〔20235", "关于2022年度推进法治政府建设工作情况报告"]) == (
        "袁府字〔2023〕5号",
        True,
    )


def test_a_cited_document_number_is_not_the_reports_own():
    cited = "根据《法治政府建设与责任落实督察工作规定》(厅字〔2019〕28号)有关规定,现将情况报告如下。"
    assert doc_number([cited]) == (None, False)
    assert doc_number(["通政文〔2020〕22号", "2019年度法治政府建设情况的报告"]) == (
        "通政文〔2020〕22号",
        False,
    )


def test_signature_date_addressee_and_printing_office():
    body = "\n".join(
        [
            "2019年度法治政府建设情况的报告",
            "开封市人民政府:",
            "2019年通许县法治政府建设工作坚持以习近平新时代中国特色社会主义思想为指导,现将2019年法治政府建设工作情况报告如下:",
            "特此报告。",
            "2020年3月31日",
            "通许县人民政府办公室 2020年3月31日印发",
        ]
    )
    meta = read_metadata(body, body)
    assert meta.addressee == "开封市人民政府"
    assert meta.doc_date == dt.date(2020, 3, 31)
    assert meta.report_year == 2019


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("来源:市司法局 发布时间:2024-02-22 15:53 字体大小:", "2024-02-22"),
        ("【信息来源:【作者:【信息时间:2024-03-19 16:18  阅读次数: 】", "2024-03-19"),
        ("日期:2021-03-30 15:28    來源:北京市人民政府", "2021-03-30"),
        ("25.02.2016  10:00", "2016-02-25"),
        ("天津市静海区人民政府 2019年12月3日星期二", None),
    ],
)
def test_publish_date_from_page_labels(line, expected):
    page = f"{line}\n某县2023年法治政府建设情况报告\n正文"
    published = read_metadata(page, page).publish_date
    assert (published.isoformat() if published else None) == expected


def test_a_header_block_gives_the_title_and_the_publish_date():
    page = (
        "标题: 某某县司法局2021年度法治政府建设工作报告\n发布时间: 2022-01-20\n"
        "发布机构: 某某县司法局\n\n2021年,我局坚持依法行政。"
    )
    record = parse_report("page.txt", page.encode()).record()
    assert record["title"] == "某某县司法局2021年度法治政府建设工作报告"
    assert record["publish_date"] == "2022-01-20"
    assert record["report_year"] == 2021


def test_a_title_broken_over_two_lines_keeps_its_issuer_and_region():
    page = "许昌市司法局\n2021年度法治政府建设情况报告\n\n2021年,市司法局认真贯彻落实依法行政。\n"
    record = parse_report("page.txt", page.encode()).record()
    assert record["title"] == "许昌市司法局2021年度法治政府建设情况报告"
    assert record["region"]["adcode"] == "411000"
    assert record["doc_type"] == "department"


def test_the_year_of_the_title_whatever_the_signing_date():
    page = "关于2019年法治政府建设工作情况的报告\n\n2019年,全县推进依法行政。\n\n某县人民政府\n2019年12月28日"
    assert parse_report("page.txt", page.encode()).record()["report_year"] == 2019
