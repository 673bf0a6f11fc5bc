"""The report, opened in headless Chromium, says what it shows and draws it honestly:

- the header names the source, the dataset revision, the run id and the build time, and a
  report built from the sample says first that its models and numbers are synthetic;
- every PNG carries its title, reading, snapshot and source, with no empty band at the top;
- thin weeks in F4/F5 are marked, release labels never overlap, F2/F8 are number lines,
  "Snapshot:" is one date everywhere, the quality trend counts each day's last run."""

import base64
import re
import struct

import duckdb
import pytest

from assets.reports.charts.trends import THIN_OPACITY, THIN_WEEK_MODELS
from assets.reports.figures import read_figure_document
from assets.reports.page import FIGURES, PNG_WIDTH
from assets.reports.provenance import SYNTHETIC_NOTICE, read_provenance, standalone_figure

pytestmark = pytest.mark.browser
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture(scope="module")
def report(built_sample_warehouse, browser):
    settings, result = built_sample_warehouse
    assert result.success
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto((settings.reports_dir / "index.html").as_uri())
    page.wait_for_function(
        f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {len(FIGURES)}"
    )
    yield settings, result, page
    page.close()


def test_the_header_names_source_revision_run_and_build_time(report, artifacts):
    settings, result, page = report
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        (revision,) = con.execute(
            "select revision from raw_leaderboard.snapshots where status = 'landed'"
        ).fetchone()
    header = dict(
        zip(
            page.locator("dl.provenance dt").all_inner_texts(),
            page.locator("dl.provenance dd").all_inner_texts(),
            strict=True,
        )
    )
    assert header["Source"].startswith("sample:") and "synthetic" in header["Source"]
    assert header["Dataset revision"] == f"dataset revision {revision}" and len(revision) == 40
    assert header["Run id"] == result.run_id
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", header["Built"])
    assert DATE.match(header["Latest snapshot"])
    # the synthetic notice is the first thing under the heading, above every figure, and visible
    notice = page.locator("div.synthetic")
    assert notice.inner_text().strip() == SYNTHETIC_NOTICE and notice.is_visible()
    assert notice.bounding_box()["y"] < page.locator("section.figure").first.bounding_box()["y"]
    assert "synthetic sample" in page.title()
    page.screenshot(path=str(artifacts / "report_header.png"),
                    clip={"x": 0, "y": 0, "width": 1200, "height": 520})  # fmt: skip


def png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


FIRST_INKED_ROW = """async (src) => {
  const image = new Image();
  image.src = src;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width; canvas.height = image.height;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const pixels = context.getImageData(0, 0, image.width, image.height).data;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = 4 * (y * image.width + x);
      if (pixels[i] < 200 || pixels[i + 1] < 200 || pixels[i + 2] < 200) return y;
    }
  }
  return -1;
}"""

RENDERED_TITLE = """async (figure) => {
  const div = document.createElement('div');
  document.body.appendChild(div);
  await Plotly.newPlot(div, figure.data, figure.layout);
  const svg = div.querySelector('.main-svg').getBoundingClientRect();
  const title = div.querySelector('.gtitle').getBoundingClientRect();
  const subtitle = div.querySelector('.gtitle-subtitle');
  const plot = div.querySelector('.cartesianlayer, .barlayer, .bglayer').getBoundingClientRect();
  const result = {
    title: div.querySelector('.gtitle').textContent,
    subtitle: subtitle.textContent,
    titleTop: title.top - svg.top,
    subtitleBottom: subtitle.getBoundingClientRect().bottom - svg.top,
  };
  div.remove();
  return result;
}"""


