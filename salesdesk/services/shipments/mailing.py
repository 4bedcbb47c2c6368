"""A shipment notice by email: the send's log rows and the mail itself are written in ONE
transaction (``mail.outbox.enqueue`` in the caller's session), so a notice is never logged as
sent without its mail queued, nor queued without its log; the mail outbox sends it when the
network is there. When the outbox settles the mail (sent, failed with the server's reason,
outcome unknown) :func:`record_result` writes that onto the send's rows in the same
transaction, and they sync to HQ like any other change.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from salesdesk.db import shipments as q
from salesdesk.db.session import unit_of_work
from salesdesk.documents.shipment_mail import html_body, plain_body
from salesdesk.documents.shipment_notice import file_name, notice_pdf
from salesdesk.domain.shipments import Channel, DispatchResult
from salesdesk.kit.changes import Changes
from salesdesk.mail import outbox
from salesdesk.mail.message import Attachment, OutgoingMail
from salesdesk.mail.outbox import MailState, OutboxResult, enqueue
from salesdesk.services.shipments.records import CHANGED, Sent

if TYPE_CHECKING:
    from salesdesk.services.shipments.service import ShipmentService

ABOUT = "shipment_dispatches"
_RESULTS = {MailState.SENT: DispatchResult.SENT, MailState.FAILED: DispatchResult.FAILED,
            MailState.UNKNOWN: DispatchResult.UNKNOWN}


def send_email(
    shipments: ShipmentService, sender: str, notice_id: uuid.UUID,
    recipient_ids: tuple[uuid.UUID, ...] | None = None,
) -> Sent:
    """Queues the notice by email to the chosen recipients that have an address (one mail to
    all of them, the PDF attached, HTML and plain text in the customer's language) and logs a
    send per recipient, in one transaction. The notice counts as sent: its first ETA is fixed.

    Raises:
        ValidationFailed: an element missing, a field wrong, arrived or cancelled; no chosen
            recipient has an email address (``recipient_ids`` REQUIRED).
        MailNotConfigured: no sender address is set (Mail settings).
        NoticeGone: the notice is no longer here.
    """
    from salesdesk.domain.validation import ErrorCode, FieldError, ValidationFailed

    register_results()
    with unit_of_work(shipments.factory) as session:
        notice, plan, words = shipments.sendable(session, notice_id, recipient_ids)
        reach = [r for r in plan.recipients if r not in plan.without_email]
        if not reach:
            raise ValidationFailed([FieldError("recipient_ids", ErrorCode.REQUIRED)])
        zone = shipments.zone
        pdf = notice_pdf(words, zone, notice_no=notice.notice_no)
        mail = OutgoingMail(
            to=tuple(r.email.strip() for r in reach), subject=plan.subject,
            text=plain_body(words, zone), html=html_body(words, zone),
            attachments=(Attachment(file_name(words, notice.notice_no), pdf),),
            about=ABOUT, about_id=notice.id,
        )
        now = shipments.now()
        outbox_id = enqueue(session, mail, sender=sender, now=now)
        ids = tuple(
            shipments.dispatch(session, notice, Channel.EMAIL, contact_id=r.contact_id,
                               recipient=f"{r.name} <{r.email.strip()}>", message=plan.subject,
                               is_update=words.is_update, result=DispatchResult.QUEUED,
                               now=now, outbox_id=outbox_id)
            for r in reach
        )
        shipments.mark_sent(notice)
        return Sent(notice.id, ids, outbox_id, CHANGED | Changes(mail=True))


def record_result(session: Session, result: OutboxResult) -> None:
    """The outbox settled a notice's mail: its state, the server's words and the time go onto
    every send of that mail (in the outbox's transaction, so they commit together)."""
    state = _RESULTS.get(result.state)
    if state is None:
        return
    for row in q.dispatch_by_outbox(session, result.outbox_id):
        values = {"result": state.value, "detail": result.detail, "result_at": result.at}
        for name, value in values.items():
            if getattr(row, name) != value:
                setattr(row, name, value)


def register_results() -> None:
    """Listens to the mail outbox for notices' mail (idempotent; the container calls it when it
    builds the mail service, so results are written whoever sends)."""
    outbox.on_result(ABOUT, record_result)
