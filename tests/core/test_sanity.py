"""Which typed lap times need a second look (pure rules, no database)."""

from events.core.sanity import lap_time_doubts

GTE = [98893, 98402, 98127]


def test_a_believable_time_with_sectors_that_add_up_has_no_doubt():
    assert lap_time_doubts(98500, (30000, 38000, 30500), GTE, "LMGTE Pro") == []


def test_a_time_more_than_5_percent_faster_than_the_class_best_is_doubted():
    assert lap_time_doubts(93000, (None, None, None), GTE, "LMGTE Pro") == [
        "1:33.000 is 5.2% faster than the best lap of LMGTE Pro in this session (1:38.127)."
    ]
    assert lap_time_doubts(93221, (None, None, None), GTE, "LMGTE Pro") == []  # 5.0% exactly is believable


def test_half_a_second_is_no_lap_whatever_the_others():
    assert lap_time_doubts(500, (), [], "Hypercar") == ["0.500 is shorter than any lap of a circuit (20.000)."]


def test_more_than_three_times_the_usual_lap_is_doubted():
    assert lap_time_doubts(295210, (), GTE, "LMGTE Pro") == [
        "4:55.210 is more than 3 times the usual lap of LMGTE Pro in this session (1:38.402)."
    ]
    assert lap_time_doubts(295206, (), GTE, "LMGTE Pro") == []


def test_sectors_that_do_not_add_up_are_doubted_but_not_a_rounding():
    assert lap_time_doubts(98500, (30000, 38000, 30000), GTE, "LMGTE Pro") == [
        "S1 + S2 + S3 make 1:38.000, not 1:38.500."
    ]
    assert lap_time_doubts(98500, (30001, 38001, 30501), GTE, "LMGTE Pro") == []
    assert lap_time_doubts(98500, (30000, None, 30000), GTE, "LMGTE Pro") == []  # a sector unknown


def test_the_first_lap_of_a_class_is_only_checked_against_circuits():
    assert lap_time_doubts(25000, (), [], "LMP2") == []
