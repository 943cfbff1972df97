"""Enforcement figures beyond one form (issue 19): complaint counts per category and outcome,
downloads as CSV and XLSX with exactly the upload's columns (a downloaded file uploads
again unchanged), the blank template, spreadsheets read as CSV text for the one upload
path, figures normalized per year and per 1,000 workers, money and numbers in the reader's
language, and the trend chart's geometry (drawn as SVG by assistance/_trend_chart.html)."""

import datetime
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.conf import settings
from django.db.models import Prefetch
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wsr.site import csv as safe_csv

from ..models import ComplaintCategory, ComplaintCount, EnforcementReport

# Complaint categories and outcomes -------------------------------------------------------


def complaint_categories(*, active_only: bool = False) -> list[ComplaintCategory]:
    categories = ComplaintCategory.objects.ordered()
    return list(categories.active() if active_only else categories)


def count_columns(categories=None) -> dict[str, ComplaintCategory]:
    """The count columns a file may have (complaints_<code>, outcome_<code>), each with its
    category; inactive ones too, so figures reported before still upload."""
    if categories is None:
        categories = complaint_categories()
    return {category.column: category for category in categories}


def read_counts(values: dict, columns: dict, received) -> tuple[dict[int, int], list]:
    """The counts in `values` (a row's cells by column) as {category id: count}, and the
    problems as [(column, message)]. A blank cell means "not given"."""
    counts, problems = {}, []
    for column, category in columns.items():
        text = (values.get(column) or "").strip()
        if not text:
            continue
        if not text.isdigit() or len(text) > 9:
            problems.append((column, _("Give a whole number of complaints (0 or more).")))
            continue
        counts[category.pk] = int(text)
    problems += counts_problems(counts, columns.values(), received)
    return counts, problems


def counts_problems(counts: dict[int, int], categories, received) -> list:
    """What complaint counts must satisfy against the complaints received in the period: no
    count above them, and the outcomes (one per complaint) adding up to no more."""
    if received is None:
        return []
    problems, outcomes = [], 0
    for category in categories:
        value = counts.get(category.pk)
        if value is None:
            continue
        if value > received:
            problems.append((category.column, _("More than the complaints received.")))
        if category.kind == ComplaintCategory.Kind.OUTCOME:
            outcomes += value
    if outcomes > received:
        problems.append(
            (
                "complaints_received",
                _("The outcomes add up to more than the complaints received."),
            )
        )
    return problems


def complaint_counts_save(reports: list[EnforcementReport], datas: list[dict]) -> None:
    """The counts each report was given (data["counts"], {category id: count}) replace the
    ones it had, in two queries whatever the number of reports; data without "counts"
    (callers that know nothing of them) leaves a report's counts as they were."""
    given = [(r, d["counts"]) for r, d in zip(reports, datas, strict=True) if "counts" in d]
    if not given:
        return
    ComplaintCount.objects.filter(report__in=[r for r, _counts in given]).delete()
    ComplaintCount.objects.bulk_create(
        ComplaintCount(report=report, category_id=category_id, count=count)
        for report, counts in given
        for category_id, count in (counts or {}).items()
    )


def with_counts(reports):
    """`reports` (a queryset) with their complaint counts and categories, in one query."""
    return reports.prefetch_related(
        Prefetch("complaint_counts", queryset=ComplaintCount.objects.select_related("category"))
    )


@dataclass
class CountTable:
    """Complaints per category and outcome, one column per report: [(category, [count or
    None per report])] for the categories any of the reports gives."""

    categories: list
    outcomes: list


def count_table(reports) -> CountTable | None:
    """From reports read through with_counts (no query)."""
    by_report = [{c.category_id: c for c in r.complaint_counts.all()} for r in reports]
    seen = {}
    for counts in by_report:
        for count in counts.values():
            seen[count.category_id] = count.category
    if not seen:
        return None
    ordered = sorted(seen.values(), key=lambda c: (c.kind, c.sort_order, c.code))
    rows = [
        (
            category,
            [counts[category.pk].count if category.pk in counts else None for counts in by_report],
        )
        for category in ordered
    ]
    return CountTable(
        categories=[row for row in rows if row[0].kind == ComplaintCategory.Kind.CATEGORY],
        outcomes=[row for row in rows if row[0].kind == ComplaintCategory.Kind.OUTCOME],
    )


# Columns, values and downloads ------------------------------------------------------------

