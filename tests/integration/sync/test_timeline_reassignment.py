"""人走阵地丢: a customer handed to another salesperson arrives with its whole history. Through
a real HQ process (SQLite and PostgreSQL) and two real laptop stores, the new salesperson's
timeline shows every visit, reschedule, cancellation, promise and competitor price the old
one recorded — the same entries, in the same order."""

from __future__ import annotations

from datetime import date

from salesdesk.domain.due import SHANGHAI
from salesdesk.domain.people import Role
from salesdesk.services.timeline import TimelineService
from salesdesk.services.visits.printing import VisitPrinting
from salesdesk.settings import Settings
from tests.integration.sync.test_reassignment import assign
from tests.visit_history import at, seed_history

TODAY = date(2026, 12, 3)


def test_a_reassigned_customer_arrives_with_its_whole_timeline(laptops, hq_url, tmp_path):
    old, new = laptops(Role.SALES), laptops(Role.SALES)
    old.sync()  # the people first: visits and promises name their salesperson
    history = old.edit(lambda s: seed_history(s, TODAY, salesperson_id=old.user_id))
    before = TimelineService(old.factory, SHANGHAI).read(history.customer_id,
                                                         now=at(TODAY, 20))
    assert len(before.entries) == 12
    assert old.sync().rejected == 0
    new.sync()
    assert TimelineService(new.factory, SHANGHAI).read(history.customer_id).entries == ()

    assign(hq_url, history.customer_id, new.username)
    new.sync()
    old.sync()

    after = TimelineService(new.factory, SHANGHAI).read(history.customer_id, now=at(TODAY, 20))
    assert after == before
    assert TimelineService(old.factory, SHANGHAI).read(history.customer_id).entries == ()
    # ... and the new salesperson can print the visit summary and the brief from it.
    printing = VisitPrinting(new.factory, Settings())
    summary = printing.summary(history.visits["today"])
    assert [p.text for p in summary.promises] == ["三天内寄送 3mm 氟碳铝单板样板两块",
                                                  "安排技术员到现场查看色差问题"]
    assert [p.text for p in summary.open_promises] == ["补发上月对账单"]
    assert summary.competitor_quotes[0].competitor == "佛山金盛铝业"
    brief = printing.brief(history.customer_id, now=at(TODAY, 8))
    assert [v.purpose for v in brief.last_visits] == ["回访上批铝单板的使用情况",
                                                      "介绍新品氟碳铝单板"]
    assert brief.kept_rate is not None and (brief.kept_rate.kept, brief.kept_rate.broken) == (1, 1)
