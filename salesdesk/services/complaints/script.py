"""The reception script (DOMAIN.md "Complaints") and the short receipt text, in the customer's
language: greet, apologise, say it is recorded in writing, read it back, say it has entered the
handling process with its reference, commit to a contact time, invite more, keep in touch,
thank. Filled as the salesperson types; a fact not typed yet reads as "…".

The words live here rather than in Qt's translations because the SMS/WeChat text and the
printed receipt (documents/complaint_receipt.py) use them too, away from the UI.
"""

from __future__ import annotations

from dataclasses import dataclass

_MISSING = "…"
SMS_DESCRIPTION = 40  # characters of the complaint an SMS repeats


@dataclass(frozen=True)
class ScriptFacts:
    customer: str  # the customer's (company) name
    contact: str  # whom we speak to
    description: str  # the complaint in the customer's words
    reference: str
    committed: str  # the committed contact time in words (complaint_clock.in_words)
    company: str = ""  # ours, for the SMS signature


def _or_missing(value: str) -> str:
    return value.strip() or _MISSING


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_chinese(language: str) -> bool:
    return language.lower().startswith("zh")


def reception_script(facts: ScriptFacts, language: str) -> list[str]:
    """The lines to read out, in order."""
    who = facts.contact.strip() or facts.customer.strip()
    said = _or_missing(" ".join(facts.description.split()))
    ref, committed = _or_missing(facts.reference), _or_missing(facts.committed)
    if is_chinese(language):
        return [
            f"{who or '客户'}，您好！",
            "给您带来了不便，非常抱歉。",
            "您反映的问题我已经书面记录下来了。",
            f"我跟您确认一下：{said}。是这样吗？",
            f"您的投诉已经进入我们的投诉处理流程，编号是 {ref}。",
            f"{committed}，和您商量解决办法。",
            "您还有什么需要补充的吗？",
            "处理过程中我们会和您保持联系。",
            "感谢您告诉我们，谢谢！",
        ]
    return [
        f"Hello{', ' + who if who else ''}.",
        "I am sorry for the trouble this has caused you.",
        "I have written down what you told me.",
        f"Let me read it back to you: {said}. Is that right?",
        f"Your complaint is now in our complaint-handling process; its reference is {ref}.",
        f"{committed} to agree on a solution with you.",
        "Is there anything you would like to add?",
        "We will keep in touch with you while we handle it.",
        "Thank you for telling us.",
    ]


def receipt_text(facts: ScriptFacts, language: str) -> str:
    """The short acknowledgement for SMS or WeChat."""
    who = facts.contact.strip() or facts.customer.strip()
    said = _short(facts.description, SMS_DESCRIPTION)
    if is_chinese(language):
        sign = f"【{facts.company}】" if facts.company else ""
        return (f"{sign}{who}您好，您反映的问题（{said}）已登记，投诉编号 {facts.reference}。"
                f"{facts.committed}。如有补充，请随时联系我们。")
    sign = f"{facts.company}: " if facts.company else ""
    return (f"{sign}Dear {who}, your complaint ({said}) is recorded as {facts.reference}. "
            f"{facts.committed}. Tell us anytime if there is more to add.")
