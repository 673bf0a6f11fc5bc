"""`make sql`: read-only SQL on the published warehouse (nothing typed here can change it).

The shell opens the copy published at the end of the last successful run, never the file a
run writes, so it works during a run and delays none. Statements end with `;`; several in one
input each print their result. `.tables` lists the relations, `.schema <schema.table>` describes
one, `.quit` leaves (a statement left without `;` is run first). `--command "..."` (make sql
Q=...) runs its statements and exits; so does a script on standard input. Either stops at the
first SQL error with exit status 1.

Values print whole (`--width N` cuts them), NULL as NULL, integers as integers; past
`--max-rows` (200) rows the rest is counted, not shown. `--format csv|json|parquet` and
`--out FILE` export one statement's result (DuckDB's own writer: NULL is an empty CSV field and
JSON null); `--out x.csv` alone picks the format from the suffix.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from pathlib import Path

import duckdb

from orchestration.settings import load_settings

TABLES = """
select table_schema || '.' || table_name as relation, table_type
from information_schema.tables
where table_schema not in ('information_schema', 'pg_catalog')
order by 1
"""
EXPORTS = {"csv": "(format csv, header)", "json": "(format json, array true)", "parquet": "(format parquet)"}  # fmt: skip
NUMBERS = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
           "UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE", "DECIMAL")  # fmt: skip
ESCAPES = str.maketrans({"\n": "\\n", "\r": "\\r", "\t": "\\t"})


class Options(argparse.Namespace):
    command: str | None
    width: int | None
    max_rows: int
    format: str
    out: Path | None


def text_of(value: object, width: int | None) -> str:
    """A value as the table shows it: whole, NULL as NULL, on one line."""
    if value is None:
        text = "NULL"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, float):
        text = repr(value)  # the shortest text that reads back as the same double
    else:
        text = str(value).translate(ESCAPES)
    if width is not None and len(text) > width:
        return text[: max(width - 1, 0)] + "…"
    return text


def table_text(cursor: duckdb.DuckDBPyConnection, options: Options) -> str:
    """The result as aligned columns (numbers to the right), and how many rows it had."""
    names = [column[0] for column in cursor.description]
    numeric = [str(column[1]).startswith(NUMBERS) for column in cursor.description]
    shown = cursor.fetchmany(options.max_rows) if options.max_rows else cursor.fetchall()
    left_out = 0
    while options.max_rows and (more := cursor.fetchmany(10_000)):
        left_out += len(more)
    cells = [[text_of(v, options.width) for v in row] for row in shown]
    widths = [max([len(name), *(len(row[i]) for row in cells)]) for i, name in enumerate(names)]

    def line(values: list[str]) -> str:
        return "  ".join(
            v.rjust(w) if right else v.ljust(w)
            for v, w, right in zip(values, widths, numeric, strict=True)
        ).rstrip()

    lines = [line(names), *(line(row) for row in cells)]
    total = len(shown) + left_out
    if left_out:
        lines.append(
            f"({total:,} rows; the first {len(shown):,} shown, {left_out:,} left out: "
            "--max-rows 0 (make sql ROWS=0) shows all, FORMAT=csv exports them)"
        )
    else:
        lines.append(f"({total:,} row{'' if total == 1 else 's'})")
    return "\n".join(lines)


def dot_command(text: str) -> str:
    """`.tables` and `.schema <t>` as the SQL they stand for."""
    if text == ".tables":
        return TABLES
    if text.startswith(".schema") and len(text.split()) == 2:
        return f"describe {text.split()[1]}"
    raise duckdb.InvalidInputException(f"unknown command {text!r}: .tables  .schema <t>  .quit")


def statements(con: duckdb.DuckDBPyConnection, text: str) -> list[str]:
    text = text.strip()
    if text.startswith("."):
        return [dot_command(text.rstrip(";").strip())]
    queries = [s.query.strip().rstrip(";").strip() for s in con.extract_statements(text)]
    return [q for q in queries if q]


def run_text(con: duckdb.DuckDBPyConnection, text: str, options: Options, out) -> bool:
    """Run every statement of ``text``, printing each result; False at the first SQL error."""
    try:
        for number, query in enumerate(statements(con, text)):
            cursor = con.execute(query)
            if cursor.description is not None:
                print(("\n" if number else "") + table_text(cursor, options), file=out)
    except duckdb.Error as error:
        print(f"error: {error}", file=sys.stderr)
        return False
    return True


def export(con: duckdb.DuckDBPyConnection, text: str, options: Options) -> bool:
    """One statement's result written by DuckDB as csv, json or parquet, to a file or stdout."""
    try:
        queries = statements(con, text)
        if len(queries) != 1:
            raise duckdb.InvalidInputException(
                f"FORMAT={options.format} exports one statement; {len(queries)} given"
            )
        with tempfile.TemporaryDirectory() as folder:
            target = options.out or Path(folder) / f"result.{options.format}"
            quoted = str(target).replace("'", "''")
            con.execute(f"copy ({queries[0]}) to '{quoted}' {EXPORTS[options.format]}")
            if options.out is None:  # DuckDB writes files; stdout gets the file's bytes
                sys.stdout.flush()
                sys.stdout.buffer.write(target.read_bytes())
                sys.stdout.buffer.flush()
    except duckdb.Error as error:
        print(f"error: {error}", file=sys.stderr)
        return False
    return True


