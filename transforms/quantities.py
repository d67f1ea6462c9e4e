"""Chinese quantities: 12.7万件, 2.8万余件, 4.35亿元, 近百个, 约7929条, 三千余件, 百分之九十八, 超90%.

One pattern finds them in normalised text; `parse_quantity` turns one into a value in the canonical
unit (万 and 亿 folded in, rates as percent numbers) with a qualifier: exact, more_than (余, 多, 超,
逾), about (约, 左右) or nearly (近). Chinese numerals count only where a qualifier marks them as a
quantity (三千余件, 近百个), because slogans are full of them (一件事一次办, 三项制度).
"""

import re
from dataclasses import dataclass
from decimal import Decimal

import cn2an

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
    "%",
)
MAGNITUDES = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "千": Decimal(1000), "百": Decimal(100)}
UNIT_MAGNITUDES = {"万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
UNIT_PATTERN = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
QUANTITY = re.compile(
    rf"(?P<lead>近|约|超过|超|逾|多达|高达)?"
    rf"(?:(?P<percent_cn>百分之)(?P<cn_rate>[{CN_DIGITS}点]+)"
    rf"|(?P<number>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"|(?P<cn>[{CN_DIGITS}]+)(?=[余多]|[万亿千百]?(?:{UNIT_PATTERN})))"
    rf"(?P<more1>余|多)?(?P<magnitude>[万亿千百](?!分之))?(?P<more2>余|多)?"
    rf"\s*(?P<unit>{UNIT_PATTERN})?(?P<tail>左右|以上)?"
)


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str | None
    qualifier: str
    start: int
    end: int
    text: str


def chinese_number(text: str) -> Decimal | None:
    if text.startswith(("百", "千")):
        text = "一" + text
    try:
        return Decimal(str(cn2an.cn2an(text, "smart")))
    except (ValueError, KeyError, TypeError):
        return None


def qualifier_of(match: re.Match[str]) -> str:
    lead, tail = match.group("lead"), match.group("tail")
    if match.group("more1") or match.group("more2") or lead in ("超过", "超", "逾") or tail == "以上":
        return "more_than"
    if lead == "近":
        return "nearly"
    if lead == "约" or tail == "左右":
        return "about"
    return "exact"


def base_value(match: re.Match[str]) -> Decimal | None:
    if match.group("number"):
        return Decimal(match.group("number").replace(",", ""))
    if match.group("cn_rate"):
        return chinese_number(match.group("cn_rate"))
    if match.group("lead") or match.group("more1") or match.group("more2"):
        return chinese_number(match.group("cn"))
    return None


def to_quantity(match: re.Match[str]) -> Quantity | None:
    value = base_value(match)
    if value is None:
        return None
    unit = "%" if match.group("percent_cn") else match.group("unit")
    if match.group("magnitude"):
        value *= MAGNITUDES[match.group("magnitude")]
    if unit in UNIT_MAGNITUDES:
        value *= UNIT_MAGNITUDES[unit]
        unit = "元"
    number = int(value) if value == value.to_integral_value() else float(value)
    return Quantity(number, unit, qualifier_of(match), match.start(), match.end(), match.group(0))


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in a text, in order, with offsets into it."""
    found = []
    for match in QUANTITY.finditer(text):
        if not match.group(0) or (match.group("cn") and not match.group("unit")):
            continue
        quantity = to_quantity(match)
        if quantity is not None:
            found.append(quantity)
    return found


def parse_quantity(text: str) -> Quantity | None:
    """The quantity that a whole string states, or None."""
    match = QUANTITY.fullmatch(text.strip())
    return to_quantity(match) if match else None
