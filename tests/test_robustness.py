"""Nothing a file does stops a run or loses the other reports: hostile files, odd encodings and
names, and failures injected into each stage each become one error row with its stage."""

import json
import os
import shutil

import duckdb
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import transforms.parsing
import transforms.segmenting
from orchestration.cli import main
from tests.conftest import load_input
from tests.hostile import GBK_NAME, REPORT, hostile_files
from transforms.frames import RAW_REPORTS
from transforms.parsing import parse_reports, report_rows, rows_of
from transforms.report import parse_report
from transforms.samples import SAMPLE_REPORTS, folder_reports, report_files
from transforms.validate import violations
from warehouse import queries
from warehouse.build import build_warehouse


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    for name, content, _ in hostile_files():
        (folder / name).write_bytes(content)
    (folder / os.fsdecode(GBK_NAME)).write_bytes(REPORT.encode("utf-8"))
    for sample in report_files(SAMPLE_REPORTS):
        shutil.copy(sample, folder / sample.name)
    return folder


@pytest.fixture(scope="module")
def hostile_frames(hostile_folder):
    return parse_reports(folder_reports(hostile_folder))


def test_every_hostile_file_is_one_error_row_with_its_stage(hostile_frames):
    errors = {row["source"].rsplit("/", 1)[-1]: row for row in hostile_frames.errors.to_dicts()}
    expected = {name: stage for name, _, stage in hostile_files() if stage}
    assert {name: errors[name]["stage"] for name in expected if name in errors} == expected
    assert all(row["error"] and "\n" not in row["error"] for row in errors.values())


def test_the_good_files_all_load_beside_them(hostile_frames):
    loaded = {source.rsplit("/", 1)[-1] for source in hostile_frames.documents["source"]}
    good = {name for name, _, stage in hostile_files() if stage is None}
    assert good <= loaded
    assert {p.name for p in report_files(SAMPLE_REPORTS)} <= loaded
    assert "\\xb7\\xa8\\xd6\\xce" in " ".join(hostile_frames.documents["source"])  # the GBK file name


def test_a_stray_byte_is_replaced_and_flagged_not_refused(hostile_frames):
    stray = hostile_frames.documents.filter(pl.col("source").str.ends_with("stray-byte.txt"))
    assert "damaged_text" in stray.item(0, "flags")
    utf16 = hostile_frames.documents.filter(pl.col("source").str.ends_with("utf16.txt"))
    assert utf16.item(0, "report_year") == 2023


def test_mixed_numbering_gives_unique_outline_paths(hostile_frames):
    mixed = hostile_frames.documents.filter(pl.col("source").str.ends_with("mixed-outline.txt"))
    paths = hostile_frames.sections.filter(document_id=mixed.item(0, "document_id"))["path"]
    assert paths.n_unique() == paths.len()
    assert "1/0/1" in paths.to_list()


def test_one_run_over_the_folder_loads_every_report(hostile_folder, tmp_path):
    path = tmp_path / "w.duckdb"
    counts = build_warehouse(path, load_input(parse_reports(folder_reports(hostile_folder)), "hostile"))
    good = sum(stage is None for _, _, stage in hostile_files()) + 1 + 5
    assert counts["dim_document"] + counts_of_shared_sources(path) == good
    errors = queries.query(path, "SELECT stage, count(*) AS n FROM load_error GROUP BY stage")
    assert dict(errors.iter_rows()) == {"read": sum(s == "read" for _, _, s in hostile_files())}


def counts_of_shared_sources(path) -> int:
    """Sources whose text another file already brought (one document, two sources)."""
    shared = "SELECT count(*) - count(DISTINCT document_id) FROM document_source"
    return queries.query(path, shared).item()


def test_extract_goes_on_past_failing_files_and_exits_1(hostile_folder, capsys):
    files = sorted(str(p) for p in hostile_folder.iterdir())
    assert main(["extract", *files]) == 1
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == len(files)
    assert sum("error" in r for r in records) == sum(stage is not None for _, _, stage in hostile_files())


