"""The daily bulk files (issue 21, item 4): every registered collection as anonymous callers
see it, in gzipped JSON Lines (the API's records, byte for byte the same JSON) and gzipped
CSV (flattened for spreadsheets), with a Frictionless data package, the licence and a
SHA256SUMS file, under OPEN_DATA_ROOT/<YYYY-MM-DD>/.

A snapshot is written into a hidden temporary folder and renamed into place, so a reader
never sees half of one; the `latest` pointer is a small text file holding the folder's name
(replaced atomically), which works on any filesystem and any storage a volume offers, where
a symlink would not."""

import gzip
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

from wsr.site import csv as safe_csv

from .registry import Collection, collections
from .schemas import page_urls_once

CHUNK = 500  # records per query: memory stays bounded whatever the size of a collection
LATEST = "latest"
SUMS = "SHA256SUMS"
PACKAGE = "datapackage.json"
LICENCE_FILE = "LICENSE.txt"
DATE_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# the names a snapshot may hold: no separator, no leading dot
FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
MEDIA_TYPES = {
    ".jsonl.gz": "application/gzip",
    ".csv.gz": "application/gzip",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    SUMS: "text/plain; charset=utf-8",
}


def root() -> Path:
    return Path(settings.OPEN_DATA_ROOT)


# --- records and columns ---------------------------------------------------------------


def record_json(record: dict) -> str:
    """One record as the API writes it (endpoints.json_response)."""
    return json.dumps(record, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))


def _records(collection: Collection):
    """Every record anonymous callers may see, by key, a chunk of CHUNK per query (keyset
    pagination, as the API's cursor: each chunk is one query plus the collection's
    prefetches, and no server-side cursor is held open)."""
    queryset = collection.queryset(None).order_by(collection.key)
    last = None
    while True:
        chunk = queryset if last is None else queryset.filter(**{f"{collection.key}__gt": last})
        objects = list(chunk[:CHUNK])
        for obj in objects:
            yield collection.record(obj)
        if len(objects) < CHUNK:
            return
        last = getattr(objects[-1], collection.key)


@dataclass(frozen=True)
class Column:
    """One CSV column: where its value sits in a record, and how a cell holds it."""

    name: str  # "company.name"
    path: tuple  # ("company", "name")
    # "value"; "joined" (a list of scalars); "each" (one key of every object of a list,
    # joined); "count" (the count of the list's entry whose code is `key`); "counts" (a list
    # of counts by code before its codes are known); "json" (other lists of objects, a dict)
    how: str
    type: str  # Table Schema type
    description: str
    format: str = ""
    key: str = ""


def _resolve(node: dict, definitions: dict) -> dict:
    """`node` with its $ref followed and an Optional (anyOf [X, null]) reduced to X."""
    while True:
        if "$ref" in node:
            target = definitions[node["$ref"].rsplit("/", 1)[-1]]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
            continue
        options = [option for option in node.get("anyOf", ()) if option.get("type") != "null"]
        if "anyOf" in node and len(options) == 1:
            rest = {k: v for k, v in node.items() if k != "anyOf"}
            node = {**options[0], **rest}
            continue
        return node


_TYPES = {"integer": "integer", "number": "number", "boolean": "boolean", "string": "string"}
_FORMATS = {"date": "date", "date-time": "datetime"}


CODED_KEYS = ("code", "label_en", "label_es")
REFERENCE_KEYS = ("id", "name")
EACH_WORDS = {
    "code": "codes",
    "label_en": "labels in English",
    "label_es": "labels in Spanish",
    "id": "identifiers",
    "name": "names",
}


def _each_columns(name: str, path: tuple, description: str, keys: tuple) -> list[Column]:
    """A list of codes (or of references): the codes (ids) joined in the field's own column,
    each label (name) joined in "<field>.<key>"."""
    found = []
    for index, key in enumerate(keys):
        column_name = name if index == 0 else f"{name}.{key}"
        found.append(
            Column(
                column_name,
                path,
                "each",
                "string",
                f"{description} — {EACH_WORDS[key]} (“; ”)",
                key=key,
            )
        )
    return found


def _count_columns(name: str, path: tuple, description: str, counts) -> list[Column]:
    """A list of counts by code: one integer column per code found in the file."""
    if counts is None:
        return [Column(name, path, "counts", "array", description)]
    return [
        Column(
            f"{name}.{code}",
            path,
            "count",
            "integer",
            f"{description} — {label} ({code})",
            "",
            code,
        )
        for code, label in counts.get(path, ())
    ]


