"""The home page's panels: a registry the domain apps fill (issue #10 §5, "home pages that guide").

`core` sits below the domain apps and imports none of them, yet the home page must say where a
person's plan, appraisal and agency stand. So each app registers what it knows, from its
`AppConfig.ready()`, in a module of its own (`karier/<app>/home.py`):

- `register_panel(key, order, provider, template, section=…)`: a card. `provider(actor, today)`
  returns the card's context, or None when it does not apply to the actor (no query for an actor it
  cannot concern). Cards are grouped by `section` — one per role, each rendered as one element the
  persona walks assert on — and ordered by `order` inside it.
- `register_step(key, provider)`: candidate next steps for the employee. `provider(actor, today)`
  returns a list of `Langkah`; the home shows the ONE with the lowest `prioritas` (ties: the earliest
  `batas`), in the element `data-testid="langkah-berikut"`.

The priority order of the next step (lower first; why: what blocks everything after it comes first,
then what has a deadline, then what only helps others, then what merely waits):

| prioritas | step | app |
|---|---|---|
| 10 | Perbaiki SKP yang dikembalikan — a returned plan blocks the whole year | plans |
| 20 | Susun SKP tahun ini — nothing else can start without a plan | plans |
| 30 | Ajukan SKP ke atasan — a draft nobody approves is no plan | plans |
| 40 | Mulai isi penilaian periode … — an open period without my evaluation yet | appraisal |
| 50 | Catat realisasi <periode> — realisations due by the period's deadline | appraisal |
| 60 | Jawab permintaan penilaian rekan — a colleague's rating waits on me | appraisal |
| 70 | Periksa hasil evaluasi <periode> — final, objection window still open | appraisal |
| 80 | Tunggu persetujuan SKP — submitted, the appraiser acts next (nothing to do) | plans |
| —  | "Tidak ada yang perlu dikerjakan sekarang" when no provider offers a step | core |

Province-wide figures are cached for `STATS_TTL` seconds (`cached`): a few GROUP BY queries over a
whole province cost about a second at a million employees; personal cards are never cached (a
person who just submitted a plan must see the next step at once) and run a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _l

# Headcounts and progress over a whole province change slowly; recomputing them on every visit of a
# home page costs ~1 s at a million employees, so they are kept for a few minutes.
STATS_TTL = 300


class HomeActor(Protocol):
    """What the registry needs of `karier.people.access.Actor` (core cannot import people)."""

    @property
    def user_id(self) -> int | None: ...
    @property
    def pegawai_id(self) -> int | None: ...
    @property
    def is_admin(self) -> bool: ...
    @property
    def is_auditor(self) -> bool: ...


Provider = Callable[[Any, dt.date], Mapping[str, Any] | None]
StepProvider = Callable[[Any, dt.date], "list[Langkah]"]

#: Sections in page order, and the test id of the element that wraps each (the persona walks read them).
SECTIONS: dict[str, str] = {
    "pegawai": "pekerjaan-saya",
    "atasan": "tugas-atasan",
    "opd": "ringkasan-opd",
    "provinsi": "ringkasan-provinsi",
    "profil": "data-saya",
}


#: Each section's name in the "langsung ke" links at the top (an appraiser's tasks start about
#: 1,100 px down on a phone, below the person's own cards).
SECTION_TITLES: dict[str, Any] = {
    "pegawai": _l("Pekerjaan saya"),
    "atasan": _l("Tugas sebagai atasan"),
    "opd": _l("Perangkat daerah"),
    "provinsi": _l("Seluruh instansi"),
    "profil": _l("Data saya"),
}


@dataclass(frozen=True)
class Langkah:
    """One candidate next step: what to do, where (a URL), by when, and why it ranks where it does."""

    prioritas: int
    teks: str
    url: str
    keterangan: str = ""
    batas: dt.date | None = None


@dataclass(frozen=True)
class Panel:
    key: str
    order: int
    provider: Provider
    template: str
    section: str


_PANELS: dict[str, Panel] = {}
_STEPS: dict[str, StepProvider] = {}


def register_panel(key: str, order: int, provider: Provider, template: str, *, section: str) -> None:
    """Add (or replace: `ready()` may run twice in tests) a card of the home page."""
    if section not in SECTIONS:
        raise ValueError(f"unknown home section {section!r}")
    _PANELS[key] = Panel(key, order, provider, template, section)


def register_step(key: str, provider: StepProvider) -> None:
    """Add (or replace) a source of next steps for the employee."""
    _STEPS[key] = provider


@dataclass(frozen=True)
class Rendered:
    key: str
    template: str
    context: Mapping[str, Any]


@dataclass(frozen=True)
class Section:
    key: str
    testid: str
    panels: list[Rendered]

    @property
    def judul(self) -> Any:
        return SECTION_TITLES.get(self.key, self.key)


def next_step(actor: HomeActor, today: dt.date) -> Langkah | None:
    """The one step with the lowest priority over every registered source (None: nothing to do)."""
    if actor.pegawai_id is None or actor.is_auditor:
        return None
    found: list[Langkah] = []
    for provider in _STEPS.values():
        found.extend(provider(actor, today))
    if not found:
        return None
    return min(found, key=lambda s: (s.prioritas, s.batas or dt.date.max, s.teks))


def sections_for(actor: HomeActor, today: dt.date) -> list[Section]:
    """The home page's sections, each with the cards that apply to the actor, in order."""
    out = []
    for key, testid in SECTIONS.items():
        panels = sorted((p for p in _PANELS.values() if p.section == key), key=lambda p: (p.order, p.key))
        rendered = []
        for p in panels:
            ctx = p.provider(actor, today)
            if ctx is not None:
                rendered.append(Rendered(p.key, p.template, ctx))
        if rendered:
            out.append(Section(key, testid, rendered))
    return out


