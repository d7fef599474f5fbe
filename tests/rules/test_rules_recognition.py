"""The daily apresiasi limit (our rule): the 20th of the day is still allowed, the 21st is not."""

from karier.rules.recognition import APRESIASI_PER_HARI, apresiasi_limit_reached


def test_the_limit_is_twenty_a_day():
    assert APRESIASI_PER_HARI == 20
    assert not apresiasi_limit_reached(0)
    assert not apresiasi_limit_reached(19)  # the 20th may still be given
    assert apresiasi_limit_reached(20)
    assert apresiasi_limit_reached(21)
