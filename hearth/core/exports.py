"""Every spreadsheet cell Hearth writes, in CSV or xlsx, goes through `spreadsheet_cell`.

Typed text reaches exports (a case note's title, a partner's concern in its own words), and a spreadsheet
reads a cell that starts with "=", "+", "-" or "@" as a formula: "=HYPERLINK(...)" in a note would become a
live link, and other formulas can run commands or send the sheet's contents elsewhere. Following OWASP's
advice on CSV injection, text starting with one of those characters, a tab or a carriage return is written
after a single quote, which spreadsheets show as text and do not evaluate. Numbers, dates and times that the
code writes itself (counts, percentages, a negative difference) are written as they are and stay numbers.
"""

import csv
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal

# What a spreadsheet may read as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | Decimal | date | datetime | time | None


def spreadsheet_cell(value: Cell) -> Cell:
    """The value to write in a cell: text that could start a formula after a single quote, anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SpreadsheetCsvWriter:
    """`csv.writer`, with every cell through `spreadsheet_cell`: the only way Hearth writes a CSV."""

    def __init__(self, file, **options):
        self._writer = csv.writer(file, **options)

    def writerow(self, row: Iterable[Cell]):
        return self._writer.writerow([spreadsheet_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Cell]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(file, **options) -> SpreadsheetCsvWriter:
    """A CSV writer whose typed text never becomes a formula in a spreadsheet."""
    return SpreadsheetCsvWriter(file, **options)
