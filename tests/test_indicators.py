"""Indicator matching on sentences the way reports write them, traps included."""

import dataclasses

import pytest

from transforms.catalogue import Catalogue, UnitRules, catalogue
from transforms.indicators import candidates, extract_indicators
from transforms.report import parse_report
from transforms.simplified import simplified


def facts_of(text: str) -> dict[str, float]:
    facts, _ = extract_indicators(text)
    return {f.code: f.value for f in facts}


@pytest.mark.parametrize(
    ("sentence", "code", "value"),
    [
        ("全年受理复议案件232起,行政复议决定书应公开尽公开率100%。", "review_received", 232),
        ("县政府共收到行政复议申请12件,受理12件,审结12件,法定期限内审结率100%。", "review_concluded", 12),
        ("全市行政机关负责人出庭应诉率达到99.09%。", "head_appearance_rate", 99.09),
        ("切实提升行政应诉工作水平,负责人出庭应诉1820次。", "head_appearance_count", 1820),
        ("全年共调解了6736件矛盾纠纷,调解成功6609件,成功率98.1%。", "mediation_cases", 6736),
        ("全年共调解了6736件矛盾纠纷,调解成功6609件,成功率98.1%。", "mediation_success_rate", 98.1),
        ("共建成1个县公共法律服务中心,12个乡镇公共法律服务工作站。", "legal_service_centers", 1),
        ("组织全区805名已持有执法证的行政执法人员进行年审培训考试工作。", "enforcement_staff", 805),
        ("高质高效办理人大建议、政协提案475件,满意率100%。", "proposals_handled", 475),
        ("全年主动公开政府信息约7929条,办理依申请公开395件。", "gov_info_on_request", 395),
        ("开展送法进基层等普法活动300余场,覆盖120余万人。", "law_publicity_reach", 1200000),
        ("梳理规范性文件689件,废止1件。", "normative_docs_abolished", 1),
        ("市政府常务会议集体学法5次,培训人员3.1万余人次。", "training_participants", 31000),
    ],
)
def test_recognises_the_indicator(sentence, code, value):
    assert facts_of(sentence).get(code) == value


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("排查矛盾纠纷5126件,调解率100%。", "mediation_success_rate"),  # 调解率 is not the success rate
        ("全年共收到行政复议案件66件,同比增长106%。", "review_concluded"),
        ("区法院共委派2097件,调解成功1042件,调解成功率50%。", "mediation_success_rate"),  # court-delegated
        ("区法院共委派2097件,调解成功1042件,调解成功率50%。", "mediation_success"),
        ("办理法律援助、公证、仲裁案件2.3万余件。", "legal_aid_cases"),  # merged categories
        ("全市乡镇综合行政执法共开展行政检查2900余次。", "enforcement_inspections"),  # a part
        ("全年开展区级应急演练17场次,街道、社区(村)级应急演练1489场次。", "emergency_drills"),
        ("2019年公开脱贫攻坚领域相关信息217条,公开环保领域政府信息88条。", "gov_info_proactive"),
        ("区政府本级新收应诉案件107件,审结86件,行政机关负责人应出庭应诉99件。", "head_appearance_count"),
        ("一是行政调解7000余件。", "mediation_cases"),  # administrative, not people's mediation
        ("败诉率同比下降3个百分点,出庭应诉率提升12%。", "head_appearance_rate"),
    ],
)
def test_traps_give_no_figure(sentence, code):
    assert code not in facts_of(sentence)


def test_fan_out_gives_each_listed_rate():
    assert facts_of("调解成功率、出庭应诉率均达100%。") == {
        "mediation_success_rate": 100,
        "head_appearance_rate": 100,
    }


def test_whole_jurisdiction_figure_wins_over_an_earlier_partial_one():
    text = "城区调解案件300件。全年调解案件2.8万余件。"
    assert facts_of(text)["mediation_cases"] == 28000