DATE_COLUMNS = ("period_start", "period_end")
# Upload columns a file may leave out (files made before they existed).
OPTIONAL_COLUMNS = ("narrative",)
# Leading columns of the all-initiatives download only: which initiative a row is of.
INITIATIVE_COLUMNS = ("initiative_slug", "initiative", "demo_data")
MAX_XLSX_ROWS = 20_000
MAX_XLSX_COLUMNS = 200
MAX_XLSX_UNPACKED = 40 * 1024 * 1024


def figure_columns() -> list[str]:
    from .assessments import REPORT_FIELDS

    return list(REPORT_FIELDS)


def upload_columns(categories) -> list[str]:
    return [*figure_columns(), *(category.column for category in categories)]


def report_values(report: EnforcementReport, categories) -> dict:
    """The report's upload columns as typed values (dates, ints, Decimals, text; None for
    a blank), its complaint counts read through with_counts."""
    values = {name: getattr(report, name) for name in figure_columns()}
    counts = {c.category_id: c.count for c in report.complaint_counts.all()}
    for category in categories:
        values[category.column] = counts.get(category.pk)
    return values


def downloadable_reports(initiative=None):
    """Every verified figure of listed initiatives (the public's view), oldest first."""
    reports = EnforcementReport.objects.verified().select_related("initiative")
    if initiative is not None:
        reports = reports.filter(initiative=initiative)
    return with_counts(reports.order_by("initiative__name", "initiative_id", "period_start"))


def _initiative_values(report) -> dict:
    return {
        "initiative_slug": report.initiative.slug,
        "initiative": report.initiative.name,
        "demo_data": report.is_demo,
    }


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def figures_csv(reports, categories, *, all_initiatives: bool = False) -> str:
    """CSV text: the upload's header and one row per report (formula-like text neutralized
    as every CSV of the project is, wsr.site.csv)."""
    columns = upload_columns(categories)
    if all_initiatives:
        columns = [*INITIATIVE_COLUMNS, *columns]
    out = io.StringIO()
    writer = safe_csv.writer(out)
    writer.writerow(columns)
    for report in reports:
        values = report_values(report, categories)
        if all_initiatives:
            values.update(_initiative_values(report))
        writer.writerow([_csv_text(values[c]) for c in columns])
    return out.getvalue()


def template_csv(categories) -> str:
    """The blank template: the header only (the XLSX template explains each column)."""
    out = io.StringIO()
    safe_csv.writer(out).writerow(upload_columns(categories))
    return out.getvalue()


@dataclass
class ColumnHelp:
    name: str
    label: str
    kind: str  # how to write it
    required: bool
    example: object = None
    codes: list = field(default_factory=list)


def column_help(categories) -> list[ColumnHelp]:
    """Each upload column explained in the reader's language (its name stays the code)."""
    from ..models import Currency

    model = EnforcementReport._meta
    date = _("Date, YYYY-MM-DD")
    whole = _("Whole number")
    rows = []
    examples = {
        "period_start": datetime.date(2024, 1, 1),
        "period_end": datetime.date(2024, 6, 30),
        "workers_covered": 1200,
        "complaints_received": 40,
        "complaints_resolved": 36,
        "median_days_to_resolution": Decimal("12.5"),
        "audits": 20,
        "suppliers_suspended": 1,
        "suppliers_corrective_action": 4,
        "premium_paid": Decimal("150000.00"),
        "premium_currency": "USD",
        "education_sessions": 30,
        "source_note": _("Annual report, page 12"),
        "narrative": _("A new grower joined in March; two retaliation complaints went to audit."),
    }
    for name in figure_columns():
        model_field = model.get_field(name)
        if name in DATE_COLUMNS:
            kind = date
        elif name in ("median_days_to_resolution", "premium_paid"):
            kind = _("Number; a point or a comma for decimals")
        elif name == "premium_currency":
            kind = _("Currency code")
        elif name in ("source_note", "narrative"):
            kind = _("Text, at most %(n)s characters") % {"n": model_field.max_length}
        else:
            kind = whole
        rows.append(
            ColumnHelp(
                name=name,
                label=str(model_field.verbose_name).capitalize(),
                kind=kind,
                required=not (model_field.blank or model_field.null),
                example=examples.get(name),
                codes=list(Currency.values) if name == "premium_currency" else [],
            )
        )
    for category in categories:
        rows.append(
            ColumnHelp(
                name=category.column,
                label=(
                    _("Complaints about: %(name)s")
                    if category.kind == ComplaintCategory.Kind.CATEGORY
                    else _("Complaints with the outcome: %(name)s")
                )
                % {"name": category.name},
                kind=_("Whole number, or blank if not counted"),
                required=False,
            )
        )
    return rows


