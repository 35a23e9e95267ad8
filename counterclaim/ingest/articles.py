"""Reading articles: files, folders, globs, URLs, stdin -> :class:`Document`.

Articles are hostile input. Every failure is an :class:`IngestError` naming the
input and the reason; the caller reports it and goes on with the other inputs.
"""

from __future__ import annotations

import errno
import glob
import hashlib
import ipaddress
import os
import re
import socket
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from ..model import Document, MetaSpan
from .checks import (  # noqa: F401  (re-exported: the package's ingestion API)
    HTML_SUFFIXES,
    JSON_SUFFIXES,
    MAX_BYTES,
    MAX_CHARS,
    MAX_DATE,
    MAX_FIELD_CHARS,
    MAX_SIDECAR_BYTES,
    MIN_DATE,
    SIDECAR_FIELDS,
    SUPPORTED,
    TEXT_SUFFIXES,
    IngestError,
    IngestWarning,
    check_length,
    given_date,
    given_stamp,
    loads_json,
    meta_field,
    short,
)
from .files import broken_link, not_regular, read_bounded, walk_folder  # noqa: F401
from .layout import Layout, layout, text_layout  # noqa: F401  (re-exported: tests and callers read the layout here)
from .sidecars import SIDECAR_SUFFIX, is_sidecar, orphan_reason, sidecar_matches, sidecars_of  # noqa: F401
from .titles import is_chrome


@dataclass
class RawArticle:
    """An article before it becomes a :class:`Document` (no id yet)."""

    text: str
    source: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    published_at: datetime | None = None  # the given timestamp, when it has a time of day (UTC)
    published_source: str | None = None
    published_ambiguous: bool = False
    retrieved: date | None = None
    extra_meta: list[MetaSpan] = field(default_factory=list)

    def relayout(self, name_hint: str) -> None:
        """Read the text's metadata again with what is now known (retrieval date, outlet's country)."""
        from .pubdate import country_of

        found = layout(self.text, name_hint, retrieved=self.retrieved, country=country_of(self.url, self.outlet))
        self.published, self.published_source = found.published, found.published_source
        self.published_ambiguous = found.published_ambiguous
        self.extra_meta = [s for s in found.spans if s.kind != "title" or self.title in (None, s.text)]
        self.title = self.title or found.title


# --------------------------------------------------------------------------- bytes -> text


def decode(data: bytes, source: str, max_bytes: int = MAX_BYTES) -> str:
    """Bytes to text with encoding detection; rejects empty, huge and binary input."""
    if len(data) > max_bytes:
        raise IngestError(source, f"too large ({len(data):,} bytes; limit {max_bytes:,})")
    if not data.strip():
        raise IngestError(source, "empty file")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(source, "binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _detect_and_decode(data, source)
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text[:4096]) // 50):
        raise IngestError(source, "binary file (control characters)")
    # Normalise line endings only: offsets must index the text we keep, and we keep this one.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _detect_and_decode(data: bytes, source: str) -> str:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise IngestError(source, "undecodable: no text encoding fits")
    best = min(matches, key=lambda m: (m.chaos, -m.coherence))
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    # Short Latin-script texts tie across cp125x code pages; Windows-1252 is by far the likeliest.
    chosen = next((m for m in tied if m.encoding == "cp1252"), best)
    return str(chosen)


# --------------------------------------------------------------------------- readers


def _outlet_from_url(url: str | None) -> str | None:
    if not url or not isinstance(url, str):
        return None
    try:
        host = urlparse(url).hostname or ""
    except ValueError:  # "http://[::1" and similar
        return None
    return host.removeprefix("www.") or None


def read_text(text: str, source: str, retrieved: date | None = None) -> RawArticle:
    found = layout(text, Path(source).name, retrieved=retrieved)
    return RawArticle(text=text, source=source, title=found.title, published=found.published,
                      published_source=found.published_source, published_ambiguous=found.published_ambiguous,
                      retrieved=retrieved, extra_meta=found.spans)


