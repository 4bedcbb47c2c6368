"""The words a shipment notice says to the customer, in the customer's language.

The customer's language is the notice's (``zh`` or ``en``), not the user's: a salesperson with
an English screen still writes to a Chinese customer in Chinese. So these words are plain
templates here, shared by the short text (SMS, WeChat), the email and the PDF, and not Qt
translations. :func:`short_text` is kept within two SMS segments for a typical notice of one or
two lines, and an update (with its apology) of one line (tests hold it there).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from decimal import Decimal

from salesdesk.domain.shipments import Element, NoticeLine, Unit

LANGUAGES = ("zh", "en")

ELEMENT_LABELS: dict[str, dict[Element, str]] = {
    "zh": {
        Element.SPEC_QUANTITY: "产品规格和数量",
        Element.SHIP_TIME: "发货时间",
        Element.TRUCK_PLATE: "车号",
        Element.DRIVER_PHONE: "司机联系电话",
        Element.ETA: "预计到达时间",
    },
    "en": {
        Element.SPEC_QUANTITY: "Products and quantities",
        Element.SHIP_TIME: "Shipped",
        Element.TRUCK_PLATE: "Truck plate",
        Element.DRIVER_PHONE: "Driver's phone",
        Element.ETA: "Estimated arrival",
    },
}

UNIT_LABELS: dict[str, dict[str, str]] = {
    "zh": {
        Unit.TONNE: "吨",
        Unit.KG: "千克",
        Unit.COIL: "卷",
        Unit.PIECE: "件",
        Unit.SQUARE_METRE: "平方米",
    },
    "en": {
        Unit.TONNE: "t",
        Unit.KG: "kg",
        Unit.COIL: "coils",
        Unit.PIECE: "pcs",
        Unit.SQUARE_METRE: "m²",
    },
}

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "发货通知",
        "title_update": "发货通知（更新）",
        "greeting": "{customer}：您好！您的货物已发出，信息如下。",
        "short_head": "【发货通知】{customer}：",
        "short_head_update": "【发货通知·更新】{customer}：",
        "apology": "非常抱歉：预计到达时间由{old}改为{new}。给您带来不便，敬请谅解。",
        "short_apology": "（原{old}，抱歉延误）",
        "goods": "货物",
        "driver": "司机",
        "carrier": "承运",
        "order": "订单号",
        "remarks": "备注",
        "batch": "批号",
        "spec": "规格",
        "quantity": "数量",
        "closing": "如有问题请随时联系我们。",
        "list_sep": "、",
        "customer": "客户",
    },
    "en": {
        "title": "Shipment notice",
        "title_update": "Shipment notice (update)",
        "greeting": "Dear {customer}, your goods have been shipped:",
        "short_head": "Shipment notice for {customer}: your goods have shipped.",
        "short_head_update": "Shipment notice (update) for {customer}:",
        "apology": "We are sorry: the estimated arrival moves from {old} to {new}.",
        "short_apology": " (was {old}; sorry for the delay)",
        "goods": "Goods",
        "driver": "Driver",
        "carrier": "Carrier",
        "order": "Order",
        "remarks": "Remarks",
        "batch": "Batch",
        "spec": "Specification",
        "quantity": "Quantity",
        "closing": "Please contact us with any question.",
        "list_sep": "; ",
        "customer": "Customer",
    },
}

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def language(value: str) -> str:
    return value if value in LANGUAGES else "zh"


def when(value: datetime | None, lang: str, zone: tzinfo) -> str:
    """A time as the customer reads it, in the local zone: "12月5日 10:00", "5 Dec 10:00"."""
    if value is None:
        return "—"
    local = value.astimezone(zone)
    if language(lang) == "zh":
        return f"{local.month}月{local.day}日 {local:%H:%M}"
    return f"{local.day} {_MONTHS[local.month - 1]} {local:%H:%M}"


def quantity_text(quantity: Decimal | None) -> str:
    if quantity is None:
        return ""
    text = format(quantity.normalize(), "f")
    return text


def unit_label(unit: str, lang: str) -> str:
    return UNIT_LABELS[language(lang)].get(unit, unit)


def line_text(line: NoticeLine, lang: str) -> str:
    """ "镀锌卷 DX51D 1.0×1250 25.5吨", "DX51D coil 25.5 t"."""
    unit = unit_label(line.unit, lang)
    qty = quantity_text(line.quantity)
    amount = f"{qty}{unit}" if language(lang) == "zh" else f"{qty} {unit}"
    return f"{line.spec} {amount}".strip()


@dataclass(frozen=True)
class NoticeText:
    """Everything a notice says, ready for words: the service fills it from the stored notice."""

    customer: str
    company: str
    lines: tuple[NoticeLine, ...]
    ship_time: datetime | None
    truck_plate: str
    driver_name: str
    driver_phone: str
    eta: datetime | None
    carrier: str = ""
    order_ref: str = ""
    remarks: str = ""
    language: str = "zh"
    previous_eta: datetime | None = None  # set on an update after the ETA slipped

    @property
    def is_update(self) -> bool:
        return self.previous_eta is not None


def words(notice: NoticeText) -> dict[str, str]:
    return WORDS[language(notice.language)]


def short_text(notice: NoticeText, zone: tzinfo) -> str:
    """The five elements in a text for SMS or WeChat (two segments for one or two lines)."""
    lang = language(notice.language)
    w = words(notice)
    labels = ELEMENT_LABELS[lang]
    head = w["short_head_update" if notice.is_update else "short_head"].format(
        customer=notice.customer
    )
    goods = w["list_sep"].join(line_text(line, lang) for line in notice.lines)
    driver = " ".join(x for x in (notice.driver_name, notice.driver_phone) if x)
    sep = "：" if lang == "zh" else ": "
    eta = when(notice.eta, lang, zone)
    if notice.is_update:
        eta += w["short_apology"].format(old=when(notice.previous_eta, lang, zone))
    parts = [
        head,
        f"{w['goods']}{sep}{goods}",
        f"{labels[Element.SHIP_TIME]}{sep}{when(notice.ship_time, lang, zone)}",
        f"{labels[Element.TRUCK_PLATE]}{sep}{notice.truck_plate}",
        f"{w['driver']}{sep}{driver}",
        f"{labels[Element.ETA] if lang == 'en' else '预计到达'}{sep}{eta}",
    ]
    if notice.company:
        parts.append(notice.company)
    return "\n".join(parts)


def subject(notice: NoticeText, zone: tzinfo) -> str:
    """The email's subject: "发货通知：华东建材 预计12月5日 10:00到达"."""
    lang = language(notice.language)
    title = words(notice)["title_update" if notice.is_update else "title"]
    eta = when(notice.eta, lang, zone)
    if lang == "zh":
        return f"{title}：{notice.customer} 预计{eta}到达"
    return f"{title}: {notice.customer}, arriving {eta}"


