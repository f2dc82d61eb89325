"""The quantity finder: one rule per row of a table, gold targets of the sample, properties."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPORTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plangraph._resources import data_file
from plangraph.extraction.quantities import Quantity, find_quantities, fold_width
from plangraph.vocab.schemes import units

D = Decimal

# (phrase, the quantity's number as written, expected fields). Phrases are written for these
# tests, in the style of work reports; none is quoted from a real one.
CASES: list[tuple[str, str, dict[str, Any]]] = [
    # indicator before the number, with and without spaces
    (
        "新建农村公路 4300 公里。",
        "4300",
        dict(indicator="新建农村公路", value=D(4300), unit="KiloM"),
    ),
    ("新建农村公路4330公里。", "4330", dict(indicator="新建农村公路", value=D(4330), unit="KiloM")),
    (
        "新建智能化煤矿 150 座，",
        "150",
        dict(indicator="新建智能化煤矿", unit="NUM", classifier="座"),
    ),
    (
        "煤炭先进产能占比达到 83%。",
        "83",
        dict(indicator="煤炭先进产能占比", value=D(83), unit="PERCENT"),
    ),
    (
        "资源循环利用率达到８３％。",
        "８３",
        dict(indicator="资源循环利用率", value=D(83), unit="PERCENT"),
    ),
    # the noun after the measure word names what is counted
    (
        "新建 30 个国家绿色工厂，",
        "30",
        dict(indicator="新建国家绿色工厂", value=D(30), classifier="个"),
    ),
    (
        "建设 300 个以上精品示范村，",
        "300",
        dict(indicator="建设精品示范村", qualifier="AtLeast", value=D(300)),
    ),
    (
        "建设 300 个以上精品示范村、2500 个左右提档升级村。",
        "2500",
        dict(indicator="建设提档升级村", qualifier="About", value=D(2500)),
    ),
    ("着力推进沿黄公路等 9 个在建项目，", "9", dict(indicator="推进在建项目", value=D(9))),
    ("为 800 万人稳定就业", "800", dict(indicator="稳定就业", value=D(8_000_000), classifier="人")),
    # growth and its cues
    (
        "数字经济规模增长 15% 左右。",
        "15",
        dict(indicator="数字经济规模", qualifier="About", growth=True, value=D(15)),
    ),
    (
        "国内生产总值增长5%左右；",
        "5",
        dict(indicator="国内生产总值", growth=True, qualifier="About"),
    ),
    (
        "人均财政补助增加 30 元。",
        "30",
        dict(indicator="人均财政补助", unit="CCY_CNY", value=D(30), growth=True),
    ),
    (
        "研发投入强度提高 0.2 个百分点。",
        "0.2",
        dict(indicator="研发投入强度", unit="PercentagePoint", value=D("0.2"), growth=True),
    ),
    (
        "单位地区生产总值能耗降低3%左右。",
        "3",
        dict(indicator="单位地区生产总值能耗降低", growth=True, qualifier="About"),
    ),
    ("营业收入比上年增长 8%。", "8", dict(indicator="营业收入", growth=True)),
    ("城镇化率提高到 66.2%。", "66.2", dict(indicator="城镇化率", growth=False, value=D("66.2"))),
    ("提高基础养老金最低标准 20 元。", "20", dict(growth=True, unit="CCY_CNY")),
    # magnitudes and unit factors
    ("营业收入达到 7000 亿元。", "7000", dict(value=D(700_000_000_000), unit="CCY_CNY")),
    ("经济总量达到 4.5 万亿元。", "4.5", dict(value=D(4_500_000_000_000), unit="CCY_CNY")),
    ("新增装机 600 万千瓦。", "600", dict(value=D(6_000_000), unit="KiloW")),
    ("省属企业招聘 1 万人，", "1", dict(value=D(10_000), unit="NUM", classifier="人")),
    (
        "粮食产量1.3万亿斤以上，",
        "1.3",
        dict(indicator="粮食产量", value=D(650_000_000_000), unit="KiloGM", qualifier="AtLeast"),
    ),
    ("完成营造林 319 万亩，", "319", dict(value=D(3_190_000), unit="Mu")),
    ("外贸进出口总额 1,234 亿元。", "1,234", dict(value=D(123_400_000_000))),
    ("惠及 160 余万人。", "160", dict(value=D(1_600_000), qualifier="AtLeast")),
    ("入驻企业 300 多家，", "300", dict(value=D(300), qualifier="AtLeast", classifier="家")),
    # Chinese numerals
    (
        "要办好十五件民生实事。",
        "十五",
        dict(value=D(15), classifier="件", indicator="办好民生实事"),
    ),
    ("免费送戏下乡1万场。", "1", dict(value=D(10_000), classifier="场")),
    ("安排专项资金三千亿元。", "三千亿", dict(value=D(300_000_000_000), unit="CCY_CNY")),
    ("建设两万个充电桩。", "两万", dict(value=D(20_000), classifier="个")),
    ("覆盖率达到百分之五十。", "五十", dict(value=D(50), unit="PERCENT")),
    # ranges
    (
        "建设 3-5 家省实验室，",
        "3-5",
        dict(min=D(3), max=D(5), value=None, qualifier="Range", classifier="家"),
    ),
    (
        "增速 4.5%—5%。",
        "4.5%—5",
        dict(min=D("4.5"), max=D(5), qualifier="Range", unit="PERCENT", growth=True),
    ),
    ("培育2—4家链主企业。", "2—4", dict(min=D(2), max=D(4), qualifier="Range")),
    ("营业收入增长5%至6%。", "5%至6", dict(min=D(5), max=D(6), qualifier="Range", growth=True)),
    ("新增就业 1-2 万人。", "1-2", dict(min=D(10_000), max=D(20_000), qualifier="Range")),
    ("建设三至五个示范区。", "三至五", dict(min=D(3), max=D(5), qualifier="Range")),
    ("改造老旧小区 500～600 个。", "500～600", dict(min=D(500), max=D(600), qualifier="Range")),
    # qualifiers before and after the number
    (
        "城镇新增就业 1200 万人以上，",
        "1200",
        dict(indicator="城镇新增就业", value=D(12_000_000), qualifier="AtLeast"),
    ),
    ("新能源汽车保有量超过 100 万辆。", "100", dict(qualifier="AtLeast", classifier="辆")),
    ("旅游收入超 1000 亿元。", "1000", dict(qualifier="AtLeast", indicator="旅游收入")),
    ("森林覆盖率不低于 25%。", "25", dict(qualifier="AtLeast", indicator="森林覆盖率")),
    ("失业率控制在 5.5% 以内。", "5.5", dict(qualifier="AtMost", indicator="失业率")),
    ("赤字率不超过 3%。", "3", dict(qualifier="AtMost", indicator="赤字率")),
    (
        "力争数字经济规模突破 5000 亿元。",
        "5000",
        dict(qualifier="AtLeast", indicator="数字经济规模", aspirational=True),
    ),
    ("力争进出口总额达到 2000 亿元。", "2000", dict(qualifier="Exact", aspirational=True)),
    (
        "力争经济增长 5% 左右。",
        "5",
        dict(qualifier="About", growth=True, indicator="经济", aspirational=True),
    ),
    ("投资约 300 亿元。", "300", dict(qualifier="About")),
    ("审批时限压缩至 3 天以内。", "3", dict(unit="DAY", qualifier="AtMost")),
    # lists
    (
        "钢铁先进工艺装备占比、焦炉煤气化产加工利用率均达到 60% 以上。",
        "60",
        dict(indicator="钢铁先进工艺装备占比", qualifier="AtLeast"),
    ),
    (
        "新建改造 50 个社区养老工程、100 个区域养老中心。",
        "100",
        dict(indicator="新建改造区域养老中心", value=D(100)),
    ),
    (
        "国内生产总值超过 126 万亿元，增长 5.2%。",
        "5.2",
        dict(indicator="国内生产总值", growth=True, value=D("5.2")),
    ),
    (
        "16 条省级重点产业链营业收入达到 7000 亿元。",
        "7000",
        dict(indicator="16条省级重点产业链营业收入", value=D(700_000_000_000)),
    ),
    (
        "轿车、家电类消费分别增长 40.9%、24.8%。",
        "24.8",
        dict(indicator="家电类消费", growth=True, value=D("24.8")),
    ),
    ("轿车、家电类消费分别增长 40.9%、24.8%。", "40.9", dict(indicator="轿车消费", growth=True)),
    (
        "赤字规模 4 万亿元，比上年增加 1800 亿元。",
        "1800",
        dict(indicator="赤字规模", growth=True, value=D(180_000_000_000)),
    ),
    # other units
    (
        "PM2.5 年均浓度降至 36 微克/立方米。",
        "36",
        dict(unit="MicroGM-PER-M3", indicator="PM2.5年均浓度"),
    ),
    ("绿电交易量 76.6 亿千瓦时。", "76.6", dict(unit="KiloW-HR", value=D(7_660_000_000))),
    # a price per kilowatt hour, not an amount of energy
    (
        "工商业平均电价下降5分/千瓦时。",
        "5",
        dict(unit="FenPerKiloWattHour", value=D(5), growth=True),
    ),
    ("集体经营性建设用地入市成交 87 宗、2959 亩。", "2959", dict(unit="Mu", value=D(2959))),
    ("新增 30 万千瓦光伏装机。", "30", dict(indicator="新增光伏装机", value=D(300_000))),
    ("新增生化处理能力日均1200吨。", "1200", dict(indicator="新增生化处理能力日均")),
    (
        "新增4对国际友城、23对友好合作伙伴。",
        "23",
        dict(classifier="对", indicator="新增友好合作伙伴"),
    ),
    # large counts with no measure word
    (
        "惠及6600多万纳税人。",
        "6600",
        dict(value=D(66_000_000), classifier=None, qualifier="AtLeast"),
    ),
    ("脱贫人口务工规模超过3300万。", "3300", dict(value=D(33_000_000), qualifier="AtLeast")),
    # what the number measures, from the words around it
    ("实施10亿元以上项目500个，", "500", dict(indicator="实施10亿元以上项目", value=D(500))),
    ("营收2000万元以上的企业达到100家。", "100", dict(indicator="营收2000万元以上的企业")),
    ("覆盖二级以上医疗机构97%的门诊量。", "97", dict(indicator="覆盖二级以上医疗机构门诊量")),
    ("获评科学技术奖58项，占全国28.7%。", "28.7", dict(indicator="获评科学技术奖占全国")),
    (
        "细颗粒物年均浓度30.5微克/立方米、下降6.2%，",
        "6.2",
        dict(indicator="细颗粒物年均浓度下降", growth=True),
    ),
    ("优良天数达到290天、增加19天。", "19", dict(indicator="优良天数", unit="DAY", growth=True)),
    (
        "事故起数和死亡人数分别下降24.7%、28.2%。",
        "28.2",
        dict(indicator="死亡人数下降", growth=True),
    ),
    ("加快太旧高速改扩建、黎霍高速等7个高速公路项目。", "7", dict(indicator="加快高速公路项目")),
    ("提升122个劳务品牌知名度。", "122", dict(indicator="提升劳务品牌知名度", growth=False)),
    ("实现7000处信号灯联网。", "7000", dict(indicator="实现信号灯联网")),
    ("为2万名高危人群进行健康筛查。", "2", dict(indicator="高危人群", value=D(20_000))),
    ("城镇调查失业率平均为5.2%。", "5.2", dict(indicator="城镇调查失业率")),
    ("赤字率拟按3%安排。", "3", dict(indicator="赤字率")),
    ("入境游客大幅增长186.8%。", "186.8", dict(indicator="入境游客", growth=True)),
    ("争取中央预算内资金824亿元。", "824", dict(qualifier="Exact", aspirational=True)),
    ("标准机架、算力分别达到10.8万个、101.2万架。", "101.2", dict(indicator="算力")),
]

# Phrases with no quantity in them.
NOT_QUANTITIES = [
    "2024 年要办好民生实事。",  # a year
    "2025年1月17日在省人民代表大会第三次会议上",  # a date, an ordinal
    "力争集大原高铁年底建成通车。",
    "认定第二批省级数字经济示范园区。",  # an ordinal
    "在第十四届全国人民代表大会上",
    "① 为 80 周岁及以上老年人发放高龄津贴。",  # a list number, an age threshold
    "一是稳就业。十五是新建一批城市书房。",  # list numbers
    "（一）扩大有效益的投资\n1. 推动产业转型",  # headings
    "推动 5G 网络深度覆盖，建设 5G-A 基站。",  # a name with a number
    "新建三个一号旅游公路。",  # a name with a Chinese numeral
    "梯次培育“9+13”龙头景区，落实“1+N”政策体系。",  # inside quotes
    "深入贯彻党的二十大精神，实现“十四五”规划目标。",
    "坚持两个毫不动摇。",
    "提前 1 年实现规划目标。",  # a duration that is no target
    "连续 11 年只减不增。",
    "执行集采药品数量排名全国前 10 名。",  # a rank
    "实施一批重大项目，建设一批标杆项目。",  # 一批 is no count
    "从 4 个方面推进改革，用 3 个月时间完成。",  # headings and time spans
    "每 10 万人口拥有医师数",  # a denominator
    "数十个项目落地，几百家企业受益。",  # vague amounts
    "国产大飞机C919投入商业运营，推进T800碳纤维。",  # model names
    "细颗粒物（PM2.5）治理。",
    "晋级 5A 级景区。",
    "建设太原轨道交通 1 号线。",
    "庆祝新中国成立 75 周年。",
    "一次挂号管三天，一老一幼全覆盖。",  # slogans with small Chinese numerals
    "培育1个400亿级、3个100亿级产业名镇。",  # tiers
    "在评估中从第9名提升至第2名。",  # ranks
    "开通3号线一期、12号线，推动国道307山西段建设。",  # names
    "突破8英寸碳化硅衬底。",
    "第二轮土地承包到期后再延长30年试点，时隔5年再次突破。",  # durations
    "“十四五”时期（2021—2025年）",  # a span of years
    "开工备案项目比例达到1∶3.4。",  # a ratio
    # issue 12: ordinals, lists announced, thresholds, ranks, names
    "深入贯彻党的十二届十次全会精神。",
    "贯彻省委十一次党代会部署。",
    "今年的主要目标设置了29项主要指标。",
    "制定13项任务举措。",
    "相继出台12条、8条具体举措。",
    "清理单笔30万元以下拖欠账款。",
    "全省排名上升3位，综合排名第5位。",
    "开工建设某某石化80万吨乙烯改造项目。",
    "建设某地2×100万千瓦煤电一体化项目。",
    "某地300万吨/年煤制油项目启动建设。",
    "壮大12条重点产业链。",
    "城镇化水平保持平稳，建设支持平台。",
    "推进成南达万高铁建设。",
    "深化千万工程，培育百亿县，打造千亿产业集群。",
    "项目数量增加5倍增长计划。",
    "获批建设三大运营商国际通信出入口局。",
    "盯紧过2000万元的工业新增长点，推进超10亿元项目。",
]


# The cases of issue 12 (each failed before it was fixed), in phrases written for these tests.
ISSUE_CASES: list[tuple[str, str, dict[str, Any]]] = [
    # 力争, 争取, 努力 mark an aspiration and leave the qualifier alone
    (
        "力争新能源汽车产量达到200万辆。",
        "200",
        dict(value=D(2_000_000), qualifier="Exact", aspirational=True, classifier="辆"),
    ),
    (
        "争取全年接待游客突破1亿人次。",
        "1",
        dict(value=D(100_000_000), qualifier="AtLeast", aspirational=True),
    ),
    ("努力实现粮食产量300亿斤。", "300", dict(value=D(15_000_000_000), aspirational=True)),
    (
        "力争规上企业新增500家、专精特新企业200家以上；",
        "200",
        dict(value=D(200), qualifier="AtLeast", aspirational=True),
    ),
    # units 倍, 列, 班次 (and others the reports use)
    (
        "中欧班列开行1800列、增长12%。",
        "1800",
        dict(value=D(1800), unit="NUM", classifier="列", indicator="中欧班列开行"),
    ),
    (
        "中欧班列开行1800列、增长12%。",
        "12",
        dict(value=D(12), unit="PERCENT", growth=True, indicator="中欧班列开行"),
    ),
    (
        "新开国际客运航线每周航班达到120班次。",
        "120",
        dict(value=D(120), unit="NUM", classifier="班次"),
    ),
    ("跨境电商交易额增长1.5倍。", "1.5", dict(value=D("1.5"), unit="TIMES", growth=True)),
    ("人均水平达到全国的1.2倍以上。", "1.2", dict(value=D("1.2"), qualifier="AtLeast")),
    ("酱香白酒产能新增3万千升。", "3", dict(value=D(30_000), unit="M3")),
    ("储能电池产能达到45GWh。", "45", dict(value=D(45_000_000), unit="KiloW-HR")),
    ("新增风电装机2.5GW。", "2.5", dict(value=D("2.5"), unit="GigaW")),
    ("全省算力规模突破8万P。", "8", dict(value=D(80_000), unit="PFLOPS", qualifier="AtLeast")),
    ("智能算力规模达到12Eflops。", "12", dict(value=D(12_000), unit="PFLOPS")),
    (
        "粮食产量稳定在240亿斤以上。",
        "240",
        dict(value=D(12_000_000_000), unit="KiloGM", qualifier="AtLeast"),
    ),
    (
        "集装箱吞吐量突破600万标箱。",
        "600",
        dict(value=D(6_000_000), classifier="标箱", qualifier="AtLeast"),
    ),
    # a level and its growth in one clause are two facts
    (
        "全市外贸进出口达到5200亿元、增长8.5%。",
        "5200",
        dict(value=D(520_000_000_000), unit="CCY_CNY", indicator="全市外贸进出口"),
    ),
    (
        "全市外贸进出口达到5200亿元、增长8.5%。",
        "8.5",
        dict(value=D("8.5"), growth=True, indicator="全市外贸进出口"),
    ),
    # magnitudes without digits, after a bound or linking word
    (
        "装备制造业营业收入超万亿元。",
        "万亿",
        dict(value=D(10**12), unit="CCY_CNY", qualifier="AtLeast"),
    ),
    (
        "县域经济总量突破千亿、达到1060亿元。",
        "千亿",
        dict(value=D(10**11), unit="CCY_CNY", qualifier="AtLeast", indicator="县域经济总量"),
    ),
    (
        "两市经济总量要尽快过“万亿”。",
        "万亿",
        dict(value=D(10**12), unit="CCY_CNY", qualifier="AtLeast"),
    ),
    (
        "工业增加值迈上千亿台阶。",
        "千亿",
        dict(value=D(10**11), unit="CCY_CNY", qualifier="AtLeast"),
    ),
    ("惠及近万家企业。", "万", dict(value=D(10_000), classifier="家", qualifier="About")),
    ("农产品产值超500亿、1000亿。", "1000", dict(value=D(10**11), qualifier="AtLeast")),
    (
        "存量欠款年底前清偿一半以上。",
        "一半",
        dict(value=D(50), unit="PERCENT", qualifier="AtLeast"),
    ),
    ("光伏占比近1/3。", "1/3", dict(value=D("33.33"), unit="PERCENT", qualifier="About")),
    ("审批事项压减三分之一。", "三分之一", dict(value=D("33.33"), growth=True)),
    (
        "工业投资同比持平。",
        "持平",
        dict(value=D(0), unit="PERCENT", growth=True, indicator="工业投资"),
    ),
    (
        "重点产业规模分别达1.5万亿、9000亿元。",
        "1.5",
        dict(value=D(1_500_000_000_000), unit="CCY_CNY"),
    ),
    # 从 A 提高到 B: the value is B, A the baseline, the indicator ends before 从
    (
        "森林覆盖率从35%提高到38%。",
        "38",
        dict(value=D(38), baseline=D(35), indicator="森林覆盖率"),
    ),
    (
        "最低工资标准由2000元提高到2200元。",
        "2200",
        dict(value=D(2200), baseline=D(2000), unit="CCY_CNY", indicator="最低工资标准"),
    ),
    (
        "生产总值从不到8万亿元增加到超过10万亿元。",
        "10",
        dict(value=D(10**13), baseline=D(8 * 10**12), qualifier="AtLeast"),
    ),
    # a noun between the indicator and the number
    (
        "城镇新增就业人数45万人。",
        "45",
        dict(value=D(450_000), classifier="人", indicator="城镇新增就业人数"),
    ),
    # the object after the number names what is counted
    ("新建100个“口袋公园”。", "100", dict(indicator="新建口袋公园")),
    ("整体提升100所学校办学条件。", "100", dict(indicator="提升学校办学条件", classifier="所")),
    # 分别: the items in order, a shared head, and a bound after the last figure
    (
        "城镇、农村居民人均可支配收入分别达到5万元、2万元，分别增长5%、6%。",
        "6",
        dict(indicator="农村居民人均可支配收入", growth=True),
    ),
    (
        "城镇、农村居民人均可支配收入分别达到5万元、2万元，分别增长7%、6%。",
        "7",
        dict(indicator="城镇居民人均可支配收入", growth=True),
    ),
    (
        "一般公共预算收入和支出分别为300亿元、800亿元。",
        "800",
        dict(indicator="支出", value=D(80_000_000_000)),
    ),
    (
        "城乡居民人均可支配收入分别增长5%和7%左右。",
        "5",
        dict(qualifier="About", growth=True),
    ),
    # a count that sizes the set a later figure measures; but a count of projects is a result
    # of its own, as plans set such counts as targets
    (
        "12个重点园区营业收入突破2.5万亿元。",
        "2.5",
        dict(value=D(2_500_000_000_000), qualifier="AtLeast", indicator="12个重点园区营业收入"),
    ),
    ("1596个重大项目完成投资1.5万亿元。", "1596", dict(value=D(1596), classifier="个")),
    (
        "1596个重大项目完成投资1.5万亿元。",
        "1.5",
        dict(value=D(1_500_000_000_000), indicator="完成投资"),
    ),
    # a threshold inside the counted noun
    ("对120个30户以上连片村寨实施改造。", "120", dict(value=D(120), classifier="个")),
    # Chinese-numeral counts after a verb of building
    ("打造两大千亿级产业集群。", "两", dict(value=D(2), classifier="大", unit="NUM")),
    ("新建两个国家级实验室。", "两", dict(value=D(2), classifier="个")),
    # a measure word before a word that starts like another word (名优) is still one
    ("引进10000名优秀青年科技人才。", "10000", dict(value=D(10000), classifier="名")),
    # rates of change, and a level that starts like a change
    ("年均增速5.7%。", "5.7", dict(growth=True, indicator="年均增速")),
    ("服务业增加值跨上3万亿元台阶。", "3", dict(growth=False, qualifier="AtLeast")),
    ("发明专利拥有量增长2倍多。", "2", dict(unit="TIMES", growth=True, qualifier="AtLeast")),
    # people counted in 位 are no rank
    ("两院院士增至93位。", "93", dict(value=D(93), classifier="位", indicator="两院院士")),
    # bare items listed before the indicator share its figure; items with figures are their own
    (
        "完成燃气、排水、供水管网改造9436公里。",
        "9436",
        dict(value=D(9436), indicator="完成燃气、排水、供水管网改造"),
    ),
    (
        "新开工改造城镇老旧小区4402个、城中村5.1万户。",
        "5.1",
        dict(indicator="城中村"),
    ),
    (
        "交通、水利分别完成投资2500亿元、800亿元。",
        "800",
        dict(indicator="水利分别完成投资"),
    ),
    # a rate per month keeps its figure whole
    (
        "低保标准从每人720元/月提高至842元/月。",
        "842",
        dict(value=D(842), baseline=D(720), indicator="低保标准"),
    ),
]


def _find_case(phrase: str, number: str) -> Quantity:
    folded = fold_width(phrase)
    found = find_quantities(folded)
    at = phrase.index(number)
    matching = [q for q in found if q.number_start == at]
    assert matching, f"no quantity at {number!r} in {phrase!r}: {found}"
    return matching[0]


@pytest.mark.parametrize(("phrase", "number", "expected"), CASES, ids=[c[0] for c in CASES])
def test_quantity_rules(phrase: str, number: str, expected: dict[str, Any]) -> None:
    quantity = _find_case(phrase, number)
    defaults: dict[str, Any] = {
        "qualifier": "Exact",
        "growth": False,
        "aspirational": False,
        "baseline": None,
    }
    for name, want in {**defaults, **expected}.items():
        assert getattr(quantity, name) == want, f"{name} of {phrase!r}: {quantity}"
    assert phrase[quantity.number_start : quantity.number_end] == number
    assert quantity.start <= quantity.number_start < quantity.number_end <= quantity.end
    assert quantity.unit in units()


@pytest.mark.parametrize(
    ("phrase", "number", "expected"), ISSUE_CASES, ids=[c[0] for c in ISSUE_CASES]
)
def test_issue_cases(phrase: str, number: str, expected: dict[str, Any]) -> None:
    test_quantity_rules(phrase, number, expected)


def test_the_tier_is_no_amount_but_the_count_is() -> None:
    found = find_quantities("培育 3 个千亿级产业集群。")
    assert [(q.value, q.classifier) for q in found] == [(D(3), "个")]


@pytest.mark.parametrize("phrase", NOT_QUANTITIES)
def test_not_quantities(phrase: str) -> None:
    found = find_quantities(fold_width(phrase))
    assert found == [], found


def test_each_item_of_a_list_gets_the_shared_number() -> None:
    text = "钢铁先进工艺装备占比、焦炉煤气化产加工利用率均达到 60% 以上。"
    found = find_quantities(text)
    assert [q.indicator for q in found] == ["钢铁先进工艺装备占比", "焦炉煤气化产加工利用率"]
    assert {(q.value, q.qualifier, q.end) for q in found} == {(D(60), "AtLeast", len(text) - 1)}


def test_spans_are_offsets_into_the_given_text() -> None:
    text = "前言。新建农村公路 4300 公里，新建 30 个国家绿色工厂。"
    found = find_quantities(text)
    assert [text[q.start : q.end] for q in found] == [
        "新建农村公路 4300 公里",
        "新建 30 个国家绿色工厂",
    ]
    inner = find_quantities(text, 3, 18)
    assert [text[q.start : q.end] for q in inner] == ["新建农村公路 4300 公里"]
    assert find_quantities(text, 10, 3) == [] and find_quantities("") == []


def test_fold_width_keeps_length_and_list_markers() -> None:
    text = "增长１２．５％，①　二"
    folded = fold_width(text)
    assert folded == "增长12.5%,① 二" and len(folded) == len(text)


def test_full_width_text_needs_no_folding_by_the_caller() -> None:
    text = "全省生产总值增长５．５％左右；"
    (quantity,) = find_quantities(text)
    assert (quantity.value, quantity.qualifier, quantity.growth) == (D("5.5"), "About", True)
    assert text[quantity.number_start : quantity.number_end] == "５．５"


# --- the founding sample against its gold targets ----------------------------------------------


def _gold_targets() -> list[dict[str, Any]]:
    records = yaml.safe_load(data_file("shanxi-2024.yaml").read_text(encoding="utf-8"))
    return list(records["targets"])


def _matches(q: Quantity, gold: dict[str, Any]) -> bool:
    def dec(v: Any) -> Decimal | None:
        return None if v is None else Decimal(str(v))

    same = (
        q.value == dec(gold.get("value"))
        and q.min == dec(gold.get("min"))
        and q.max == dec(gold.get("max"))
        and q.unit == gold["unit"]
        and q.qualifier == gold.get("qualifier", "Exact")
    )
    return same and any(q.start < e["end"] and e["start"] < q.end for e in gold["evidence"])


def test_sample_precision_and_recall(corpus: Path) -> None:
    text = fold_width((corpus / "shanxi-2024-keywords.txt").read_text(encoding="utf-8"))
    found = find_quantities(text)
    golds = _gold_targets()
    unmatched = list(range(len(golds)))
    false_positives = []
    for q in found:
        hit = next((i for i in unmatched if _matches(q, golds[i])), None)
        if hit is None:
            false_positives.append(f"{text[q.start : q.end]!r} {q.value} {q.unit} {q.qualifier}")
        else:
            unmatched.remove(hit)
    misses = [f"{golds[i]['evidence'][0]['quote']!r} {golds[i].get('value')}" for i in unmatched]
    recall = 1 - len(unmatched) / len(golds)
    precision = 1 - len(false_positives) / max(1, len(found))
    report = f"recall {recall:.3f}, precision {precision:.3f}\n"
    report += f"missed: {misses}\nextra: {false_positives}"
    print(report)
    assert recall >= 0.9 and precision >= 0.9, report


@pytest.mark.slow
def test_the_check_set_figures() -> None:
    """Targets and outcomes of tests/truth/entities (nine reports annotated by hand): at least
    0.95 precision and recall each, with value, unit and qualifier right."""
    from plangraph.extraction import extract
    from plangraph.extraction.goldset import evaluate_gold, load_gold, merge_reports

    if not REPORTS.is_dir():
        pytest.skip("../shared/reports is not present")
    golds = [
        load_gold(p) for p in sorted((Path(__file__).parent / "truth/entities").glob("*.yaml"))
    ]
    total = merge_reports(evaluate_gold(extract(REPORTS / g.source), g) for g in golds)
    for kind in ("targets", "outcomes"):
        score = total.score(kind)
        report = f"{kind}: P {score.precision:.3f} R {score.recall:.3f}\n" + "\n".join(
            score.misses + score.extras
        )
        assert score.precision >= 0.95 and score.recall >= 0.95, report


# --- properties ----------------------------------------------------------------------------


def _check_spans(text: str, start: int, end: int | None, found: list[Quantity]) -> None:
    stop = len(text) if end is None else min(end, len(text))
    for q in found:
        assert start <= q.start < q.end <= stop
        assert q.start <= q.number_start < q.number_end <= q.end
        assert q.indicator
        assert q.qualifier in {"Exact", "About", "AtLeast", "AtMost", "Range"}
        assert (q.value is None) == (q.qualifier == "Range")


_REPORTISH = st.text(
    alphabet=st.sampled_from(
        list("0123456789.,%％-—~至到万亿千百个家人元公里以上左右增长达到超第年月日“”、，。；：（）")
        + list("一二两三四五六七八九十新建设项目率 \n")
    ),
    max_size=80,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), _REPORTISH), st.integers(0, 90), st.integers(0, 200))
def test_never_raises_and_spans_are_inside(text: str, start: int, length: int) -> None:
    end = start + length
    _check_spans(text, start, end, find_quantities(text, start, end))
    _check_spans(text, 0, None, find_quantities(text))


@cache
def _corpus_texts(folder: Path) -> list[str]:
    return [fold_width(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_random_slices_of_the_corpus(corpus: Path, data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(_corpus_texts(corpus)))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 400)))
    _check_spans(text, start, end, find_quantities(text, start, end))


# --- hostile input: bounded work and memory ------------------------------------------------


def test_a_long_run_of_chinese_numerals_needs_little_memory() -> None:
    import tracemalloc

    run = "一二三四五六七八九十百千万亿" * 2000  # 28 000 characters, one numeral candidate
    tracemalloc.start()
    try:
        find_quantities(run + "万元。")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000, f"{peak / 1e6:.0f} MB for a {len(run)}-character run"


def test_chained_set_sizes_do_not_grow_one_indicator_without_bound() -> None:
    text = "城镇化率达到" + "达到5万" * 300 + "5%。"
    found = find_quantities(text)
    assert found and max(q.end - q.start for q in found) <= 80
