"""The run's Hub quota pacer (assets/hub_api/pacing.py), on a fake clock: no real time passes."""

import random

import pytest

from assets.hub_api.pacing import QuotaPacer, QuotaWaitError, rate_limit_reset, total, use_since
from tests.support.fake_clock import FakeClock

LIMITED = {"RateLimit": '"api";r=0;t=55', "RateLimit-Policy": '"fixed window";"api";q=500;w=300'}


def pacer(quota, window=300.0, **options):
    clock = FakeClock()
    return QuotaPacer(quota, window, clock=clock, sleep=clock.sleep, **options), clock


def test_far_below_the_quota_nothing_waits():
    pace, clock = pacer(500)
    for _ in range(200):
        assert pace.acquire("model_info") == 0
        clock.now += 0.01
        pace.release({"RateLimit": '"api";r=300;t=200'}, 200, "model_info")
    assert clock.slept == []
    assert pace.use().requests == 200 and pace.use().waited_seconds == 0


def test_the_request_past_the_quota_waits_until_the_oldest_answer_leaves_the_window():
    pace, clock = pacer(3, window=10.0)
    for _ in range(3):
        pace.acquire("list_models")
        pace.release()
        clock.now += 1.0
    # answers came back at 1000, 1001, 1002; now 1003: the 4th may leave at 1010
    assert pace.acquire("list_models") == pytest.approx(7.0)
    assert clock.now == pytest.approx(1010.0)
    assert pace.use("list_models").waited_seconds == pytest.approx(7.0)


def test_requests_in_flight_count_against_the_quota():
    pace, clock = pacer(2, window=10.0)
    pace.acquire("a")
    pace.acquire("a")  # both still in flight
    clock.now += 4.0
    pace.release()  # one answer back at 1004: the next may leave at 1014
    pace.release()
    assert pace.acquire("a") == pytest.approx(10.0)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_fixed_window_of_the_server_sees_more_than_the_quota(seed):
    """However the server's windows are aligned, none holds more than ``quota`` arrivals (a
    request arrives between leaving and its answer coming back)."""
    rng = random.Random(seed)
    quota, window = 20, 2.0
    pace, clock = pacer(quota, window)
    arrivals = []
    for _ in range(500):
        pace.acquire("model_info")
        latency = rng.uniform(0.0, 0.3)
        arrivals.append(clock.now + rng.uniform(0, latency))
        clock.now += latency
        pace.release()
        clock.now += rng.choice([0.0, 0.0, 0.01, 0.2])
    for offset in (0.0, 0.37, 1.11, 1.9):
        windows: dict[int, int] = {}
        for at in arrivals:
            key = int((at - offset) // window)
            windows[key] = windows.get(key, 0) + 1
        assert max(windows.values()) <= quota
    assert len(windows) >= 500 // quota  # and it did pace: 500 requests took 25+ windows


def test_a_used_up_quota_blocks_everyone_until_its_reset():
    pace, clock = pacer(None, margin_seconds=0.5)
    pace.acquire("model_info")
    assert pace.release(LIMITED, 429, "model_info") == 55
    limited_at = clock.now
    assert pace.acquire("list_repo_commits") == pytest.approx(55.5)
    assert clock.now == pytest.approx(limited_at + 55.5)
    assert pace.use("model_info").rate_limited == 1
    assert pace.use("list_repo_commits").waited_seconds == pytest.approx(55.5)


def test_a_wait_counted_from_the_429_includes_what_the_client_slept_itself():
    pace, clock = pacer(None)
    pace.acquire("list_models")
    pace.release(LIMITED, 429, "list_models")
    limited_at = clock.now
    clock.now += 56.0  # huggingface_hub slept t + 1 before its retry of the page
    assert pace.acquire("list_models", waiting_since=limited_at) == pytest.approx(56.0)
    assert clock.slept == []


def test_a_reset_longer_than_three_windows_is_refused():
    pace, clock = pacer(None, window=10.0)
    pace.acquire("model_info")
    with pytest.raises(QuotaWaitError, match=r"wait 55 s.*more than the 30 s allowed"):
        pace.release(LIMITED, 429, "model_info")
    pace.acquire("model_info")
    pace.release(LIMITED, 200, "model_info")  # the answer is kept; the next request refuses
    with pytest.raises(QuotaWaitError, match="resets in 56 s, more than the 30 s allowed"):
        pace.acquire("model_info")
    assert clock.slept == []


def test_the_headers_are_read_with_huggingface_hubs_parser():
    assert rate_limit_reset(LIMITED) == 55
    assert rate_limit_reset({"ratelimit": '"api";r=0;t=3'}) == 3
    assert rate_limit_reset({"RateLimit": '"api";r=12;t=40'}) is None  # quota left
    assert rate_limit_reset({"Retry-After": "5"}) is None


def test_use_between_snapshots_per_label():
    pace, _ = pacer(None)
    pace.acquire("dataset_info")
    pace.release()
    before = pace.snapshot()
    for label in ("model_info", "model_info", "list_models"):
        pace.acquire(label)
        pace.release()
    spent = use_since(before, pace.snapshot())
    assert {k: u.requests for k, u in spent.items()} == {"model_info": 2, "list_models": 1}
    assert total(spent).metadata() == {"hub/requests": 3, "hub/waited_seconds": 0, "hub/429s": 0}


def test_bad_quotas_are_refused():
    with pytest.raises(ValueError, match="quota must be >= 1"):
        QuotaPacer(0)
    with pytest.raises(ValueError, match="window_seconds must be > 0"):
        QuotaPacer(10, 0)


def test_requests_waiting_together_count_their_wall_time_once():
    pace, clock = pacer(1, window=10.0)
    pace.acquire("model_info")
    pace.release()
    # two threads waiting the same 10 s, seen from the pacer's side: the first starts waiting,
    # the second joins, both leave at the same moment
    with pace._lock:
        pace._start_waiting("model_info", clock.now)
        pace._start_waiting("model_info", clock.now + 1)
        clock.now += 10
        pace._stop_waiting("model_info", clock.now)
        pace._stop_waiting("model_info", clock.now)
    assert pace.use("model_info").waited_seconds == pytest.approx(10.0)