def _about_rows(*, title: str, source_url: str, count: int, all_initiatives: bool) -> list:
    licence = settings.ASSISTANCE_FIGURES_LICENCE
    rows = [
        [title],
        [],
        [_("Source"), source_url],
        [_("Published by"), settings.SITE_NAME or settings.SITE_URL],
        [_("Licence"), licence or _("Ask the publisher before reusing the figures.")],
        [_("Made"), datetime.datetime.now(tz=datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")],
        [_("Periods"), count],
        [],
        [
            _(
                "Only figures verified by staff are included. Each row is one reporting "
                "period as the initiative reported it (raw values, not normalized). Dates are "
                "YYYY-MM-DD; money is in the currency of its row."
            )
        ],
        [
            _(
                "The column names are the codes the upload of figures reads: this sheet "
                "(without the 'About' sheet) uploads again unchanged."
            )
        ],
    ]
    if all_initiatives:
        rows.append(
            [
                _(
                    "The first columns (initiative_slug, initiative, demo_data) say whose "
                    "figures a row holds; remove them to upload an initiative's rows."
                )
            ]
        )
    rows.append([_("Figures of initiatives marked demo_data are invented for the demo.")])
    return rows


def _xlsx_workbook():
    from openpyxl import Workbook

    return Workbook(write_only=True)


def _header_cells(sheet, names):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cells = []
    for name in names:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def _typed_cells(sheet, values: list):
    """Dates as dates, numbers as numbers (money with two decimals), text as text."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # text, never a formula, whatever it starts with
        elif isinstance(value, datetime.date):
            cell.number_format = "yyyy-mm-dd"
        elif isinstance(value, Decimal):
            cell.number_format = "0.00" if value != value.to_integral_value() else "0"
            if value == value.to_integral_value():
                cell.value = int(value)
        cells.append(cell)
    return cells


def _widths(sheet, columns: list[str]):
    from openpyxl.utils import get_column_letter

    for index, name in enumerate(columns, start=1):
        width = 60 if name == "narrative" else max(12, len(name) + 2)
        sheet.column_dimensions[get_column_letter(index)].width = width


def _xlsx_bytes(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def figures_xlsx(
    reports, categories, *, title: str, source_url: str, all_initiatives: bool = False
) -> bytes:
    """A workbook: "Figures" (typed cells, the upload's columns) and "About" (source,
    licence and what the columns hold), written in write-only mode."""
    reports = list(reports)
    columns = upload_columns(categories)
    if all_initiatives:
        columns = [*INITIATIVE_COLUMNS, *columns]
    workbook = _xlsx_workbook()
    sheet = workbook.create_sheet("Figures")
    _widths(sheet, columns)
    sheet.freeze_panes = "A2"
    sheet.append(_header_cells(sheet, columns))
    for report in reports:
        values = report_values(report, categories)
        if all_initiatives:
            values.update(_initiative_values(report))
        sheet.append(_typed_cells(sheet, [values[c] for c in columns]))
    about = workbook.create_sheet(_("About"))
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 80
    for row in _about_rows(
        title=title, source_url=source_url, count=len(reports), all_initiatives=all_initiatives
    ):
        about.append(row)
    return _xlsx_bytes(workbook)


def template_xlsx(categories) -> bytes:
    """The blank template: "Figures" with the header row only, and "Instructions" with each
    column's code, meaning (reader's language), form, whether required, allowed codes and an
    example."""
    columns = upload_columns(categories)
    workbook = _xlsx_workbook()
    sheet = workbook.create_sheet("Figures")
    _widths(sheet, columns)
    sheet.freeze_panes = "A2"
    sheet.append(_header_cells(sheet, columns))
    help_sheet = workbook.create_sheet(_("Instructions"))
    for letter, width in zip("ABCDEF", (30, 40, 36, 12, 30, 40), strict=True):
        help_sheet.column_dimensions[letter].width = width
    help_sheet.append(
        [
            _(
                "Fill in the 'Figures' sheet, one row per reporting period; keep its first "
                "row as it is. Then upload this file (or the sheet saved as CSV in UTF-8)."
            )
        ]
    )
    help_sheet.append(
        _header_cells(
            help_sheet,
            [
                _("Column"),
                _("Meaning"),
                _("How to write it"),
                _("Required"),
                _("Allowed codes"),
                _("Example"),
            ],
        )
    )
    for row in column_help(categories):
        help_sheet.append(
            _typed_cells(
                help_sheet,
                [
                    row.name,
                    row.label,
                    row.kind,
                    _("yes") if row.required else _("no"),
                    ", ".join(row.codes),
                    row.example,
                ],
            )
        )
    return _xlsx_bytes(workbook)


# Reading a spreadsheet ----------------------------------------------------------------------


def is_xlsx(head: bytes) -> bool:
    """A ZIP archive (XLSX is one); a CSV never starts this way."""
    return head[:4] == b"PK\x03\x04"


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def xlsx_text(raw: bytes) -> str:
    """The "Figures" sheet of an XLSX file (or its first sheet) as CSV text, for the one
    reader of uploads (its checks, its row and column messages, its heavy-queue path).
    Bounded: the unpacked size, the rows and the columns read; a file openpyxl cannot read
    is refused with a message, never a server error."""
    from openpyxl import load_workbook

    too_big = forms.ValidationError(
        _("The spreadsheet is too large: at most %(rows)s rows.") % {"rows": MAX_XLSX_ROWS}
    )
    unreadable = forms.ValidationError(
        _("The spreadsheet could not be read: save it as XLSX (Excel 2007 or later) or as CSV.")
    )
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_UNPACKED:
                raise too_big
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except forms.ValidationError:
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged or foreign file
        raise unreadable from error
    try:
        if "Figures" in workbook.sheetnames:
            sheet = workbook["Figures"]
        elif workbook.worksheets:
            sheet = workbook.worksheets[0]
        else:
            raise unreadable
        out = io.StringIO()
        # Text for the upload checks, not a download: cells stay exactly as in the sheet.
        writer = safe_csv.passthrough_writer(out, lineterminator="\n")
        rows = 0
        blank_run = []
        for values in sheet.iter_rows(values_only=True, max_col=MAX_XLSX_COLUMNS):
            cells = [_cell_text(v) for v in values]
            while cells and not cells[-1]:
                cells.pop()
            if not cells:
                blank_run.append([])  # written only if a row with values follows
                continue
            rows += 1 + len(blank_run)
            if rows > MAX_XLSX_ROWS + 1:
                raise too_big
            writer.writerows(blank_run)
            blank_run = []
            writer.writerow(cells)
        return out.getvalue()
    except forms.ValidationError:
        raise
    except Exception as error:
        raise unreadable from error
    finally:
        workbook.close()


# Normalization ------------------------------------------------------------------------------

DAYS_A_YEAR = 365
NORMALIZED_MEASURES = ("complaints_received", "complaints_resolved")


def period_days(report) -> int:
    return (report.period_end - report.period_start).days + 1


def per_year(value, days: int) -> float | None:
    """`value` over a period of `days` days, as a year's worth (value × 365 / days)."""
    if value is None or days <= 0:
        return None
    return float(value) * DAYS_A_YEAR / days


def per_thousand_workers(yearly: float | None, workers) -> float | None:
    """A year's worth per 1,000 workers covered (None where workers covered is not given)."""
    if yearly is None or not workers:
        return None
    return yearly * 1000 / workers


@dataclass
class Normalized:
    name: str
    raw: object
    yearly: float | None
    per_thousand: float | None


@dataclass
class NormalizedRow:
    report: EnforcementReport
    days: int
    measures: list[Normalized]


def normalized_rows(reports, measures=NORMALIZED_MEASURES) -> list[NormalizedRow]:
    rows = []
    for report in reports:
        days = period_days(report)
        values = []
        for name in measures:
            raw = getattr(report, name)
            yearly = per_year(raw, days)
            values.append(
                Normalized(name, raw, yearly, per_thousand_workers(yearly, report.workers_covered))
            )
        rows.append(NormalizedRow(report, days, values))
    return rows


# Formatting ---------------------------------------------------------------------------------

# How currencies are written before (English) or after (Spanish) the amount; others by code.
CURRENCY_SYMBOLS = {"USD": "US$", "EUR": "€", "GBP": "£", "MXN": "MX$"}
NBSP = "\xa0"


def format_number(value, decimals: int | None = None) -> str:
    """A number in the reader's language with thousands grouped (1,234.5 / 1 234,5); "–"
    for none."""
    if value is None or value == "":
        return "–"
    if decimals is None:
        if isinstance(value, Decimal):
            decimals = 0 if value == value.to_integral_value() else max(0, -value.as_tuple()[2])
        elif isinstance(value, float):
            decimals = 0 if value.is_integer() else 1
        else:
            decimals = 0
    return formats.number_format(value, decimals, use_l10n=True, force_grouping=True)


def format_money(amount, currency: str) -> str:
    """US$3,100,000 in English, 3 100 000 US$ in Spanish (cents only when there are)."""
    if amount is None:
        return "–"
    amount = Decimal(amount)
    decimals = 0 if amount == amount.to_integral_value() else 2
    number = format_number(amount, decimals)
    symbol = CURRENCY_SYMBOLS.get(currency, currency)
    if not symbol:
        return number
    if (get_language() or "en").startswith("es"):
        return f"{number}{NBSP}{symbol}"
    if symbol == currency:  # a code: a space between
        return f"{symbol}{NBSP}{number}"
    return f"{symbol}{number}"


# The trend chart ------------------------------------------------------------------------------

CHART_WIDTH, CHART_HEIGHT = 640, 320
# The chart's text is drawn at up to 24 units (the phone's font size, site.css), a character
# about 0.6 of that wide: the space labels are given so none is clipped or overlaps.
CHART_FONT = 24
CHAR_WIDTH = 0.6 * CHART_FONT


def text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


def axis_label(report) -> str:
    """A short period label for the x axis: 2023, 2022–2023, or 2023-01–06 for part of a
    year (the table gives the whole period)."""
    start, end = report.period_start, report.period_end
    full = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    if full:
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if start.year == end.year:
        return f"{start:%Y-%m}–{end:%m}"
    return f"{start:%Y-%m}–{end:%Y-%m}"


@dataclass
class ChartSeries:
    label: str
    css: str
    points: str  # SVG polyline points
    dots: list  # (x, y, text of the point's title)


@dataclass
class TrendChart:
    width: int
    height: int
    left: float
    right: float
    bottom: float
    labels: list  # (x, text)
    series: list
    gridlines: list  # (y, text)
    y_title: str
    x_title: str
    y_title_y: float
    x_title_y: float
    label_y: float


def _nice_ceiling(value: float) -> float:
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1) if value >= 1 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if value <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def trend_chart(reports, measures) -> TrendChart | None:
    """A line with points per measure ([(field, label, css class)]) of the reports' figures
    normalized per year, over their periods; None for fewer than two periods. The plot's
    right edge leaves half the last label's width, so it is never clipped."""
    reports = list(reports)
    if len(reports) < 2:
        return None
    width, height = CHART_WIDTH, CHART_HEIGHT
    top_pad, label_gap = 48, 12
    bottom = CHART_FONT + label_gap + CHART_FONT + 16  # tick labels, then the axis title
    yearly = {
        name: [per_year(getattr(r, name), period_days(r)) for r in reports]
        for name, _label, _css in measures
    }
    top = _nice_ceiling(max((v or 0) for values in yearly.values() for v in values))
    ticks = [top * k / 4 for k in range(5)]
    tick_texts = [format_number(round(t)) for t in ticks]
    left = max(text_width(t) for t in tick_texts) + 12
    labels_text = [axis_label(r) for r in reports]
    right = text_width(labels_text[-1]) / 2 + 4
    first_half = text_width(labels_text[0]) / 2
    start_x = max(left + 8, first_half + 2)
    plot_width = width - right - start_x
    step_x = plot_width / (len(reports) - 1)
    plot_bottom = height - bottom

    def x(i):
        return round(start_x + i * step_x, 1)

    def y(value):
        return round(plot_bottom - (float(value or 0) / top) * (plot_bottom - top_pad), 1)

    # Every k-th label (always the last) so that neighbours do not overlap.
    widest = max(text_width(t) for t in labels_text) + CHAR_WIDTH
    every = max(1, int(-(-widest // step_x)))
    last = len(reports) - 1
    labels = [
        (x(i), text)
        for i, text in enumerate(labels_text)
        if (last - i) % every == 0 and (i == last or x(last) - x(i) >= widest)
    ]
    series = []
    for name, label, css in measures:
        dots = []
        for i, report in enumerate(reports):
            value = yearly[name][i]
            title = _("%(label)s: %(yearly)s a year (%(raw)s in %(period)s)") % {
                "label": label,
                "yearly": format_number(value, 0),
                "raw": format_number(getattr(report, name)),
                "period": report.period_label,
            }
            dots.append((x(i), y(value), title))
        series.append(
            ChartSeries(
                label=label,
                css=css,
                points=" ".join(f"{dx},{dy}" for dx, dy, _t in dots),
                dots=dots,
            )
        )
    gridlines = [(y(t), text) for t, text in zip(ticks, tick_texts, strict=True)]
    return TrendChart(
        width=width,
        height=height,
        left=round(start_x - 8, 1),
        right=width - right,
        bottom=plot_bottom,
        labels=labels,
        series=series,
        gridlines=gridlines,
        y_title=_("Complaints per year"),
        x_title=_("Reporting period"),
        y_title_y=CHART_FONT,
        x_title_y=height - 6,
        label_y=plot_bottom + label_gap + CHART_FONT * 0.8,
    )
