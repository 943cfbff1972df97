"""Reading an enforcement-figures CSV the same way whatever the interface language (issue 17).

- Dates only as YYYY-MM-DD: 03/04/2023 is the 3rd of April to one reader and the 4th of
  March to another, and the interface language used to decide which.
- A decimal comma (1,5) is taken as a decimal point, with the English column names too; a
  number with both a comma and a point is refused rather than guessed.
- A record csv cannot read (a value over its 131,072-character field limit, a stray quote)
  is refused with its row and, where it can be told, its column, like any other bad value.
"""

import csv
import io
import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ISO_DATE = ["%Y-%m-%d"]
DECIMAL_COMMA = re.compile(r"-?\d+,\d+")


def iso_dates_only(fields: dict, names) -> None:
    """The date fields `names` of `fields` take YYYY-MM-DD only."""
    for name in names:
        field = fields[name]
        field.input_formats = ISO_DATE
        field.error_messages = {
            **field.error_messages,
            "invalid": gettext_lazy("Write the date as YYYY-MM-DD, for example 2024-03-31."),
        }


def decimal_points(values: dict, names) -> dict:
    """`values` with "1,5" written "1.5" in the decimal columns `names`."""
    return {
        name: value.replace(",", ".") if name in names and DECIMAL_COMMA.fullmatch(value) else value
        for name, value in values.items()
    }


class UnreadableRow(Exception):
    """A record csv cannot read: its row number and, for a value over the field limit, the
    position (0-based) of that value."""

    def __init__(self, row: int, position: int | None):
        super().__init__(row, position)
        self.row, self.position = row, position

    def message(self, header: list[str]) -> str:
        if self.position is None:
            return _("Row %(row)s could not be read as CSV: check its quotes.") % {"row": self.row}
        known = self.row > 1 and self.position < len(header)
        return _(
            "Row %(row)s, column %(column)s: the value is too long to read (more than "
            "%(limit)s characters)."
        ) % {
            "row": self.row,
            "column": header[self.position] if known else self.position + 1,
            "limit": f"{csv.field_size_limit():,}",
        }


def records(text: str):
    """(row number, cells) for each record of `text`, row 1 being the header. A record csv
    cannot read raises UnreadableRow: nothing after it can be trusted."""
    reader = csv.reader(io.StringIO(text))
    number = 0
    while True:
        lines_before = reader.line_num
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            start = 0
            for _line in range(lines_before):
                start = text.find("\n", start) + 1
            position = _field_over(text, start, csv.field_size_limit())
            raise UnreadableRow(number + 1, position) from error
        number += 1
        yield number, cells


def _field_over(text: str, start: int, limit: int) -> int | None:
    """The position (0-based) of the first value over `limit` characters in the record that
    starts at `start`, read the way csv reads it; None if there is none."""
    index = length = 0
    quoted = False
    position = start
    while position < len(text):
        char = text[position]
        if quoted and char == '"' and text[position + 1 : position + 2] == '"':
            length += 1
            position += 1
        elif char == '"':
            quoted = not quoted
        elif not quoted and char == ",":
            index, length = index + 1, 0
        elif not quoted and char in "\r\n":
            return None
        else:
            length += 1
        if length > limit:
            return index
        position += 1
    return None
