"""The bench harness runs and writes its table (a tiny run; never a timing assertion)."""

from bench.run import main


def test_quick_bench_writes_benchmarks_table(tmp_path):
    output = tmp_path / "BENCHMARKS.md"
    assert main(["--quick", "--output", str(output)]) == 0
    text = output.read_text()
    assert "| case | size | project (s) | baseline (s) | ratio | note |" in text
    assert "| sample generator: world + leaderboard table | 2,000 |" in text
    assert "| land leaderboard parquet" in text
    # P1 runs on the real snapshot where ../shared/data is present and says so where it is not
    assert "| P1 " in text
    assert "| P2 three named marts" in text
    assert "| P3 card refresh" in text
    assert (
        "| P4 listing crawl, 10 ms per page" in text
        and "| P4 listing crawl at a scaled-down quota" in text
    )
    assert "| P5 history: day 3's incremental build vs day 1's" in text
    # the harness checks the incremental history against a full refresh in the same run
    assert (
        "| P5 history: --full-refresh of 3 days, equal to the incremental history: True |" in text
    )
