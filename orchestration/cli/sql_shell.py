"""`make sql`: a read-only SQL shell on the warehouse (nothing typed here can change it).

Statements end with `;`. `.tables` lists the relations, `.schema <schema.table>` describes one,
`.quit` leaves. `--command "select ..."` runs one statement and exits. While a run writes the
file, DuckDB lets no other process open it: the shell says so and exits.
"""

from __future__ import annotations

import argparse
import contextlib
import sys

import duckdb

from orchestration.settings import load_settings

TABLES = """
select table_schema || '.' || table_name as relation, table_type
from information_schema.tables
where table_schema not in ('information_schema', 'pg_catalog')
order by 1
"""


def run_statement(con: duckdb.DuckDBPyConnection, text: str, out=sys.stdout) -> None:
    command = text.strip().rstrip(";").strip()
    if not command:
        return
    if command == ".tables":
        command = TABLES
    elif command.startswith(".schema"):
        command = f"describe {command.split(maxsplit=1)[1]}"
    try:
        relation = con.sql(command)
    except duckdb.Error as error:
        print(f"error: {error}", file=out)
        return
    if relation is not None:
        print(relation.fetchdf().to_string(index=False, max_rows=200, max_colwidth=60), file=out)


def repl(con: duckdb.DuckDBPyConnection) -> None:
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401  (line editing and history where available)
    print("read-only SQL on the warehouse; statements end with ';'. .tables  .schema <t>  .quit")
    buffer: list[str] = []
    while True:
        try:
            line = input("... " if buffer else "sql> ")
        except EOFError:
            print()
            return
        if not buffer and line.strip() in (".quit", ".exit"):
            return
        if not buffer and line.strip().startswith("."):
            run_statement(con, line)
            continue
        buffer.append(line)
        if line.rstrip().endswith(";"):
            run_statement(con, "\n".join(buffer))
            buffer.clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="warehouse-sql", description=__doc__)
    parser.add_argument("--command", "-c", help="run one statement and exit")
    args = parser.parse_args(argv)
    path = load_settings().duckdb_path
    if not path.exists():
        print(f"{path} does not exist yet: run `make run` first", file=sys.stderr)
        return 2
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.IOException as error:
        print(f"cannot open {path} read-only right now ({error}); a run is probably writing it. "
              "Try again when it finishes.", file=sys.stderr)  # fmt: skip
        return 3
    with con:
        if args.command:
            run_statement(con, args.command)
        else:
            repl(con)
    return 0


if __name__ == "__main__":
    sys.exit(main())
