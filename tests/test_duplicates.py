from tests.pages import div_page, report_body
from transforms.frames import parse_reports


def test_same_report_at_two_addresses_and_a_mirror_with_small_edits(sample_paths):
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
    documents = parse_reports(files).documents
    flags = dict(documents.select("source", "flags").iter_rows())
    original = documents.filter(source="a/xuchang.txt").item(0, "document_id")
    expected = f"duplicate_of:{original}"
    assert expected not in flags["a/xuchang.txt"]
    for copy in ("b/xuchang-copy.txt", "c/mirror.txt", "d/page.html"):
        assert expected in flags[copy]
    assert not any(f.startswith("duplicate_of") for f in flags["e/changsha.txt"])
