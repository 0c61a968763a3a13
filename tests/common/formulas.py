"""Names a hostile user could give a person, a team, an office or an employer:
each would run as a formula in a spreadsheet if written as it is."""

#: What a spreadsheet runs at the start of a cell (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\tx"]


def neutralised(text: str) -> str:
    """How an export must write `text`: behind a single quote (OWASP)."""
    return "'" + text
