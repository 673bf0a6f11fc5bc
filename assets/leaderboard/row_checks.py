"""Rows no leaderboard can hold: quarantined with the reason, the rest of the file still lands.

Vectorised over the raw contract, so millions of rows check in moments. A row is rejected for
its first problem (in the order below); each reject names the file, row, column and value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pyarrow as pa
import pyarrow.compute as pc

SCORE_COLUMNS = (
    "average", "ifeval", "bbh", "math_lvl5", "gpqa", "musr", "mmlu_pro",
    "arc", "hellaswag", "mmlu", "truthfulqa", "winogrande", "gsm8k",
)  # fmt: skip
MAX_PARAMS_B = 10_000.0
MAX_ID_LENGTH = 200
REJECT_COLUMNS: dict[str, pa.DataType] = {
    "model": pa.string(),  # fullname, else the Model cell, as landed
    "column_name": pa.string(),
    "bad_value": pa.string(),
    "reason": pa.string(),
    "_source_row": pa.int64(),
}


def _model_text(table: pa.Table) -> pa.ChunkedArray:
    return pc.coalesce(table.column("fullname"), table.column("model"))


def _problems(table: pa.Table, today: dt.date) -> list[tuple[str, pa.ChunkedArray, Callable, str]]:
    """(column, bad-row mask, value getter, reason) in the order rows are judged."""
    model = _model_text(table)
    checks = [
        ("fullname", pc.is_null(model), lambda: model, "no model id: fullname and Model are both empty"),
        ("fullname", pc.greater(pc.utf8_length(model), 10 * MAX_ID_LENGTH), lambda: model,
         f"model id longer than {10 * MAX_ID_LENGTH} characters"),
    ]  # fmt: skip
    for column in SCORE_COLUMNS:
        values = table.column(column)
        checks.append(
            (column, pc.less(values, 0), lambda v=values: v, "score below 0 (scores are 0-100)")
        )
        checks.append(
            (
                column,
                pc.greater(values, 100),
                lambda v=values: v,
                "score above 100 (scores are 0-100)",
            )
        )
    params = table.column("params_b")
    impossible = pc.or_(
        pc.or_(pc.less(params, -1), pc.and_(pc.greater(params, -1), pc.less(params, 0))),
        pc.greater(params, MAX_PARAMS_B),
    )
    checks.append(("params_b", impossible, lambda: params,
                   f"parameter count impossible (expected > 0, or 0 / -1 for unknown, below {MAX_PARAMS_B:g} B)"))  # fmt: skip
    tomorrow = pa.scalar(today + dt.timedelta(days=1), pa.date32())
    for column in ("upload_to_hub_date", "submission_date"):
        values = table.column(column)
        checks.append(
            (column, pc.greater(values, tomorrow), lambda v=values: v, "date in the future")
        )
    return checks


def split_rejects(table: pa.Table, today: dt.date | None = None) -> tuple[pa.Table, pa.Table]:
    """(rows to land, rejected rows with column, value and reason)."""
    today = today or dt.datetime.now(dt.UTC).date()
    rejected = pa.array([False] * table.num_rows)
    parts = []
    for column, mask, values, reason in _problems(table, today):
        mask = pc.fill_null(mask, False)
        new = pc.and_(mask, pc.invert(rejected))
        if pc.any(new).as_py():
            rows = pc.filter(table.column("_source_row"), new)
            parts.append(pa.table({
                "model": pc.filter(_model_text(table), new),
                "column_name": pa.array([column] * len(rows), pa.string()),
                "bad_value": pc.cast(pc.filter(values(), new), pa.string()),
                "reason": pa.array([reason] * len(rows), pa.string()),
                "_source_row": rows,
            }))  # fmt: skip
            rejected = pc.or_(rejected, new)
    rejects = pa.concat_tables(parts) if parts else pa.table(
        {name: pa.array([], dtype) for name, dtype in REJECT_COLUMNS.items()}
    )  # fmt: skip
    return table.filter(pc.invert(rejected)), rejects.select(list(REJECT_COLUMNS))
