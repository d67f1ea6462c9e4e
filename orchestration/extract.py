"""`fazhi extract`: the JSONL records of DESIGN contract 2, with no warehouse and no Dagster."""

import logging
from collections.abc import Iterator
from pathlib import Path

from transforms.formats import UnreadableReport
from transforms.limits import read_capped, time_budget
from transforms.report import parse_report
from transforms.samples import display_name

log = logging.getLogger(__name__)


def extract_records(files: list[Path], explain: bool = False) -> Iterator[dict]:
    """One record per file; a file that cannot be read or parsed gives a record with an "error"
    (its traceback goes to the log) and the next file goes on."""
    for path in files:
        source = display_name(path)
        try:
            with time_budget():
                report = parse_report(source, read_capped(path))
        except (OSError, UnreadableReport) as error:
            yield {"source": source, "error": " ".join(str(error).split())}
            continue
        except Exception as error:
            log.debug("parsing %s failed", source, exc_info=True)
            yield {"source": source, "error": f"{type(error).__name__}: {' '.join(str(error).split())}"}
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
                    "scope": c.scope,
                    "fallback": c.fallback,
                    "evidence": c.evidence,
                    "start": c.start,
                    "end": c.end,
                }
                for c in report.candidates
            ]
        yield record