def read_html(raw: str, source: str, url: str | None = None, retrieved: date | None = None) -> RawArticle:
    """Main text and metadata via trafilatura (dates by htmldate); scripts, styles and comments never survive."""
    import trafilatura
    from .pubdate import country_of

    text = trafilatura.extract(raw, url=url, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise IngestError(source, "HTML has no extractable article text")
    check_length(text, source)
    meta = trafilatura.extract_metadata(raw, default_url=url)
    title = meta.title if meta and meta.title and not is_chrome(meta.title) else None
    page_url = url or (meta.url if meta else None)
    found = layout(text, Path(source).name, retrieved=retrieved, country=country_of(page_url))
    published, published_source, ambiguous = found.published, found.published_source, found.published_ambiguous
    if meta and meta.date:
        published, published_source, ambiguous = given_date(meta.date, source), "html metadata", False
    return RawArticle(
        text=text, source=source, title=title or found.title, author=meta.author if meta else None,
        outlet=(meta.sitename if meta else None) or _outlet_from_url(page_url),
        url=page_url, published=published, published_source=published_source, published_ambiguous=ambiguous,
        retrieved=retrieved, extra_meta=[s for s in found.spans if s.kind != "title" or not title],
    )


def _record_to_article(rec: Any, source: str) -> RawArticle:
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
        raise IngestError(source, "JSON record needs a non-empty string field 'text'")
    fields = {name: meta_field(rec.get(name), name, source) for name in ("title", "author", "outlet", "url")}
    given, given_at = given_stamp(rec.get("published") or rec.get("date"), source)
    text = rec["text"].replace("\r\n", "\n").replace("\r", "\n")
    check_length(text, source)
    article = read_text(text, source, retrieved=given_date(rec.get("retrieved"), source))
    article.title = fields["title"] or article.title
    article.author = fields["author"]
    article.url = fields["url"]
    article.outlet = fields["outlet"] or _outlet_from_url(fields["url"])
    if given:
        article.published, article.published_at, article.published_source = given, given_at, "given"
    elif article.url:
        article.relayout(Path(source).name)
    return article


def read_json(raw: str, source: str, jsonl: bool) -> Iterator[RawArticle | IngestError]:
    if jsonl:
        for n, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            where = f"{source}:{n}"
            try:
                yield _record_to_article(loads_json(line, where), where)
            except IngestError as exc:
                yield exc
        return
    try:
        data = loads_json(raw, source)
    except IngestError as exc:
        yield exc
        return
    items = data if isinstance(data, list) else [data]
    for n, rec in enumerate(items):
        where = source if len(items) == 1 else f"{source}[{n}]"
        try:
            yield _record_to_article(rec, where)
        except IngestError as exc:
            yield exc


def _by_kind(raw: str, source: str, kind: str, url: str | None = None,
             retrieved: date | None = None) -> Iterator[RawArticle | IngestError]:
    if kind == "html":
        yield read_html(raw, source, url, retrieved)
    elif kind in ("json", "jsonl"):
        yield from read_json(raw, source, kind == "jsonl")
    else:
        check_length(raw, source)
        yield read_text(raw, source, retrieved)


def _kind_of_path(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".json":
        return "json"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return None


def apply_sidecar(article: RawArticle, path: Path) -> RawArticle:
    """Metadata the analyst put beside a file (see :func:`sidecars_of`) overrides what was read."""
    found = sidecars_of(path)
    if not found:
        return article
    sidecar = found[0]
    where = str(sidecar)
    try:
        os.stat(sidecar)
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.ENAMETOOLONG):
            return article  # none (a 250-byte file name has no room for a sidecar name)
        raise IngestError(where, f"cannot read metadata file ({exc.strerror or exc})") from None
    try:
        data = read_bounded(sidecar, where, MAX_SIDECAR_BYTES)
        meta = loads_json(data.decode("utf-8-sig"), where)
    except UnicodeDecodeError:
        raise IngestError(where, "unreadable metadata file (not UTF-8)") from None
    unknown = set(meta) - SIDECAR_FIELDS if isinstance(meta, dict) else {"(not an object)"}
    if unknown:
        raise IngestError(where, f"unknown metadata fields {sorted(unknown)[:5]}; allowed: {sorted(SIDECAR_FIELDS)}")
    fields = {key: meta_field(meta.get(key), key, where) for key in ("outlet", "url", "title", "author")}
    for key, value in fields.items():
        if value:
            setattr(article, key, value)
    if meta.get("retrieved"):
        article.retrieved = given_date(meta["retrieved"], where)
    published, published_at = given_stamp(meta.get("published"), where)
    if published:
        article.published, article.published_at = published, published_at
        article.published_source, article.published_ambiguous = f"given ({sidecar.name})", False
    elif article.published_source not in ("html metadata",) and (meta.get("retrieved") or fields["url"]
                                                                 or fields["outlet"]):
        article.relayout(path.name)  # the retrieval date and the outlet's country are evidence for the text's dates
    return article


def read_file(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[RawArticle | IngestError]:
    source = str(path)
    kind = _kind_of_path(path)
    if kind is None:
        yield IngestError(source, f"unsupported file type {path.suffix or '(no extension)'!r}; use .txt, .md, .html, .json or .jsonl")
        return
    try:
        raw = decode(read_bounded(path, source, max_bytes), source, max_bytes)
        found = sidecars_of(path)
        if len(found) > 1:
            yield IngestWarning(str(found[1]), f"not read: {found[0].name} is also beside {path.name} and wins")
        for item in _by_kind(raw, source, kind):
            yield apply_sidecar(item, path) if isinstance(item, RawArticle) else item
    except IngestError as exc:
        yield exc
    except OSError as exc:
        yield IngestError(source, f"cannot read ({exc.strerror or exc})")
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except Exception as exc:  # hostile input must never stop the batch: name it and go on
        yield IngestError(source, f"unreadable ({type(exc).__name__}: {short(str(exc), 120)})")


# --------------------------------------------------------------------------- URLs


def _check_host(url: str, allow_private: bool) -> None:
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise IngestError(url, "only http(s) URLs are supported")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parsed.hostname, parsed.port or (443 if parsed.scheme == "https" else 80))
    except socket.gaierror as exc:
        raise IngestError(url, f"cannot resolve host ({exc.strerror})") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if address.is_private or address.is_loopback or address.is_link_local or address.is_reserved:
            raise IngestError(url, f"refusing private/loopback address {address} (use --allow-private)")


def fetch_url(url: str, allow_private: bool = False, max_bytes: int = MAX_BYTES, timeout: float = 20.0
              ) -> Iterator[RawArticle | IngestError]:
    """Download one article with a timeout, a size cap and a content-type check."""
    import httpx

    try:
        _check_host(url, allow_private)
        with httpx.Client(timeout=timeout, follow_redirects=False) as client:
            current = url
            for _ in range(5):  # follow redirects by hand so every hop is checked
                with client.stream("GET", current, headers={"User-Agent": "counterclaim"}) as resp:
                    if resp.is_redirect:
                        current = str(resp.url.join(resp.headers.get("location", "")))
                        _check_host(current, allow_private)
                        continue
                    if resp.status_code >= 400:
                        raise IngestError(url, f"HTTP {resp.status_code}")
                    ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
                    kind = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text",
                            "text/markdown": "text", "application/json": "json"}.get(ctype)
                    if kind is None:
                        raise IngestError(url, f"unsupported content type {ctype or '(none)'!r}")
                    body = bytearray()
                    for chunk in resp.iter_bytes():
                        body.extend(chunk)
                        if len(body) > max_bytes:
                            raise IngestError(url, f"too large (over {max_bytes:,} bytes)")
                    raw = decode(bytes(body), url, max_bytes)
                    for item in _by_kind(raw, url, kind, url=url, retrieved=date.today()):
                        if isinstance(item, RawArticle):
                            item.url = item.url or url
                            item.outlet = item.outlet or _outlet_from_url(url)
                        yield item
                    return
            raise IngestError(url, "too many redirects")
    except IngestError as exc:
        yield exc
    except httpx.HTTPError as exc:
        yield IngestError(url, f"download failed ({type(exc).__name__})")