def test_every_png_carries_title_reading_snapshot_and_source_without_a_top_band(
    report, browser, artifacts
):
    settings, result, _ = report
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        provenance = read_provenance(con, result.run_id, "now")
    viewer = browser.new_page(viewport={"width": 1200, "height": 900})
    viewer.goto((settings.reports_dir / "index.html").as_uri())  # for its plotly.js
    folder = settings.reports_dir / "png"
    for name in FIGURES:
        document = read_figure_document(settings.reports_dir / "figures" / f"{name}.json")
        figure = standalone_figure(document, provenance)
        path = folder / f"{name}.png"
        assert png_size(path) == (PNG_WIDTH, figure.layout.height), name
        data_uri = "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode()
        first_row = viewer.evaluate(FIRST_INKED_ROW, data_uri)  # a file:// image taints canvas
        assert 0 <= first_row <= 30, f"{name}: {first_row} empty rows at the top"
        shown = viewer.evaluate(RENDERED_TITLE, figure.to_plotly_json())
        assert shown["title"] == document.title, name
        text = shown["subtitle"]
        for part in ("SYNTHETIC SAMPLE", f"Snapshot: {document.snapshot_date}",
                     f"Source: {provenance.source}", provenance.revision):  # fmt: skip
            assert part in text, (name, part, text)
        assert re.sub(r"\s+", "", document.reading) in re.sub(r"\s+", "", text), name
        assert shown["titleTop"] <= 30, name
    viewer.goto(folder.joinpath("weekly_architecture_share.png").as_uri())
    viewer.screenshot(path=str(artifacts / "report_png_weekly_architecture_share.png"))
    viewer.close()


def test_thin_weeks_are_marked_in_f4_and_f5(report, artifacts):
    _, _, page = report
    for name in ("weekly_model_types", "weekly_architecture_share"):
        traces = page.evaluate(
            f"""() => document.getElementById('figure-{name}')._fullData.map(t => ({{
                name: t.name, y: Array.from(t.y), opacity: Array.from(t.marker.opacity)}}))"""
        )
        counts, shares = traces[0], traces[1:]
        assert counts["name"] == "models in the week"
        thin = [c < THIN_WEEK_MODELS for c in counts["y"]]
        assert any(thin) and not all(thin), name  # the sample has thin and full weeks
        for trace in [counts, *shares]:
            expected = [THIN_OPACITY if t else 1.0 for t in thin]
            assert trace["opacity"] == expected, (name, trace["name"])
        note = page.locator(f"#figure-{name} .annotation-text", has_text="faded: weeks with fewer")
        assert note.count() == 1 and note.is_visible()
        page.locator(f"section#{name}").screenshot(path=str(artifacts / f"report_{name}.png"))


def test_release_labels_never_overlap(report):
    _, _, page = report
    boxes = page.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => {
            const releases = (gd.layout.annotations || [])
                .map((a, i) => [a, i]).filter(([a]) => a.name === 'release').map(([, i]) => i);
            return {id: gd.id, boxes: releases.map(i => {
                const r = gd.querySelector(`.annotation[data-index="${i}"] .annotation-text`)
                    .getBoundingClientRect();
                return [r.left, r.top, r.right, r.bottom];
            })};
        })"""
    )
    labelled = [figure for figure in boxes if len(figure["boxes"]) > 1]
    assert len(labelled) >= 4  # F1, F4, F5, F6, F7, F10 draw releases on the sample
    for figure in labelled:
        for i, a in enumerate(figure["boxes"]):
            for b in figure["boxes"][i + 1 :]:
                overlap = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
                assert not (overlap[0] > 1 and overlap[1] > 1), (figure["id"], a, b)


def test_categorical_axes_skip_nothing(report, artifacts):
    _, _, page = report
    for name in ("repos_per_author", "size_distribution"):
        types = page.evaluate(
            f"""() => {{ const l = document.getElementById('figure-{name}')._fullLayout;
                return Object.keys(l).filter(k => /^xaxis\\d*$/.test(k)).map(k => l[k].type); }}"""
        )
        assert types and set(types) == {"linear"}, (name, types)
        page.locator(f"section#{name}").screenshot(path=str(artifacts / f"report_{name}.png"))


def test_snapshot_means_one_date_in_every_figure_and_the_quality_trend_counts_last_runs(
    report, artifacts
):
    settings, _, page = report
    snapshots = {text.removeprefix("Snapshot: ") for text in page.locator("p.meta").all_inner_texts()
                 if text.startswith("Snapshot: ")}  # fmt: skip
    assert page.locator("section.figure p.meta").count() == len(FIGURES)
    (snapshot,) = snapshots
    assert DATE.match(snapshot)
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        latest = con.execute(
            "select max(snapshot_date)::varchar from marts.fct_leaderboard_results"
        )
        assert snapshot == latest.fetchone()[0]
    reading = page.locator("section#data_quality_trend p.reading").inner_text()
    assert "the last run" in reading
    section = page.locator("section#data_quality_trend")
    section.screenshot(path=str(artifacts / "report_data_quality_trend.png"))
