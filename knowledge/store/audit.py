"""The audit log (`changes`) and the one audited write path: every figure, target, alias, source and
duty row is written together with the change row that says who changed what, from what, to what;
/history, /undo and the reports read the log back."""

from __future__ import annotations

import json

from knowledge.control_characters import is_plain, stored_text
from knowledge.store.base import StoreBase, utc_now
from knowledge.store.schema import TABLE_KEYS, period_columns

# The columns whose text may run over several lines; in any other a newline becomes a space.
MULTILINE_COLUMNS = ("note", "quote")


def _stored_texts(table: str, row: dict) -> dict:
    """`row` with every text but its key's by the one rule of knowledge.control_characters (a key is
    left as it is: it names the row that was previewed, and that an undo finds again)."""
    texts = [value for column, value in row.items() if isinstance(value, str) and column not in TABLE_KEYS[table]]
    if is_plain("".join(texts)):
        return row
    return {column: stored_text(value, column in MULTILINE_COLUMNS)
            if isinstance(value, str) and column not in TABLE_KEYS[table] else value for column, value in row.items()}


# How many of a user's latest figures and duties `people` reads for the name they were recorded with.
NAMED_LOOKBACK = 50


def recorded_who(recorded_by: object, user_id: int) -> str | None:
    """The sender as a change was recorded ("王科长（42）", handlers.confirm.who) from a row's
    recorded_by or updated_by: the text itself, or wrapped ("通报录入（王科长（42））"); None when the
    text names someone else or nobody ("表格导入", "seed")."""
    mark = f"（{user_id}）"
    if not isinstance(recorded_by, str) or recorded_by == mark:
        return None
    if recorded_by.endswith(mark + "）") and recorded_by.index("（") < len(recorded_by) - len(mark) - 1:
        return recorded_by[recorded_by.index("（") + 1:-1]
    return recorded_by if recorded_by.endswith(mark) else None


