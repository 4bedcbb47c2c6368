"""A complaint's printed documents from the store: the acknowledgement receipt and the
resolution letter (documents/complaint_receipt.py), in the language asked, with the letterhead
of the settings (the visit documents' default company when none is set)."""

from __future__ import annotations

import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

from salesdesk.documents import complaint_receipt as pdf
from salesdesk.documents.layout import Language
from salesdesk.domain.complaint_clock import in_words
from salesdesk.domain.complaints import EventKind
from salesdesk.kit.errors import KnownError
from salesdesk.services.complaints.records import ComplaintDetail
from salesdesk.services.complaints.service import ComplaintService
from salesdesk.services.visits.printing import DEFAULT_COMPANY, Printed, write_pdf
from salesdesk.settings import Settings

CATEGORIES: dict[Language, dict[str, str]] = {
    "zh_CN": {"quality": "质量", "delivery": "交货/运输", "service": "服务", "billing": "账款",
              "other": "其他"},
    "en": {"quality": "Quality", "delivery": "Delivery / transport", "service": "Service",
           "billing": "Billing", "other": "Other"},
}


class NotResolved(KnownError):
    """A resolution letter for a complaint not resolved (params: reference)."""

    code = "complaints.not_resolved_letter"


class ComplaintDocuments:
    def __init__(self, complaints: ComplaintService, settings: Settings) -> None:
        self._complaints = complaints
        self._settings = settings

    def _facts(self, complaint_id: uuid.UUID, language: Language
               ) -> tuple[pdf.ComplaintFacts, ZoneInfo, ComplaintDetail]:
        d = self._complaints.detail(complaint_id)
        zone = ZoneInfo(self._complaints.rules.calendar.zone)
        logo = self._settings.company_logo.strip()
        facts = pdf.ComplaintFacts(
            company=self._settings.company_name.strip() or DEFAULT_COMPANY[language],
            customer=d.customer_name, contact=d.contact, reference=d.reference,
            received_at=d.received_at.astimezone(zone),
            category=CATEGORIES[language].get(d.category, d.category),
            description=d.description, received_by=d.received_by, batch_no=d.batch_no,
            logo=Path(logo) if logo else None)
        return facts, zone, d

    def render_receipt(self, complaint_id: uuid.UUID, target: Path, *,
                       language: Language = "zh_CN") -> Printed:
        """The receipt: the committed contact time as it was said when the complaint was
        received (its stored first-contact deadline)."""
        facts, zone, d = self._facts(complaint_id, language)
        due = d.first_contact_due or d.received_at  # None only before 0010's rows are timed
        words = in_words(due, d.received_at, str(zone), language)
        receipt = pdf.Receipt(facts, words, due.astimezone(zone))
        write_pdf(target, lambda out: pdf.render_receipt(receipt, out, language=language))
        return Printed(Path(target))

    def render_letter(self, complaint_id: uuid.UUID, target: Path, *,
                      language: Language = "zh_CN") -> Printed:
        """The resolution letter: what was done (the solution proposed last, and what was
        written when it was resolved)."""
        facts, zone, d = self._facts(complaint_id, language)
        if d.resolved_at is None:
            raise NotResolved(facts.reference, reference=facts.reference)
        said = [e.text for e in d.events
                if e.kind in (EventKind.SOLUTION_PROPOSED, EventKind.RESOLVED) and e.text]
        letter = pdf.ResolutionLetter(facts, d.resolved_at.astimezone(zone),
                                      "\n".join(said[-2:]), signed_by=d.received_by)
        write_pdf(target, lambda out: pdf.render_resolution_letter(letter, out,
                                                                   language=language))
        return Printed(Path(target))
