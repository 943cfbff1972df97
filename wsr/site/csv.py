"""The one way this project writes CSV (issue 16): every cell that a spreadsheet would read
as a formula is neutralized, so a name typed as =HYPERLINK(...) stays text in whoever opens
the export.

OWASP's rule ("CSV injection"): a text cell that begins with =, +, -, @, a tab or a carriage
return is prefixed with a single quote. Only strings are touched: numbers the code writes
(int, float, Decimal) stay numbers, negative ones included. Wagtail's own admin exports go
through `safe_cell` too (`wsr.site.apps`)."""

import csv as _csv
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value` as a spreadsheet should read it: text that starts like a formula gets a
    leading quote; numbers, booleans and None pass unchanged."""
    if isinstance(value, bool | int | float | Decimal) or value is None:
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def safe_row(row):
    return [safe_cell(value) for value in row]


class _Writer:
    def __init__(self, inner):
        self._inner = inner

    def writerow(self, row):
        return self._inner.writerow(safe_row(row))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


class _DictWriter:
    def __init__(self, inner):
        self._inner = inner

    def writeheader(self):
        return self._inner.writeheader()

    def writerow(self, row: dict):
        return self._inner.writerow({key: safe_cell(value) for key, value in row.items()})

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(stream, **options) -> _Writer:
    """`csv.writer(stream)` whose rows are neutralized cell by cell."""
    return _Writer(_csv.writer(stream, **options))


def dict_writer(stream, fieldnames, **options) -> _DictWriter:
    """`csv.DictWriter(stream, fieldnames)` whose rows are neutralized cell by cell."""
    return _DictWriter(_csv.DictWriter(stream, fieldnames=fieldnames, **options))


def passthrough_writer(stream, **options):
    """`csv.writer(stream)` that writes cells exactly as given, for CSV text that never
    leaves the server: one reader handing rows to another (an XLSX upload turned into the
    CSV text the upload checks read, assistance.services.figures.xlsx_text), where a leading
    quote would change what was uploaded. Never for a response or a file anyone downloads:
    those go through `writer` / `dict_writer`."""
    return _csv.writer(stream, **options)


def protect_wagtail_exports() -> None:
    """Wagtail's admin reports and listings export CSV through `SpreadsheetExportMixin`,
    which writes page titles and names as typed (its XLSX export already stores formulas as
    text). Route its CSV cells through `safe_cell`; called once from `SiteConfig.ready`."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.write_csv_row
    if getattr(original, "is_neutralized", False):
        return

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: safe_cell(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    write_csv_row.is_neutralized = True
    SpreadsheetExportMixin.write_csv_row = write_csv_row
