"""The exam objectives file: complete, well-formed, and guarded against bad edits."""

from __future__ import annotations

import pytest
import yaml

from mlpro_guide.content.objectives import ObjectivesError, exam_objectives, load_objectives
from mlpro_guide.lab.paths import OBJECTIVES_FILE


def test_the_three_domains_carry_the_september_2025_weights():
    objectives = exam_objectives()
    assert [(d[1], d[2]) for d in objectives.domains] == [
        ("Model Development", 44),
        ("MLOps", 44),
        ("Model Deployment", 12),
    ]


def test_every_section_of_the_guide_has_objectives():
    sections = {o.section_id for o in exam_objectives().objectives}
    expected = {"1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.2"}
    assert sections == expected


def test_lakehouse_monitoring_is_the_largest_section():
    counts = {}
    for objective in exam_objectives().objectives:
        counts[objective.section_id] = counts.get(objective.section_id, 0) + 1
    assert max(counts, key=counts.get) == "2.5"


def test_an_unknown_id_lookup_names_the_id():
    with pytest.raises(KeyError, match="9.9.9"):
        exam_objectives().by_id("9.9.9")


def edited(tmp_path, change):
    data = yaml.safe_load(OBJECTIVES_FILE.read_text())
    change(data)
    path = tmp_path / "objectives.yml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_a_duplicate_objective_id_is_rejected(tmp_path):
    def duplicate(data):
        items = data["domains"][0]["sections"][0]["objectives"]
        items.append(dict(items[0]))

    with pytest.raises(ObjectivesError, match="1.1.1 is listed twice"):
        load_objectives(edited(tmp_path, duplicate))


def test_an_id_outside_its_section_is_rejected(tmp_path):
    def misplace(data):
        data["domains"][0]["sections"][0]["objectives"][0]["id"] = "2.1.9"

    with pytest.raises(ObjectivesError, match="'2.1.9' is not of the form 1.1.<item>"):
        load_objectives(edited(tmp_path, misplace))


def test_weights_must_add_up_to_one_hundred(tmp_path):
    def reweigh(data):
        data["domains"][2]["weight"] = 20

    with pytest.raises(ObjectivesError, match="do not add up to 100"):
        load_objectives(edited(tmp_path, reweigh))
