"""Standard measures (data/commitments.yaml): a promise without a figure of its own is answered
by the figure, or the direction stated without one, that every report gives for that kind of
promise (粮食生产 → 粮食总产量, 安全生产 → 生产安全事故起数). The texts are made up."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_track import _answered


@pytest.mark.parametrize(
    ("plan", "review", "answered"),
    [
        pytest.param(
            "全力抓好粮食生产。",
            "粮食总产量达到312.5亿斤、再创新高。",
            {"粮食生产": "reported"},
            id="grain_output_answers_grain_production",
        ),
        pytest.param(
            "强化就业优先政策，完善就业公共服务。",
            "就业形势总体稳定。",
            {"就业优先政策": "reported"},
            id="a_steady_job_market_answers_putting_jobs_first",
        ),
        pytest.param(
            "深入推进安全生产治本攻坚三年行动。",
            "生产安全事故起数、死亡人数分别下降8.1%、6.4%。",
            {"安全生产治本攻坚三年行动": "reported"},
            id="fewer_accidents_answer_the_work_safety_campaign",
        ),
        pytest.param(
            "深入推进安全生产治本攻坚三年行动。",
            "安全生产形势稳定向好。",
            {"安全生产治本攻坚三年行动": "reported"},
            id="a_direction_without_a_figure_answers_it_too",
        ),
        pytest.param(
            "持续深入打好蓝天碧水净土保卫战。",
            "空气质量优良天数比例91.2%，地表水国考断面水质优良比例95.3%。",
            {"打好蓝天碧水净土保卫战": "reported"},
            id="air_and_water_answer_the_three_battles",
        ),
        pytest.param(
            "持续打好扶贫攻坚战。",
            "农村贫困人口减少1100万人。",
            {"打好扶贫攻坚战": "reported"},
            id="fewer_poor_answer_the_battle_against_poverty",
        ),
        pytest.param(
            "实施提振消费专项行动。",
            "社会消费品零售总额增长4.8%。",
            {"消费专项行动": "reported"},
            id="retail_sales_answer_the_consumption_campaign",
        ),
        pytest.param(
            "着力稳外贸稳外资。",
            "实际使用外资120.5亿美元。",
            {"稳外贸稳外资": "reported"},
            id="foreign_capital_used_answers_keeping_it",
        ),
        pytest.param(
            "大力实施城市更新行动。",
            "改造城镇老旧小区860个。",
            {"城市更新行动": "reported"},
            id="old_estates_renovated_answer_urban_renewal",
        ),
        pytest.param(
            "加快打造世界旅游目的地。",
            "接待游客人次增长9.6%。",
            {"世界旅游目的地": "reported"},
            id="visitors_answer_a_destination",
        ),
        # 技改 is read as 技术改造: the plan's full form meets the review's short one
        pytest.param(
            "运用绿色技术改造提升传统产业。",
            "工业技改投资增长12.3%。",
            {"运用绿色技术改造提升传统产业": "met"},
            id="a_short_form_read_in_full",
        ),
    ],
)
def test_a_standard_measure_answers_a_promise_without_a_figure(
    tmp_path: Path, plan: str, review: str, answered: dict[str, str]
) -> None:
    assert _answered(tmp_path, plan, review) == answered


def test_a_short_form_on_one_side_only(tmp_path: Path) -> None:
    """低保 is read as 最低生活保障: the standard raised that the plan spelt out is the one the
    review lists in short."""
    plan = "城乡最低生活保障标准提高到每月800元。"
    assert _answered(tmp_path, plan, "城乡低保、基础养老金等标准稳步提高。") == {
        "城乡最低生活保障标准提高到每月800元": "met"
    }


def test_the_falling_crime_answers_the_control_system_not_the_centres(tmp_path: Path) -> None:
    """Crime figures measure the public-security control system (社会治安整体防控体系); the
    centres of comprehensive management (社会治安综合治理中心) share 社会治安 and are measured by
    their own standardisation, not by crime, nor by a public-security trend."""
    review = "刑事案件下降9.3%。社会治安形势稳定向好。"
    assert _answered(tmp_path, "完善社会治安整体防控体系。", review) == {
        "社会治安整体防控体系": "reported"
    }
    assert _answered(tmp_path, "深化社会治安综合治理中心规范化建设。", review) == {}


def test_a_renewal_is_not_measured_by_every_figure_of_the_city(tmp_path: Path) -> None:
    """Urban renewal is measured by the old estates and villages renovated, not by new parks."""
    plan = "大力实施城市更新行动。"
    assert _answered(tmp_path, plan, "新建城市公园12个。") == {}
    assert _answered(tmp_path, plan, "开工城中村改造安置住房5000套。") == {
        "城市更新行动": "started"
    }


def test_a_standard_measure_answers_besides_the_commitment_named_again(tmp_path: Path) -> None:
    """The campaign named again and the accidents that did not happen both answer it: the
    standard measure does not outrank the words that name the commitment."""
    from plangraph.pipeline.corpus import read_inputs
    from plangraph.pipeline.track import link_documents

    plan, review = tmp_path / "plan-2031.txt", tmp_path / "review-2032.txt"
    plan.write_text(
        "2031年某某省政府工作报告\n二、2031年工作安排\n深入推进安全生产治本攻坚三年行动。\n",
        encoding="utf-8",
    )
    review.write_text(
        "2032年某某省政府工作报告\n一、2031年工作回顾\n"
        "安全生产治本攻坚三年行动扎实推进，全年未发生重大及以上生产安全事故。\n",
        encoding="utf-8",
    )
    links = link_documents(*read_inputs([plan, review]))
    assert sorted((k.outcome_label, k.status) for k in links) == [
        ("安全生产治本攻坚三年行动", "reported"),
        ("未发生重大及以上生产安全事故", "met"),
    ]


@pytest.mark.parametrize(
    "review",
    ["全区能耗强度累计下降17.3%。", "能耗强度提前完成“十四五”目标并持续下降。"],
    ids=["cumulative", "of_the_five_years"],
)
def test_a_figure_of_several_years_does_not_answer_the_year(tmp_path: Path, review: str) -> None:
    plan = "深入实施重点行业节能降碳改造。"
    assert _answered(tmp_path, plan, review) == {}
    assert _answered(tmp_path, plan, "单位地区生产总值能耗下降3.1%。") == {
        "重点行业节能降碳改造": "reported"
    }


def test_a_figure_of_a_place_answers_the_promise_naming_that_place(tmp_path: Path) -> None:
    """Of two promises a figure is the standard measure of, the one naming its city."""
    plan = "提升入境旅游便利度。支持张家界打造入境旅游标杆城市。"
    assert _answered(tmp_path, plan, "张家界入境游客增长32.5%。") == {
        "张家界打造入境旅游标杆城市": "reported"
    }
