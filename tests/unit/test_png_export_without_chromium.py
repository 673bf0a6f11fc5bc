"""Without a Chromium the report still builds: the PNG export says why it skipped, at once.

kaleido's server thread dies when it finds no browser and ``write_image`` then waits forever, so
``export_pngs`` asks the browser finder kaleido uses before starting it. Here the finder answers
"none" (the machine's Chromium cannot be uninstalled for one test)."""

import plotly.graph_objects as go
from choreographer.browsers.chromium import Chromium

from assets.reports.figures import FigureDocument
from assets.reports.page import export_pngs


def test_no_chromium_skips_the_pngs_with_the_reason(tmp_path, monkeypatch):
    monkeypatch.setattr(Chromium, "find_browser", classmethod(lambda cls, **_: None))
    document = FigureDocument("f1", "A title", "A reading", "2025-02-08", go.Figure())

    pngs, how = export_pngs([document], tmp_path)

    assert pngs == 0
    assert how.startswith("skipped: no Chromium found")
    assert list(tmp_path.iterdir()) == []
