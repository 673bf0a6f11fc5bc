"""The report opened offline in headless Chromium: every figure renders, nothing errors."""

import pytest

from assets.reports.page import FIGURES

pytestmark = pytest.mark.browser


def test_every_figure_renders_offline_without_console_errors(
    built_sample_warehouse, browser, artifacts
):
    settings, result = built_sample_warehouse
    assert result.success
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors, requests, dialogs = [], [], []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto((settings.reports_dir / "index.html").as_uri())
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 16")
    sections = page.locator("section.figure")
    assert sections.count() == len(FIGURES) >= 16
    for i in range(sections.count()):
        section = sections.nth(i)
        assert section.locator("h2").inner_text().strip()
        assert section.locator("p.reading").inner_text().strip()
        assert section.locator(".js-plotly-plot .main-svg").count() >= 1
    page.screenshot(path=str(artifacts / "report.png"), full_page=True)
    assert errors == []
    assert dialogs == []
    assert all(url.startswith(("file://", "data:", "about:")) for url in requests), requests
    pngs = sorted(p.stem for p in (settings.reports_dir / "png").glob("*.png"))
    assert pngs == sorted(FIGURES)  # a static PNG per figure too
