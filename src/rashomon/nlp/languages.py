"""Which analysis an article gets: its language, from metadata or, failing that, its script.

rashomon analyses English (spaCy) and Russian (natasha, :mod:`rashomon.nlp.russian`). An
article in any other language is reported as such and not analysed: a model for the wrong
language produces confident junk (Russian words tagged as English persons and places).
"""

from __future__ import annotations

from rashomon.errors import StageError
from rashomon.model import ArticleDoc
from rashomon.nlp.russian import is_cyrillic

__all__ = [
    "SUPPORTED",
    "UnsupportedLanguage",
    "article_language",
    "check_supported",
    "language_code",
]

SUPPORTED: tuple[str, ...] = ("en", "ru")

# Language names an input may declare instead of a code.
_NAMES = {"english": "en", "russian": "ru", "русский": "ru", "английский": "en"}


class UnsupportedLanguage(StageError):
    """An article is in a language rashomon has no analysis for."""


def language_code(value: str | None) -> str | None:
    """An ISO 639-1 code from a declared language (``ru``, ``ru-RU``, ``Russian``), or None."""
    if not value or not value.strip():
        return None
    v = value.strip().casefold()
    if v in _NAMES:
        return _NAMES[v]
    return v.replace("_", "-").split("-", 1)[0] or None


def article_language(doc: ArticleDoc) -> str:
    """The language an article is analysed in.

    The resolved metadata (declared, else identified from the body text) decides; an article
    with neither (too short to identify, or the metadata stage did not run) is Russian when
    most of its letters are Cyrillic and English otherwise.

    Returns:
        An ISO 639-1 code; it may be one rashomon does not analyse (see :data:`SUPPORTED`).
    """
    meta = doc.meta.language.value if doc.meta.language is not None else None
    code = language_code(meta) or language_code(doc.article.language)
    if code:
        return code
    return "ru" if is_cyrillic(doc.text) else "en"


def check_supported(doc: ArticleDoc, stage: str = "nlp") -> str:
    """The article's language when rashomon analyses it.

    Args:
        doc: the article doc.
        stage: the stage asking, named in the error.

    Raises:
        UnsupportedLanguage: naming the language and the ones that are analysed.
    """
    code = article_language(doc)
    if code not in SUPPORTED:
        raise UnsupportedLanguage(
            stage,
            doc.article.source,
            f"the article is in language {code!r}, which rashomon does not analyse (it reads "
            f"{', '.join(SUPPORTED)}); declare the article's language if that is wrong",
        )
    return code

