"""Text as search compares it: accents and case gone, words apart (no Django here).

``search_key("Matthieu Vaxivière")`` is ``"matthieu vaxiviere"``: a name is stored with its
key, and a query's words (``search_words("VAXIVIERE")`` is ``["vaxiviere"]``) must each be
found in it, so ``vaxiviere``, ``Vaxivière`` and ``matt vax`` all find him.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def search_key(text: str) -> str:
    """Lower case ASCII letters and digits, a space between words: ``José-María`` -> ``jose maria``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = decomposed.encode("ascii", "ignore").decode()
    return _NOT_WORD.sub(" ", ascii_text).strip()


def search_words(query: str, *, most: int = 6) -> list[str]:
    """The query's words as keys, each once, the first ``most`` of them."""
    words = []
    for word in search_key(query).split():
        if word not in words:
            words.append(word)
    return words[:most]
