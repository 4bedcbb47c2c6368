"""HQ's PostgreSQL sessions plan for a cached, index-driven workload.

A push finds its 1,000 rows by id. With PostgreSQL's default ``random_page_cost`` (4, priced
for spinning disks) the planner reads a table of some tens of thousands of rows whole instead
(measured: ~10 ms more per statement, three statements per batch), so HQ's connections use
1.1, the usual setting for SSDs and well-cached data.
"""

from __future__ import annotations

import uuid

from salesdesk.hq import schema
from salesdesk.hq.bulk import insert_rows


def test_a_batch_finds_its_rows_by_index(pg_db):
    ids = [uuid.uuid4() for _ in range(30_000)]
    with pg_db.write() as conn:
        insert_rows(conn, schema.sync_row, [
            {"entity": "visits", "row_id": i, "version": 1, "customer_id": None} for i in ids
        ])
    with pg_db.writer.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE sync_row")
    with pg_db.write() as conn:
        plan = "\n".join(
            row[0] for row in conn.exec_driver_sql(
                "EXPLAIN UPDATE sync_row SET version = 2 "
                "WHERE entity = 'visits' AND row_id = ANY(%(ids)s::uuid[])",
                {"ids": ids[5000:6000]},
            )
        )
    assert "Index Scan using pk_sync_row" in plan, plan
    assert "Seq Scan" not in plan, plan
