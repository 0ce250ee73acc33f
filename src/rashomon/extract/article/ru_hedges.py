"""Hedges and certainty markers in Russian reports, by the kinds of the English hedge layer.

``якобы`` and ``предположительно`` (hedge), ``так называемый`` (so-called), ``возможно``
(conditional), ``неподтвержденные данные`` (unverified), ``по неофициальным данным`` and
``сообщается`` (reported), ``без доказательств`` (unsupported), and emotive words in the
writer's own voice (loaded; not inside quotation marks or a source's reported words). The
phrases are data: ``lexicon/ru/hedges.toml``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from rashomon.extract.article.attributions import find_quotes
from rashomon.lexicon import table
from rashomon.model import Attribution, Hedge, Sentence, Span

__all__ = ["find_ru_hedges"]


@functools.cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for kind, phrases in table("hedges", "ru")["kinds"].items():
        alts = []
        for phrase in sorted(phrases, key=len, reverse=True):
            star = phrase.endswith("*")
            body = r"\s+".join(re.escape(w) for w in phrase.rstrip("*").split())
            alts.append(body + (r"\w*" if star else ""))
        out.append((str(kind), re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])",
                                          re.IGNORECASE)))
    # Longer, more specific kinds first, as in the English layer.
    order = ["unverified", "unsupported", "reported", "so-called", "hedge", "conditional",
             "loaded"]
    return tuple(sorted(out, key=lambda p: order.index(p[0]) if p[0] in order else len(order)))


def find_ru_hedges(
    text: str,
    sentences: Iterable[Sentence | Span],
    *,
    article_id: str,
    attributions: Sequence[Attribution] = (),
) -> list[Hedge]:
    """Hedge and certainty markers in each sentence of a Russian article.

    Args:
        text: the article text.
        sentences: sentence spans (or :class:`Sentence` records).
        article_id: the article's id.
        attributions: the article's attributions (loaded words inside a source's reported
            words are the source's, not the writer's).

    Returns:
        Hedges in text order, each with the span of its sentence.
    """
    out: list[Hedge] = []
    quotes = find_quotes(text)
    for s in sentences:
        sent = s.span if isinstance(s, Sentence) else s
        taken: list[Span] = []
        chunk = text[sent.start : sent.end]
        for kind, pattern in _patterns():
            for m in pattern.finditer(chunk):
                span = Span(sent.start + m.start(), sent.start + m.end())
                if any(t.overlaps(span) for t in taken):
                    continue
                if kind == "loaded" and (
                    any(q.contains(span) for q in quotes)
                    or any(a.content.overlaps(span) for a in attributions)
                ):
                    continue
                taken.append(span)
                out.append(Hedge(article_id=article_id, span=span, kind=kind, sentence=sent))
    out.sort(key=lambda h: (h.span.start, h.span.end))
    return out