def columns(collection: Collection, counts: dict | None = None) -> list[Column]:
    """The CSV columns of a collection, in the order of its schema: nested objects (a Coded
    included) become "a.b" columns; lists of scalars one cell joined with "; "; lists of
    codes (Coded) their codes and labels joined ("sectors", "sectors.label_en",
    "sectors.label_es"); lists of references their ids and names joined ("buyers",
    "buyers.name"); lists of counts by code one column per code ("by_category.wages") —
    `counts` maps such a field's path to the (code, label) pairs found in the records (a
    "counts" placeholder stands for the field without it); other lists of objects one cell of
    JSON text."""
    schema = collection.schema.model_json_schema()
    definitions = schema.get("$defs", {})
    found = []

    def walk(properties: dict, prefix: tuple, parent: str):
        for name, raw in properties.items():
            node = _resolve(raw, definitions)
            path = (*prefix, name)
            description = str(raw.get("description") or node.get("description") or "")
            if parent and description:
                description = f"{parent} — {description}"
            elif parent:
                description = parent
            if node.get("type") == "object" and node.get("properties"):
                walk(node["properties"], path, description)
                continue
            column_name = ".".join(path)
            if node.get("type") == "array":
                items = _resolve(node.get("items", {}), definitions)
                keys = set(items.get("properties") or ())
                if items.get("type") in _TYPES:
                    found.append(
                        Column(column_name, path, "joined", "string", f"{description} (“; ”)")
                    )
                elif {"code", "count"} <= keys:
                    found.extend(_count_columns(column_name, path, description, counts))
                elif "code" in keys and keys <= set(CODED_KEYS):
                    found.extend(_each_columns(column_name, path, description, CODED_KEYS))
                elif "id" in keys and keys <= set(REFERENCE_KEYS):
                    found.extend(_each_columns(column_name, path, description, REFERENCE_KEYS))
                else:
                    found.append(Column(column_name, path, "json", "array", description))
            elif node.get("type") in _TYPES:
                kind = _FORMATS.get(node.get("format", ""), _TYPES[node["type"]])
                fmt = "uri" if node.get("format") == "uri" and kind == "string" else ""
                found.append(Column(column_name, path, "value", kind, description, fmt))
            else:  # a free dict, a union: JSON text
                found.append(Column(column_name, path, "json", "object", description))

    walk(schema.get("properties", {}), (), "")
    return found


def _cell(record: dict, column: Column):
    value = record
    for part in column.path:
        value = value.get(part) if isinstance(value, dict) else None
    if value is None:
        return ""
    if column.how == "each":
        return "; ".join(
            "" if item.get(column.key) is None else str(item.get(column.key))
            for item in value
            if isinstance(item, dict)
        )
    if column.how == "count":
        for item in value:
            if isinstance(item, dict) and item.get("code") == column.key:
                return "" if item.get("count") is None else item["count"]
        return ""
    if column.how == "joined":
        return "; ".join(str(item) for item in value if item is not None)
    if column.how == "json" or isinstance(value, dict | list):
        return record_json(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


# --- writing ---------------------------------------------------------------------------


def _gzip_text(path: Path, *, encoding="utf-8"):
    # mtime=0 and no file name inside: the same records give the same bytes (and checksum)
    raw = open(path, "wb")  # noqa: SIM115  (closed with the wrapper below)
    compressed = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0)
    text = io.TextIOWrapper(compressed, encoding=encoding, newline="")
    return raw, compressed, text


def _close(raw, compressed, text):
    text.close()  # closes the GzipFile
    raw.close()


def _value_at(record: dict, path: tuple):
    for part in path:
        record = record.get(part) if isinstance(record, dict) else None
    return record


def _write_collection(collection: Collection, folder: Path) -> tuple[int, list[Column]]:
    """Write a collection's two files; return its number of records and its CSV columns.

    A list of counts by code takes one column per code the file holds: the JSON Lines file
    is written first, noting those codes, then read back line by line to write the CSV (one
    pass over the database, and memory holds one record and the codes)."""
    placeholders = [column.path for column in columns(collection) if column.how == "counts"]
    lines_path = folder / f"{collection.name}.jsonl.gz"
    lines_file = _gzip_text(lines_path)
    # UTF-8 with a byte order mark: Excel opens a BOM-less UTF-8 CSV in the locale's legacy
    # code page (mojibake for "Alimentación"); pandas, R and csv readers skip the BOM
    # (Python: encoding="utf-8-sig").
    table_file = _gzip_text(folder / f"{collection.name}.csv.gz", encoding="utf-8-sig")
    count = 0
    found: dict[tuple, dict] = {path: {} for path in placeholders}
    try:
        table = safe_csv.writer(table_file[2], lineterminator="\r\n")
        cols = None if placeholders else columns(collection)
        if cols is not None:
            table.writerow([column.name for column in cols])
        for record in _records(collection):
            lines_file[2].write(record_json(record) + "\n")
            if cols is not None:
                table.writerow([_cell(record, column) for column in cols])
            for path, codes in found.items():
                for item in _value_at(record, path) or ():
                    if isinstance(item, dict) and item.get("code") is not None:
                        codes.setdefault(str(item["code"]), item.get("label_en") or "")
            count += 1
        _close(*lines_file)
        if cols is None:
            counts = {path: sorted(codes.items()) for path, codes in found.items()}
            cols = columns(collection, counts)
            table.writerow([column.name for column in cols])
            with gzip.open(lines_path, "rt", encoding="utf-8") as written:
                for line in written:
                    table.writerow([_cell(json.loads(line), column) for column in cols])
    finally:
        if not lines_file[2].closed:
            _close(*lines_file)
        _close(*table_file)
    return count, cols


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def _field(column: Column) -> dict:
    field = {"name": column.name, "type": column.type, "description": column.description}
    if column.format:
        field["format"] = column.format
    return field


