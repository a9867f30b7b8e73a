"""The settings store: rule overrides and their audit log, in SQLite or PostgreSQL.

SQLAlchemy 2 Core. Every change is one transaction that locks the rule's row (PostgreSQL:
SELECT ... FOR UPDATE; SQLite: BEGIN IMMEDIATE), so concurrent PATCHes serialize: each one is in
the audit log with the state it saw, and the final state is the last write. Mail content never
comes here: only rule settings, a token's hash and the name of who changed what.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any, Callable, Optional

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

metadata = MetaData()

overrides = Table(
    "rule_overrides",
    metadata,
    Column("rule", String(100), primary_key=True),
    Column("data", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

audit = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("rule", String(100), nullable=False),
    Column("who", String(200), nullable=False),
    Column("before", Text, nullable=False),
    Column("after", Text, nullable=False),
)

server_values = Table(
    "server_values",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)


def _sqlite_setup(engine: Engine) -> None:
    """SQLite: WAL for readers beside a writer, a busy timeout, and BEGIN IMMEDIATE for writes.

    pysqlite's own transaction handling is turned off so that our BEGIN is the one that counts
    (the documented SQLAlchemy recipe for serializable SQLite transactions).
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        # conn.info lives as long as the pooled DBAPI connection: the flag is for this one
        # transaction, or every later read on it would queue for the write lock.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.pop("write", False) else "BEGIN")


class Store:
    def __init__(self, url: str):
        kwargs: dict[str, Any] = {"future": True}
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 10}
        else:
            kwargs["pool_pre_ping"] = True
        self.engine = create_engine(url, **kwargs)
        if self.is_sqlite:
            _sqlite_setup(self.engine)
        metadata.create_all(self.engine)

    def dispose(self) -> None:
        """Drop pooled connections (after a fork: each worker opens its own)."""
        self.engine.dispose(close=False)

    def _write(self):
        conn = self.engine.connect()
        conn.info["write"] = True
        return conn

    # --- overrides -----------------------------------------------------------------------------

    def overrides(self) -> dict[str, dict]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(overrides.c.rule, overrides.c.data)).all()
        return {rule: json.loads(data) for rule, data in rows}

    def change_rule(
        self, rule: str, who: str, apply: Callable[[Optional[dict]], dict]
    ) -> tuple[dict, dict]:
        """Apply `apply(current) -> new` to one rule's override atomically; log it; return both."""
        now = datetime.now(timezone.utc)
        for _attempt in range(5):
            conn = self._write()
            try:
                with conn.begin():
                    query = select(overrides.c.data).where(overrides.c.rule == rule)
                    if not self.is_sqlite:
                        query = query.with_for_update()
                    row = conn.execute(query).first()
                    before = json.loads(row[0]) if row else {}
                    after = apply(before)
                    data = json.dumps(after, sort_keys=True, ensure_ascii=False)
                    if row is None:
                        conn.execute(insert(overrides).values(rule=rule, data=data, updated_at=now))
                    else:
                        conn.execute(
                            update(overrides)
                            .where(overrides.c.rule == rule)
                            .values(data=data, updated_at=now)
                        )
                    conn.execute(
                        insert(audit).values(
                            at=now,
                            rule=rule,
                            who=who,
                            before=json.dumps(before, sort_keys=True, ensure_ascii=False),
                            after=data,
                        )
                    )
                return before, after
            except IntegrityError:
                # Two first writes of the same rule raced on the insert (PostgreSQL has no row
                # to lock yet): the loser retries and now finds the row.
                continue
            finally:
                conn.close()
        raise RuntimeError(f"could not store the change of {rule}")

    def audit_log(self, limit: int = 200, rule: Optional[str] = None) -> list[dict]:
        query = select(audit).order_by(audit.c.id.desc()).limit(limit)
        if rule:
            query = query.where(audit.c.rule == rule)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [
            {
                "id": row["id"],
                "at": _iso(row["at"]),
                "rule": row["rule"],
                "who": row["who"],
                "before": json.loads(row["before"]),
                "after": json.loads(row["after"]),
            }
            for row in rows
        ]

    # --- server values (the generated admin token's hash) --------------------------------------

    def get_value(self, key: str) -> Optional[str]:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(server_values.c.value).where(server_values.c.key == key)
            ).first()
        return row[0] if row else None

    def set_value_once(self, key: str, value: str) -> bool:
        """Store `value` unless the key exists; True when this call stored it."""
        conn = self._write()
        try:
            with conn.begin():
                exists = conn.execute(
                    select(server_values.c.key).where(server_values.c.key == key)
                ).first()
                if exists:
                    return False
                conn.execute(insert(server_values).values(key=key, value=value))
                return True
        except IntegrityError:
            return False
        finally:
            conn.close()


def _iso(value: datetime) -> str:
    if value.tzinfo is None:  # SQLite gives naive datetimes back; we stored UTC
        value = value.replace(tzinfo=timezone.utc)
    return value.isoformat()