def repl(con: duckdb.DuckDBPyConnection, options: Options, interactive: bool) -> bool:
    """Statements from standard input: a person's (errors are shown, the shell goes on) or a
    script's (no prompts; stops at the first error)."""
    if interactive:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (line editing and history where available)
        print("read-only SQL on the published warehouse; statements end with ';'. "
              ".tables  .schema <t>  .quit")  # fmt: skip
    buffer: list[str] = []
    ok = True
    while ok or interactive:
        try:
            line = input(("... " if buffer else "sql> ") if interactive else "")
        except EOFError:
            line = ".quit"
            if interactive:
                print()
        quitting = line.strip() in (".quit", ".exit")
        if buffer and quitting and "".join(buffer).strip():
            pending = "\n".join(buffer)
            if interactive:
                print(f"running the statement left without ';' first: {pending.strip()[:80]}")
            return run_text(con, pending, options, sys.stdout) and ok
        if quitting:
            return ok
        if not buffer and line.strip().startswith("."):
            ok = run_text(con, line, options, sys.stdout) and ok
            continue
        buffer.append(line)
        if line.rstrip().endswith(";"):
            ok = run_text(con, "\n".join(buffer), options, sys.stdout) and ok
            buffer.clear()
    return ok


def parse(argv: list[str] | None) -> Options:
    parser = argparse.ArgumentParser(prog="warehouse-sql", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--command", "-c", help="run these statements and exit")
    parser.add_argument("--width", type=int, help="cut values longer than this (default: never)")
    parser.add_argument("--max-rows", type=int, default=200, help="rows shown (0: all)")
    parser.add_argument("--format", choices=("table", *EXPORTS), help="table (default), or export")
    parser.add_argument("--out", type=Path, help="write the result to this file")
    options = parser.parse_args(argv, namespace=Options())
    if options.format is None:
        suffix = options.out.suffix.lstrip(".") if options.out else ""
        options.format = suffix if suffix in EXPORTS else "table"
    if options.format == "parquet" and options.out is None:
        parser.error("--format parquet writes a binary file: give --out FILE (make sql OUT=...)")
    if options.format != "table" and options.command is None:
        parser.error(f"--format {options.format} exports the result of --command (make sql Q=...)")
    return options


def main(argv: list[str] | None = None) -> int:
    options = parse(argv)
    settings = load_settings()
    path = settings.published_path
    if not path.exists():
        print(f"{path} does not exist yet: it is published at the end of a successful "
              "`make run`", file=sys.stderr)  # fmt: skip
        return 2
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        print(f"cannot open {path} read-only: {error}", file=sys.stderr)
        return 3
    with con:
        if options.command is None:
            ok = repl(con, options, interactive=sys.stdin.isatty())
        elif options.format != "table":
            ok = export(con, options.command, options)
        elif options.out is not None:
            with options.out.open("w", encoding="utf-8") as out:
                ok = run_text(con, options.command, options, out)
        else:
            ok = run_text(con, options.command, options, sys.stdout)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