def _package(folder: Path, written: list, created: datetime, on: date) -> dict:
    resources = []
    for collection, count, cols in written:
        for suffix in (".jsonl.gz", ".csv.gz"):
            path = folder / f"{collection.name}{suffix}"
            resource = {
                "name": f"{collection.name}-{suffix.split('.')[1]}",
                "path": path.name,
                "title": str(collection.title),
                "description": str(collection.description),
                "format": suffix.split(".")[1],
                "compression": "gz",
                "encoding": "utf-8",
                "bytes": path.stat().st_size,
                "hash": f"sha256:{_digest(path)}",
                "records": count,
            }
            if suffix == ".csv.gz":
                resource.update(
                    {
                        "profile": "tabular-data-resource",
                        "type": "table",
                        "mediatype": "text/csv",
                        "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
                        "schema": {
                            "fields": [_field(column) for column in cols],
                            "primaryKey": ["id"],
                        },
                    }
                )
            else:
                resource.update(
                    {
                        "profile": "data-resource",
                        "mediatype": "application/jsonl",
                        # the API's own schema of one record (one JSON object a line)
                        "jsonSchema": collection.schema.model_json_schema(),
                    }
                )
            resources.append(resource)
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "wsr-collaborative-open-data",
        "title": "WSR Collaborative open data",
        "description": (
            "Every public record of the Worker-driven Social Responsibility Collaborative, "
            "as the API (/api/v1/) returns it to an anonymous caller."
        ),
        "homepage": f"{settings.SITE_URL.rstrip('/')}/data/",
        "version": on.isoformat(),
        "created": created.isoformat().replace("+00:00", "Z"),
        "licenses": [
            {
                "name": settings.OPEN_DATA_LICENCE,
                "path": settings.OPEN_DATA_LICENCE_URL,
                "title": settings.OPEN_DATA_LICENCE.replace("-", " "),
            }
        ],
        "citation": citation(on),
        "resources": resources,
    }


def snapshot_address(on: date) -> str:
    """The address to cite a snapshot by (it leads to the snapshot on the /data/ page)."""
    return f"{settings.SITE_URL.rstrip('/')}/data/{on.isoformat()}/"


def citation(on: date) -> str:
    """How to cite a snapshot: the citation, the snapshot's date and its address."""
    return f"{settings.OPEN_DATA_CITATION}. Snapshot of {on.isoformat()}. {snapshot_address(on)}"


def licence_text(on: date) -> str:
    licence = settings.OPEN_DATA_LICENCE
    return (
        f"WSR Collaborative open data, snapshot of {on.isoformat()}\n\n"
        f"Licence: {licence} ({licence.replace('-', ' ')})\n"
        f"{settings.OPEN_DATA_LICENCE_URL}\n\n"
        "You may share and adapt these records for any purpose, provided you give credit.\n"
        "Cite them as:\n\n"
        f"  {citation(on)}\n\n"
        "datapackage.json describes every file and column; SHA256SUMS checks the files\n"
        "(sha256sum -c SHA256SUMS).\n"
    )


def _write_text(path: Path, text: str):
    path.write_text(text, encoding="utf-8", newline="\n")


