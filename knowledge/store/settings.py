"""What the owners and admins set and what the bot keeps for itself: the meta key-value rows (progress
thresholds, digests of the seeds and the character folds), each chat's answering mode, the admins, the
character folds the matcher uses, and the log of questions it could not answer."""

from __future__ import annotations

import json

from knowledge.store.base import StoreBase, utc_now

CHAT_MODES = ("mention", "all")

# The unanswered log keeps at most this many distinct questions, each cut to this many characters
# (10,000 ids each asking something new must not grow the file without bound).
MAX_UNANSWERED_ROWS = 10_000
MAX_QUESTION_CHARS = 200


class Settings(StoreBase):
    """meta, chat_settings, admins, char_folds and unanswered; settings changes are audited."""

    # -- meta and thresholds -----------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        row = self.db.execute("select value from meta where key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db["meta"].upsert({"key": key, "value": value}, pk="key")

    def thresholds_override(self) -> dict:
        """The progress thresholds the owners set with /thresholds ({} when none): X/Y in points."""
        raw = self.meta("progress_thresholds")
        return json.loads(raw) if raw else {}

    def set_thresholds(self, values: dict, user_id: int | None = None, chat_id: int | None = None) -> None:
        """Store the owners' thresholds with an audit row (the meta row and the change commit together)."""
        with self.transaction():
            before = self.thresholds_override() or None
            self.set_meta("progress_thresholds", json.dumps(values, ensure_ascii=False))
            self.record_change("set_thresholds", {"key": "progress_thresholds"}, before, values, user_id, chat_id)

    # -- chat modes --------------------------------------------------------------------------
    def chat_mode(self, chat_id: int) -> str:
        """'mention' (answer commands, replies and mentions only) or 'all' (also confident free text)."""
        row = self.db.execute("select mode from chat_settings where chat_id = ?", [chat_id]).fetchone()
        return row[0] if row else "mention"

    def set_chat_mode(self, chat_id: int, mode: str, user_id: int | None = None) -> None:
        """Set a chat's mode (one of CHAT_MODES, else ValueError) with its audit row."""
        if mode not in CHAT_MODES:
            raise ValueError(mode)
        with self.transaction():
            before = {"mode": self.chat_mode(chat_id)}
            self.db["chat_settings"].upsert(
                {"chat_id": chat_id, "mode": mode, "updated_at": utc_now(), "updated_by": user_id}, pk="chat_id"
            )
            self.record_change("set_chat_mode", {"chat_id": chat_id}, before, {"mode": mode}, user_id, chat_id)

    # -- admins ------------------------------------------------------------------------------
    def admin_ids(self) -> set[int]:
        """The Telegram user ids of the admins added with /admin (the owners of BOT_ADMIN_IDS are not here)."""
        return {r["user_id"] for r in self.db["admins"].rows}

    def is_admin(self, user_id: int) -> bool:
        """Was this user added as an admin (one indexed lookup, not a read of the table)?"""
        return self.db.execute("select 1 from admins where user_id = ?", [user_id]).fetchone() is not None

    def admins(self) -> list[dict]:
        """The admins' rows (user_id, name, added_by, added_at UTC ISO), earliest added first."""
        return list(self.db["admins"].rows_where(order_by="added_at"))

    def add_admin(self, user_id: int, name: str, added_by: int) -> bool:
        """Add an admin with its audit row; False when the user already is one."""
        with self.transaction():
            if self.is_admin(user_id):
                return False
            row = {"user_id": user_id, "name": name, "added_by": added_by, "added_at": utc_now()}
            self.db["admins"].insert(row)
            self.record_change("add_admin", {"user_id": user_id}, None, row, added_by, None)
        return True

    def remove_admin(self, user_id: int, removed_by: int) -> bool:
        """Remove an admin with its audit row; False when the user is not one."""
        with self.transaction():
            before = self._get("admins", {"user_id": user_id})
            if before is None:
                return False
            self.db["admins"].delete(user_id)
            self.record_change("remove_admin", {"user_id": user_id}, before, None, removed_by, None)
        return True

    # -- character folds ---------------------------------------------------------------------
    def char_folds(self) -> dict[str, str]:
        """{character: the character it is matched as} for the matcher."""
        return {r["char"]: r["fold"] for r in self.db["char_folds"].rows}

    def replace_char_folds(self, folds: dict[str, str], digest: str) -> None:
        """Replace every fold with `folds` and remember the `digest` of the table they came from."""
        with self.transaction():
            self.db.execute("delete from char_folds")
            self.db["char_folds"].insert_all(
                ({"char": c, "fold": f} for c, f in folds.items()), pk="char", batch_size=2000
            )
            self.set_meta("folds_digest", digest)

    # -- unanswered questions ----------------------------------------------------------------
    def log_unanswered(self, question: str, normalized: str, chat_id: int | None = None,
                       user_id: int | None = None) -> None:
        """Count a declined question under its normalised form (both cut to MAX_QUESTION_CHARS); the
        latest wording, chat and asker are kept. Beyond MAX_UNANSWERED_ROWS distinct questions the
        least asked, then the oldest, are dropped."""
        question = question[:MAX_QUESTION_CHARS]
        key = normalized[:MAX_QUESTION_CHARS] or question
        now = utc_now()
        with self.transaction():
            self.db.execute(
                "insert into unanswered (normalized, question, times, first_at, last_at, chat_id, user_id) "
                "values (?, ?, 1, ?, ?, ?, ?) on conflict (normalized) do update set times = times + 1, "
                "question = excluded.question, last_at = excluded.last_at, chat_id = excluded.chat_id, "
                "user_id = excluded.user_id", [key, question, now, now, chat_id, user_id])
            excess = self.db.execute("select count(*) from unanswered").fetchone()[0] - MAX_UNANSWERED_ROWS
            if excess > 0:
                self.db.execute(
                    "delete from unanswered where normalized in (select normalized from unanswered "
                    "order by times, last_at limit ?)", [excess])

    def unanswered(self, limit: int = 20) -> list[dict]:
        """The `limit` most asked unanswered questions ({question, times, last: UTC ISO}), most asked first."""
        return list(self.db.query(
            "select question, times, last_at as last from unanswered order by times desc, last_at desc limit ?",
            [limit]))