def rows(notice: NoticeText, zone: tzinfo) -> list[tuple[str, str]]:
    """Label and value of the notice's facts after its lines, as the email and the PDF list
    them: ship time, truck plate, driver, phone, ETA, carrier, order, remarks."""
    lang = language(notice.language)
    w = words(notice)
    labels = ELEMENT_LABELS[lang]
    out = [
        (labels[Element.SHIP_TIME], when(notice.ship_time, lang, zone)),
        (labels[Element.TRUCK_PLATE], notice.truck_plate),
        (w["driver"], notice.driver_name),
        (labels[Element.DRIVER_PHONE], notice.driver_phone),
        (labels[Element.ETA], when(notice.eta, lang, zone)),
    ]
    if notice.carrier:
        out.append((w["carrier"], notice.carrier))
    if notice.order_ref:
        out.append((w["order"], notice.order_ref))
    if notice.remarks:
        out.append((w["remarks"], notice.remarks))
    return out


def apology(notice: NoticeText, zone: tzinfo) -> str:
    """The apology line of an updated notice ("" for a first notice)."""
    if not notice.is_update:
        return ""
    lang = language(notice.language)
    return words(notice)["apology"].format(
        old=when(notice.previous_eta, lang, zone), new=when(notice.eta, lang, zone)
    )