def snapshot_write(*, on: date | None = None) -> Path:
    """Write the snapshot of `on` (today, UTC) for every collection, replacing one of the same
    day; point `latest` at the newest; delete those older than OPEN_DATA_KEEP_DAYS."""
    created = datetime.now(UTC).replace(microsecond=0)
    on = on or created.date()
    base = root()
    base.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{on.isoformat()}-", dir=base))
    try:
        with page_urls_once():  # the sites' root paths read once, not once per page record
            written = [
                (collection, *_write_collection(collection, work)) for collection in collections()
            ]
        _write_text(work / PACKAGE, json.dumps(_package(work, written, created, on), indent=2))
        _write_text(work / LICENCE_FILE, licence_text(on))
        names = sorted(path.name for path in work.iterdir())
        _write_text(work / SUMS, "".join(f"{_digest(work / name)}  {name}\n" for name in names))
        work.chmod(0o755)
        target = base / on.isoformat()
        # a rerun the same day: move the old one aside, put this one in its place
        old = Path(tempfile.mkdtemp(prefix=f".{on.isoformat()}-replaced-", dir=base))
        try:
            os.replace(target, old / "snapshot")
        except FileNotFoundError:
            pass
        try:
            os.replace(work, target)
        except OSError:  # a concurrent run put its own in place meanwhile: it stands
            shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    _point_latest(base)
    _prune(base)
    return target


def _dated_folders(base: Path) -> list[Path]:
    if not base.is_dir():
        return []
    return sorted(
        (path for path in base.iterdir() if DATE_NAME.match(path.name) and path.is_dir()),
        reverse=True,
    )


def _point_latest(base: Path):
    folders = _dated_folders(base)
    if not folders:
        return
    pointer = base / f".{LATEST}-{os.getpid()}"
    _write_text(pointer, folders[0].name + "\n")
    os.replace(pointer, base / LATEST)


def _prune(base: Path):
    """Keep the days within OPEN_DATA_KEEP_DAYS of the newest snapshot (counted from it, so
    a worker that stopped for a while does not leave an empty /data/)."""
    folders = _dated_folders(base)
    if not folders:
        return
    newest = date.fromisoformat(folders[0].name)
    oldest = newest - timedelta(days=max(settings.OPEN_DATA_KEEP_DAYS, 1) - 1)
    for folder in folders[1:]:
        if date.fromisoformat(folder.name) < oldest:
            shutil.rmtree(folder, ignore_errors=True)


# --- reading (the /data/ views) ----------------------------------------------------------


def snapshot_folder(name: str) -> Path | None:
    """The folder of a snapshot: "latest" or a date (YYYY-MM-DD), or None."""
    base = root()
    if name == LATEST:
        try:
            name = (base / LATEST).read_text(encoding="utf-8").strip()
        except OSError:
            return None
    if not DATE_NAME.match(name):
        return None
    folder = base / name
    return folder if folder.is_dir() else None


def snapshot_dates() -> list[date]:
    """The dates of the kept snapshots, newest first."""
    return [date.fromisoformat(folder.name) for folder in _dated_folders(root())]


def snapshot_checksums(folder: Path) -> dict[str, str]:
    """name -> sha256 of the files a snapshot lists (SHA256SUMS itself has no entry)."""
    try:
        text = (folder / SUMS).read_text(encoding="utf-8")
    except OSError:
        return {}
    listed = {}
    for line in text.splitlines():
        digest, _sep, name = line.partition("  ")
        if FILE_NAME.match(name) and re.fullmatch(r"[0-9a-f]{64}", digest):
            listed[name] = digest
    return listed


def snapshot_file(snapshot: str, name: str) -> tuple[Path, str | None] | None:
    """(path, sha256) of a file a snapshot lists, or None: only names in its SHA256SUMS (and
    SHA256SUMS itself) are ever opened, so no other path can be reached."""
    if not FILE_NAME.match(name):
        return None
    folder = snapshot_folder(snapshot)
    if folder is None:
        return None
    if name == SUMS:
        path = folder / SUMS
        return (path, None) if path.is_file() else None
    digest = snapshot_checksums(folder).get(name)
    if digest is None:
        return None
    path = folder / name
    return (path, digest) if path.is_file() else None


def media_type(name: str) -> str:
    for suffix, media in MEDIA_TYPES.items():
        if name.endswith(suffix):
            return media
    return "application/octet-stream"


def snapshot_summary(folder: Path) -> dict:
    """What the download page shows of a snapshot: its package and every file with its size
    and checksum."""
    try:
        package = json.loads((folder / PACKAGE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        package = {}
    resources = {resource.get("path"): resource for resource in package.get("resources", [])}
    files = []
    listed = snapshot_checksums(folder)
    # the data files in the package's order (collections as documented), then the others
    order = [name for name in resources if name in listed] + sorted(set(listed) - set(resources))
    for name in order:
        digest = listed[name]
        path = folder / name
        if not path.is_file():
            continue
        resource = resources.get(name, {})
        files.append(
            {
                "name": name,
                "size": path.stat().st_size,
                "sha256": digest,
                "title": resource.get("title", ""),
                "format": resource.get("format", ""),
                "records": resource.get("records"),
            }
        )
    created = package.get("created")
    return {
        "date": date.fromisoformat(folder.name),
        "created": datetime.fromisoformat(created.replace("Z", "+00:00")) if created else None,
        "files": files,
        "package": package,
    }
