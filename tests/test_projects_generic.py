"""Kinds that are no named project: industries before a zone's head, a zone named only by its
field or kind, half of a campaign of two fields, a count phrase. Sentences written for these
tests; the names are made up (places are real so that the gazetteer knows them)."""

from __future__ import annotations

import pytest

from plangraph.extraction.projects import find_projects


def _names(sentence: str) -> list[str]:
    return [m.name for m in find_projects(sentence, 0, len(sentence))]


@pytest.mark.parametrize(
    "sentence",
    [
        # industries listed before a shared zone's head
        "壮大能源、化工、新材料、汽车零配件等产业集群。",
        "培育生物医药、零部件等产业集群。",
        # a zone named by its field or kind alone
        "推进海外仓、国际合作园区建设。",
        "布局建设银发经济产业园区。",
        "推进服务型制造集聚区建设。",
        "加快建设绿氢生产和应用基地。",
        # a count phrase
        "新评定和升级一批星级园区。",
    ],
)
def test_kinds_of_zone_are_no_names(sentence: str) -> None:
    assert _names(sentence) == []


def test_a_campaign_of_two_fields_is_one() -> None:
    assert _names("开展乡村更新和防灾韧性提升行动，加力改造。") == ["乡村更新和防灾韧性提升行动"]
    # …but a policy before 和 is no field of the campaign
    assert "政策和提振出口专项行动" not in _names("全面落实“两新”政策和提振出口专项行动。")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a zone named by a place, a firm or a coined word stays beside a kind of zone
        (
            "推进宜宾时代动力电池基地、万华化学产业园二期建设，培育化工、新材料等产业集群。",
            ["宜宾时代动力电池基地", "万华化学产业园二期"],
        ),
        ("建设天府中央法务区，布局建设银发经济产业园区。", ["天府中央法务区"]),
        ("推进湘琼、粤琼产业园建设，推进国际合作园区建设。", ["湘琼产业园", "粤琼产业园"]),
        # a national designation of one field, and a pilot zone
        ("加快国家数据要素综合试验区建设，推进服务型制造集聚区建设。", ["国家数据要素综合试验区"]),
        ("推进数据要素综合试验区建设，升级一批星级园区。", ["数据要素综合试验区"]),
    ],
)
def test_named_zones_stay(sentence: str, expected: list[str]) -> None:
    assert _names(sentence) == expected
