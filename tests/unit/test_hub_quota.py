"""The Hub's quota: the loopback server enforces it as the Hub does (429 + RateLimit headers,
fixed windows), and HubClient's pacer waits out its resets instead of failing."""

import os
import re
import signal
import subprocess
import sys

import httpx2
import pytest

from assets.hub_api.client import HubClient, HubUnavailableError
from assets.hub_api.fetching import RequestBudget
from assets.hub_api.pacing import QuotaPacer
from assets.hub_api.server import HubData, run_hub_server
from assets.sample.paths import CONTENTS_DATASET
from tests.conftest import REPO_ROOT
from tests.support.fake_clock import FakeClock

TOKEN = "hf_quota_token"
RATE_LIMIT = re.compile(r'"api";r=(\d+);t=(\d+)')


@pytest.fixture(scope="module")
def data(small_sample):
    return HubData.from_sample_dir(small_sample.root, token=TOKEN)


def public(data, n):
    return sorted(m for m, p in data.models.items() if not p.get("private"))[:n]


def get(hub, repo, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx2.get(f"{hub.endpoint}/api/models/{repo}", headers=headers)


def test_the_quota_answers_429_with_the_hubs_headers(data):
    repo = public(data, 1)[0]
    with run_hub_server(data, quota_requests=3) as hub:
        answers = [get(hub, repo) for _ in range(4)]
        counts = hub.quota_counts()
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    left = [int(RATE_LIMIT.fullmatch(a.headers["RateLimit"]).group(1)) for a in answers]
    assert left == [2, 1, 0, 0]
    for answer in answers:
        assert answer.headers["RateLimit-Policy"] == '"fixed window";"api";q=3;w=300'
        assert 0 < int(RATE_LIMIT.fullmatch(answer.headers["RateLimit"]).group(2)) <= 300
    assert "Retry-After" not in answers[-1].headers
    assert counts == {("anonymous", 0): counts[("anonymous", 0)]}
    assert (counts[("anonymous", 0)].answered, counts[("anonymous", 0)].rate_limited) == (3, 1)


def test_a_valid_token_gets_twice_the_quota_and_its_own_count(data):
    repo = public(data, 1)[0]
    with run_hub_server(data, quota_requests=2) as hub:
        with_token = [get(hub, repo, TOKEN).status_code for _ in range(5)]
        anonymous = [get(hub, repo, "hf_wrong").status_code for _ in range(3)]
        counts = hub.quota_counts()
    assert with_token == [200, 200, 200, 200, 429]
    assert anonymous == [200, 200, 429]  # a wrong token counts as anonymous
    assert counts[("token", 0)].answered == 4 and counts[("anonymous", 0)].answered == 2


def test_no_quota_by_default_and_a_window_resets(data):
    repo = public(data, 1)[0]
    clock = FakeClock()  # the quota's windows move by hand: no sleeping, no race
    with run_hub_server(data, quota_clock=clock) as hub:
        assert "RateLimit" not in get(hub, repo).headers
        hub.configure(quota_requests=1, quota_window_seconds=300)
        hub.use_quota(1)  # someone else spent this window
        clock.now += 100
        refused = get(hub, repo)
        assert refused.status_code == 429
        assert RATE_LIMIT.fullmatch(refused.headers["RateLimit"]).groups() == ("0", "200")
        clock.now += 199.5
        assert get(hub, repo).status_code == 429  # half a second before the reset
        clock.now += 0.5  # the next window
        answered = get(hub, repo)
        assert answered.status_code == 200
        assert RATE_LIMIT.fullmatch(answered.headers["RateLimit"]).groups() == ("0", "300")
        counts = hub.quota_counts()
    assert (counts[("anonymous", 0)].answered, counts[("anonymous", 0)].rate_limited) == (1, 2)
    assert (counts[("anonymous", 1)].answered, counts[("anonymous", 1)].rate_limited) == (1, 0)


def client(hub, pacer, retries=0):
    return HubClient(hub.endpoint, None, RequestBudget(10_000), max_retries=retries, pacer=pacer)


def test_far_below_the_quota_the_pacer_never_waits(data):
    repos = public(data, 30)
    with run_hub_server(data, quota_requests=1000) as hub:
        hub_client = client(hub, QuotaPacer(1000, 300.0))
        assert all(hub_client.model_card(r).status in ("ok", "gated") for r in repos)
        assert hub.count(status=429) == 0
    used = hub_client.usage()
    assert (used.requests, used.waited_seconds, used.rate_limited) == (30, 0, 0)


def test_a_used_up_window_is_waited_out_not_counted_as_a_failed_attempt(data):
    repos = public(data, 12)
    clock = FakeClock()  # one clock for the Hub's windows and the pacer's sleeps
    with run_hub_server(data, quota_clock=clock, quota_requests=5, quota_window_seconds=300) as hub:
        hub.use_quota(5)  # someone else spent this window: the first answer is a 429
        pacer = QuotaPacer(None, 300.0, clock=clock, sleep=clock.sleep)  # paces only on RateLimit
        hub_client = client(hub, pacer, retries=0)  # no retries: a 429 must not count as one
        cards = [hub_client.model_card(r) for r in repos]
        limited = hub.count(status=429)
        counts = hub.quota_counts()
    assert [c.repo_id for c in cards] == repos
    # one 429; after it, and after each answer saying r=0, the client waited for the reset
    assert limited == 1
    assert {w: (c.answered, c.rate_limited) for (_, w), c in counts.items()} == {
        0: (5, 1),
        1: (5, 0),
        2: (5, 0),
        3: (2, 0),
    }
    # each reset (whole seconds, rounded up: 300, 300 at 300.5 s, 299 at 601 s) plus the margin
    assert clock.slept == [300.5, 300.5, 299.5]
    used = hub_client.usage()
    assert (used.rate_limited, used.waited_seconds, hub_client.retries) == (1, 900.5, 0)


def test_a_reset_beyond_three_windows_fails_clearly(data):
    first, second = public(data, 2)
    with run_hub_server(data, quota_requests=1, quota_window_seconds=1000.0) as hub:
        hub_client = client(hub, QuotaPacer(None, 1.0))
        hub_client.model_card(first)
        with pytest.raises(HubUnavailableError, match=r"model_info .*resets in 100\d s, more than"):
            hub_client.model_card(second)


def test_a_quota_that_never_frees_up_fails_after_three_windows_of_waiting(data):
    repo = public(data, 1)[0]
    clock = FakeClock()
    with run_hub_server(data, quota_clock=clock, quota_requests=1, quota_window_seconds=300) as hub:

        def sleep_while_someone_else_takes_each_new_window(seconds: float) -> None:
            clock.sleep(seconds)
            hub.use_quota(1)

        hub.use_quota(1)  # before the run's first request, then every new window at once
        sleep = sleep_while_someone_else_takes_each_new_window
        pacer = QuotaPacer(None, 300.0, clock=clock, sleep=sleep)
        with pytest.raises(HubUnavailableError, match="still rate limited") as failure:
            client(hub, pacer).model_card(repo)
        limited = hub.count(status=429)
    # waits of 300.5, 300.5 and 299.5 s: 900.5 s after the first 429, more than 3 windows
    assert clock.slept == [300.5, 300.5, 299.5]
    assert "after 900 s of waiting" in str(failure.value)
    assert limited == 4 and hub.count(status=200) == 0


def test_the_command_line_serves_with_the_quota(small_sample):
    command = [sys.executable, "-m", "assets.hub_api.server", "--sample-dir", str(small_sample.root),
               "--quota", "1", "--quota-window", "300"]  # fmt: skip
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, text=True)
    try:
        endpoint = re.search(r"http://127\.0\.0\.1:\d+", process.stdout.readline()).group(0)
        url = f"{endpoint}/api/datasets/{CONTENTS_DATASET}"
        statuses = [httpx2.get(url).status_code for _ in range(2)]
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=10)
    assert statuses == [200, 429]
    assert "stopped after 2 requests (1 429s)" in output


def test_a_storm_at_the_next_request_meets_it_whenever_it_comes(data):
    repo = public(data, 1)[0]
    clock = FakeClock()
    with run_hub_server(data, quota_clock=clock, quota_requests=1, quota_window_seconds=300) as hub:
        hub.use_quota(1, at_next_request=True)
        clock.now += 700  # the run starts late: window 2
        assert [get(hub, repo).status_code for _ in range(2)] == [429, 429]
        clock.now += 200  # window 3 is the run's own
        assert get(hub, repo).status_code == 200
        counts = hub.quota_counts()
    assert sorted((w, c.answered, c.rate_limited) for (_, w), c in counts.items()) == [
        (2, 1, 2),
        (3, 1, 0),
    ]