# --------------------------------------------------------------------------- entry point


def iter_inputs(specs: Iterable[str], allow_private: bool = False, max_bytes: int = MAX_BYTES,
                stdin: Any = None) -> Iterator[RawArticle | IngestError]:
    """Expand files, folders (recursive), globs, URLs and '-' (stdin) into articles or errors."""
    for spec in specs:
        if spec == "-":
            stream = stdin or sys.stdin.buffer
            try:
                data = stream.read(max_bytes + 1)
                yield from _by_kind(decode(data, "<stdin>", max_bytes), "<stdin>", "text")
            except IngestError as exc:
                yield exc
            continue
        if spec.startswith(("http://", "https://")):
            yield from fetch_url(spec, allow_private, max_bytes)
            continue
        if not spec or "\x00" in spec:
            yield IngestError(repr(spec), "not a file name")
            continue
        path = Path(spec)
        try:
            info = os.stat(path)
        except OSError as exc:
            if exc.errno == errno.ENOENT and not os.path.islink(path):
                yield from _glob(spec, max_bytes)
            else:
                yield IngestError(spec, broken_link(path, exc))
            continue
        if stat.S_ISDIR(info.st_mode):
            for item in walk_folder(path):
                yield from (_read_path(item, max_bytes) if isinstance(item, Path) else [item])
        else:
            yield from _read_path(path, max_bytes)


