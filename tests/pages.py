"""Realistic government pages built around the sample reports, for format and extraction tests."""

from collections.abc import Sequence
from pathlib import Path

CHROME_TOP = """<div class="top">无障碍 | 简体 | 繁體 <a href="/">登录</a></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/zwfw">政务服务</a></li><li><a href="/hdjl">互动交流</a></li></ul></div>
<div class="crumb">当前位置:<a href="/">首页</a> &gt; <a>政务公开</a> &gt; 通知公告</div>"""
SIDEBAR = """<div class="side"><h3>热点新闻</h3><ul><li><a>全市召开安全生产工作会议部署重点任务</a></li>
<li><a>我市举行优化营商环境新闻发布会介绍改革成效</a></li></ul></div>"""
FOOTER = """<div class="share">分享到: 微信 微博 QQ空间</div><div>扫一扫在手机打开当前页</div>
<div>【打印本页】【关闭窗口】</div><div class="footer">主办单位:某市人民政府办公室 ICP备05001234号
公网安备 41100002000001号 网站标识码4110000001</div>"""


def report_body(sample: Path) -> list[str]:
    """The paragraphs of a sample report (its chrome lines are what the page adds anyway)."""
    lines = [line.strip() for line in sample.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if len(line) > 1]


def div_page(
    title: str, paragraphs: list[str], charset: str = "utf-8", container: str = 'class="TRS_Editor" id="zoom"'
) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html><head><meta charset="{charset}">
<title>{title}_某市人民政府门户网站</title>
<script>var x = "不应出现的脚本文字";</script></head><body>{CHROME_TOP}
<div class="main"><h1 class="title">{title}</h1>
<div class="info"><span>发布时间:2024-03-19 16:18</span> <span>来源:市司法局</span>
<span>阅读次数:1024</span></div>
<div {container}>{body}</div></div>{SIDEBAR}{FOOTER}</body></html>"""


def table_page(title: str, paragraphs: list[str], charset: str = "gb2312") -> str:
    """An old table-layout page with a 索引号/文号 metadata table and <br> paragraphs."""
    body = "<br>".join(paragraphs)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}</title></head><body><table width="1000"><tr><td>{CHROME_TOP}</td></tr>
<tr><td><table><tr><td>索引号:</td><td>11410222/2020-00012</td><td>文号:</td><td>通政文〔2020〕22号</td></tr>
<tr><td>发布机构:</td><td>县政府办</td><td>发布日期:</td><td>2020-04-02</td></tr></table></td></tr>
<tr><td align="center"><b>{title}</b></td></tr><tr><td id="Zoom">{body}</td></tr>
<tr><td>{SIDEBAR}</td></tr><tr><td>{FOOTER}</td></tr></table></body></html>"""


def pdf_report(paragraphs: list[str], chars_per_line: int = 38) -> bytes:
    """A PDF with a text layer, paragraphs wrapped at the page edge as word processors do."""
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setFont("STSong-Light", 12)
    y = 800
    for paragraph in paragraphs:
        for start in range(0, len(paragraph), chars_per_line):
            if y < 60:
                page.showPage()
                page.setFont("STSong-Light", 12)
                y = 800
            page.drawString(40, y, paragraph[start : start + chars_per_line])
            y -= 16
    page.save()
    return buffer.getvalue()


def docx_report(paragraphs: list[str], table_rows: Sequence[tuple[str, str]] = ()) -> bytes:
    import io

    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table_rows:
        table = document.add_table(rows=0, cols=2)
        for left, right in table_rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = left, right
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
