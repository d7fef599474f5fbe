"""Pagination of the web lists: strict page numbers, and deep pages at the cost of an index walk.

A drop-in for `django.core.paginator.Paginator(...).get_page(...)` — templates keep `page_obj`
with `number`, `has_next`, `paginator.num_pages`, `object_list` — with three differences:

* A page number that is not a whole number ≥ 1 ("abc", "0", "-3", "1.5") shows page 1 and says why
  (`page_obj.pesan`); a number beyond the end shows an *empty* page that says so and links to the
  last page, without asking the database for any row (Django would quietly show the last page, which
  costs a full OFFSET walk at the end of a large list).
* A page's rows are read in two steps inside one query: the primary keys of the page in the list's
  order (`values("pk")` with LIMIT/OFFSET: the database walks only the ordering's index, no join per
  skipped row), then the rows with those keys, with their `select_related` joins. OFFSET 50,000 on
  the directory no longer makes 50,000 × 4 lookups.
* A page more than `MAX_DEPTH` rows from both ends of the list (the middle of a province-wide list
  of a million) is not read: an empty page says to narrow the list by search or filter, or to export
  it. Its OFFSET would walk half a million keys (about 1 s at 1M); the pages within that depth of
  either end cost at most an index walk of `MAX_DEPTH` keys (issue #14, "a huge offset returns a
  clear message … quickly").
* `page_for(request, rows, size)` does the same from a request and, for a page beyond the end, also
  puts the message (with its link) among the request's messages, shown at the top of every page —
  list templates show their empty state there, where the pagination bar is not drawn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.paginator import EmptyPage, Page, PageNotAnInteger
from django.core.paginator import Paginator as DjangoPaginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from karier.core.keyset import keyset_or_none
from karier.core.numbers import angka

if TYPE_CHECKING:
    # What a page is cut from, as Django's own Paginator takes it: a list, a queryset, or anything
    # sliced and counted like them (`development.catalogue.selectors.Counted`).
    from django.core.paginator import _SupportsPagination

    Rows = _SupportsPagination[Any]


# Longest page number text read as a number: anything longer is certainly beyond the end.
_MAX_DIGITS = 18
# Rows a page may lie from the nearer end of its list (4,000 pages of 25 from each end).
MAX_DEPTH = 100_000


class Halaman(Page):
    """A page that may carry a message for the reader: `pesan` (empty when all is well),
    `melewati_akhir` (the number asked for is beyond the last page) and `diminta` (the number asked
    for, as typed)."""

    pesan: str = ""
    melewati_akhir: bool = False
    terlalu_dalam: bool = False  # more than MAX_DEPTH rows from both ends: not read
    pesan_terkirim: bool = False  # already among the request's messages (`page_for`)
    diminta: str = ""


class Paginator(DjangoPaginator):
    """`django.core.paginator.Paginator` with strict page numbers and index-first deep pages."""

    max_depth = MAX_DEPTH
    #: The list has an Excel download: the too-deep message suggests it (else only narrowing).
    ada_unduhan = False

    def get_page(self, number: Any) -> Halaman:
        text = "" if number is None else str(number).strip()
        if not text:
            return self.page(1)
        if not (text.isascii() and text.isdigit()) or int(text) < 1:
            page = self.page(1)
            page.diminta = text[:40]
            page.pesan = _("Nomor halaman “%(n)s” tidak dikenal; yang ditampilkan halaman 1.") % {"n": text[:40]}
            return page
        wanted = int(text) if len(text) <= _MAX_DIGITS else None
        if wanted is not None and wanted <= self.num_pages:
            bottom = (wanted - 1) * self.per_page
            if min(bottom, self.count - bottom - self.per_page) <= self.max_depth:
                return self.page(wanted)
            page = Halaman([], wanted, self)
            page.diminta = text
            page.terlalu_dalam = True
            if self.ada_unduhan:
                saran = _("Persempit daftar dengan pencarian atau penyaring, atau unduh Excel-nya.")
            else:
                saran = _("Persempit daftar dengan pencarian atau penyaring.")
            page.pesan = (
                _(
                    "Halaman %(n)s terlalu dalam: hanya %(batas)s baris pertama dan %(batas)s baris terakhir "
                    "daftar ini yang dibuka per halaman."
                )
                % {"n": angka(wanted), "batas": angka(self.max_depth)}
                + " "
                + saran
            )
            return page
        page = Halaman([], wanted or self.num_pages + 1, self)
        page.diminta = text
        page.melewati_akhir = True
        page.pesan = _("Halaman %(n)s tidak ada — daftar ini hanya %(jumlah)s halaman.") % {
            "n": angka(wanted) if wanted is not None else text[:24] + "…",
            "jumlah": angka(self.num_pages),
        }
        return page

    def page(self, number: Any) -> Halaman:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        page = self._get_page(rows_between(self.object_list, bottom, top, total=self.count), number, self)  # type: ignore[arg-type]
        assert isinstance(page, Halaman)
        return page

    def _get_page(self, *args: Any, **kwargs: Any) -> Halaman:
        return Halaman(*args, **kwargs)

    def validate_number(self, number: Any) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger(_("Nomor halaman harus bilangan bulat.")) from exc
        if number < 1:
            raise EmptyPage(_("Nomor halaman harus 1 atau lebih."))
        if number > self.num_pages:
            raise EmptyPage(_("Halaman itu tidak ada."))
        return number


def rows_between(rows: Rows, bottom: int, top: int, *, total: int | None = None) -> list[Any]:
    """rows[bottom:top], reading only the ordering's index for the skipped rows.

    For a queryset past its first page, one query: the rows whose key is IN (the keys of that slice
    in the list's order), in the list's order. The inner query selects the primary key only, so it
    makes no join for `select_related` and PostgreSQL walks the ordering's index (an index-only scan
    when the ordering is indexed); only the page's own rows are joined. When `total` is known and the
    slice is nearer the end, the walk starts from the end (the ordering reversed, made unique by the
    primary key so that the mirror is exact): the last page costs what the first costs, and no page
    skips more than half the list. A list, a UNION or a DISTINCT queryset (whose inner query would
    select more than the key) is sliced as is.
    """
    if total is not None:
        top = min(top, total)
    if top <= bottom:
        return []
    if not isinstance(rows, QuerySet) or rows.query.combinator or rows.query.distinct or bottom == 0:
        return list(rows[bottom:top])
    keyset = keyset_or_none(rows)
    if keyset is not None and total is not None and total - top < bottom:
        backwards = keyset.queryset.reverse()
        found = list(backwards.filter(pk__in=backwards.values("pk")[total - top : total - bottom]))
        return found[::-1]
    ordered = keyset.queryset if keyset is not None else rows
    return list(ordered.filter(pk__in=ordered.values("pk")[bottom:top]))


def page_for(
    request: HttpRequest,
    rows: Rows,
    per_page: int,
    param: str = "page",
    *,
    ada_unduhan: bool = False,
) -> Halaman:
    """The page `request.GET[param]` of `rows`; a page beyond the end (with a link to the last page),
    too deep, or not a page number also tells the reader at the top of the screen (HTMX fragments keep
    it on `page_obj` only). `ada_unduhan`: the list has an Excel download, which the too-deep message
    then suggests."""
    paginator = Paginator(rows, per_page)
    paginator.ada_unduhan = ada_unduhan
    page = paginator.get_page(request.GET.get(param))
    if request.headers.get("HX-Request") == "true":
        return page
    if page.melewati_akhir:
        query: dict[str, str] = {k: str(v) for k, v in request.GET.items() if k != param}
        query[param] = str(page.paginator.num_pages)
        link = format_html('{} <a href="?{}">{}</a>', page.pesan, urlencode(query), _("Ke halaman terakhir"))
        messages.warning(request, link)
    elif page.pesan:  # too deep, or not a page number
        messages.warning(request, page.pesan)
    page.pesan_terkirim = bool(page.pesan)
    return page
