"""Site furniture of scraped pages by its shape and its words: the plain-text cleaner's rules.

The words live in ``lexicon/en/page_furniture.toml`` (block headings, teaser leads, caption
labels, widget labels, newsletter calls, the text of comment forms and notices, in the
languages scraped pages carry); this module turns them into the patterns
:mod:`rashomon.extract.article.boilerplate` applies line by line.
"""

from __future__ import annotations

import re

from rashomon.lexicon import phrase_alternation
from rashomon.lexicon import table as lexicon_table

__all__ = ["MARKER_RE", "RULES"]

_alt = phrase_alternation

# Site furniture by its words: lexicon/en/page_furniture.toml (multilingual).
_FURNITURE = lexicon_table("page_furniture")
_MK = _FURNITURE["markers"]
# A whole line heading a teaser, related-links, tags or comments block: a marker phrase, a
# "More from ..." lead, or a count of reader comments ("11 responses to <title>").
MARKER_RE = re.compile(
    rf"^(?:{_alt(_MK['whole'])}\s*(?:\(\d+\))?\s*:?|{_alt(_MK['lead'])}\b.*"
    rf"|\d+\s+{_alt(_MK['counted'])}(?:\s+{_alt(_MK['counted_links'])}\b.*|\s*:?))$",
    re.IGNORECASE,
)


def _rule(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_WIDGET = _alt(_FURNITURE["widgets"]["labels"])
_CAP_LABELS = _alt(_FURNITURE["caption"]["labels"])


# (reason, pattern, longest line in words it may mark). The length caps keep a news sentence
# that merely mentions a newsletter or live coverage from being taken for the widget itself.
RULES: tuple[tuple[str, re.Pattern[str], int], ...] = (
    # Accessibility links, menu toggles and share/follow widgets printed as text.
    (
        "navigation",
        _rule(
            r"^(?:skip to (?:main )?(?:content|navigation)|jump to|menu|toggle navigation|"
            r"back to top|home)\b.{0,20}$|^(?:share(?: this(?: article| story| page)?| on| via)?"
            r"|follow us(?: on)?|click here)\b.{0,40}$|"
            r"^(?:loading|sign in|log in|sign out|register|search|close|open menu)\W*$"
        ),
        12,
    ),
    # "This article was originally published on ...": a syndication note (metadata reads it).
    (
        "syndication",
        _rule(
            r"^(?:this (?:article|story|piece|post) (?:was|is|has been) (?:originally |first )?"
            r"(?:published|republished|reproduced|reprinted)|(?:originally|first) published"
            r"|republished (?:with permission|from|under))\b"
        ),
        30,
    ),
    # Consent banners: cookies together with the site or browser, addressed to the reader.
    (
        "cookie",
        _rule(
            r"^(?=.*\b(?:we|our|you|your)\b)(?:.*\bcookies?\b.*\b(?:website|site|browser|"
            r"consent|accept|policy|experience|enable|preferences)\b|.*\b(?:website|site|"
            r"browser|consent|accept|policy|experience)\b.*\bcookies?\b)"
        ),
        80,
    ),
    (
        "newsletter",
        _rule(
            r"\b(?:subscribe|sign up|signup|register)\b.{0,40}\b(?:newsletter|inbox|e-?mail|"
            r"updates|alerts)\b|^(?:our |the )?(?:\w+ )?newsletters?\b.{0,30}$"
        ),
        25,
    ),
    (
        "newsletter",
        _rule(
            rf"^(?=.*\bnewsletters?\b)(?:{_alt(_FURNITURE['newsletter']['calls'])}\b"
            rf"|.*\b{_alt(_FURNITURE['newsletter']['address'])}\b)"
        ),
        25,
    ),
    ("tags", _rule(r"^(?:tags?|topics|keywords|filed under)\s*[:|]\s*\S"), 60),
    # Previous/next story teasers and "Read more:" links under or inside an article.
    (
        "teaser",
        _rule(
            r"^(?:prev|previous|next)(?: (?:article|post|story))?\b[\s:>»›|-]|"
            rf"^{_alt(_FURNITURE['teaser']['leads'])}\s*[:|»›>-]\s*\S"
        ),
        40,
    ),
    # A link to the previous or next post, drawn with an arrow ("← Older post title").
    ("teaser", _rule(r"^[←⟵]|[→⟶]\s*$"), 20),
    (
        "read-time",
        _rule(
            r"^(?:\d+\s*(?:-|–)?\s*(?:min|mins|minutes?)(?:\s*read)?|"
            r"reading time:?\s*\d+.*|\d+\s*min(?:ute)?s? read)$"
        ),
        6,
    ),
    (
        "editor-mark",
        _rule(r"\b(?:print(?:er)? friendly|pdf & email|print this (?:article|page))\b|^\*{3,}$"),
        12,
    ),
    (
        "promo",
        _rule(
            r"\bour live (?:coverage|blog|updates)\b|\bfollow (?:the |our )?latest\b|"
            r"\bwatch live\b|\bdownload (?:our|the) app\b|\bsponsored content\b|"
            r"^(?:continue reading|story continues|article continues|scroll to continue)\b.{0,30}$|"
            r"\bbanner\b\s*\d*$|^(?:ad|advertisement|sponsored|promoted)$"
        ),
        20,
    ),
    ("copyright", _rule(r"^(?:©|\(c\)|copyright\b)|\ball rights reserved\b"), 30),
    # Photo credits and captions: an agency/photographer credit, or a Photo:/Image: label.
    (
        "caption",
        _rule(
            rf"\b{_CAP_LABELS}\s*[:|©]|\b(?:photo|foto)\s+(?-i:[A-Z]{{2,}})\b|"
            rf"^{_CAP_LABELS}\s+{_alt(_FURNITURE['caption']['by'])}\s+(?-i:[A-Z])|"
            rf"\b{_alt(_FURNITURE['caption']['agencies'])}"
            r"\s*/\s*[A-Z][\w.-]+(?:\s+[A-Z][\w.-]+){0,3}\)?\s*$|"
            rf"(?<![^\W\d_])©\s*\w+|\({_CAP_LABELS}[^)]{{0,60}}\)\s*$"
        ),
        80,
    ),
    # A share bar, like button or loading spinner printed as text ("Gefällt mir Wird geladen…").
    (
        "navigation",
        _rule(rf"^{_WIDGET}(?:[\s|•·/,]+{_WIDGET})*[\s:.…]*$"),
        12,
    ),
    # Comment forms, follow and like widgets, consent and disclosure notices (lexicon phrases).
    (
        "furniture",
        _rule(_alt(_FURNITURE["phrases"]["items"])),
        int(_FURNITURE["phrases"]["max_words"]),
    ),
    (
        "translation-note",
        _rule(
            r"^(?:the |this )?(?:article|text|original) (?:is|was) "
            r"(?:written )?(?:in|translated from) [A-Z][a-z]+\.?$|"
            r"^translated from(?: the)? [A-Z][a-z]+\b"
        ),
        12,
    ),
)