def _read_path(path: Path, max_bytes: int) -> Iterator[RawArticle | IngestError]:
    """A file, or a sidecar: read with the file it describes, reported when it describes none."""
    if is_sidecar(path):
        if not sidecar_matches(path, SUPPORTED):
            yield IngestWarning(str(path), orphan_reason(path))
        return
    yield from read_file(path, max_bytes)


def _glob(spec: str, max_bytes: int) -> Iterator[RawArticle | IngestError]:
    try:
        matches = sorted(glob.glob(spec, recursive=True))
    except (OSError, ValueError, RecursionError):
        matches = []
    if not matches:
        yield IngestError(spec, "no such file, folder or glob match")
    for match in matches:
        path = Path(match)
        try:
            info = os.stat(path)
        except OSError as exc:
            yield IngestError(match, broken_link(path, exc))
            continue
        if not stat.S_ISDIR(info.st_mode):
            yield from _read_path(path, max_bytes)


_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, limit: int = 40) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")[:limit].strip("-") or "doc"


def to_document(article: RawArticle, taken: set[str]) -> Document:
    """Give an article a unique, readable id and freeze it as a :class:`Document`."""
    # A file's stem, not a URL's, stdin's or a jsonl line's ("file.jsonl:3")
    stem = "" if article.source == "<stdin>" or ":" in article.source else Path(article.source).stem
    base = slug(stem or article.title or urlparse(article.url or "").path.rsplit("/", 1)[-1] or "doc")
    doc_id, n = base, 2
    while doc_id in taken:
        doc_id, n = f"{base}-{n}", n + 1
    taken.add(doc_id)
    return Document(
        id=doc_id, source=article.source, outlet=article.outlet, title=article.title, author=article.author,
        url=article.url, published=article.published, published_at=article.published_at,
        published_source=article.published_source, published_ambiguous=article.published_ambiguous,
        retrieved=article.retrieved, text=article.text, sha256=sha256(article.text), meta_spans=article.extra_meta,
        ingested_at=datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None))


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
