"""Quality flags on realistic inputs built from the sample reports."""

import datetime as dt

from hypothesis import example, given, settings
from hypothesis import strategies as st

from transforms.audit import audit_figures
from transforms.outline import parse_outline
from transforms.quality import days_late, deadline, spam_spans
from transforms.report import parse_report


def parse_sample(paths, index, transform=lambda text: text):
    path = paths[index]
    return parse_report(path.name, transform(path.read_text(encoding="utf-8")).encode())


def test_flags_of_the_sample_reports(sample_paths):
    flags = {p.name[:3]: parse_report(p.name, p.read_bytes()).flags for p in sample_paths}
    assert "injected_spam" in flags["001"]
    assert "inconsistent_figures" in flags["001"]
    assert "damaged_text" in flags["003"]
    assert "no_title" in flags["004"]
    assert flags["000"] == []


def test_other_injected_spam_is_found_too(sample_paths):
    defaced = parse_sample(sample_paths, 0, lambda t: t.replace("习近平", "澳门新葡京娱乐城", 3))
    assert "injected_spam" in defaced.flags
    latin = parse_sample(sample_paths, 3, lambda t: t.replace("习近平", "bet365zy"))
    assert "injected_spam" in latin.flags


def test_spam_lexicon_does_not_fire_on_clean_reports(sample_paths):
    for index in (0, 2, 3, 4):
        assert spam_spans(sample_paths[index].read_text(encoding="utf-8")) == []


def test_no_region_and_ambiguous_region(sample_paths):
    unnamed = parse_sample(sample_paths, 4, lambda t: t.replace("中原区", "我区").replace("郑州市", "我市"))
    assert "no_region" in unnamed.flags
    ambiguous = parse_sample(
        sample_paths, 4, lambda t: t.replace("中原区", "鼓楼区").replace("依托郑州市信用平台", "依托信用平台")
    )
    assert "ambiguous_region" in ambiguous.flags
    assert ambiguous.resolution.region is None


def test_late_follows_the_deadline_for_the_kind_of_report():
    assert deadline(2023, "government") == dt.date(2024, 4, 1)
    assert deadline(2023, "department") == dt.date(2024, 3, 1)
    assert days_late(2023, dt.date(2024, 4, 2), "government") == 1
    assert days_late(2023, dt.date(2024, 3, 19), "department") == 18


def test_late_flag_on_a_report_published_after_1_april(sample_paths):
    late = parse_sample(sample_paths, 0, lambda t: t.replace("2024-03-19 16:18", "2024-04-15 09:00"))
    assert "late" in late.flags
    assert late.days_late() == 14


def test_missing_sections(sample_paths):
    cut = parse_sample(sample_paths, 2, lambda t: t.split("二、推进法治政府建设存在的不足")[0])
    assert "missing_sections" in cut.flags


def test_inconsistent_rate_detail():
    found = audit_figures(
        {"mediation_success_rate": 97.1, "mediation_success": 51232, "mediation_cases": 52840}
    )
    assert [i.check for i in found] == ["stated_rate"]
    assert "96.96" in found[0].detail
    assert (
        audit_figures({"mediation_success_rate": 98.1, "mediation_success": 6609, "mediation_cases": 6736})
        == []
    )


def test_outline_parts_of_a_report(sample_paths):
    text = parse_report("x.txt", sample_paths[3].read_bytes()).text
    top = [s for s in parse_outline(text) if s.depth == 0]
    assert [s.category for s in top] == ["achievements", "shortcomings", "leadership_duty", "next_year"]
    assert all(text[s.start :].startswith(("一", "二", "三", "四")) for s in top)
    nested = [s for s in parse_outline(text) if s.depth == 2]
    assert nested[0].path == "1/1/1"


def test_third_party_copies_and_stories(sample_paths):
    mirrored = parse_sample(sample_paths, 0, lambda t: "秘书之家—全网资源每日更新www.mishuzj.com\n" + t)
    assert mirrored.doc_type == "third_party"
    assert "third_party" in mirrored.flags
    story = parse_sample(sample_paths, 0, lambda t: "本报记者 张三\n" + t)
    assert story.doc_type == "third_party"


def test_department_and_ministry_reports(sample_paths):
    department = parse_sample(
        sample_paths, 0, lambda t: t.replace("许昌市人民政府关于2023年", "许昌市司法局关于2023年", 1)
    )
    assert (department.doc_type, department.issuer) == ("department", "许昌市司法局")
    assert department.resolution.region.adcode == "411000"
    opening = "2017年,原环境保护部深入学习宣传贯彻党的十九大精神,以习近平新时代中国特色社会主义思想为指导。"
    ministry = parse_report("m.txt", opening.encode())
    assert (ministry.issuer, ministry.resolution.region.adcode) == ("原环境保护部", "100000")


def test_no_year_when_the_report_states_none(sample_paths):
    undated = parse_sample(
        sample_paths, 4, lambda t: t.replace("2024年度", "本年度").replace("2024年", "今年")
    )
    undated_year = [f for f in undated.flags if f == "no_year"]
    assert undated.meta.report_year is None
    assert undated_year == ["no_year"]


def test_an_injected_insertion_is_found_whole():
    from transforms.quality import spam_spans

    ad = "资料站www.wenku-xx.com"
    text = f"一是推进依法行政{ad}工作,二是强化监督{ad}落实,三是深化改革。"
    assert spam_spans(text) == [ad]
    assert spam_spans("网址:www.example.gov.cn\n主办单位:某市人民政府") == []


# Pieces of injected spam and of the Chinese around it.
SPAM_PIECES = ["中", "法治", "a", "ab", "Qq", "0", "9", "www.", "x.com", ".cn", "-", " ", "。", "http://"]


@given(st.lists(st.sampled_from(SPAM_PIECES), max_size=20).map("".join))
@example("中0ab中")  # a word that opens with a digit
@example("法治9x.com中")
@example("中-ab.cn中http://www.x.com法")
@settings(max_examples=300)
def test_the_spam_patterns_find_what_findall_finds(text):
    """Tried only after a Chinese character, the patterns find what findall finds everywhere."""
    from transforms import quality
    from transforms.scanning import matches_from

    for pattern, start in [
        (quality.LATIN_IN_HAN, quality.LATIN_IN_HAN_START),
        (quality.INJECTED_ADDRESS, quality.INJECTED_ADDRESS_START),
    ]:
        assert [m.group(0) for m in matches_from(pattern, start, text)] == pattern.findall(text)
