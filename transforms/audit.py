"""Consistency audit of one report's figures: rates in 0–100, parts within wholes, stated rates
against their own counts (a report that states 97.1% for 51232 of 52840 — 96.96% — is flagged).
"""

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from transforms.catalogue import catalogue


@dataclass(frozen=True)
class Inconsistency:
    check: str
    codes: str
    detail: str


def decimals(value: float) -> int:
    exponent = Decimal(str(value)).normalize().as_tuple().exponent
    return max(0, -int(exponent))


def rate_matches(stated: float, numerator: float, denominator: float) -> bool:
    """Whether the stated rate is the counts' rate rounded (or truncated) to the stated precision."""
    exact = Decimal(str(numerator)) * 100 / Decimal(str(denominator))
    step = Decimal(1).scaleb(-decimals(stated))
    readings = {exact.quantize(step, rounding=ROUND_HALF_UP), exact.quantize(step, rounding=ROUND_DOWN)}
    return Decimal(str(stated)) in readings


def audit_figures(values: dict[str, float]) -> list[Inconsistency]:
    """Every inconsistency among one report's figures (code -> value)."""
    cat = catalogue()
    found: list[Inconsistency] = []
    kinds = {i.code: i.kind for i in cat.indicators}
    for code, value in values.items():
        if kinds.get(code) == "rate" and not 0 <= value <= 100:
            found.append(Inconsistency("rate_range", code, f"{value} is outside 0–100"))
    for rule in cat.consistency:
        stated, num, den = (values.get(rule[k]) for k in ("rate", "numerator", "denominator"))
        if stated is None or num is None or not den:
            continue
        if not rate_matches(stated, num, den):
            computed = round(num * 100 / den, 2)
            codes = f"{rule['rate']},{rule['numerator']},{rule['denominator']}"
            found.append(
                Inconsistency(
                    "stated_rate", codes, f"states {stated}%, counts give {computed}% ({num}/{den})"
                )
            )
    for rule in cat.bounds:
        part, whole = values.get(rule["part"]), values.get(rule["whole"])
        if part is not None and whole is not None and part > whole:
            found.append(
                Inconsistency("part_exceeds_whole", f"{rule['part']},{rule['whole']}", f"{part} > {whole}")
            )
    return found