@pytest.mark.parametrize("stage", ["parse", "segment", "validate"])
def test_a_failure_injected_into_a_stage_loses_only_that_report(stage, monkeypatch, tmp_path):
    """Fault injection: one report's stage raises (or produces an invalid row); the others load."""
    victim = report_files(SAMPLE_REPORTS)[3].name  # 宜春市袁州区, the only one with 袁府
    if stage == "parse":
        real = transforms.parsing.parse_report

        def failing(source, raw, hint=None):
            if source.endswith(victim):
                raise RuntimeError("injected")
            return real(source, raw, hint)

        monkeypatch.setattr(transforms.parsing, "parse_report", failing)
    elif stage == "segment":
        real_segment = transforms.segmenting.segment

        def failing_segment(text):
            if "袁府" in text:
                raise RuntimeError("injected")
            return real_segment(text)

        monkeypatch.setattr(transforms.segmenting, "segment", failing_segment)
    else:
        real_rows = transforms.parsing.rows_of

        def corrupted(report):
            rows = real_rows(report)
            if report.source.endswith(victim):
                rows.facts[0]["evidence"] = "not in the text"
            return rows

        monkeypatch.setattr(transforms.parsing, "rows_of", corrupted)
    path = tmp_path / "w.duckdb"
    counts = build_warehouse(path, load_input(parse_reports(folder_reports(SAMPLE_REPORTS)), "inject"))
    assert counts["dim_document"] == 4
    error = queries.query(path, "SELECT source, stage, error_type FROM load_error").to_dicts()
    assert len(error) == 1
    assert error[0]["source"].endswith(victim)
    assert error[0]["stage"] == stage


def test_the_same_text_from_another_source_is_one_document(tmp_path):
    path = tmp_path / "w.duckdb"
    build_warehouse(path, load_input(parse_reports(folder_reports(SAMPLE_REPORTS)), "first"))
    mirror = tmp_path / "mirror"
    shutil.copytree(SAMPLE_REPORTS, mirror)
    counts = build_warehouse(path, load_input(parse_reports(folder_reports(mirror)), "second"))
    assert counts["dim_document"] == 5
    assert counts["document_source"] == 10
    facts = queries.query(path, "SELECT count(*) FROM v_indicator").item()
    assert facts == 55


def test_hello_world_is_kept_as_not_a_report_and_counts_nowhere(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "hello.txt").write_text("hello world", encoding="utf-8")
    (folder / "menu.txt").write_text(
        "首页 新闻中心 联系我们 网站地图 版权所有 本网站由某公司设计制作维护", encoding="utf-8"
    )
    path = tmp_path / "w.duckdb"
    build_warehouse(path, load_input(parse_reports(folder_reports(folder)), "x"))
    rows = queries.query(path, "SELECT doc_type, not_report_reason FROM dim_document").to_dicts()
    assert [r["doc_type"] for r in rows] == ["not_a_report", "not_a_report"]
    assert all(r["not_report_reason"] for r in rows)
    assert queries.query(path, "SELECT count(*) FROM v_report").item() == 0
    assert queries.query(path, "SELECT count(*) FROM fact_term").item() == 0


def test_a_truncated_report_is_still_a_report(tmp_path):
    cut = REPORT[:60]
    (tmp_path / "cut.txt").write_text(cut, encoding="utf-8")
    frames = parse_reports(folder_reports(tmp_path))
    assert frames.documents.item(0, "doc_type") == "government"


# Mutations real pages go through; parse_report must never raise on them and its rows must validate.
SAMPLES = [p.read_text(encoding="utf-8") for p in report_files(SAMPLE_REPORTS)] + [REPORT]


