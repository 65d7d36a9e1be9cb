"""tests/audit.py's CPU calibration (make audit itself runs Lighthouse and is not in make test)."""

import pytest
from audit import TooSlowHost, cpu_slowdown


@pytest.mark.parametrize(
    ("benchmark_index", "multiplier"),
    # The calculator's anchors (docs/throttling.md's CPU slowdown calculator): 150 -> 1x,
    # 800 -> 2x, 1300 -> 3x, 1533 -> 4x (Lighthouse's default), 1766 -> 5x, 2000 -> 6x.
    [(150, 1), (475, 1.5), (800, 2), (1050, 2.5), (1300, 3), (1533, 4), (1766, 5), (2000, 6)],
)
def test_cpu_slowdown_follows_the_lighthouse_calculator(benchmark_index, multiplier):
    assert cpu_slowdown(benchmark_index) == pytest.approx(multiplier, abs=0.01)


def test_a_host_below_the_calculators_range_is_an_error_not_a_guess():
    with pytest.raises(TooSlowHost, match="benchmarkIndex 149: this device is too slow"):
        cpu_slowdown(149)
