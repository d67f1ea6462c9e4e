"""The warehouse file: schema, constraints, atomic publication, read-only access."""

import dataclasses
import math
import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest

from tests.conftest import build_sample_warehouse, sample_load
from transforms.catalogue import catalogue
from transforms.frames import ERRORS, without_failed
from transforms.terms import segment
from warehouse import queries
from warehouse.analyst import analyst_query
from warehouse.build import build_warehouse, candidate_path
from warehouse.contract import LoadInput, ParquetFiles, ReportRowFiles
from warehouse.dictionary import data_dictionary
from warehouse.schema import PROJECT_DOCS


def test_row_counts_and_values(sample_warehouse):
    counts = queries.row_counts(sample_warehouse)
    assert counts["dim_document"] == 5
    assert counts["fact_indicator"] == 55
    assert counts["dim_indicator"] >= 29
    assert counts["dim_region"] > 3000
    assert counts["fact_term"] > 1000
    assert counts["fact_theme"] == 50
    rate = queries.query(
        sample_warehouse,
        "SELECT region, year, value, evidence FROM v_indicator WHERE indicator_code = 'head_appearance_rate'",
    )
    assert rate.rows() == [("许昌市", 2023, 99.09, "全市行政机关负责人出庭应诉率达到99.09%")]


def test_evidence_offsets_index_the_stored_text(sample_warehouse):
    mismatches = queries.query(
        sample_warehouse,
        """SELECT count(*) AS n FROM fact_indicator AS f JOIN dim_document AS d USING (document_id)
           WHERE substr(d.text, f.start_offset + 1, f.end_offset - f.start_offset) <> f.evidence""",
    )
    assert mismatches.item() == 0


def test_rebuilding_gives_identical_tables(tmp_path):
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    assert build_sample_warehouse(first) == build_sample_warehouse(second)
    sql = "SELECT * FROM fact_indicator ORDER BY document_id, indicator_code"
    assert queries.query(first, sql).equals(queries.query(second, sql))


