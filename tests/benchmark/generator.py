"""Realistic synthetic corpora for the benchmark, made from the bundled reports.

Each synthetic report is one of the sample reports moved to another real region of the same level
(from the gazetteer, valid in the year) and another year between 2016 and 2025, with every figure
the extractor finds in the sample replaced by a new plausible value. The new values are recorded
(planted.csv), so the benchmark also measures extraction at scale: planted against extracted.
Deterministic for a given seed.

    python -m tests.benchmark.generator OUT_DIR --reports 1000 --seed 7
"""

import argparse
import csv
import random
import re
from dataclasses import dataclass
from pathlib import Path

from transforms.indicators import extract_indicators
from transforms.quantities import find_quantities
from transforms.regions import Region, gazetteer
from transforms.report import parse_report
from transforms.samples import SAMPLE_REPORTS, report_files

YEARS = range(2016, 2026)
# Years of the report and of its dates, not of plan periods (2021—2025年).
REPORT_YEAR = re.compile(r"(?<![—\-~\d])(20[12]\d)(?=年(?!\d)|-\d)(?![—\-~])")


@dataclass(frozen=True)
class Template:
    text: str
    region: Region
    year: int
    facts: list  # (code, start, end, unit, value) of the stated quantities to replace


def templates() -> list[Template]:
    found = []
    for path in report_files(SAMPLE_REPORTS):
        report = parse_report(path.name, path.read_bytes())
        facts, _ = extract_indicators(report.text)
        quantities = []
        for fact in facts:
            stated = [q for q in find_quantities(fact.evidence) if q.value == fact.value][-1]
            start = fact.start + stated.start
            quantities.append((fact.code, start, fact.start + stated.end, fact.unit, fact.value))
        region, year = report.resolution.region, report.meta.report_year
        assert region is not None, "every bundled report has a region"
        assert year is not None, "every bundled report has a year"
        found.append(Template(report.text, region, year, quantities))
    return found


def regions_by_level() -> dict[str, list[Region]]:
    levels: dict[str, list[Region]] = {}
    for region in gazetteer().by_adcode.values():
        if region.valid_to is None and region.level in ("prefecture", "county"):
            levels.setdefault(region.level, []).append(region)
    return levels


def new_value(code: str, unit: str, rng: random.Random, old: float) -> tuple[str, float]:
    if unit == "%":
        value = round(rng.uniform(90, 100), 1)
        return f"{value}%", value
    value = max(1, round(old * rng.uniform(0.5, 1.5)))
    return f"{value}{unit}", float(value)


def synthesize(
    template: Template, region: Region, year: int, rng: random.Random
) -> tuple[str, dict[str, float]]:
    """The template's text for another region and year, with new figures; returns (text, planted)."""
    text, planted = template.text, {}
    for code, start, end, unit, old in sorted(template.facts, key=lambda f: -f[1]):
        replacement, value = new_value(code, unit, rng, old)
        text = text[:start] + replacement + text[end:]
        planted[code] = value
    names = [template.region.name]
    if template.region.short_name and len(template.region.short_name) >= 2:
        names.append(template.region.short_name)
    text = text.replace(names[0], region.name)
    for name in names[1:]:
        text = text.replace(name, region.short_name or region.name)
    shift = year - template.year
    text = REPORT_YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
    return text, planted


def generate(out_dir: Path, reports: int, seed: int) -> Path:
    """Write `reports` synthetic reports and planted.csv into out_dir; returns the CSV path."""
    rng = random.Random(seed)
    pool, levels = templates(), regions_by_level()
    out_dir.mkdir(parents=True, exist_ok=True)
    planted_csv = out_dir / "planted.csv"
    with planted_csv.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "adcode", "year", "code", "value"])
        for number in range(reports):
            template = pool[number % len(pool)]
            region = rng.choice(levels[template.region.level])
            year = rng.choice(YEARS)
            text, planted = synthesize(template, region, year, rng)
            name = f"{number:06d}.txt"
            (out_dir / name).write_text(text, encoding="utf-8")
            writer.writerows(
                [name, region.adcode, year, code, value] for code, value in sorted(planted.items())
            )
    return planted_csv


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(generate(args.out_dir, args.reports, args.seed))


if __name__ == "__main__":
    main()
