"""Backups and restores that are all-or-nothing.

SQLite is copied with SQLite's online backup API (a consistent snapshot while the server
runs). Any database can also be dumped to a portable JSON file of every table, read
through SQLAlchemy; a restore validates the whole file first, then replaces every row in
one transaction, so a bad file leaves the database as it was.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, insert, select, text
from sqlalchemy.exc import SQLAlchemyError

from confide.errors import InputError
from confide.store import migrate
from confide.store.db import sqlite_path
from confide.store.models import Base, UTCDateTime

FORMAT = "confide-backup"
FORMAT_VERSION = 1
SQLITE_MAGIC = b"SQLite format 3\x00"


def _atomic_target(path: Path) -> Path:
    """A temporary file beside ``path``, renamed over it once complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    return Path(tmp)


def backup(engine: Engine, out: Path, fmt: str | None = None) -> str:
    """Write a backup of the whole database to ``out``; returns the format used."""
    src = sqlite_path(str(engine.url))
    fmt = fmt or ("sqlite" if src is not None else "json")
    if fmt not in ("sqlite", "json"):
        raise InputError(f"unknown backup format {fmt!r}; use sqlite or json", location="--format")
    tmp = _atomic_target(out)
    try:
        if fmt == "sqlite":
            if src is None:
                raise InputError(
                    "the sqlite format needs a SQLite database; use --format json",
                    location="--format",
                )
            _sqlite_copy(src, tmp)
        else:
            tmp.write_text(json.dumps(dump(engine), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return fmt


def _sqlite_copy(src: Path, dst: Path) -> None:
    """Copy one SQLite file to another with the online backup API."""
    with sqlite3.connect(src) as s, sqlite3.connect(dst) as d:
        s.backup(d)
    d.close()
    s.close()


def _encode(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def dump(engine: Engine) -> dict[str, Any]:
    """Every row of every Confide table as plain JSON values, with the schema revision."""
    tables: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).mappings()
            tables[table.name] = [{k: _encode(v) for k, v in row.items()} for row in rows]
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "revision": migrate.current_revision(engine),
        "tables": tables,
    }


def restore(engine: Engine, source: Path) -> int:
    """Replace the database's contents with a backup file; returns rows restored."""
    if not source.is_file():
        raise InputError(f"no such backup file: {source}", location=str(source))
    with source.open("rb") as fh:
        head = fh.read(len(SQLITE_MAGIC))
    if head == SQLITE_MAGIC:
        return _restore_sqlite_file(engine, source)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(
            f"not a Confide backup (neither SQLite nor JSON): {exc}", location=str(source)
        ) from None
    return load(engine, data, location=str(source))


def _restore_sqlite_file(engine: Engine, source: Path) -> int:
    """Restore a SQLite backup: into SQLite by the backup API, elsewhere via its rows."""
    revision = _sqlite_revision(source)
    if revision != migrate.head_revision():
        raise InputError(
            f"the backup is at schema revision {revision}, this Confide needs "
            f"{migrate.head_revision()}",
            location=str(source),
        )
    target = sqlite_path(str(engine.url))
    if target is None:
        from confide.store.db import make_engine

        src_engine = make_engine(f"sqlite:///{source.resolve()}")
        try:
            return load(engine, dump(src_engine), location=str(source))
        finally:
            src_engine.dispose()
    engine.dispose()
    # The backup API writes the destination in one transaction: all pages or none.
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as s, sqlite3.connect(target) as d:
        s.backup(d)
        count = sum(
            d.execute(f'SELECT COUNT(*) FROM "{t.name}"').fetchone()[0]
            for t in Base.metadata.sorted_tables
        )
    s.close()
    d.close()
    return int(count)


def _sqlite_revision(source: Path) -> str | None:
    try:
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as conn:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        conn.close()
    except sqlite3.DatabaseError as exc:
        raise InputError(f"not a Confide SQLite backup: {exc}", location=str(source)) from None
    return row[0] if row else None


def _decode_rows(data: dict[str, Any], location: str) -> dict[str, list[dict[str, Any]]]:
    """Check every table, column and time value before anything is written."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(
            'not a Confide backup (missing "format": "confide-backup")', location=location
        )
    if data.get("version") != FORMAT_VERSION:
        raise InputError(f"unsupported backup version {data.get('version')!r}", location=location)
    if data.get("revision") != migrate.head_revision():
        raise InputError(
            f"the backup is at schema revision {data.get('revision')}, this "
            f"Confide needs {migrate.head_revision()}",
            location=location,
        )
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise InputError('the backup has no "tables" object', location=location)
    known = {t.name: t for t in Base.metadata.sorted_tables}
    unknown = sorted(set(tables) - set(known))
    if unknown:
        raise InputError(f"unknown table {unknown[0]!r}", location=f"{location}: tables")
    decoded: dict[str, list[dict[str, Any]]] = {}
    for name, table in known.items():
        rows = tables.get(name, [])
        if not isinstance(rows, list):
            raise InputError("expected a list of rows", location=f"{location}: tables.{name}")
        cols = {c.name: c for c in table.columns}
        out: list[dict[str, Any]] = []
        for i, row in enumerate(rows):
            where = f"{location}: tables.{name}[{i}]"
            if not isinstance(row, dict):
                raise InputError("expected an object", location=where)
            extra = sorted(set(row) - set(cols))
            if extra:
                raise InputError(f"unknown column {extra[0]!r}", location=where)
            clean: dict[str, Any] = {}
            for key, value in row.items():
                if isinstance(cols[key].type, UTCDateTime) and value is not None:
                    try:
                        value = datetime.fromisoformat(value)
                    except (TypeError, ValueError):
                        raise InputError(
                            f"{key} is not a time: {value!r}", location=where
                        ) from None
                clean[key] = value
            out.append(clean)
        decoded[name] = out
    return decoded


def load(engine: Engine, data: dict[str, Any], location: str = "backup") -> int:
    """Replace every row with the backup's rows, in one transaction."""
    decoded = _decode_rows(data, location)
    migrate.upgrade(engine)
    ordered = Base.metadata.sorted_tables
    count = 0
    try:
        with engine.begin() as conn:
            for table in reversed(ordered):
                conn.execute(delete(table))
            for table in ordered:
                rows = decoded[table.name]
                if rows:
                    conn.execute(insert(table), rows)
                    count += len(rows)
            if engine.dialect.name == "postgresql":
                # Explicit ids leave sequences behind; move each past the largest id.
                for table in ordered:
                    conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                        )
                    )
    except SQLAlchemyError as exc:
        first = (str(getattr(exc, "orig", None) or exc).splitlines() or [""])[0]
        raise InputError(
            f"the backup could not be restored; nothing was changed ({first})", location=location
        ) from None
    return count
