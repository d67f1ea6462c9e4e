"""The dimension tables' rows, from the bundled reference data (gazetteer, catalogue, deadlines)."""

import tomllib
from functools import cache
from importlib import resources

import polars as pl

from transforms.catalogue import catalogue
from transforms.quality import deadline
from transforms.regions import gazetteer

FIRST_YEAR, LAST_YEAR = 2000, 2035


@cache
def macro_regions() -> dict[str, str]:
    """Two-digit province prefix -> 东部, 中部, 西部 or 东北."""
    text = resources.files("transforms.data").joinpath("macro_regions.toml").read_text("utf-8")
    return {
        prefix: name for name, prefixes in tomllib.loads(text)["macro_regions"].items() for prefix in prefixes
    }


def region_frame() -> pl.DataFrame:
    """One row per adcode with its latest name and its place in the hierarchy."""
    atlas = gazetteer()
    rows = [
        {
            "adcode": r.adcode,
            "name": r.name,
            "short_name": r.short_name or None,
            "level": r.level,
            "parent_adcode": r.parent_adcode,
            "prefecture_adcode": r.prefecture_adcode,
            "prefecture": atlas.name_of(r.prefecture_adcode),
            "province_adcode": r.province_adcode,
            "province": atlas.name_of(r.province_adcode),
            "valid_from": r.valid_from,
            "valid_to": r.valid_to,
            "macro_region": macro_regions().get(r.adcode[:2]),
        }
        for r in atlas.by_adcode.values()
    ]
    return pl.DataFrame(rows).sort("adcode")


def plan_period(year: int) -> str:
    """The 纲要 period: 2015-2020, then five-year plans from 2021."""
    if year <= 2020:
        return "2015-2020"
    start = 2021 + 5 * ((year - 2021) // 5)
    return f"{start}-{start + 4}"


def year_frame() -> pl.DataFrame:
    rows = [
        {
            "year": year,
            "plan_period": plan_period(year),
            "government_deadline": deadline(year, "government"),
            "department_deadline": deadline(year, "department"),
        }
        for year in range(FIRST_YEAR, LAST_YEAR + 1)
    ]
    return pl.DataFrame(rows)


def indicator_frame() -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "indicator_code": i.code,
                "name_zh": i.name_zh,
                "name_en": i.name_en,
                "unit": i.unit,
                "kind": i.kind,
                "chapter": i.chapter,
                "direction": i.direction,
            }
            for i in catalogue().indicators
        ]
    )


def dimension_frames() -> dict[str, pl.DataFrame]:
    return {"dim_region": region_frame(), "dim_year": year_frame(), "dim_indicator": indicator_frame()}