def cached(key: str, compute: Callable[[], Any]) -> Any:
    """A figure kept for `STATS_TTL` seconds under `karier:home:<language>:<key>` (aggregates only, never
    a person's). Per language: the figures carry translated labels (statuses, kinds of position), which
    must not reach an Indonesian reader in the English of whoever filled the cache first."""
    return cache.get_or_set(f"karier:home:{get_language()}:{key}", compute, STATS_TTL)


def persen(part: int, whole: int) -> int:
    """A whole percentage for progress bars and labels (0 for an empty whole)."""
    return round(100 * part / whole) if whole else 0


# ---------------------------------------------------------------------------- core's own card
#: Where each kind of job shows its progress (url names: core imports no app, it only names routes).
JOB_URLS: dict[str, str] = {
    "SKP_MASSAL": "plans_insight:bulk_job",
    "TUTUP_PERIODE": "appraisal_calibration:close_job",
    "BUKA_PERIODE": "appraisal:periode_open_job",
}
#: A job waiting or running longer than this is reported as stuck.
STUCK_AFTER = dt.timedelta(hours=2)
MAX_JOBS = 10


def jobs_panel(actor: HomeActor, today: dt.date) -> Mapping[str, Any] | None:
    """Failed and stuck background jobs, for the BKD admin and the auditor (two queries)."""
    if not (actor.is_admin or actor.is_auditor):
        return None
    from django.db.models import Q
    from django.urls import reverse
    from django.utils import timezone

    from karier.core.choices import StatusTugasLatar
    from karier.core.models import TugasLatar

    stuck_before = timezone.now() - STUCK_AFTER
    problem = Q(status=StatusTugasLatar.GAGAL) | Q(
        status__in=(StatusTugasLatar.MENUNGGU, StatusTugasLatar.BERJALAN), dibuat_pada__lt=stuck_before
    )
    qs = TugasLatar.objects.filter(problem)
    rows = list(qs.order_by("-dibuat_pada", "-id")[:MAX_JOBS])
    total = qs.count()
    items = [
        {
            "job": j,
            "macet": j.status != StatusTugasLatar.GAGAL,
            "url": reverse(JOB_URLS[j.jenis], args=[j.pk]) if j.jenis in JOB_URLS else "",
        }
        for j in rows
    ]
    return {"jobs": items, "jobs_total": total}
