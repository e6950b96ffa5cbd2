"""Backups round-trip every row; a bad restore changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from confide.errors import InputError
from confide.store import Store
from confide.store.backup import backup, dump, restore
from tests.store.dbkit import backend_name
from tests.store.factories import make_review, make_user

FORMATS = ["json"] + (["sqlite"] if backend_name() == "sqlite" else [])


def _populate(store: Store) -> None:
    sup = make_user(store, "supervisor")
    worker = make_user(store, supervisor=sup)
    make_review(store, worker, "Please check this one")
    with store.unit() as repos:
        pol = repos.policies.create("general", "General")
        repos.policies.add_version(pol.id, "clauses: []\n", worker.id)
        repos.tokens.create(worker.id, "laptop")


@pytest.mark.parametrize("fmt", FORMATS)
def test_when_backup_is_restored_then_every_row_comes_back(
    store: Store, tmp_path: Path, fmt: str
) -> None:
    _populate(store)
    before = dump(store.engine)
    out = tmp_path / f"backup.{fmt}"
    assert backup(store.engine, out, fmt) == fmt
    make_user(store, "admin")  # a change made after the backup
    restore(store.engine, out)
    assert dump(store.engine) == before


def test_when_restored_into_postgres_style_ids_then_new_rows_get_fresh_ids(
    store: Store, tmp_path: Path
) -> None:
    _populate(store)
    out = tmp_path / "b.json"
    backup(store.engine, out, "json")
    restore(store.engine, out)
    newcomer = make_user(store, "trainer")  # the id sequence moved past restored rows
    assert newcomer.id > max(r["id"] for r in dump(store.engine)["tables"]["users"][:-1])


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="other"), "not a Confide backup"),
        (lambda d: d.update(revision="9999"), "schema revision"),
        (lambda d: d["tables"].update(secrets=[]), "unknown table"),
        (lambda d: d["tables"]["users"][0].update(shoe_size=9), "unknown column"),
        (lambda d: d["tables"]["users"][0].update(created_at="yesterday"), "not a time"),
        # A review item pointing at no user: the database refuses mid-restore.
        (lambda d: d["tables"]["review_items"][0].update(worker_id=999), "nothing was changed"),
    ],
)
def test_when_backup_file_is_bad_then_restore_changes_nothing(
    store: Store, tmp_path: Path, mutate: object, message: str
) -> None:
    _populate(store)
    data = dump(store.engine)
    before = json.loads(json.dumps(data))
    mutate(data)  # type: ignore[operator]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError, match=message):
        restore(store.engine, bad)
    assert dump(store.engine) == before


@pytest.mark.parametrize("content", [b"", b"not json at all", b"SQLite format 3\x00garbage"])
def test_when_file_is_not_a_backup_then_restore_refuses_it(
    store: Store, tmp_path: Path, content: bytes
) -> None:
    _populate(store)
    before = dump(store.engine)
    bad = tmp_path / "bad.bin"
    bad.write_bytes(content)
    with pytest.raises(InputError):
        restore(store.engine, bad)
    assert dump(store.engine) == before


def test_when_backup_file_is_missing_then_error_names_it(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such backup file"):
        restore(store.engine, tmp_path / "nope.json")