def batch_files(frame: pl.DataFrame, folder: Path, name: str) -> ParquetFiles:
    """A frame as the batch files a run writes: two halves and an empty batch."""
    halves = [frame.head(frame.height // 2), frame.tail(frame.height - frame.height // 2), frame.clear()]
    paths = tuple(folder / f"{name}-{i}.parquet" for i in range(len(halves)))
    for half, path in zip(halves, paths, strict=True):
        half.write_parquet(path)
    return ParquetFiles(paths)


FILED_TABLES = {
    "fact_term": "document_id, term",
    "search_posting": "token, document_id",
    "fact_theme": "document_id, chapter",
    "fact_section": "document_id, path",
    "fact_indicator": "document_id, indicator_code",
    "fact_inconsistency": "document_id, check_name, codes",
}


def as_batch_files(load: LoadInput, folder: Path) -> LoadInput:
    """The load the pipeline's loader makes: every frame but the documents' rows and the errors
    as files."""
    frames = load.frames
    files = {
        name: batch_files(frame, folder, name)
        for name, frame in [
            ("terms", load.terms),
            ("search", load.search),
            ("themes", load.themes),
            ("sections", frames.sections),
            ("facts", frames.facts),
            ("inconsistencies", frames.inconsistencies),
        ]
        if isinstance(frame, pl.DataFrame)
    }
    assert len(files) == 6
    left_out = dataclasses.replace(
        frames,
        sections=frames.sections.clear(),
        facts=frames.facts.clear(),
        inconsistencies=frames.inconsistencies.clear(),
    )
    row_files = ReportRowFiles(files["sections"], files["facts"], files["inconsistencies"])
    return dataclasses.replace(
        load,
        frames=left_out,
        terms=files["terms"],
        search=files["search"],
        themes=files["themes"],
        row_files=row_files,
    )


def test_frames_given_as_batch_files_load_as_frames_do(tmp_path, sample_warehouse):
    path = tmp_path / "files.duckdb"
    build_warehouse(path, as_batch_files(sample_load(), tmp_path))
    for table, key in FILED_TABLES.items():
        sql = f"SELECT * FROM {table} ORDER BY {key}"
        assert queries.query(path, sql).equals(queries.query(sample_warehouse, sql)), table
    with pytest.raises(ValueError, match="at least one file"):
        ParquetFiles(())


def test_rows_in_batch_files_of_a_document_that_failed_later_are_not_loaded(tmp_path, sample_warehouse):
    """The files hold every parsed report's rows; a report that failed after parsing is left
    out of the documents (with an error row), and so are its rows."""
    load = as_batch_files(sample_load(), tmp_path)
    failed = load.frames.documents.head(1)
    error = pl.DataFrame(
        [
            {
                "source": failed.item(0, "source"),
                "sha256": failed.item(0, "sha256"),
                "stage": "segment",
                "error_type": "RuntimeError",
                "error": "injected",
            }
        ],
        schema=ERRORS,
    )
    frames = without_failed(load.frames, error)
    path = tmp_path / "w.duckdb"
    counts = build_warehouse(path, dataclasses.replace(load, frames=frames))
    assert counts["dim_document"] == 4
    assert counts["load_error"] == 1
    gone = failed.item(0, "document_id")
    for table in FILED_TABLES:
        held = queries.query(
            sample_warehouse, f"SELECT count(*) FROM {table} WHERE document_id <> '{gone}'"
        ).item()
        assert counts[table] == held > 0, table


def test_the_key_check_counts_each_repeated_key_of_a_table_without_a_primary_key(tmp_path, sample_warehouse):
    from warehouse.checks import CHECKS, run_checks

    (unique_keys,) = [check for check in CHECKS if check.name == "unique_keys"]

    def keys_unique(path):
        return run_checks(path, path, [unique_keys])[0][1]

    assert keys_unique(sample_warehouse).passed
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(sample_warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("INSERT INTO search_posting SELECT * FROM search_posting LIMIT 2")
        con.execute("INSERT INTO search_posting SELECT * FROM search_posting LIMIT 1")
        con.execute("INSERT INTO fact_term SELECT * FROM fact_term LIMIT 3")
    outcome = keys_unique(copy)
    assert not outcome.passed
    assert outcome.metadata == {
        "duplicates": {"fact_term": 3, "search_posting": 2},
        "documents_checked_when_published": 0,
    }


def test_the_term_and_token_keys_are_checked_for_the_documents_a_candidate_adds(tmp_path, sample_warehouse):
    from warehouse.checks import CHECKS, run_checks

    (unique_keys,) = [check for check in CHECKS if check.name == "unique_keys"]
    published, candidate = tmp_path / "published.duckdb", tmp_path / "candidate.duckdb"
    shutil.copyfile(sample_warehouse, published)
    shutil.copyfile(sample_warehouse, candidate)
    with duckdb.connect(str(candidate)) as con:
        held = con.execute("SELECT min(document_id) FROM dim_document").fetchone()
        assert held is not None
        added = "SELECT * REPLACE ('added' AS document_id) FROM {} LIMIT {}"
        con.execute(f"INSERT INTO dim_document {added.format('dim_document', 1)}")
        for _ in range(2):  # the added report's terms twice over: each of its keys repeats
            con.execute(f"INSERT INTO fact_term {added.format('fact_term', 4)}")
        con.execute("INSERT INTO fact_term SELECT * FROM fact_term WHERE document_id = $1 LIMIT 1", [held[0]])
    documents = queries.row_counts(published)["dim_document"]

    def outcome(against: Path):
        return run_checks(candidate, against, [unique_keys])[0][1]

    # A held report's rows are not looked at again (a load never writes them): a repeat put among
    # them by hand goes unseen.
    assert outcome(published).metadata == {
        "duplicates": {"fact_term": 4},
        "documents_checked_when_published": documents,
    }
    # Nothing published, or the candidate checked against itself: every row is looked at.
    for whole in (tmp_path / "never-published.duckdb", candidate):
        assert outcome(whole).metadata["duplicates"] == {"fact_term": 5}
    # A published file of an older schema: the candidate was migrated, and is checked whole.
    with duckdb.connect(str(published)) as con:
        con.execute("DELETE FROM schema_version WHERE version = (SELECT max(version) FROM schema_version)")
    assert outcome(published).metadata == {
        "duplicates": {"fact_term": 5},
        "documents_checked_when_published": 0,
    }


def test_the_checks_compare_the_candidate_with_the_file_it_would_replace(tmp_path, sample_warehouse):
    from warehouse.checks import failed_blocking_checks, run_checks

    emptied = tmp_path / "emptied.duckdb"
    shutil.copyfile(sample_warehouse, emptied)
    with duckdb.connect(str(emptied)) as con:
        con.execute("DELETE FROM fact_indicator")
    outcomes = {check.name: outcome for check, outcome in run_checks(emptied, sample_warehouse)}
    assert [name for name, outcome in outcomes.items() if not outcome.passed] == ["no_table_emptied"]
    assert outcomes["no_table_emptied"].metadata["emptied"] == ["fact_indicator"]
    assert outcomes["no_table_emptied"].metadata["rows"]["fact_indicator"] == 0
    assert outcomes["flags_counted"].metadata["flags"] == dict(
        queries.run_query(sample_warehouse, "flag_counts").rows()
    )
    assert [f.description for f in failed_blocking_checks(emptied, sample_warehouse)] == [
        "no table that had rows is empty"
    ]
    assert failed_blocking_checks(emptied, tmp_path / "never-published.duckdb") == []


def test_a_row_breaking_a_constraint_cannot_be_loaded(tmp_path):
    load = sample_load()
    facts = load.frames.facts.with_columns(
        pl.when(pl.col("unit") == "%").then(120.0).otherwise(pl.col("value")).alias("value")
    )
    broken = dataclasses.replace(load, frames=dataclasses.replace(load.frames, facts=facts))
    with pytest.raises(duckdb.ConstraintException):
        build_warehouse(tmp_path / "w.duckdb", broken)


def test_a_failed_load_leaves_the_published_warehouse_as_it_was(tmp_path, sample_paths):
    path = tmp_path / "w.duckdb"
    build_warehouse(path, sample_load(sample_paths[:2]))
    before = queries.row_counts(path)
    load = sample_load()
    duplicated = pl.concat([load.frames.facts, load.frames.facts.head(1)])
    broken = dataclasses.replace(load, frames=dataclasses.replace(load.frames, facts=duplicated))
    with pytest.raises(duckdb.ConstraintException):
        build_warehouse(path, broken)
    assert queries.row_counts(path) == before
    assert not candidate_path(path, "test").exists()


def test_search_finds_the_reports_that_mention_a_phrase(sample_warehouse):
    found = queries.search_reports(sample_warehouse, segment("枫桥经验"))
    assert sorted(found["region"].to_list()) == ["通许县", "长沙市"]
    assert all("«枫桥经验»" in s for s in found["snippet"])
    assert found["score"].is_sorted(descending=True)


def test_search_needs_every_token_and_ranks_by_bm25(sample_warehouse):
    assert queries.search_reports(sample_warehouse, segment("枫桥经验 应急演练"))["region"].to_list() == [
        "长沙市"
    ]
    assert queries.search_reports(sample_warehouse, segment("量子计算")).height == 0


def test_search_score_is_okapi_bm25(sample_warehouse):
    """The macro's score recomputed from the postings with the textbook formula."""
    postings = queries.query(sample_warehouse, "SELECT * FROM search_posting")
    lengths = dict(queries.query(sample_warehouse, "SELECT * FROM search_document").iter_rows())
    mean_length = sum(lengths.values()) / len(lengths)
    wanted = ["依法行政", "调解"]
    expected: dict[str, float] = {}
    for token in wanted:
        hits = postings.filter(token=token)
        idf = math.log(1 + (len(lengths) - hits.height + 0.5) / (hits.height + 0.5))
        for doc_id, _, tf in hits.iter_rows():
            norm = tf + 1.2 * (1 - 0.75 + 0.75 * lengths[doc_id] / mean_length)
            expected[doc_id] = expected.get(doc_id, 0) + idf * tf * 2.2 / norm
    both = set.intersection(*(set(postings.filter(token=t)["document_id"]) for t in wanted))
    found = queries.query(sample_warehouse, "SELECT document_id, score FROM search_reports('依法行政 调解')")
    assert len(both) >= 2
    assert set(found["document_id"]) == both
    for doc_id, score in found.iter_rows():
        assert score == pytest.approx(expected[doc_id])


def test_wide_view_has_one_row_per_region_year_and_a_column_per_indicator(sample_warehouse):
    columns = "adcode, year, indicator_code, value, province"
    long = queries.query(sample_warehouse, f"SELECT {columns} FROM v_indicator")
    wide = queries.query(sample_warehouse, "SELECT * FROM v_indicator_wide")
    assert wide.height == long.select("adcode", "year").unique().height
    assert {indicator.code for indicator in catalogue().indicators} <= set(wide.columns)
    for adcode, year, code, value, _ in long.iter_rows():
        assert wide.filter(adcode=adcode, year=year).item(0, code) == value
    henan = queries.query(sample_warehouse, "SELECT adcode FROM v_indicator_wide WHERE province = '河南省'")
    assert set(henan["adcode"]) == set(long.filter(province="河南省")["adcode"])
    assert henan.height >= 2


def test_the_macro_region_summary_is_the_exact_median_and_quartiles_of_the_figures(sample_warehouse):
    figures = queries.query(
        sample_warehouse, "SELECT macro_region, year, indicator_code, value FROM v_indicator"
    )
    expected = (
        figures.group_by("macro_region", "year", "indicator_code")
        .agg(
            median=pl.col("value").median(),
            q1=pl.col("value").quantile(0.25, "linear"),
            q3=pl.col("value").quantile(0.75, "linear"),
            n=pl.len().cast(pl.Int64),
        )
        .sort("macro_region", "year", "indicator_code", nulls_last=True)
    )
    summary = queries.query(
        sample_warehouse,
        "SELECT macro_region, year, indicator_code, median, q1, q3, n FROM summary_macro_region "
        "ORDER BY macro_region NULLS LAST, year, indicator_code",
    )
    assert summary.height == expected.height > 10
    assert summary.equals(expected.select(summary.columns).cast(summary.schema))


def test_the_ranking_shows_at_most_top_regions_a_code_and_ties_share_their_rank(sample_warehouse, tmp_path):
    """20 more counties state the same figure as one of the sample's: the ranking shows 15 of the
    21 tied (the first by code), all ranked 1 with `tied` 21; the next value ranks 22."""
    path = tmp_path / "warehouse.duckdb"
    shutil.copyfile(sample_warehouse, path)
    with duckdb.connect(str(path)) as con:
        highest = con.execute(
            "SELECT document_id, adcode, value FROM v_indicator "
            "WHERE level = 'county' AND indicator_code = 'review_received' ORDER BY value DESC LIMIT 1"
        ).fetchone()
        assert highest is not None, "the sample has a county's 行政复议 caseload"
        document_id, adcode, value = highest
        others = con.execute(
            "SELECT adcode FROM dim_region WHERE level = 'county' AND adcode <> $1 ORDER BY adcode LIMIT 21",
            [adcode],
        ).fetchall()
        for number, (other,) in enumerate(others):
            copy, stated = f"copy{number:02d}", value if number < 20 else value - 1
            con.execute(
                "INSERT INTO dim_document SELECT * REPLACE ($copy AS document_id, $copy AS source, "
                "$copy AS sha256, $copy AS text_sha256, $other AS adcode) FROM dim_document "
                "WHERE document_id = $id",
                {"copy": copy, "other": other, "id": document_id},
            )
            con.execute(
                "INSERT INTO fact_indicator SELECT * REPLACE ($copy AS document_id, $other AS adcode, "
                "$stated AS value) FROM fact_indicator "
                "WHERE document_id = $id AND indicator_code = 'review_received'",
                {"copy": copy, "other": other, "stated": stated, "id": document_id},
            )
    ranking = queries.run_query(path, "indicator_ranking", level="county", top=15)
    assert ranking.group_by("indicator_code").len()["len"].max() == 15
    received = ranking.filter(indicator_code="review_received")
    tied = sorted([adcode, *(other for (other,) in others[:20])])
    assert received["adcode"].to_list() == tied[:15]
    assert set(received["rank"]) == {1}
    assert set(received["tied"]) == {21}
    shown_all = queries.run_query(path, "indicator_ranking", level="county", top=30)
    assert shown_all.filter(indicator_code="review_received", adcode=others[20][0])["rank"].to_list() == [22]


def test_the_distinctive_terms_are_the_top_20_by_tfidf_then_term(sample_warehouse):
    """v_region_year_terms keeps, for each region and year, the 20 terms of highest TF-IDF, ties
    going to the term first in alphabetical order (the sample has tied TF-IDFs at the cut)."""
    terms = queries.query(
        sample_warehouse,
        "SELECT d.adcode, d.report_year AS year, t.term, t.term_count FROM fact_term AS t "
        "JOIN v_report AS d USING (document_id) WHERE d.adcode IS NOT NULL AND d.report_year IS NOT NULL",
    )
    grouped = terms.group_by("adcode", "year", "term").agg(pl.col("term_count").sum())
    groups = grouped.select("adcode", "year").n_unique()
    expected = (
        grouped.with_columns(
            terms=pl.col("term_count").sum().over("adcode", "year"),
            spread=pl.len().over("term"),
        )
        .with_columns(
            tfidf=(pl.col("term_count") / pl.col("terms"))
            * (((1 + groups) / (1 + pl.col("spread"))).log() + 1)
        )
        .sort(["adcode", "year", "tfidf", "term"], descending=[False, False, True, False])
        .with_columns(rank=pl.int_range(1, pl.len() + 1).over("adcode", "year"))
        .filter(pl.col("rank") <= 20)
        .select("adcode", "year", "term", "term_count", "rank", "tfidf")
    )
    shown = queries.query(
        sample_warehouse,
        "SELECT adcode, year, term, term_count, rank, tfidf FROM v_region_year_terms "
        "ORDER BY adcode, year, rank",
    )
    keys = ["adcode", "year", "term", "term_count", "rank"]
    assert shown.height == expected.height > 40
    assert shown.select(keys).equals(expected.select(keys).cast(shown.select(keys).schema))
    assert (shown["tfidf"] - expected["tfidf"]).abs().lt(1e-12).all()
    tied = expected.group_by("adcode", "year", "tfidf").len().filter(pl.col("len") > 1)
    assert tied.height > 0


def test_search_macro_from_sql(sample_warehouse):
    sql = "SELECT region FROM search_reports('枫桥经验') ORDER BY region"
    assert analyst_query(sample_warehouse, sql).frame["region"].to_list() == ["通许县", "长沙市"]


def test_export_writes_every_table_and_view(sample_warehouse, tmp_path):
    written = queries.export_parquet(sample_warehouse, tmp_path)
    names = {p.stem for p in written}
    assert {"dim_document", "fact_indicator", "v_indicator", "v_document_quality"} <= names
    assert pl.read_parquet(tmp_path / "fact_indicator.parquet").height == 55


def test_the_export_describes_itself_against_the_schema(sample_warehouse, tmp_path):
    import json

    from transforms.rules_version import rules_version

    queries.export_parquet(sample_warehouse, tmp_path)
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert package["fazhi"]["rules_versions"] == [rules_version()]
    resources = {r["name"]: r for r in package["resources"]}
    assert {p.stem for p in tmp_path.glob("*.parquet")} == set(resources)
    for name, resource in resources.items():
        columns = pl.read_parquet_schema(tmp_path / resource["path"])
        assert [f["name"] for f in resource["schema"]["fields"]] == list(columns), name
    fields = {f["name"]: f for f in resources["fact_indicator"]["schema"]["fields"]}
    assert fields["value"]["type"] == "DOUBLE"
    assert fields["value"]["description"].startswith("Value in the canonical unit")


def test_every_column_is_documented_and_the_committed_dictionary_is_current():
    dictionary = data_dictionary([i.code for i in catalogue().indicators])
    assert "|  |" not in dictionary.replace("| --- |", "")
    assert (PROJECT_DOCS / "data-dictionary.md").read_text(encoding="utf-8").strip() == dictionary.strip()


def test_a_misspelt_query_parameter_is_refused(sample_warehouse):
    with pytest.raises(ValueError, match="no parameter provnce"):
        queries.run_query(sample_warehouse, "indicator_facts", provnce="河南省")
