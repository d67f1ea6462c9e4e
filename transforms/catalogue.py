"""The indicator catalogue (data/indicators.toml): names, units, chapters and recognition rules."""

import re
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Rule:
    id: str
    code: str
    units: frozenset[str]
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    topic: re.Pattern[str] | None
    block: re.Pattern[str] | None
    exclude: re.Pattern[str] | None
    exclude_sentence: re.Pattern[str] | None
    fallback: bool = False


@dataclass(frozen=True)
class UnitRules:
    """The rules that can take a quantity of one unit, with one pattern for all their `before`
    words: the clause before most quantities holds none of them, and one search says so instead
    of one a rule (a quantity of 件 has 27 rules to ask). Finding the candidates took 1.43 ms a
    generated report, now 1.30 ms."""

    rules: tuple[Rule, ...]
    any_before: re.Pattern[str] | None
    without_before: tuple[Rule, ...]

    @classmethod
    def of(cls, rules: list[Rule]) -> "UnitRules":
        befores = [rule.before.pattern for rule in rules if rule.before]
        any_before = re.compile("|".join(f"(?:{pattern})" for pattern in befores)) if befores else None
        return cls(tuple(rules), any_before, tuple(rule for rule in rules if not rule.before))

    def to_ask(self, items: list[str]) -> tuple[Rule, ...]:
        """The rules that may recognise a quantity whose clause lists `items`: every rule where
        some rule's `before` words are in an item, else only the rules without `before` words."""
        if self.any_before is None or any(self.any_before.search(item) for item in items):
            return self.rules
        return self.without_before


@dataclass(frozen=True)
class Indicator:
    code: str
    name_zh: str
    name_en: str
    unit: str
    kind: str
    chapter: str
    direction: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Catalogue:
    indicators: tuple[Indicator, ...]
    connectives: re.Pattern[str]
    change_before: re.Pattern[str]
    change_after: re.Pattern[str]
    part_of_jurisdiction: re.Pattern[str]
    part_of_period: re.Pattern[str]
    sub_kind: re.Pattern[str]
    still_open: re.Pattern[str]
    whole_jurisdiction: re.Pattern[str]
    consistency: tuple[dict[str, Any], ...]
    bounds: tuple[dict[str, Any], ...]

    def rules(self) -> list[Rule]:
        return [rule for indicator in self.indicators for rule in indicator.rules]

    @cached_property
    def rules_by_unit(self) -> dict[str, UnitRules]:
        """The rules that can take a quantity of each unit (most quantities have none)."""
        by_unit: dict[str, list[Rule]] = {}
        for rule in self.rules():
            for unit in rule.units:
                by_unit.setdefault(unit, []).append(rule)
        return {unit: UnitRules.of(rules) for unit, rules in by_unit.items()}


def optional_pattern(text: str | None) -> re.Pattern[str] | None:
    return re.compile(text) if text else None


def rule_units(names: list[str], classes: dict[str, list[str]]) -> frozenset[str]:
    """A rule's units: measure words, or @class for a class of them (@cases: 件, 宗, 起)."""
    units: set[str] = set()
    for name in names:
        if name.startswith("@"):
            if name[1:] not in classes:
                raise ValueError(f"unknown measure-word class {name}")
            units.update(classes[name[1:]])
        else:
            units.add(name)
    return frozenset(units)


def build_rule(code: str, data: dict[str, Any], classes: dict[str, list[str]]) -> Rule:
    if not (data.get("before") or data.get("after")):
        raise ValueError(f"rule {data['id']} needs `before` or `after`")
    return Rule(
        id=data["id"],
        code=code,
        units=rule_units(data["units"], classes),
        before=optional_pattern(data.get("before")),
        after=optional_pattern(data.get("after")),
        topic=optional_pattern(data.get("topic")),
        block=optional_pattern(data.get("block")),
        exclude=optional_pattern(data.get("exclude")),
        exclude_sentence=optional_pattern(data.get("exclude_sentence")),
        fallback=bool(data.get("fallback", False)),
    )


@cache
def catalogue() -> Catalogue:
    text = resources.files("transforms.data").joinpath("indicators.toml").read_text("utf-8")
    data = tomllib.loads(text)
    indicators = tuple(
        Indicator(
            code=item["code"],
            name_zh=item["name_zh"],
            name_en=item["name_en"],
            unit=item["unit"],
            kind=item["kind"],
            chapter=item["chapter"],
            direction=item["direction"],
            rules=tuple(build_rule(item["code"], rule, data["measure_words"]) for rule in item["rule"]),
        )
        for item in data["indicator"]
    )
    return Catalogue(
        indicators=indicators,
        connectives=re.compile(data["connectives"]),
        change_before=re.compile(data["change_before"]),
        change_after=re.compile(data["change_after"]),
        part_of_jurisdiction=re.compile(data["part_of_jurisdiction"]),
        part_of_period=re.compile(data["part_of_period"]),
        sub_kind=re.compile(data["sub_kind"]),
        still_open=re.compile(data["still_open"]),
        whole_jurisdiction=re.compile(data["whole_jurisdiction"]),
        consistency=tuple(data.get("consistency", [])),
        bounds=tuple(data.get("bound", [])),
    )
