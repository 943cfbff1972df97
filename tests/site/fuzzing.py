"""What the hostile-input test (test_fuzz.py) feeds the site, and where, found from the code and
the running site rather than listed by hand (issue 17, "no input produces a 500").

- Routes: the URL resolver (wsr/site/urlwalk.py), keeping the site's own views.
- Concrete addresses: a crawl from the home page and from every own route that needs no
  argument, following links until every route and every kind of page was reached once.
- GET parameters of a page: the names its view reads from `request.GET`, recorded while the
  crawl renders it (this reaches django-filter FilterSets, SearchParams and Wagtail pages'
  `get_context`), the names the view's source passes to `request.GET.get(...)` or to a
  FilterSet, and the fields of the GET forms that submit to it.
- Forms: every <form> of every page, parsed with html.parser; its inputs, their types and the
  values the page filled in (so one field can be made hostile while the rest stay valid).
"""

import ast
import inspect
import re
import textwrap
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urljoin, urlsplit

import django_filters
from django.http import QueryDict
from django.urls import Resolver404, resolve

from wsr.site.urlwalk import walk

OWN_PACKAGES = ("wsr", "repository", "assistance", "coordination", "promotion", "notifications")
NOT_CRAWLED = ("/cms/", "/django-admin/", "/accounts/", "/static/", "/media/", "/documents/")
NOT_CRAWLED += ("/i18n/", "/jsi18n/", "/es/", "/_util/")


# Hostile values ------------------------------------------------------------------------------

NUL = "\x00"
HUGE = "99999999999999999999"
LONG = ("Fair food \u202eRTL\u200b\u200d \U0001f469\U0001f3fd\u200d\U0001f33e %_\\ ' \" " * 200)[
    :10_000
]
STRINGS = [
    NUL,
    f"workers{NUL}union",
    '"fair food',
    "' OR 1=1 --",
    "%_\\",
    "\u202etxt.exe\u200b\ufeff\U0001f9d1\u200d\U0001f33e",
    LONG,
    "",
    "  ",
]
NUMBERS = [HUGE, f"-{HUGE}", "-1", "0", "1e309", "NaN", "1,5", "0x10", "\u0661\u0662"]
DATES = ["0001-01", "9999-12", "0001-01-01", "9999-12-31", "0000-00-00", "2024-02-30"]
LISTS = [["1", NUL], ["a", "b", HUGE]]
CATALOG = STRINGS + NUMBERS + DATES + LISTS
# Given to every GET parameter of a page at once, one value per request: one of each kind.
SWEEP = [NUL, '"fair food', "%_\\", STRINGS[5], LONG, HUGE, "-1", "1,5", *DATES[:4], LISTS[1]]

# Per kind of form control: the values worth trying, the first being the one that is most
# likely to reach deep code when every other field stays valid.
BY_KIND = {
    "text": [LONG, NUL, '"fair food', "%_\\", "\u202e\u200b\U0001f9d1"],
    "number": [HUGE, f"-{HUGE}", "-1", "1,5", "1e309", NUL],
    "date": ["9999-12-31", "0001-01-01", "9999-12", "0000-00-00", NUL],
    "choice": [HUGE, NUL, "-1", LONG, ["1", NUL]],
    "file": ["huge-field.csv", "nul.csv", "binary.bin"],
}
KIND_OF_INPUT = {
    "number": "number",
    "range": "number",
    "date": "date",
    "month": "date",
    "week": "date",
    "time": "date",
    "datetime-local": "date",
    "checkbox": "choice",
    "radio": "choice",
    "select": "choice",
    "file": "file",
}


def hostile_file(name: str):
    """Uploads a person can pick: a CSV whose first value is over csv's 131,072-character
    field limit (under 1 MB in all), one with NUL bytes, and bytes that are no text."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    contents = {
        "huge-field.csv": b'"' + b"x" * 200_000 + b'",b\n1,2\n',
        "nul.csv": b"a,b\n1\x00,2\x00\n",
        "binary.bin": bytes(range(256)) * 4,
    }
    return SimpleUploadedFile(name, contents[name], content_type="application/octet-stream")


# Routes --------------------------------------------------------------------------------------


def is_own(view) -> bool:
    module = getattr(inspect.unwrap(view), "__module__", "") or ""
    return module.split(".")[0] in OWN_PACKAGES


def own_routes():
    return [
        route
        for route in walk()
        if not route.pattern.startswith(("cms/", "django-admin/")) and is_own(route.view)
    ]


def route_key(path: str) -> str | None:
    """Which route serves `path`: its URL name, or for a Wagtail page the page's place in
    the tree (one page per parent is enough; its class is checked once fetched)."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.url_name == "wagtail_serve":
        parts = [p for p in path.split("/") if p]
        return "page:/" + "/".join(parts[:1] if len(parts) <= 1 else parts[:-1])
    if not is_own(match.func):
        return None
    return match.view_name or match.route


def sample_paths(routes) -> list[str]:
    """Own routes that need no argument (lists, forms, feeds)."""
    paths = []
    for route in routes:
        if "<" in route.pattern or "(" in route.pattern:
            continue
        paths.append("/" + route.pattern.replace("^", "").replace("$", "").replace("\\", ""))
    return paths


# GET names read from the view's source ------------------------------------------------------


