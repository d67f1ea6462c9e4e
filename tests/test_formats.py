"""Reading files: encodings, HTML main text, and what is not a report."""

import io

import pytest

from tests.pages import div_page, docx_report, pdf_report, report_body, table_page
from transforms.decode import decode_bytes
from transforms.formats import MAX_BYTES, UnreadableReport, page_text
from transforms.report import parse_report


def test_declared_gb2312_is_read_as_gb18030():
    text = "实施纲要(2016—2020年),张喆、王堃、李赟参加"
    raw = f'<html><head><meta charset="gb2312"></head><body><p>{text}</p></body></html>'.encode("gb18030")
    assert text in decode_bytes(raw, "gb2312")


def test_utf8_page_with_a_lying_meta_charset():
    raw = '<html><head><meta charset="gbk"></head><body>法治政府建设—年度报告</body></html>'.encode()
    assert "法治政府建设—年度报告" in decode_bytes(raw, "gbk")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "gb18030", "gbk"])
def test_text_files_in_any_encoding(sample_paths, encoding):
    original = sample_paths[2].read_text(encoding="utf-8")
    raw = original.encode(encoding)
    assert page_text("report.txt", raw).replace("\r\n", "\n").strip() == original.strip()


def test_utf8_cms_page_gives_the_report_without_chrome(sample_paths):
    paragraphs = report_body(sample_paths[0])[2:-6]
    title = "许昌市人民政府关于2023年法治政府建设情况的报告"
    report = parse_report("page.html", div_page(title, paragraphs).encode())
    assert report.title == title
    assert report.meta.publish_date.isoformat() == "2024-03-19"
    assert report.resolution.region.adcode == "411000"
    for chrome in ("热点新闻", "扫一扫", "ICP备", "不应出现的脚本文字", "当前位置", "阅读次数"):
        assert chrome not in report.text
    assert {f.code for f in report.facts} >= {"review_received", "head_appearance_rate"}


def test_gbk_table_layout_page(sample_paths):
    paragraphs = report_body(sample_paths[2])[3:]
    raw = table_page("2019年度法治政府建设情况的报告", paragraphs).encode("gb18030")
    report = parse_report("tongxu.htm", raw)
    assert report.resolution.region.adcode == "410222"
    assert "2016—2020" in report.text
    assert "热点新闻" not in report.text
    values = {f.code: f.value for f in report.facts}
    assert values["mediation_success"] == 6609


def test_a_page_without_known_containers_falls_back_to_text_density(sample_paths):
    paragraphs = report_body(sample_paths[1])[5:-8]
    page = div_page("长沙市2023年法治政府建设情况报告", paragraphs, container='class="xq-main-text"')
    report = parse_report("page.html", page.encode())
    assert report.resolution.region.adcode == "430100"
    assert "热点新闻" not in report.text


@pytest.mark.parametrize(
    ("name", "raw", "reason"),
    [
        ("image.html", bytes(range(256)) * 40, "binary"),
        ("report.pdf.html", b"%PDF-1.7\x00\x01\x02" * 100, "broken PDF"),
        ("huge.html", b"<html>" + b"a" * (MAX_BYTES + 1), "too large"),
        ("empty.txt", b"   \n  ", "no text"),
        ("report.xlsx", b"PK\x03\x04 some zip", "unsupported"),
    ],
)
def test_what_is_not_a_report_is_refused_with_a_reason(name, raw, reason):
    with pytest.raises(UnreadableReport, match=reason):
        page_text(name, raw)


def test_pdf_text_layer_with_wrapped_lines(sample_paths):
    paragraphs = report_body(sample_paths[2])
    report = parse_report("tongxu.pdf", pdf_report(paragraphs))
    assert report.title == "2019年度法治政府建设情况的报告"
    assert report.meta.doc_number == "通政文〔2020〕22号"
    assert report.resolution.region.adcode == "410222"
    values = {f.code: f.value for f in report.facts}
    assert values["mediation_success_rate"] == 98.1
    assert values["review_received"] == 12


def test_pdf_named_html_is_read_as_pdf(sample_paths):
    raw = pdf_report(report_body(sample_paths[0])[2:8])
    assert "许昌" in page_text("attachment.html", raw)


def test_pdf_without_text_layer_is_refused():
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.rect(50, 50, 200, 200)
    page.save()
    with pytest.raises(UnreadableReport, match="text layer"):
        page_text("scan.pdf", buffer.getvalue())


def test_docx_paragraphs_and_tables(sample_paths):
    paragraphs = report_body(sample_paths[3])[3:]
    report = parse_report("yuanzhou.docx", docx_report(paragraphs, [("发布日期", "2023-02-20")]))
    assert report.title == "关于2022年度推进法治政府建设工作情况报告"
    assert report.resolution.region.adcode == "360902"
    assert {f.code: f.value for f in report.facts}["legal_aid_cases"] == 285


def test_broken_docx_is_refused():
    with pytest.raises(UnreadableReport, match="DOCX"):
        page_text("report.docx", b"PK\x03\x04 not really a zip")
