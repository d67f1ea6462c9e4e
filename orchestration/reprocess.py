"""`fazhi reprocess`: the stored reports whose rules version is not the current one, re-extracted
from their stored text (no re-fetching), with every changed figure recorded."""

import uuid
from dataclasses import dataclass
from pathlib import Path

from transforms.catalogue import catalogue
from transforms.parsing import reextracted_facts
from transforms.rules_version import rules_version
from warehouse.queries import run_query
from warehouse.reprocess import apply_reprocess


@dataclass(frozen=True)
class ReprocessResult:
    documents: int
    changes: int
    rules_version: str


def reprocess(warehouse: Path) -> ReprocessResult:
    version = rules_version()
    stale = run_query(warehouse, "stale_documents", rules_version=version)
    if stale.is_empty():
        return ReprocessResult(0, 0, version)
    facts = reextracted_facts(stale.select("document_id", "text").iter_rows())
    codes = [indicator.code for indicator in catalogue().indicators]
    ids = stale.get_column("document_id").to_list()
    run_id = f"reprocess-{uuid.uuid4().hex[:8]}"
    changes = apply_reprocess(
        warehouse, documents=ids, facts=facts, rules_version=version, run_id=run_id, codes=codes
    )
    return ReprocessResult(len(ids), changes, version)
