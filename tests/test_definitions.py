"""The one Dagster code location loads and holds the data flow of DESIGN."""

import dagster as dg

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
    assert len(job.asset_layer.executable_asset_keys) == 11