def mutate(text: str, how: str, at: float) -> bytes:
    cut = int(len(text) * at)
    if how == "one_line":
        return text.replace("\n", "").encode()
    if how == "cut":
        return text[:cut].encode()
    if how == "full_width":
        return text.translate(str.maketrans("0123456789%", "０１２３４５６７８９％")).encode()
    if how == "crlf":
        return text.replace("\n", "\r\n").encode()
    if how == "gb18030":
        return text.encode("gb18030")
    if how == "utf16":
        return text.encode("utf-16-le")
    if how == "stray":
        raw = bytearray(text.encode())
        raw[cut % len(raw)] = 0xFE
        return bytes(raw)
    if how == "numbering":
        return text.replace("一、", "1、", 1).replace("（一）", "一、", 2).encode()
    if how == "lists":
        return (text[:cut] + "受理、审结分别为12件、、件和分别为。" + text[cut:]).encode()
    return f"<html><body>{'<div>' * 200}{text}{'</div>' * 200}</body></html>".encode()


HOW = ["one_line", "cut", "full_width", "crlf", "gb18030", "utf16", "stray", "numbering", "lists", "html"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(range(len(SAMPLES))), st.sampled_from(HOW), st.floats(0.01, 1.0))
def test_parse_never_raises_and_its_rows_always_validate(tmp_path, index, how, at):
    name = "page.html" if how == "html" else "page.txt"
    (tmp_path / name).write_bytes(mutate(SAMPLES[index], how, at))
    row = pl.DataFrame([folder_reports(tmp_path).row(0, named=True)], schema=RAW_REPORTS).row(0, named=True)
    outcome = report_rows(row)
    assert outcome.document is not None or outcome.error["stage"] == "read", outcome.error
    (tmp_path / name).unlink()


@pytest.mark.parametrize(
    "text", ["受理、审结分别为", "分别为12件", "一、\n1、\n(一)\n1、\n", "法治政府建设,分别为、、。"]
)
def test_regression_cases_hypothesis_found(text):
    """Cases kept from the searches above (each once crashed parse_report): they parse, and their
    rows keep every warehouse invariant."""
    rows = rows_of(parse_report("x.txt", (REPORT + text).encode()))
    assert rows.document is not None
    assert violations(rows.document, rows.sections, rows.facts) == []


def test_a_file_that_disappeared_is_a_read_error():
    missing = {"source": "x.txt", "path": b"/nonexistent", "sha256": "0", "size": 0, "region_hint": None}
    assert report_rows(missing).error["stage"] == "read"


def test_a_crash_mid_load_leaves_the_warehouse_as_it_was(tmp_path, sample_warehouse):
    path = tmp_path / "w.duckdb"
    shutil.copyfile(sample_warehouse, path)
    before = path.read_bytes()
    load = load_input(parse_reports(folder_reports(SAMPLE_REPORTS)), "broken")
    renamed = {"document_id": pl.col("document_id") + "-new"}
    load.frames.facts = load.frames.facts.with_columns(value=pl.lit(-1.0), **renamed)
    load.frames.documents = load.frames.documents.with_columns(
        source=pl.col("source") + "-moved", text_sha256=pl.col("text_sha256") + "-new", **renamed
    )
    with pytest.raises(duckdb.Error):
        build_warehouse(path, load)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.building*"))


def test_two_sources_listing_one_url_give_one_document(tmp_path):
    """The raw store of two sources can hold the same URL with the same bytes."""
    from transforms.rawstore import RawStore
    from transforms.samples import new_reports, scraped_reports

    store = RawStore(tmp_path / "raw")
    digest = store.put(REPORT.encode())
    for name in ("site-a", "site-b"):
        rows = pl.DataFrame([{"url": "http://a.example/r.html", "sha256": digest, "fetched_at": None}])
        store.write(
            name,
            pl.DataFrame(schema=store.read_log(name).schema),
            rows.cast(store.read_documents(name).schema),
        )
    raw = new_reports(scraped_reports(store, [("site-a", None), ("site-b", None)]), set())
    assert raw.height == 1
    counts = build_warehouse(tmp_path / "w.duckdb", load_input(parse_reports(raw), "one-url"))
    assert counts["dim_document"] == 1
