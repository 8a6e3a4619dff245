"""The formula-injection rule of every CSV we write, and its inverse for our files read back."""

import pytest

from events.core.cells import neutralised, unneutralised


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("-2+3", "'-2+3"),
        ("+33 6 12", "'+33 6 12"),
        ("\tTrack limits", "'\tTrack limits"),
        ("\rnote", "'\rnote"),
        ("Porsche GT Team", "Porsche GT Team"),
        ("Team = Porsche", "Team = Porsche"),
        (" =1+1", " =1+1"),
        ("'quoted", "'quoted"),
        ("", ""),
    ],
)
def test_text_that_a_spreadsheet_would_run_gets_a_leading_quote_and_reads_back(text, written):
    assert neutralised(text) == written
    assert unneutralised(written) == text


def test_reading_back_removes_only_a_quote_before_a_formula_start():
    assert [unneutralised(text) for text in ["'Hello", "'", "''=1", "O'Neil"]] == ["'Hello", "'", "''=1", "O'Neil"]
