"""The recommendation rule (issue #11 item 5): points per competency need and performance signal,
and the ranking of candidate activities."""

from decimal import Decimal

import pytest

from karier.rules.recommendation import (
    SIGNAL_COMPETENCIES,
    competencies_for_signal,
    levels_closed,
    need_points,
    rank_key,
    recommendation_score,
    top,
)


def test_levels_closed_stops_at_the_required_level_and_at_what_the_activity_reaches():
    assert levels_closed(required=3, actual=2, up_to=3) == 1
    assert levels_closed(required=3, actual=1, up_to=5) == 2  # no credit above the standard
    assert levels_closed(required=4, actual=1, up_to=2) == 1  # the activity reaches level 2 only
    assert levels_closed(required=3, actual=3, up_to=5) == 0
    assert levels_closed(required=3, actual=4, up_to=2) == 0
    assert levels_closed(required=3, actual=None, up_to=3) == 0


def test_need_points_match_the_need_weight_scale():
    assert need_points(required=3, actual=2, up_to=3) == 3  # closes a one-level gap: 2 + 1
    assert need_points(required=4, actual=2, up_to=3) == 2  # one of two levels: not closed
    assert need_points(required=4, actual=1, up_to=4) == 7  # three levels, closed
    assert need_points(required=3, actual=3, up_to=4) == 0
    assert need_points(required=3, actual=None, up_to=1) == 1  # never assessed


@pytest.mark.parametrize("kw", [{"required": 0, "up_to": 3}, {"required": 3, "up_to": 6}])
@pytest.mark.parametrize("actual", [None, 2])
def test_levels_outside_one_to_five_are_refused(kw, actual):
    with pytest.raises(ValueError):
        need_points(actual=actual, **kw)


def test_score_adds_needs_and_signals():
    assert recommendation_score([(3, 2, 3), (4, 1, 2)]) == 3 + 2
    assert recommendation_score([(3, 2, 3)], [4, 7]) == 14
    assert recommendation_score([]) == 0
    with pytest.raises(ValueError):
        recommendation_score([], [-1])


def test_signals_map_to_kamus_competencies():
    assert competencies_for_signal("perilaku:ADAPTIF") == ("M.7",)
    assert competencies_for_signal("predikat") == ("M.4",)
    assert competencies_for_signal("tidak-dikenal") == ()
    codes = {c for cs in SIGNAL_COMPETENCIES.values() for c in cs}
    assert codes <= {"M.1", "M.2", "M.3", "M.4", "M.5", "M.6", "M.7", "M.8", "SK.1"}


def test_ranking_prefers_score_then_fewer_jp_then_lower_id():
    candidates = [(3, Decimal(12), 7), (5, Decimal(40), 9), (3, Decimal(8), 8), (3, Decimal(8), 2), (0, 1, 1)]
    assert [c[2] for c in top(candidates, 3)] == [9, 2, 8]
    assert [c[2] for c in top(candidates, 10)] == [9, 2, 8, 7]  # a zero score is never recommended
    assert rank_key(3, 8, 2) < rank_key(3, 12, 1)
    with pytest.raises(ValueError):
        top(candidates, -1)
