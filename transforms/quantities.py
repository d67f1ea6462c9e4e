"""Chinese quantities — one grammar for every form reports write: 12.7万件, 2.8万余件, 1万600件,
2万3千件, 3亿5千万元, 一点五万余人, 两千余件, 近百个, 约7929条, 120余万人, 百分之九十八, 超90%,
不足10件, 95%以上, and ranges (10-20件, 1万-5万元).

A quantity is [lead] number-and-magnitudes [余|多] [unit] [tail]:
- the number is Arabic (thousands commas, decimals) or Chinese numerals (零〇一二两…十百千, 点 for
  the decimal point), followed by magnitudes 十百千万亿 and possibly more numbers, read as Chinese
  numbers are read (1万600 is 10,600; 3亿5千万 is 350,000,000);
- the qualifier is exact, more_than (余, 多, 超过, 超, 逾, 以上), less_than (不足, 不到, 低于,
  少于, 以下, 以内), about (约, 大约, 左右) or nearly (近, 将近);
- a range is one value only when both ends are equal; otherwise it states no single figure and
  gives no quantity.
Chinese numerals count only when a magnitude or a qualifier marks them as a quantity (三千余件,
一千二百件), because slogans are full of bare ones (一件事一次办, 三项制度). cn2an reads the
percent form 百分之…, which it reads correctly.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

import cn2an

from transforms.scanning import matches_from

UNITS = (
    "人次",
    "场次",
    "件次",
    "户次",
    "万元",
    "亿元",
    "元",
    "件",
    "起",
    "次",
    "名",
    "人",
    "个",
    "家",
    "项",
    "场",
    "条",
    "期",
    "部",
    "篇",
    "份",
    "户",
    "宗",
    "所",
    "支",
    "本",
    "册",
    "%",
)
SMALL = {"十": Decimal(10), "百": Decimal(100), "千": Decimal(1000)}
BIG = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
UNIT_MAGNITUDES = {"万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
CN_DIGITS = {
    **{c: Decimal(i) for i, c in enumerate("零一二三四五六七八九")},
    "〇": Decimal(0),
    "两": Decimal(2),
}
MAGNITUDE = "十百千万亿"
CN_NUMBER = "零〇一二两三四五六七八九十点"
ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUMBER = rf"(?:{ARABIC}|[{CN_NUMBER}]+)"
UNIT_PATTERN = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
LEADS = {
    "将近": "nearly",
    "近": "nearly",
    "大约": "about",
    "约": "about",
    "超过": "more_than",
    "超": "more_than",
    "逾": "more_than",
    "不足": "less_than",
    "不到": "less_than",
    "低于": "less_than",
    "少于": "less_than",
    "多达": "exact",
    "高达": "exact",
}
TAILS = {"左右": "about", "以上": "more_than", "以下": "less_than", "以内": "less_than"}
LEAD_PATTERN = "|".join(sorted(LEADS, key=len, reverse=True))
QUANTITY = re.compile(
    rf"(?P<lead>{LEAD_PATTERN})?"
    rf"(?:(?P<percent_cn>百分之)(?P<cn_rate>[{CN_NUMBER}百]+)"
    rf"|(?P<core>{NUMBER}(?:[余多]?[{MAGNITUDE}]+(?!分之){NUMBER}?)*|(?<=[近逾超约])[百千万]))"
    rf"(?P<more>余|多)?"
    rf"\s*(?P<unit>{UNIT_PATTERN})?(?P<tail>左右|以上|以下|以内)?"
)
# Where a quantity can begin: a lead's first character or a number's (transforms/scanning.py; the
# pattern opens with an optional group: 0.58 -> 0.18 ms a report).
QUANTITY_START = re.compile(rf"[{''.join(sorted({lead[0] for lead in LEADS}))}\d{CN_NUMBER}{MAGNITUDE}]")
RANGE_JOIN = re.compile(r"^\s*(?:-|—|–|~|～|至|到)\s*$")
TOKEN = re.compile(rf"{ARABIC}|[{''.join(CN_DIGITS)}点]+|[{MAGNITUDE}]|[余多]")


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str | None
    qualifier: str
    start: int
    end: int
    text: str


def chinese_digits(text: str) -> Decimal | None:
    """二〇二三 → 2023, 一点五 → 1.5: digits read one by one, 点 as the decimal point."""
    whole, _, fraction = text.partition("点")
    if not whole or "点" in fraction:
        return None
    integer = "".join(str(CN_DIGITS[c]) for c in whole)
    decimals = "".join(str(CN_DIGITS[c]) for c in fraction)
    return Decimal(f"{integer}.{decimals}" if decimals else integer)


def percent_value(text: str) -> Decimal | None:
    """百分之九十八 → 98, 百分之百 → 100 (cn2an reads these right once a leading 百 has its 一)."""
    try:
        return Decimal(str(cn2an.cn2an("一" + text if text.startswith("百") else text, "smart")))
    except (ValueError, KeyError, TypeError):
        return None


def number_value(token: str) -> Decimal | None:
    if token[0].isdigit():
        try:
            return Decimal(token.replace(",", ""))
        except InvalidOperation:
            return None
    return chinese_digits(token)


def core_value(core: str) -> tuple[Decimal | None, bool]:
    """(value, whether 余/多 stood inside: 120余万) of a number with its magnitudes, read as
    Chinese numbers are read: small magnitudes within a group, 万 and 亿 closing groups."""
    total = group = Decimal(0)
    pending: Decimal | None = None
    more = False
    for token in TOKEN.findall(core):
        if token in "余多":
            more = True
        elif token in SMALL:
            group += (pending if pending is not None else Decimal(1)) * SMALL[token]
            pending = None
        elif token in BIG:
            base = group + (pending or 0) if (group or pending is not None) else Decimal(1)
            total = (total + base) * BIG[token] if token == "亿" else total + base * BIG[token]
            group, pending = Decimal(0), None
        else:
            if pending is not None:
                return None, more  # two numbers in a row: not one quantity
            pending = number_value(token)
            if pending is None:
                return None, more
    return total + group + (pending or 0), more


def is_marked(match: re.Match[str]) -> bool:
    """Arabic numbers always count; Chinese numerals only with a magnitude or a qualifier."""
    core = match.group("core") or ""
    if match.group("cn_rate") or (core and core[0].isdigit()):
        return True
    marks = (match.group("lead"), match.group("more"), match.group("tail"), set(core) & set("余多百千万亿"))
    return any(marks)


def qualifier_of(match: re.Match[str], more_inside: bool) -> str:
    lead, tail = match.group("lead"), match.group("tail")
    if match.group("more") or more_inside:
        return "more_than"
    if tail:
        return TAILS[tail]
    return LEADS.get(lead or "", "exact")


def to_quantity(match: re.Match[str]) -> Quantity | None:
    if not is_marked(match):
        return None
    if match.group("percent_cn"):
        value, more = percent_value(match.group("cn_rate")), False
        unit: str | None = "%"
    else:
        value, more = core_value(match.group("core"))
        unit = match.group("unit")
    if value is None:
        return None
    if unit in UNIT_MAGNITUDES:
        value *= UNIT_MAGNITUDES[unit]
        unit = "元"
    number = int(value) if value == value.to_integral_value() else float(value)
    return Quantity(number, unit, qualifier_of(match, more), match.start(), match.end(), match.group(0))


def without_ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    """A range (10-20件, 1万-5万元) is one quantity when its ends are equal, none otherwise."""
    kept: list[Quantity] = []
    skip_next = False
    for index, quantity in enumerate(found):
        if skip_next:
            skip_next = False
            continue
        following = found[index + 1] if index + 1 < len(found) else None
        if following and RANGE_JOIN.match(text[quantity.end : following.start]):
            skip_next = True
            if quantity.value == following.value:
                whole = text[quantity.start : following.end]
                kept.append(replace(following, start=quantity.start, text=whole))
            continue
        kept.append(quantity)
    return kept


def quantity_matches(text: str) -> Iterator[re.Match[str]]:
    """QUANTITY.finditer(text), tried only where a quantity can begin."""
    return matches_from(QUANTITY, QUANTITY_START, text)


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in a text, in order, with offsets into it."""
    found: list[Quantity] = []
    for match in quantity_matches(text):
        if not (match.group("core") or match.group("percent_cn")):
            continue
        quantity = to_quantity(match)
        if quantity is not None:
            found.append(quantity)
    return without_ranges(text, found)


def parse_quantity(text: str) -> Quantity | None:
    """The quantity that a whole string states, or None."""
    found = find_quantities(text.strip())
    return found[0] if len(found) == 1 and found[0].end - found[0].start == len(text.strip()) else None
