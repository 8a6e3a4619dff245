"""Spreadsheet formula injection: the one rule for text cells we write, and its inverse for our files read back.

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a formula (and
tab or carriage return can hide one), so a team named ``=HYPERLINK(...)`` would run on a
newsroom's computer. As OWASP recommends, such a cell gets a leading ``'``: the
spreadsheet then shows it as text. Only free text (names, notes) is neutralised; the values
we format ourselves (``+0.094``, ``1:30.364``) are written exactly.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISED_STARTS = tuple(f"'{start}" for start in FORMULA_STARTS)


def neutralised(text: str) -> str:
    """``=SUM(A1)`` -> ``'=SUM(A1)``; any other text unchanged."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def unneutralised(text: str) -> str:
    """The inverse of :func:`neutralised`: ``'=SUM(A1)`` -> ``=SUM(A1)``; any other text unchanged."""
    return text[1:] if text.startswith(NEUTRALISED_STARTS) else text
