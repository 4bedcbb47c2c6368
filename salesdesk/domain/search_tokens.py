"""Tokens for the customer search index, and the FTS5 query that matches them.

SQLite's trigram tokenizer cannot match queries under three characters, and ``LIKE`` against a
trigram table misses CJK rows on SQLite 3.40. So the index holds our own tokens, separated by
spaces for FTS5's ``unicode61`` tokenizer:

* every CJK character (finds a one-character query),
* every CJK bigram, written in order per run of CJK text, so a longer query is the *phrase* of
  its consecutive bigrams — adjacency in the token stream is adjacency in the text;
* every suffix of the full pinyin and of the pinyin initials, and every suffix of Latin words and
  phone digits, so a *prefix* query on them is a substring match ("qhjc", "qianghuang", "huang",
  "8001" all find 墙煌建材有限公司 or its phone).

Pinyin comes from pypinyin, imported only when a document is built (it costs ~60 MB and 0.3 s),
never on the query path.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from itertools import chain

# A token that never matches a query; it breaks adjacency between separate runs of text.
_RUN_BREAK = "0brk0"

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"[{_CJK}]+|[a-z0-9]+")
_IS_CJK = re.compile(rf"[{_CJK}]")
_DIGITS = re.compile(r"\d+")


def normalize(text: str) -> str:
    """Folds full-width forms and case: "ＡＢＣ" and "abc" search the same."""
    return unicodedata.normalize("NFKC", text).lower()


@lru_cache(maxsize=65536)
def _pinyin(run: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    full = tuple(_pypinyin()(run))
    initials = tuple(s[0] for s in full if s)
    return full, initials


def warm_up() -> None:
    """Imports pypinyin and builds its segmenter now, e.g. on a thread that would otherwise
    wait, so the first document built later does not pay for it. Thread-safe: two first
    uses at once may both load it, harmlessly (the import lock gives them one module)."""
    _pypinyin()


@cache
def _pypinyin() -> Callable[[str], list[str]]:
    """pypinyin's converter, loaded (with its phrase dictionaries and segmenter) on first use.

    The dictionaries are ~200,000 lists and dicts that live as long as the process. Once they
    are loaded, every object alive moves to the collector's permanent generation
    (``gc.freeze``): otherwise each full collection walks them all again, pauses of 50–100 ms
    in the middle of a sync (measured during a 5,000-edit push) or of a click.
    """
    from pypinyin import Style, lazy_pinyin

    def convert(run: str) -> list[str]:
        return lazy_pinyin(run, style=Style.NORMAL, errors="ignore")

    convert("拼音")  # builds the segmenter's prefix sets
    gc.freeze()
    return convert


def _suffixes(syllables: tuple[str, ...] | str) -> list[str]:
    if isinstance(syllables, str):
        return [syllables[i:] for i in range(len(syllables))]
    return ["".join(syllables[i:]) for i in range(len(syllables))]


@lru_cache(maxsize=65536)
def _run_parts(run: str) -> tuple[tuple[str, ...], str | None, tuple[str, ...]]:
    """One run's unigrams, bigram sequence and words, each without repeats, in order.

    Cached per distinct run: a book repeats many of them (cities, "有限公司", contacts' given
    names, phone numbers), and a sync indexes thousands of customers at once.
    """
    if not _IS_CJK.match(run):
        return (), None, tuple(_suffixes(run))
    sequence = " ".join(run[i : i + 2] for i in range(len(run) - 1)) if len(run) > 1 else None
    full, initials = _pinyin(run)
    words = dict.fromkeys(_suffixes(full))
    words.update(dict.fromkeys(_suffixes(initials)))
    return tuple(dict.fromkeys(run)), sequence, tuple(words)


def document_tokens(texts: Iterable[str], phones: Iterable[str] = ()) -> str:
    """Builds the token string indexed for one customer (its names, contacts and phones).

    Each run's cached parts are chained in order and deduplicated once, which keeps every
    token at its first occurrence: the same string as tokenizing the runs one by one.
    """
    chars: list[tuple[str, ...]] = []
    sequences: list[str] = []
    found: list[tuple[str, ...]] = []
    for text in texts:
        if not text:
            continue
        for run in _RUN.findall(normalize(text)):
            unigrams, sequence, words = _run_parts(run)
            chars.append(unigrams)
            if sequence is not None:
                sequences.append(sequence)
            found.append(words)
    for phone in phones:
        if phone:
            digits = "".join(_DIGITS.findall(phone))
            if digits:
                found.append(_run_parts(digits)[2])
    parts = [
        " ".join(dict.fromkeys(chain.from_iterable(chars))),
        f" {_RUN_BREAK} ".join(sequences),
        " ".join(dict.fromkeys(chain.from_iterable(found))),
    ]
    return f" {_RUN_BREAK} ".join(p for p in parts if p)


def sort_key(name: str) -> str:
    """Pinyin spelling of a name, for ordering lists as Chinese readers expect."""
    parts: list[str] = []
    for run in _RUN.findall(normalize(name)):
        parts.append(" ".join(_pinyin(run)[0]) if _IS_CJK.match(run) else run)
    return " ".join(parts)


def match_expression(query: str) -> str | None:
    """Translates what the user typed into an FTS5 MATCH expression, or None if nothing to find.

    Whitespace-separated terms must all match. Inside a term, a CJK run of one or two characters
    is a token, a longer run the phrase of its bigrams, and Latin letters or digits a prefix.
    """
    clauses: list[str] = []
    for run in _RUN.findall(normalize(query)):
        if _IS_CJK.match(run):
            if len(run) <= 2:
                clauses.append(f'"{run}"')
            else:
                bigrams = " ".join(run[i : i + 2] for i in range(len(run) - 1))
                clauses.append(f'"{bigrams}"')
        else:
            clauses.append(f'"{run}"*')
    return " AND ".join(clauses) if clauses else None