class AuditLog(StoreBase):
    """Audited writes and the queries /undo and /history ask of the `changes` table."""

    # -- writing -----------------------------------------------------------------------------
    def record_change(self, action: str, entity: dict, before: dict | None, after: dict | None,
                      user_id: int | None = None, chat_id: int | None = None) -> int:
        """Append an audit row; call inside the same `transaction()` as the write it describes."""
        return self.db["changes"].insert(
            {"at": utc_now(), "user_id": user_id, "chat_id": chat_id, "action": action,
             "entity": json.dumps(entity, ensure_ascii=False),
             "before": json.dumps(before, ensure_ascii=False) if before is not None else None,
             "after": json.dumps(after, ensure_ascii=False) if after is not None else None,
             "undone_by": None, "who": self.acting},
        ).last_pk

    def write_audited(self, action: str, table: str, key: dict, before: dict | None, after: dict | None,
                      user_id: int | None = None, chat_id: int | None = None, entity: dict | None = None,
                      at: str | None = None) -> int:
        """THE write path for figures, targets and aliases: the row and its `changes` row, one shape.

        Call inside `transaction()`. `after` None deletes the row. An observation gets its structured
        period columns from its label and `recorded_at`; the audit row's entity is the key plus the table
        (plus `entity`, e.g. the change an undo reverses). Returns the change id.
        """
        return self.write_audited_many(action, [(table, key, before, after)], user_id, chat_id, entity, at)[0]

    def write_audited_many(self, action: str, writes: list[tuple],
                           user_id: int | None = None, chat_id: int | None = None, entity: dict | None = None,
                           at: str | None = None) -> list[int]:
        """`write_audited` for many rows (an import, an undo): same rows, same audit shape, in `writes` order.

        Each write is (table, key, before, after) or (table, key, before, after, entity of that row only).
        The texts of `after` (but its key's) are stored without control characters
        (knowledge.control_characters.stored_text: a newline only in a note or a quote).

        Rows are upserted with one executemany per table and column set, and the audit rows with one
        executemany, because sqlite-utils' upsert and one insert per row cost ~0.2 ms a row (4 s for an
        import of 20,000 rows). Returns the change ids in order.
        """
        now = at or utc_now()
        conn = self.db.conn
        audits, run, run_kind = [], [], None
        columns: dict[str, tuple[str, ...]] = {}
        for table, key, before, after, *own in writes:
            if after is not None:
                if table not in columns:
                    columns[table] = tuple(self.db[table].columns_dict)
                # A whole row, so that the audit's `after` is exactly what a later read returns.
                after = {c: None for c in columns[table]} | _stored_texts(table, after)
                if table == "observations":
                    after |= period_columns(after.get("period") or "")
                    after["recorded_at"] = after.get("recorded_at") or now
            kind = (table, after is None)
            if kind != run_kind:  # a run of upserts or deletes of one table, written at once, in order
                self._flush(run_kind, run)
                run, run_kind = [], kind
            run.append(key if after is None else after)
            audits.append((now, user_id, chat_id, action,
                           json.dumps({**key, "table": table, **(entity or {}), **(own[0] if own else {})},
                                      ensure_ascii=False),
                           json.dumps(before, ensure_ascii=False) if before is not None else None,
                           json.dumps(after, ensure_ascii=False) if after is not None else None, self.acting))
        self._flush(run_kind, run)
        conn.executemany("insert into changes (at, user_id, chat_id, action, entity, before, after, undone_by, who) "
                         "values (?, ?, ?, ?, ?, ?, ?, null, ?)", audits)
        last = conn.execute("select max(id) from changes").fetchone()[0]
        return list(range(last - len(audits) + 1, last + 1))

    def _flush(self, kind: tuple[str, bool] | None, rows: list[dict]) -> None:
        """Write a run of rows of one table: keys to delete (kind[1] True) or whole rows to upsert."""
        if kind is None or not rows:
            return
        table, deleting = kind
        if deleting:
            key = TABLE_KEYS[table]
            self.db.conn.executemany(f"delete from [{table}] where " + " and ".join(f"[{c}] = ?" for c in key),
                                     ([row[c] for c in key] for row in rows))
        else:
            self._upsert(table, rows)
        if table == "sources":
            self._sources = None

    def _upsert(self, table: str | None, rows: list[dict]) -> None:
        """INSERT … ON CONFLICT DO UPDATE for many rows at once, grouped by column set."""
        if not rows:
            return
        key = TABLE_KEYS[table]
        groups: dict[tuple[str, ...], list[dict]] = {}
        for row in rows:
            groups.setdefault(tuple(row), []).append(row)
        for columns, group in groups.items():
            names = ", ".join(f"[{c}]" for c in columns)
            marks = ", ".join("?" for _ in columns)
            updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in columns if c not in key)
            conflict = f"do update set {updates}" if updates else "do nothing"
            self.db.conn.executemany(
                f"insert into [{table}] ({names}) values ({marks}) "
                f"on conflict ({', '.join(f'[{k}]' for k in key)}) {conflict}",
                ([row[c] for c in columns] for row in group))

    def get_row(self, table: str, key: dict) -> dict | None:
        """The row of an audited table under `key` ({column: value}), None when there is none."""
        return self._get(table, key)

    def write_row(self, table: str, key: dict, row: dict | None) -> None:
        """Upsert `row` under `key`, or delete the row when `row` is None; call inside a transaction."""
        if row is None:
            self.db[table].delete([key[k] for k in TABLE_KEYS[table]])
        else:
            self.db[table].upsert(row, pk=TABLE_KEYS[table])
        if table == "sources":
            self._sources = None

    def rows_by_key(self, table: str) -> dict[tuple, dict]:
        """A whole table keyed by its TABLE_KEYS, for checking many rows at once."""
        key = TABLE_KEYS[table]
        return {tuple(row[k] for k in key): row for row in self.db.query(f"select * from [{table}]")}

    def mark_undone(self, change_id: int, undo_id: int) -> None:
        self.db["changes"].update(change_id, {"undone_by": undo_id})

    def mark_all_undone(self, pairs: list[tuple[int, int]]) -> None:
        """Mark changes undone: (undo change id, change id) pairs, in the undo's transaction."""
        self.db.conn.executemany("update changes set undone_by = ? where id = ?", pairs)

    # -- reading -----------------------------------------------------------------------------
    def change(self, change_id: int) -> dict | None:
        """The `changes` row with this id (before/after as JSON text), None when there is none."""
        return self._get("changes", {"id": change_id})

    def last_change_id(self) -> int:
        """The newest change's id, 0 before the first."""
        return self.db.execute("select coalesce(max(id), 0) from changes").fetchone()[0]

    def changes_by_id(self, change_ids: list[int] | tuple[int, ...]) -> dict[int, dict]:
        """{id: change row} for the ids that exist, in one query."""
        return {row["id"]: row for row in self.db.query(
            "select * from changes where id in (select value from json_each(?))", [json.dumps(list(change_ids))])}

    def changes_for(self, indicator_id: str, limit: int = 20) -> list[dict]:
        """The latest `limit` changes whose entity names this indicator, newest first."""
        return list(self.db.query(
            "select * from changes where json_extract(entity, '$.indicator_id') = ? order by id desc limit ?",
            [indicator_id, limit]))

    def people(self, user_ids) -> dict[int, str]:
        """{user id: "王科长（42）"} for the users among `user_ids` named anywhere: the name their latest
        figure or duty was recorded with (handlers.confirm.who), else the 称呼 an owner gave them with
        /admins add. Users named nowhere are left out. Reads the latest NAMED_LOOKBACK such rows a user."""
        wanted = sorted({u for u in user_ids if u is not None})
        people = self._recorded_names(wanted)
        for user_id in wanted:
            if user_id not in people and (name := self._admin_name(user_id)):
                people[user_id] = name
        return people

    def _recorded_names(self, user_ids: list[int]) -> dict[int, str]:
        """{user id: the name their latest figure or duty was recorded with}, in one pass over the log."""
        rows = self.db.execute(
            "select user_id, json_extract(after, '$.recorded_by'), json_extract(after, '$.updated_by') "
            "from changes where user_id in (select value from json_each(?)) "
            "and action in ('set_observation', 'set_duty') order by id desc limit ?",
            [json.dumps(user_ids), NAMED_LOOKBACK * len(user_ids)])
        names: dict[int, str] = {}
        for user_id, *texts in rows:
            for text in texts:
                if user_id not in names and (name := recorded_who(text, user_id)):
                    names[user_id] = name
        return names

    def _admin_name(self, user_id: int) -> str | None:
        admin = self._get("admins", {"user_id": user_id})
        return f"{admin['name']}（{user_id}）" if admin and admin.get("name") else None

    def undone_since(self, change_id: int) -> dict[str, int]:
        """{indicator id: the change an undo reversed} for the undos after `change_id`, the latest per
        indicator. In SQL, grouped before anything is read: the undo of an import is 30,000 rows."""
        rows = self.db.execute(
            "select json_extract(entity, '$.indicator_id'), json_extract(entity, '$.undoes') from changes "
            "where id in (select max(id) from changes where id > ? and action = 'undo' "
            "group by json_extract(entity, '$.indicator_id'))", [change_id]).fetchall()
        return {indicator_id: undoes for indicator_id, undoes in rows if indicator_id and undoes}

    def import_changes(self, change: dict) -> list[dict]:
        """Every change row written by the import that wrote `change`, oldest first: those sharing its
        entity's "batch" (the id of the import's first row), or, for imports recorded before batches,
        those sharing its time, user and chat."""
        batch = json.loads(change["entity"]).get("batch")
        if batch is not None:
            return list(self.db.query(
                "select * from changes where action = 'import' and json_extract(entity, '$.batch') = ? "
                "order by id", [batch]))
        return list(self.db.query(
            "select * from changes where action = 'import' and at = ? and user_id is ? and chat_id is ? "
            "and json_extract(entity, '$.batch') is null order by id",
            [change["at"], change["user_id"], change["chat_id"]]))

    def undoable_changes(self, actions: tuple[str, ...], limit: int) -> list[dict]:
        """The latest changes of these kinds not yet undone, newest first."""
        marks = ",".join("?" for _ in actions)
        return list(self.db.query(
            f"select * from changes where undone_by is null and action in ({marks}) order by id desc limit ?",
            [*actions, limit]))

    def changes_after(self, change_id: int, actions: tuple[str, ...], limit: int) -> list[dict]:
        """Changes of these kinds newer than `change_id`, not undone, newest first."""
        marks = ",".join("?" for _ in actions)
        return list(self.db.query(
            f"select * from changes where id > ? and undone_by is null and action in ({marks}) "
            "order by id desc limit ?", [change_id, *actions, limit]))
