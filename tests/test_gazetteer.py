from __future__ import annotations

from plangraph.vocab.gazetteer import gazetteer


def test_codes_names_and_hierarchy() -> None:
    gz = gazetteer()
    assert len(gz) > 3000
    xinzhou = gz.get("140900")
    assert xinzhou is not None and xinzhou.name == "忻州市" and xinzhou.level == "prefecture"
    assert [p.code for p in gz.ancestors("140215")] == ["140200", "140000"]  # 云州区 → 大同 → 山西


def test_current_codes_not_retired_ones() -> None:
    gz = gazetteer()
    assert "140215" in gz  # 云州区, since 2018
    assert "140227" not in gz  # 大同县, retired in 2018


def test_municipality_districts_sit_under_the_municipality() -> None:
    assert [p.code for p in gazetteer().ancestors("110105")] == ["110000"]


def test_lookup_by_short_name() -> None:
    names = {p.code for p in gazetteer().lookup("大同")}
    assert "140200" in names
