"""The one Dagster code location loads and holds the data flow of DESIGN."""

import dagster as dg

from orchestration.checks import WAREHOUSE_CHECKS
from orchestration.definitions import defs


def test_definitions_load_with_every_stage():
    keys = {key.to_user_string() for key in defs.resolve_asset_graph().get_all_asset_keys()}
    assert keys == {
        "raw_documents",
        "documents",
        "document_errors",
        "sections",
        "indicator_facts",
        "inconsistencies",
        "terms",
        "search_tokens",
        "themes",
        "warehouse_candidate",
        "warehouse",
        "rendered_notebooks",
    }


def test_every_asset_says_what_it_means():
    graph = defs.resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        assert graph.get(key).description, key


def test_the_job_selects_everything():
    job = defs.resolve_job_def("build_everything")
    assert isinstance(job, dg.JobDefinition)
    assert len(job.asset_layer.executable_asset_keys) == 12


def test_blocking_checks_guard_the_publish_step():
    specs = {spec.name: spec for check in WAREHOUSE_CHECKS for spec in check.check_specs}
    assert {key.name for key in defs.resolve_asset_graph().asset_check_keys} == set(specs)
    blocking = {name for name, spec in specs.items() if spec.blocking}
    assert blocking == {"unique_keys", "facts_have_dimensions", "rates_in_range", "no_table_emptied"}
    assert all(spec.asset_key.to_user_string() == "warehouse_candidate" for spec in specs.values())
