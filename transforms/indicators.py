"""Indicator facts: the catalogue's figures found in a report, each with its evidence and offsets.

Every quantity is put in its sentence and clause; each catalogue rule then decides from the words
before (and after) it whether it states an indicator. Changes (同比增长106%), parts of the
jurisdiction (乡镇, 法院委派) and units that do not fit are rejected. Where several candidates remain
for one code, the one stated for the whole jurisdiction (全年, 全市) wins, else the first; every
decision is kept as a Candidate so that `fazhi extract --explain` can show why.
"""

import dataclasses
import re
from bisect import bisect_left
from dataclasses import dataclass

from transforms.catalogue import Catalogue, Rule, catalogue
from transforms.quantities import Quantity, find_quantities
from transforms.simplified import simplified

SENTENCE_END = re.compile(r"[。；;！!？?\n]")
CLAUSE_END = re.compile(r"[。；;！!？?\n,，:：|\t]")  # a table cell is a clause of its own
RESPECTIVELY = re.compile(r"分别(?:为|是|达到|达|有)")
LIST_ITEMS_MAX = 40
LOOK_AROUND = 300
LIST_ITEM_SEPARATOR = re.compile(r"、|和|及|与")
OTHER_ITEM = re.compile(r"[、;；]")
BETWEEN_LIST_VALUES = re.compile(r"^\s*(?:、|,|，|和|及|与|以及)\s*$")


@dataclass(frozen=True)
class Context:
    sentence: str
    before: str
    clause_before: str
    after: str
    evidence_start: int


@dataclass(frozen=True)
class Candidate:
    code: str
    rule_id: str
    value: float
    unit: str
    qualifier: str
    evidence: str
    start: int
    end: int
    accepted: bool
    reason: str
    whole_jurisdiction: bool = False
    fallback: bool = False

    @property
    def scope(self) -> str:
        """What the figure is stated for, as far as the clause says: the whole jurisdiction or year
        (全年, 全市…), a part of either (rejected), or unstated."""
        if self.reason in ("part_of_jurisdiction", "part_of_period"):
            return self.reason
        return "whole" if self.whole_jurisdiction else "unstated"


@dataclass(frozen=True)
class Boundaries:
    """Where one text's sentences (or clauses) end: found once per text, then looked up by
    bisection for each quantity rather than searched again around it."""

    length: int
    ends: list[int]

    @classmethod
    def of(cls, pattern: re.Pattern[str], text: str) -> "Boundaries":
        return cls(len(text), [match.start() for match in pattern.finditer(text)])

    def start_before(self, position: int) -> int:
        """Just after the last end before `position`, looking back at most LOOK_AROUND characters."""
        window = max(0, position - LOOK_AROUND)
        index = bisect_left(self.ends, position) - 1
        return self.ends[index] + 1 if index >= 0 and self.ends[index] >= window else window

    def end_after(self, position: int) -> int:
        """The first end at or after `position`, looking ahead at most LOOK_AROUND characters."""
        limit = position + LOOK_AROUND
        index = bisect_left(self.ends, position)
        if index < len(self.ends) and self.ends[index] < limit:
            return self.ends[index]
        return min(self.length, limit)


def context_of(text: str, quantity: Quantity, sentences: Boundaries, clauses: Boundaries) -> Context:
    sentence_start = sentences.start_before(quantity.start)
    clause_start = clauses.start_before(quantity.start)
    clause_before = text[clause_start : quantity.start]
    return Context(
        sentence=text[sentence_start : sentences.end_after(quantity.end)],
        before=text[sentence_start : quantity.start],
        clause_before=clause_before.strip(),
        after=text[quantity.end : clauses.end_after(quantity.end)],
        evidence_start=clause_start + len(clause_before) - len(clause_before.lstrip()),
    )


def respectively_lists(
    text: str, quantities: list[Quantity], clauses: Boundaries
) -> dict[int, tuple[str | None, int]]:
    """For 'A、B分别为X、Y': each listed quantity's own clause ('A'+noun, 'B'+noun) and the start of
    the list, keyed by the quantity's start; the clause is None when items and values do not pair
    up, so that no figure is taken from the list."""
    listed_clauses: dict[int, tuple[str | None, int]] = {}
    for match in RESPECTIVELY.finditer(text):
        start = max(clauses.start_before(match.start()), match.start() - LIST_ITEMS_MAX)
        listed = text[start : match.start()]
        start += len(listed) - len(listed.lstrip())
        values = listed_values(text, match.end(), quantities)
        items = [item.strip() for item in LIST_ITEM_SEPARATOR.split(listed) if item.strip()]
        own = distribute_noun(items) if values and len(items) == len(values) else [None] * len(values)
        listed_clauses.update({q.start: (clause, start) for q, clause in zip(values, own, strict=True)})
    return listed_clauses


def listed_values(text: str, start: int, quantities: list[Quantity]) -> list[Quantity]:
    """The quantities right after 分别为: the first directly, each next one after 、 or 和."""
    values: list[Quantity] = []
    position = start
    for quantity in (q for q in quantities if q.start >= start):
        gap = text[position : quantity.start]
        joined = BETWEEN_LIST_VALUES.match(gap) if values else not gap.strip()
        if not joined:
            break
        values.append(quantity)
        position = quantity.end
    return values


def distribute_noun(items: list[str]) -> list[str]:
    """The last item's noun is shared: 受理、审结行政复议案件 -> 受理行政复议案件, 审结行政复议案件."""
    if not items:
        return []
    first, last = items[0], items[-1]
    noun = last[len(first) :] if len(last) > len(first) else ""
    return [item if item == last or not noun else item + noun for item in items]


