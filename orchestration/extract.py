"""`fazhi extract`: the JSONL records of DESIGN contract 2, with no warehouse and no Dagster."""

from collections.abc import Iterator
from pathlib import Path

from transforms.formats import UnreadableReport
from transforms.report import parse_report


def extract_records(files: list[Path], explain: bool = False) -> Iterator[dict]:
    """One record per file; a file that cannot be read gives a record with an "error"."""
    for path in files:
        source = str(path)
        try:
            report = parse_report(source, path.read_bytes())
        except (OSError, UnreadableReport) as error:
            yield {"source": source, "error": str(error)}
            continue
        record = report.record()
        if explain:
            record["candidates"] = [
                {
                    "code": c.code,
                    "value": c.value,
                    "unit": c.unit,
                    "rule": c.rule_id,
                    "verdict": c.reason,
                    "evidence": c.evidence,
                    "start": c.start,
                    "end": c.end,
                }
                for c in report.candidates
            ]
        yield record
