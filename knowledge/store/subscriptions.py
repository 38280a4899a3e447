"""What the chats asked to receive and what they were sent: subscriptions (daily summaries, reports,
alerts), the log of delivery attempts, the alerts waiting for delivery and the standings each report
last sent.

A subscription is keyed by (chat_id, thread_id, kind): the chat, the forum topic it was made in (0 for
none or General) and what it delivers. Every method takes the key's last two parts as keywords
defaulting to a daily summary without a topic.
"""

from __future__ import annotations

from knowledge.models import ALERTS, DAILY, Delivery, Subscription
from knowledge.redaction import redact
from knowledge.store.base import StoreBase, utc_now
from knowledge.store.schema import PRIMARY_KEYS


class Subscriptions(StoreBase):
    """Subscriptions, deliveries, alerts and the report log; changes to a subscription are audited."""

    # -- subscriptions -----------------------------------------------------------------------
    def subscription(self, chat_id: int, *, thread_id: int = 0, kind: str = DAILY) -> Subscription | None:
        row = self._get("subscriptions", {"chat_id": chat_id, "thread_id": thread_id or 0, "kind": kind})
        return _subscription(row) if row else None

    def active_subscriptions(self, kind: str | None = DAILY) -> list[Subscription]:
        """Active subscriptions of `kind` (every kind when None), by chat then topic."""
        where, args = ("active = 1", []) if kind is None else ("active = 1 and kind = ?", [kind])
        return [_subscription(r) for r in self.db["subscriptions"].rows_where(
            where, args, order_by="chat_id, thread_id")]

    def subscribe(self, chat_id: int, at_time: str, tz: str, due_from: str, user_id: int | None = None,
                  chat_title: str = "", *, thread_id: int = 0, kind: str = DAILY, day: int = 0) -> Subscription:
        """Create or renew a subscription (active, not paused); its audit row commits with it. An alerts
        subscription starts after the latest alert: what was decided before it is not replayed."""
        key = {"chat_id": chat_id, "thread_id": thread_id or 0, "kind": kind}
        with self.transaction():
            before = self._get("subscriptions", key)
            row = {**key, "chat_title": chat_title, "at_time": at_time, "tz": tz, "active": 1,
                   "paused": 0, "due_from": due_from, "created_by": user_id, "created_at": utc_now(),
                   "last_sent_at": (before or {}).get("last_sent_at") or "",
                   "last_sent_on": (before or {}).get("last_sent_on") or "", "day": day,
                   "last_alert_id": self.last_alert_id() if kind == ALERTS else 0}
            self.db["subscriptions"].upsert(row, pk=PRIMARY_KEYS["subscriptions"])
            self.record_change("subscribe", key, before, row, user_id, chat_id)
        return self.subscription(chat_id, thread_id=thread_id, kind=kind)

    def update_subscription(self, chat_id: int, action: str, user_id: int | None = None, *,
                            thread_id: int = 0, kind: str = DAILY, **fields) -> bool:
        """Change fields of an existing subscription with its audit row; False when there is none."""
        key = {"chat_id": chat_id, "thread_id": thread_id or 0, "kind": kind}
        with self.transaction():
            before = self.subscription(chat_id, thread_id=thread_id, kind=kind)
            if before is None:
                return False
            self.db["subscriptions"].update(tuple(key.values()), fields)
            self.record_change(action, key, {k: getattr(before, k) for k in fields}, fields, user_id, chat_id)
        return True

    def move_chat(self, old_chat_id: int, new_chat_id: int) -> bool:
        """A group became a supergroup: what is kept per chat follows it to the new id — its subscriptions
        (every topic and kind), its settings (/mode) and its report log — with one audit row.

        Where the new id already has a row under the same key (a /subscribe in the supergroup before the
        move was seen), the two merge, nothing lost: of two subscriptions the active one is kept (the new
        id's when both are), with the later of the two last-sent days and alert ids, so that what either
        received is not sent again; of two settings or report-log rows the newer. Returns False when the
        old id had nothing."""
        with self.transaction():
            merged = [self._merge_into(table, old_chat_id, new_chat_id, choose)
                      for table, choose in (("subscriptions", _kept_subscription), ("chat_settings", _newer("updated_at")),
                                            ("report_log", _newer("sent_at")))]
            if not any(merged):
                return False
            self.record_change("migrate_chat", {"chat_id": old_chat_id}, {"chat_id": old_chat_id},
                               {"chat_id": new_chat_id}, None, new_chat_id)
        return True

    def _merge_into(self, table: str, old_chat_id: int, new_chat_id: int, choose) -> int:
        """Move `table`'s rows of the old chat to the new one; `choose(new_row, old_row)` gives the row kept
        where the new chat has one under the same key. Returns how many rows moved. Inside a transaction."""
        keys = PRIMARY_KEYS[table]
        rows = list(self.db[table].rows_where("chat_id = ?", [old_chat_id]))
        for row in rows:
            moved = {**row, "chat_id": new_chat_id}
            there = self._get(table, {k: moved[k] for k in keys})
            self.db[table].delete(tuple(row[k] for k in keys))
            self.db[table].upsert(moved if there is None else choose(there, moved), pk=keys)
        return len(rows)

    # -- deliveries --------------------------------------------------------------------------
    def record_delivery(self, chat_id: int, ok: bool, error: str = "", sent_on: str = "", *,
                        thread_id: int = 0, kind: str = DAILY, subscribed_in: int | None = None) -> None:
        """Log a delivery attempt to `chat_id`; a successful one also marks the subscription as sent for
        `sent_on` — under `chat_id` and under `subscribed_in`, the chat id the subscription was read under
        when a migration moved the delivery, so that the row that was due is marked whatever the move did."""
        now = utc_now()
        with self.transaction():
            # callers pass redacted text; the pattern-based redaction here is the last line of defence
            self.db["deliveries"].insert({"chat_id": chat_id, "thread_id": thread_id or 0, "kind": kind, "at": now,
                                          "ok": int(ok), "error": redact(error)[:500]})
            if ok:
                self.db.execute("update subscriptions set last_sent_at = ?, last_sent_on = ? "
                                "where chat_id in (?, ?) and thread_id = ? and kind = ?",
                                [now, sent_on, chat_id, chat_id if subscribed_in is None else subscribed_in,
                                 thread_id or 0, kind])

    def deliveries(self, chat_id: int | None = None, *, thread_id: int | None = None,
                   kind: str | None = None) -> list[Delivery]:
        """Delivery attempts, oldest first; filtered by chat, topic and kind where given."""
        conditions = [(c, v) for c, v in (("chat_id", chat_id), ("thread_id", thread_id), ("kind", kind))
                      if v is not None]
        where = " and ".join(f"[{c}] = ?" for c, _ in conditions) or None
        return [Delivery(r["chat_id"], r["at"], bool(r["ok"]), r["error"] or "", r["thread_id"] or 0,
                         r["kind"] or DAILY)
                for r in self.db["deliveries"].rows_where(where, [v for _, v in conditions] or None,
                                                          order_by="id")]

    # -- alerts ------------------------------------------------------------------------------
    def add_alert(self, text: str) -> int:
        """Keep an alert for delivery; call inside the transaction that decided it. Returns its id."""
        return self.db["alerts"].insert({"at": utc_now(), "text": text}).last_pk

    def alerts_after(self, alert_id: int) -> list[tuple[int, str]]:
        """(id, text) of the alerts after `alert_id`, oldest first."""
        return [(r[0], r[1]) for r in self.db.execute("select id, text from alerts where id > ? order by id",
                                                      [alert_id]).fetchall()]

    def mark_alert_delivered(self, chat_id: int, thread_id: int, alert_id: int,
                             subscribed_in: int | None = None) -> None:
        """An alerts subscription has received every alert up to `alert_id`; marked under `chat_id` and
        `subscribed_in` (see record_delivery)."""
        with self.transaction():
            self.db.execute("update subscriptions set last_alert_id = ? where chat_id in (?, ?) and thread_id = ? "
                            "and kind = ?", [alert_id, chat_id, chat_id if subscribed_in is None else subscribed_in,
                                             thread_id or 0, ALERTS])

    def last_alert_id(self) -> int:
        """The newest alert's id, 0 before the first."""
        return self.db.execute("select coalesce(max(id), 0) from alerts").fetchone()[0]

    # -- report log --------------------------------------------------------------------------
    def last_report(self, chat_id: int, thread_id: int = 0, kind: str = "report") -> tuple[str, str] | None:
        """(sent_at UTC ISO, standings JSON) of the last report sent under this key, None before the first."""
        row = self._get("report_log", {"chat_id": chat_id, "thread_id": thread_id or 0, "kind": kind})
        return (row["sent_at"], row["standings"]) if row else None

    def record_report(self, chat_id: int, standings: str, thread_id: int = 0, kind: str = "report") -> None:
        """Remember the standings of a report that was delivered (or written, for the console: chat 0)."""
        with self.transaction():
            self.db["report_log"].upsert({"chat_id": chat_id, "thread_id": thread_id or 0, "kind": kind,
                                          "sent_at": utc_now(), "standings": standings},
                                         pk=PRIMARY_KEYS["report_log"])


def _kept_subscription(new: dict, old: dict) -> dict:
    """Two subscriptions of one chat under one key: the active one (the new id's when both or neither
    are), knowing the later of what either was sent."""
    kept = old if old["active"] and not new["active"] else new
    latest = {column: max(new[column] or "", old[column] or "") for column in ("last_sent_at", "last_sent_on")}
    return {**kept, **latest, "last_alert_id": max(new["last_alert_id"] or 0, old["last_alert_id"] or 0)}


def _newer(column: str):
    """Of two rows of one chat under one key, the one with the later `column` (the new id's on a tie)."""
    return lambda new, old: old if (old[column] or "") > (new[column] or "") else new


def _subscription(row: dict) -> Subscription:
    return Subscription(row["chat_id"], row["chat_title"] or "", row["at_time"], row["tz"], bool(row["active"]),
                        bool(row["paused"]), row["due_from"] or "", row["last_sent_at"] or "",
                        row["last_sent_on"] or "", row["thread_id"] or 0, row["kind"] or DAILY,
                        row.get("day") or 0, row.get("last_alert_id") or 0)