def list_items(clause_before: str, cat: Catalogue) -> list[str]:
    """The clause with its trailing connectives set aside; for 均为 fan-outs, each listed item."""
    core = cat.connectives.sub("", clause_before)
    fan_out = core != clause_before and "均" in clause_before[len(core) :]
    return [core, *re.split(r"[、和及与]", core)[:-1]] if fan_out else [core]


# A rule's own words are not there: no candidate at all (the rest are candidates, rejected or not).
NOT_RECOGNISED = ("unit", "before", "after")


def rule_rejection(rule: Rule, quantity: Quantity, ctx: Context, items: list[str]) -> str | None:
    """Why this rule does not take this quantity (`items`: its clause's listed items), or None."""
    if quantity.unit not in rule.units:
        return "unit"
    if rule.before and not any(rule.before.search(item) for item in items):
        return "before"
    if rule.after and not rule.after.search(ctx.after):
        return "after"
    if rule.topic:
        topics = list(rule.topic.finditer(ctx.before))
        if not topics:
            return "topic"
        if rule.block and rule.block.search(ctx.before[topics[-1].end() :]):
            return "topic_blocked"
    clause = ctx.clause_before + OTHER_ITEM.split(ctx.after, maxsplit=1)[0]  # its own list item
    if rule.exclude and rule.exclude.search(clause):
        return "excluded"
    if rule.exclude_sentence and rule.exclude_sentence.search(ctx.sentence):
        return "excluded_sentence"
    return None


def shared_rejection(quantity: Quantity, ctx: Context, cat: Catalogue) -> str | None:
    """Reasons that hold whatever the indicator: a change, a part of the jurisdiction, a part of
    the year, a sub-kind of what is counted, or what is still open."""
    if cat.change_before.search(ctx.clause_before) or cat.change_after.search(ctx.after):
        return "change_not_level"
    if cat.part_of_jurisdiction.search(ctx.clause_before):
        return "part_of_jurisdiction"
    if cat.part_of_period.search(ctx.before):
        return "part_of_period"
    if cat.sub_kind.search(ctx.clause_before):
        return "sub_kind"
    if cat.still_open.search(ctx.clause_before):
        return "still_open"
    return None


def candidates(text: str, cat: Catalogue | None = None, shown: str | None = None) -> list[Candidate]:
    """Every (quantity, rule) pair whose rule recognised the indicator's words, with the verdict.
    `text` is what the rules read (simplified characters); evidence is quoted from `shown`, the
    stored text of the same length."""
    cat = cat or catalogue()
    shown = text if shown is None else shown
    found: list[Candidate] = []
    quantities = find_quantities(text)
    sentences, clauses = Boundaries.of(SENTENCE_END, text), Boundaries.of(CLAUSE_END, text)
    listed = respectively_lists(text, quantities, clauses)
    by_unit = cat.rules_by_unit
    for quantity in quantities:
        if quantity.unit not in by_unit:
            continue
        ctx = context_of(text, quantity, sentences, clauses)
        own, unaligned = ctx, None
        if quantity.start in listed:
            own_clause, list_start = listed[quantity.start]
            own = dataclasses.replace(ctx, clause_before=own_clause or "", evidence_start=list_start)
            unaligned = None if own_clause else "list_unaligned"
        items = list_items(own.clause_before, cat)
        asked = by_unit[quantity.unit].to_ask(items)
        verdicts = [(rule, rule_rejection(rule, quantity, own, items)) for rule in asked]
        recognised = [(rule, reason) for rule, reason in verdicts if reason not in NOT_RECOGNISED]
        if not recognised:
            continue  # most quantities: the reasons every rule shares are not looked for
        shared = shared_rejection(quantity, ctx, cat) or unaligned
        whole = bool(cat.whole_jurisdiction.search(ctx.before))
        found += [
            make_candidate(shown, r, quantity, own, reason=reason or shared, whole=whole)
            for r, reason in recognised
        ]
    return found


def make_candidate(
    text: str, rule: Rule, quantity: Quantity, ctx: Context, *, reason: str | None, whole: bool
) -> Candidate:
    start = ctx.evidence_start
    after = rule.after.search(ctx.after) if rule.after else None
    end = quantity.end + (after.end() if after else 0)
    return Candidate(
        code=rule.code,
        rule_id=rule.id,
        value=quantity.value,
        unit=quantity.unit or "",
        qualifier=quantity.qualifier,
        evidence=text[start:end],
        start=start,
        end=end,
        accepted=reason is None,
        reason=reason or "accepted",
        whole_jurisdiction=whole,
        fallback=rule.fallback,
    )


def select_facts(found: list[Candidate]) -> list[Candidate]:
    """At most one figure per code: a main rule's over a fallback rule's (排查 counts disputes
    only where no 调解 figure is stated), then the first stated for the whole jurisdiction, else
    the first."""
    chosen: dict[str, Candidate] = {}
    for candidate in found:
        if not candidate.accepted:
            continue
        current = chosen.get(candidate.code)
        if current is None or preference(candidate) > preference(current):
            chosen[candidate.code] = candidate
    return sorted(chosen.values(), key=lambda c: c.start)


def preference(candidate: Candidate) -> tuple[bool, bool]:
    return (not candidate.fallback, candidate.whole_jurisdiction)


def extract_indicators(text: str) -> tuple[list[Candidate], list[Candidate]]:
    """(facts, all candidates) for a report's normalised text, read with simplified characters."""
    found = candidates(simplified(text), shown=text)
    return select_facts(found), found