def test_evidence_offsets_index_the_text():
    text = "一、矛盾化解。全年调解案件2.8万余件,调处率达98.6%。深化行政复议体制改革,全年受理复议案件232起。"
    facts, _ = extract_indicators(text)
    assert facts
    for fact in facts:
        assert text[fact.start : fact.end] == fact.evidence
        assert fact.rule_id.startswith(fact.code)


def test_rejected_candidates_keep_their_reason():
    _, found = extract_indicators("全市乡镇综合行政执法共开展行政检查2900余次。")
    assert [(c.code, c.reason) for c in found] == [("enforcement_inspections", "part_of_jurisdiction")]


def test_catalogue_covers_the_gold_codes_with_complete_entries():
    codes = {i.code for i in catalogue().indicators}
    assert len(codes) >= 29
    for indicator in catalogue().indicators:
        assert indicator.rules, indicator.code
        assert indicator.kind in {"count", "rate", "amount"}
        assert indicator.direction in {"higher_better", "lower_better", "neutral"}
        assert all(rule.id.startswith(indicator.code + ".") for rule in indicator.rules)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("2023年,受理、审结行政复议案件分别为30件、28件。", {"review_received": 30, "review_concluded": 28}),
        ("全县人民调解组织、人民调解员分别达到182个和992名。", {"mediation_orgs": 182, "mediators": 992}),
        ("受理、审结行政复议案件分别为30件。", {}),  # items and values do not pair up: no figure
    ],
)
def test_respectively_lists_pair_items_with_values(sentence, expected):
    facts, _ = extract_indicators(sentence)
    assert {f.code: f.value for f in facts} == expected
    for fact in facts:
        assert sentence[fact.start : fact.end] == fact.evidence


@pytest.mark.parametrize(
    ("sentence", "code", "value"),
    [
        ("全年新收行政复议案件709件,直接纠错率13.8%。", "review_correction_rate", 13.8),
        ("行政复议纠错率达12.83%,发挥了层级监督作用。", "review_correction_rate", 12.83),
        ("全市行政机关败诉率11.8%,出庭应诉率100%。", "litigation_loss_rate", 11.8),
        ("全市作出行政处罚决定1234件,罚没金额1753.79万元。", "penalty_cases", 1234),
        ("全年办理行政处罚案件108156宗。", "penalty_cases", 108156),
    ],
)
def test_codes_beyond_the_first_gold_set(sentence, code, value):
    assert facts_of(sentence).get(code) == value


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("败诉率同比下降3%,行政诉讼发案量下降。", "litigation_loss_rate"),  # a change, not a level
        ("办理行政处罚、行政强制案件48件。", "penalty_cases"),  # merged categories
        ("备案审查重大行政处罚23件。", "penalty_cases"),  # filings of major penalties, not all
        ("执法案卷评查纠错率100%。", "review_correction_rate"),  # not about reconsideration
    ],
)
def test_traps_of_the_new_codes(sentence, code):
    assert code not in facts_of(sentence)


def every_rule_asked(cat: Catalogue) -> Catalogue:
    """The catalogue as it was before UnitRules: every rule of a unit asked about every quantity."""
    unfiltered = dataclasses.replace(cat)
    unfiltered.__dict__["rules_by_unit"] = {
        unit: UnitRules(rules.rules, None, ()) for unit, rules in cat.rules_by_unit.items()
    }
    return unfiltered


def test_a_quantity_is_asked_of_every_rule_only_where_some_rule_s_words_are_there():
    cases = catalogue().rules_by_unit["件"]
    assert cases.to_ask(["全年受理行政复议申请"]) == cases.rules
    assert cases.to_ask(["开展普法宣传活动"]) == cases.without_before
    assert 0 < len(cases.without_before) < len(cases.rules)


def test_asking_fewer_rules_finds_the_same_candidates_in_the_sample_reports(sample_paths):
    cat = catalogue()
    texts = [simplified(parse_report(str(path), path.read_bytes(), None).text) for path in sample_paths]
    found = [candidates(text, cat) for text in texts]
    assert found == [candidates(text, every_rule_asked(cat)) for text in texts]
    assert sum(map(len, found)) > 50