def source_get_names(view) -> set[str]:
    """Names the view's own code reads from request.GET, or hands to a FilterSet with it."""
    function = inspect.unwrap(view)
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError, SyntaxError):
        return set()
    module_globals = getattr(function, "__globals__", {})
    names = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr in ("get", "getlist")
            and _is_request_get(func.value)
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            names.add(str(node.args[0].value))
        if node.args and _is_request_get(node.args[0]) and isinstance(func, ast.Name):
            target = module_globals.get(func.id)
            if isinstance(target, type) and issubclass(target, django_filters.FilterSet):
                names |= set(target().form.fields)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Subscript)
            and _is_request_get(node.value)
            and isinstance(node.slice, ast.Constant)
        ):
            names.add(str(node.slice.value))
    return names


def _is_request_get(node) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "GET"


# GET names read at run time -----------------------------------------------------------------

READ_NAMES: set[str] = set()


class RecordingQueryDict(QueryDict):
    def __getitem__(self, key):
        READ_NAMES.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        READ_NAMES.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        READ_NAMES.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        READ_NAMES.add(key)
        return super().__contains__(key)


class RecordQueryNamesMiddleware:
    """Test-only, first in the chain during the crawl: notes every name read from GET."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = RecordingQueryDict(
            request.META.get("QUERY_STRING", ""), encoding=request.encoding
        )
        return self.get_response(request)


# Forms ---------------------------------------------------------------------------------------


@dataclass
class Field:
    name: str
    kind: str  # text, number, date, choice, file
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    method: str
    action: str
    fields: dict[str, Field] = field(default_factory=dict)
    baseline: dict[str, list[str]] = field(default_factory=dict)
    multipart: bool = False

    def signature(self):
        return (self.method, route_key(urlsplit(self.action).path), tuple(sorted(self.fields)))


class FormParser(HTMLParser):
    def __init__(self, page_path: str):
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: tuple[str, bool] | None = None
        self.textarea: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            action = urljoin("http://testserver" + self.page_path, attrs.get("action", ""))
            parts = urlsplit(action)
            self.form = Form(
                method=attrs.get("method", "get").lower(),
                action=parts.path + (f"?{parts.query}" if parts.query else ""),
                multipart="multipart" in attrs.get("enctype", ""),
            )
            self.forms.append(self.form)
            return
        if self.form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            input_type = attrs.get("type", "text").lower()
            if input_type in ("submit", "image", "reset", "button"):
                return
            kind = KIND_OF_INPUT.get(input_type, "text")
            self._add(name, kind)
            if input_type in ("checkbox", "radio"):
                self.form.fields[name].options.append(attrs.get("value", "on"))
                if "checked" in attrs:
                    self.form.baseline.setdefault(name, []).append(attrs.get("value", "on"))
            elif input_type != "file":
                self.form.baseline.setdefault(name, []).append(attrs.get("value", ""))
        elif tag == "select" and name:
            self._add(name, "choice")
            self.select = (name, "multiple" in attrs)
            self.form.baseline.setdefault(name, [])
        elif tag == "option" and self.select:
            name, multiple = self.select
            value = attrs.get("value", "")
            self.form.fields[name].options.append(value)
            baseline = self.form.baseline[name]
            if "selected" in attrs:
                if not multiple:
                    baseline.clear()
                baseline.append(value)
            elif not multiple and not baseline:
                baseline.append(value)
        elif tag == "textarea" and name:
            self._add(name, "text")
            self.textarea, self.text = name, []

    def _add(self, name, kind):
        if name not in self.form.fields:
            self.form.fields[name] = Field(name, kind)

    def handle_data(self, data):
        if self.textarea:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea and self.form is not None:
            self.form.baseline[self.textarea] = ["".join(self.text)]
            self.textarea = None


def parse_forms(page_path: str, html: str) -> list[Form]:
    parser = FormParser(page_path)
    parser.feed(html)
    return parser.forms


# Links and paths -----------------------------------------------------------------------------

LINK = re.compile(r'(?:href|action)="([^"#]*)"')


def links(page_path: str, html: str) -> list[str]:
    found = []
    for link in LINK.findall(html):
        parts = urlsplit(urljoin("http://testserver" + page_path, link.replace("&amp;", "&")))
        if parts.netloc == "testserver" and not parts.path.startswith(NOT_CRAWLED):
            found.append(parts.path)
    return found


PATH_VALUES = [NUL, HUGE, "%_\\ '\" \u202e\u200b\U0001f9d1" + "x" * 200]


def hostile_paths(path: str) -> list[str]:
    """`path` with each value the route reads from it (an id, a slug, a token) replaced by
    hostile values, keeping any file ending (`.ics`) the pattern requires."""
    try:
        match = resolve(path)
    except Resolver404:
        return []
    values = {str(v) for v in match.args if v} | {str(v) for v in match.kwargs.values() if v}
    segments = path.split("/")
    variants = []
    for index, segment in enumerate(segments):
        stem, dot, ending = segment.partition(".")
        if segment not in values and stem not in values:
            continue
        for value in PATH_VALUES:
            parts = list(segments)
            parts[index] = quote(value, safe="") + (dot + ending if stem in values else "")
            variants.append("/".join(parts))
    # A segment no route matches: answered by the 404 page and Wagtail's redirects.
    variants.append(path.rstrip("/") + "/" + quote(NUL) + "/")
    return variants
