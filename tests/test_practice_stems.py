"""How a mock exam shows a stem: the scenario in regular weight and the question sentence
set apart. The cut is made in the browser by ``stemParts`` (practice-ui.js); this runs that
very function in Node over every stem of every bank."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from functools import cache
from importlib import resources

import pytest

from mlpro_guide.content.questions import format_text, load_all_banks

RUN = """
const fs = require("fs"), vm = require("vm");
global.window = global;
window.mlproPractice = { data: () => ({}), percent: () => 0 };
global.document = { createElement: () => ({}) };
vm.runInThisContext(fs.readFileSync(process.argv[1], "utf8"));
const stems = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(stems.map((s) => window.mlproPractice.stemParts(s))));
"""


def stem_parts(stems: list[str]) -> list[list[str]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to run the practice scripts: apt-get install nodejs")
    script = resources.files("mlpro_guide.site") / "assets" / "practice-ui.js"
    result = subprocess.run(
        [node, "-e", RUN, str(script)],
        input=json.dumps(stems),
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return json.loads(result.stdout)


@cache
def every_stem() -> tuple[tuple[str, str], ...]:
    return tuple(
        (question.id, format_text(question.stem))
        for bank in load_all_banks().values()
        for question in bank.questions
    )


def test_the_parts_of_every_stem_put_back_together_give_the_stem():
    stems = every_stem()
    for (qid, stem), (scenario, ask) in zip(stems, stem_parts([s for _, s in stems]), strict=True):
        joined = f"{scenario} {ask}" if scenario and ask else scenario or ask
        assert re.sub(r"\s+", " ", joined) == re.sub(r"\s+", " ", stem).strip(), qid


def test_the_question_set_apart_is_one_sentence_ending_with_a_question_mark():
    stems = every_stem()
    for (qid, stem), (scenario, ask) in zip(stems, stem_parts([s for _, s in stems]), strict=True):
        if not stem.rstrip().endswith("?"):
            assert ask == "", qid
            continue
        assert ask.rstrip().endswith("?"), qid
        inside = re.sub(r"<code>.*?</code>", "", ask.rstrip()[:-1])
        assert not re.search(r"[.?!]\s+[A-Z]", inside), f"{qid}: {ask!r} is more than one sentence"
        assert "<code>" not in scenario[-7:] or scenario.count("<code>") == scenario.count(
            "</code>"
        ), f"{qid}: cut inside code"


def test_a_stem_is_cut_before_its_last_sentence_and_never_inside_code():
    parts = stem_parts(
        [
            "A team logs runs. Which call?",
            "Call <code>a.b. C</code> first. Why?",
            "One sentence only?",
            "No question here. Just a statement.",
        ]
    )
    assert parts == [
        ["A team logs runs.", "Which call?"],
        ["Call <code>a.b. C</code> first.", "Why?"],
        ["", "One sentence only?"],
        ["No question here. Just a statement.", ""],
    ]
