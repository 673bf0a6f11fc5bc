"""A figure with its title, one-sentence reading and snapshot date, stored as JSON for the page."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio


@dataclass(frozen=True)
class FigureDocument:
    name: str
    title: str
    reading: str  # one sentence computed from the data
    snapshot_date: str
    figure: go.Figure


def write_figure_document(folder: Path, document: FigureDocument) -> Path:
    path = folder / f"{document.name}.json"
    payload = {
        "name": document.name,
        "title": document.title,
        "reading": document.reading,
        "snapshot_date": document.snapshot_date,
        "figure": json.loads(pio.to_json(document.figure)),
    }
    temporary = path.with_suffix(".json.partial")
    temporary.write_text(json.dumps(payload))
    temporary.replace(path)
    return path


def read_figure_document(path: Path) -> FigureDocument:
    payload = json.loads(path.read_text())
    return FigureDocument(
        name=payload["name"],
        title=payload["title"],
        reading=payload["reading"],
        snapshot_date=payload["snapshot_date"],
        figure=pio.from_json(json.dumps(payload["figure"])),
    )
