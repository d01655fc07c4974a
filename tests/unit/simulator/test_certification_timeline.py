"""The report's timeline: each payment from its start to its last event, state changes and verifications placed
on it in proportion, the verifications a failed rule names flagged, labels of close changes kept apart."""
from __future__ import annotations

from domain.certification.catalogue import grade
from simulator.certification.timeline import MARGIN, WIDTH, timelines
from tests.unit.certification.builders import MIN, SEC, T0, payment, record, verify


def test_marks_are_placed_in_proportion_and_polls_a_rule_names_are_flagged():
    pending = payment("P", (999, T0 + 10 * MIN), (1, T0 + 20 * MIN))
    polls = [verify("P", T0 + 2 * MIN), verify("P", T0 + 20 * MIN)]  # the first is a poll before 7 minutes
    rehearsal = record(*polls, payments=(pending,))
    [line] = timelines(rehearsal, grade(rehearsal))
    states = [m for m in line.marks if m.kind == "estado"]
    checks = [m for m in line.marks if m.kind == "consulta"]
    assert [m.label for m in states] == ["888", "999", "1"] and line.span_minutes == 20
    assert [m.x for m in states] == [MARGIN, MARGIN + (WIDTH - 2 * MARGIN) // 2, WIDTH - MARGIN]
    assert [m.flagged for m in checks] == [True, False]


def test_labels_of_changes_close_together_do_not_overlap():
    approved_at_once = payment("A", (1, T0 + SEC))
    rehearsal = record(payments=(approved_at_once,))
    [line] = timelines(rehearsal, grade(rehearsal))
    assert [m.label_y for m in line.marks] == [14, 2]
