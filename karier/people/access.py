"""The one place that decides who may see which employee (issue #2, architecture rule 4).

- everyone sees themself;
- a superior sees everyone below the positions they cover today (definitive, Plt or Plh), down
  the whole chain — positions carry a materialised path, so this is one prefix query;
- the head of an agency (holder of the head position of a top-level unit) sees the whole agency;
- BKD admins and auditors see everyone; auditors never write.
Hidden records answer 404, so an id never confirms that someone exists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from karier.people.models import Jabatan, Pegawai, UnitKerja
from karier.people.selectors import active_on, holders_on, officials_above


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    pegawai_id: int | None = None
    jabatan_ids: tuple[int, ...] = ()
    jabatan_paths: tuple[str, ...] = ()
    opd_ids: tuple[int, ...] = ()  # agencies this actor heads
    # Positions strictly below the ones covered, when few enough to list (None: use a subquery) —
    # outside `covered_opd_ids`: the agencies every position of which is below the actor (a Sekda's).
    below_jabatan_ids: tuple[int, ...] | None = ()
    covered_opd_ids: tuple[int, ...] = ()
    has_subordinates: bool = False
    is_admin: bool = False
    is_auditor: bool = False
    roles: tuple[str, ...] = field(default=())

    @property
    def sees_everyone(self) -> bool:
        return self.is_admin or self.is_auditor

    @property
    def can_write_master_data(self) -> bool:
        return self.is_admin


T = TypeVar("T")
ANONYMOUS = Actor(user_id=None)
# Karier itself acting (seeding, commands, scheduled jobs started by no one): may write master data;
# its audit events carry no user. Never built from a request.
SYSTEM = Actor(user_id=None, is_admin=True, roles=("sistem",))

ROLE_PEGAWAI = "pegawai"
ROLE_ATASAN = "atasan"
ROLE_KEPALA = "kepala_opd"
ROLE_ADMIN = "admin_bkd"
ROLE_AUDITOR = "auditor"


def actor_for_user(user: Any, on: dt.date | None = None) -> Actor:
    """Build the actor once per request: three small queries at most, whatever the tree size."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    d = on or timezone.localdate()
    is_admin = bool(user.is_admin_bkd or user.is_superuser)
    is_auditor = bool(user.is_auditor)
    pegawai_id = user.pegawai_id
    jabatan: list[Jabatan] = []
    if pegawai_id:
        jabatan = list(
            Jabatan.objects.filter(Q(penugasan__pegawai_id=pegawai_id) & active_on(d, "penugasan"))
            .select_related("unit")
            .distinct()
        )
    has_subordinates = bool(jabatan) and Jabatan.objects.filter(atasan__in=jabatan, aktif=True).exists()
    below_ids: tuple[int, ...] | None = ()
    covered: tuple[int, ...] = ()
    opd_ids = tuple(sorted({j.unit_id for j in jabatan if j.adalah_kepala_unit and j.unit.parent_id is None}))
    if has_subordinates:
        below_ids, covered = subtree_of(tuple(sorted(j.path for j in jabatan)), opd_ids)
    roles = [ROLE_PEGAWAI] if pegawai_id else []
    if has_subordinates:
        roles.append(ROLE_ATASAN)
    if opd_ids:
        roles.append(ROLE_KEPALA)
    if is_admin:
        roles.append(ROLE_ADMIN)
    if is_auditor:
        roles.append(ROLE_AUDITOR)
    return Actor(
        user_id=user.pk,
        pegawai_id=pegawai_id,
        jabatan_ids=tuple(j.pk for j in jabatan),
        jabatan_paths=tuple(j.path for j in jabatan),
        opd_ids=opd_ids,
        has_subordinates=has_subordinates,
        below_jabatan_ids=below_ids,
        covered_opd_ids=covered,
        is_admin=is_admin,
        is_auditor=is_auditor,
        roles=tuple(roles),
    )


BELOW_LIST_LIMIT = 5000


SUBTREE_CACHE_SECONDS = 60
_VERSION_KEY = "karier:struktur:versi"


def structure_changed() -> None:
    """Called by the services that change the position tree (create, move, new units): subtrees cached
    by `subtree_of` are recomputed. Immediate on a shared cache (Redis, several servers); with the
    default per-process cache the other workers follow within SUBTREE_CACHE_SECONDS."""
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 1, None)


def subtree_of(paths: tuple[str, ...], headed: tuple[int, ...] = ()) -> tuple[tuple[int, ...] | None, tuple[int, ...]]:
    """(positions strictly below `paths` outside the agencies the actor heads (`headed`, seen whole
    anyway) and outside the covered agencies — listed when BELOW_LIST_LIMIT or fewer, None otherwise
    —, the covered agencies).

    Small subtrees (nearly everyone's) are one indexed range read per request. A big one (a Sekda's:
    hundreds of thousands of positions at a million employees) is resolved into whole agencies, so
    that visibility becomes `opd_id IN (…)` on the employee table rather than a subquery over every
    position below, and kept in the cache between requests (issue #14: the actor's subtree at most
    once per request, cached across requests, invalidated when the structure changes —
    `structure_changed`)."""
    if not headed:  # agency heads' subtrees are their agencies: straight to the cache
        listed = list(_below(paths).values_list("id", flat=True)[: BELOW_LIST_LIMIT + 1])
        if len(listed) <= BELOW_LIST_LIMIT:
            return tuple(listed), ()
    key = f"karier:subtree:{cache.get(_VERSION_KEY, 0)}:{'|'.join(paths)}:{headed}"
    hit = cache.get(key)
    if hit is None:
        hit = _big_subtree(paths, headed)
        cache.set(key, hit, SUBTREE_CACHE_SECONDS)
    return hit  # type: ignore[no-any-return]


def _big_subtree(paths: tuple[str, ...], headed: tuple[int, ...]) -> tuple[tuple[int, ...] | None, tuple[int, ...]]:
    below = _below(paths)
    heads = set(
        below.filter(adalah_kepala_unit=True, unit__parent__isnull=True)
        .exclude(unit_id__in=headed)
        .values_list("unit_id", flat=True)
    )
    # An agency is covered when none of its positions lies outside the subtree (an orphan position
    # or one reporting elsewhere keeps its holder out, as before): one pass over those agencies'
    # positions with the subtree's range predicate.
    outside = set(
        Jabatan.objects.filter(unit__opd_id__in=heads)
        .exclude(_below_q(paths))
        .order_by()
        .values_list("unit__opd_id", flat=True)
        .distinct()
    )
    covered = tuple(sorted(heads - outside))
    rest = below.exclude(unit__opd_id__in=(*covered, *headed))
    listed = list(rest.values_list("id", flat=True)[: BELOW_LIST_LIMIT + 1])
    return (tuple(listed) if len(listed) <= BELOW_LIST_LIMIT else None), covered


def _below_q(paths: tuple[str, ...]) -> Q:
    below = Q(pk__in=[])
    for path in paths:
        below |= Q(path__subtree=path) & ~Q(path=path)
    return below


def _below(paths: tuple[str, ...]) -> QuerySet[Jabatan]:
    """Positions strictly below any of `paths`: co-holders of one multi-seat position do not see
    each other."""
    return Jabatan.objects.filter(_below_q(paths)).order_by()


def memoised(actor: Actor, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """`compute()` once per actor and key. Views build the actor once per request
    (`actor_from_request`), so a screen that asks the same access question several times (the curve
    page asks "who is subject to the unit's result" for two buttons and the refusal) reads the database
    once (issue #14: no repeated access checks within a request). The shared module-level actors
    (ANONYMOUS, SYSTEM) outlive requests: never memoised."""
    if actor.user_id is None:
        return compute()
    memo: dict[tuple[Any, ...], Any] = actor.__dict__.setdefault("_memo", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]  # type: ignore[no-any-return]


def as_actor(actor_or_user: Actor | Any) -> Actor:
    """At an edge that holds a User (a task, a command, an admin action): the Actor that services
    take. Views use `actor_from_request`, built once per request."""
    if isinstance(actor_or_user, Actor):
        return actor_or_user
    return actor_for_user(actor_or_user)


def job_starter(job: Any) -> Actor:
    """The Actor a background job acts as: whoever started it (a `TugasLatar`), re-read now — their rights
    may have changed since —, or SYSTEM when nobody did (a command, a close's follower). Refused when
    the starter's account is gone."""
    if not job.dibuat_oleh_id:
        return SYSTEM
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError

    user = get_user_model().objects.filter(pk=job.dibuat_oleh_id).first()
    if user is None:
        raise ValidationError({"__all__": _("Pengguna tidak ditemukan.")})
    return actor_for_user(user)


def actor_from_request(request: Any) -> Actor:
    cached: Actor | None = getattr(request, "_karier_actor", None)
    if cached is None:
        cached = actor_for_user(getattr(request, "user", None))
        request._karier_actor = cached
    return cached


def visibility_q(actor: Actor, prefix: str = "") -> Q:
    """A filter on Pegawai (or on a model reaching Pegawai through `prefix`) for what actor sees."""
    p = f"{prefix}__" if prefix else ""
    if actor.sees_everyone:
        return Q()
    if actor.user_id is None:
        return Q(pk__in=[])
    q = Q(**{f"{p}pk": actor.pegawai_id}) if actor.pegawai_id else Q(pk__in=[])
    if actor.below_jabatan_ids:
        # A superior of a few thousand positions or fewer: a literal list gives the planner exact
        # estimates (index lookups on Pegawai.jabatan_id instead of scanning by name).
        q |= Q(**{f"{p}jabatan_id__in": actor.below_jabatan_ids})
    elif actor.below_jabatan_ids is None:
        # A very large subtree that is no set of whole agencies: so many people match that any plan
        # finds them fast.
        rest = _below(actor.jabatan_paths).exclude(unit__opd_id__in=(*actor.covered_opd_ids, *actor.opd_ids))
        q |= Q(**{f"{p}jabatan_id__in": rest.values("id")})
    if actor.covered_opd_ids:
        # Whole agencies below the actor: everyone holding a position there (`opd_id` follows the
        # position; people without one keep their last agency and are not below anybody).
        q |= Q(**{f"{p}opd_id__in": actor.covered_opd_ids, f"{p}jabatan_id__isnull": False})
    if actor.opd_ids:
        q |= Q(**{f"{p}opd_id__in": actor.opd_ids})
    return q


def visible_pegawai(actor: Actor) -> QuerySet[Pegawai]:
    if actor.user_id is None:
        return Pegawai.objects.none()
    return Pegawai.objects.filter(visibility_q(actor))


def can_see_pegawai(actor: Actor, pegawai: Pegawai) -> bool:
    if actor.sees_everyone or (actor.pegawai_id is not None and pegawai.pk == actor.pegawai_id):
        return True
    if actor.user_id is None:
        return False
    if pegawai.opd_id is not None and pegawai.opd_id in actor.opd_ids:
        return True
    if pegawai.jabatan_id is None or not actor.jabatan_paths:
        return False
    if pegawai.opd_id is not None and pegawai.opd_id in actor.covered_opd_ids:
        return True
    if actor.below_jabatan_ids is not None:
        return pegawai.jabatan_id in actor.below_jabatan_ids
    path = Jabatan.objects.filter(pk=pegawai.jabatan_id).values_list("path", flat=True).first() or ""
    return any(path.startswith(p) and path != p for p in actor.jabatan_paths)


def pegawai_for_actor(actor: Actor, pegawai_id: int) -> Pegawai:
    """The employee if the actor may see them; 404 otherwise (never 403: ids reveal nothing)."""
    pegawai = visible_pegawai(actor).filter(pk=pegawai_id).first()
    if pegawai is None:
        raise Http404(_("Pegawai tidak ditemukan."))
    return pegawai


def visible_units(actor: Actor) -> QuerySet[UnitKerja]:
    """The organisation chart is not personal data: every signed-in user may browse it.

    Who holds which non-managerial seat is shown only through `visible_pegawai`.
    """
    if actor.user_id is None:
        return UnitKerja.objects.none()
    return UnitKerja.objects.all()


def unit_for_actor(actor: Actor, unit_id: int) -> UnitKerja:
    unit = visible_units(actor).filter(pk=unit_id).select_related("parent", "opd", "instansi").first()
    if unit is None:
        raise Http404(_("Unit kerja tidak ditemukan."))
    return unit


def visible_agencies(actor: Actor) -> QuerySet[UnitKerja]:
    """The agencies (top units) whose agency-wide screens the actor may read: every one for BKD
    admins and auditors, the ones the actor heads otherwise."""
    qs = UnitKerja.objects.filter(parent__isnull=True)
    if actor.user_id is None and not actor.sees_everyone:
        return qs.none()
    return qs if actor.sees_everyone else qs.filter(pk__in=actor.opd_ids)


def agency_for_actor(actor: Actor, opd_id: int) -> UnitKerja:
    """An agency the actor may read agency-wide (calibration, dashboards, fairness, reports); 404
    otherwise, for a hidden agency as for a unit that is not an agency."""
    unit = visible_agencies(actor).filter(pk=opd_id).first()
    if unit is None:
        raise Http404(_("Perangkat daerah tidak ditemukan."))
    return unit


def export_job_for_actor(actor: Actor, job_id: int) -> Any:
    """A directory export job (`export_jobs`) is its starter's only — the file holds the people *they*
    see —: 404 for anyone else, BKD admins and auditors included, and for a job of another kind."""
    from karier.core.choices import JenisTugasLatar
    from karier.core.models import TugasLatar

    job = TugasLatar.objects.filter(pk=job_id, jenis=JenisTugasLatar.EKSPOR_PEGAWAI).first()
    if job is None or actor.user_id is None or job.dibuat_oleh_id != actor.user_id:
        raise Http404(_("Tugas tidak ditemukan."))
    return job


def visible_jabatan(actor: Actor) -> QuerySet[Jabatan]:
    if actor.user_id is None:
        return Jabatan.objects.none()
    return Jabatan.objects.all()


def jabatan_for_actor(actor: Actor, jabatan_id: int) -> Jabatan:
    jabatan = visible_jabatan(actor).filter(pk=jabatan_id).select_related("unit", "atasan").first()
    if jabatan is None:
        raise Http404(_("Jabatan tidak ditemukan."))
    return jabatan


# ---------------------------------------------------------------------------- conflict of interest
# Nobody decides their own rating (issue #8 §2). Every decision's access check asks the same two
# questions here: is the actor a subject of the decision (the person rated, moved, finalised, or
# whose rating follows from it)? And if the official who would decide is a subject, who decides
# instead? The next official up, by the appraiser's rule (definitive > Plt > Plh, vacant positions
# and subjects walked past: `karier.people.selectors.officials_above`).
MSG_DIRI_SENDIRI = gettext_noop(
    "Jabatan dan golongan Anda sendiri tidak dapat Anda ubah: keputusan ini diambil oleh admin BKD lain."
)
MSG_KONFLIK = gettext_noop(
    "Anda tidak dapat memutuskan %(apa)s karena keputusan ini menyangkut penilaian kinerja Anda "
    "sendiri (benturan kepentingan)."
)


@dataclass(frozen=True)
class DeciderInstead:
    """The official who decides instead of a conflicted one, for the screens ("diputuskan oleh …")."""

    pegawai_id: int
    nama: str
    jabatan: str
    jenis: str

    @property
    def label(self) -> str:
        prefix = {"PLT": "Plt. ", "PLH": "Plh. "}.get(self.jenis, "")
        return f"{self.nama} ({prefix}{self.jabatan})"


def is_subject(actor: Actor, subjects: Collection[int]) -> bool:
    """The actor is (one of) the people the decision is about, or whose rating follows from it."""
    return actor.pegawai_id is not None and actor.pegawai_id in subjects


def decider_instead(
    position_id: int | None, subjects: Collection[int], d: dt.date | None = None, *, include_start: bool = False
) -> DeciderInstead | None:
    """The next official above `position_id` (or at it, with `include_start`) who is not a subject;
    None at the top of the tree (then a BKD admin records the decision for the regional head)."""
    if position_id is None:
        return None
    found = officials_above(
        {0: position_id}, d or timezone.localdate(), excluded={0: tuple(subjects)}, include_start=include_start
    ).get(0)
    if found is None:
        return None
    row = found.cover.row
    assert row is not None
    return DeciderInstead(row.pegawai_id, row.pegawai.nama_lengkap, row.jabatan.nama, found.jenis)


def conflict_message(apa: str, instead: DeciderInstead | None) -> str:
    """The refusal shown to a conflicted official, naming who decides instead."""
    who = (
        _("Keputusan ini diambil oleh %(siapa)s.") % {"siapa": instead.label}
        if instead is not None
        else _("Keputusan ini diambil oleh admin BKD atas nama kepala daerah.")
    )
    return _(MSG_KONFLIK) % {"apa": apa} + " " + who


def decides_instead(actor: Actor, position_id: int | None, subject_id: int, d: dt.date | None = None) -> bool:
    """True when whoever covers `position_id` on d is `subject_id` himself (a Plt/Plh of his own
    appraiser's post) and the actor is the next official up: the decision that position takes about
    the subject (rating, plan approval, nominations) falls to the actor.

    Costs nothing for actors who are not above the position; otherwise two small queries, memoised
    on the actor per position, so a loop over a unit's evaluations stays a fixed number of queries.
    """
    if (
        actor.pegawai_id is None
        or actor.is_auditor
        or not actor.has_subordinates
        or position_id is None
        or actor.pegawai_id == subject_id
    ):
        return False
    # The listed positions are the whole subtree only when no agency is left out (headed or covered).
    whole_list = actor.below_jabatan_ids is not None and not actor.covered_opd_ids and not actor.opd_ids
    if whole_list and position_id not in (actor.below_jabatan_ids or ()):
        return False
    d = d or timezone.localdate()
    memo: dict[tuple[Any, ...], int | None] = actor.__dict__.setdefault("_decides_instead", {})
    held: tuple[Any, ...] = (position_id, d)
    if held not in memo:
        cover = holders_on([position_id], d).get(position_id)
        memo[held] = cover.pegawai_id if cover else None
    if memo[held] != subject_id:
        return False
    above: tuple[Any, ...] = (position_id, d, subject_id)
    if above not in memo:
        instead = decider_instead(position_id, (subject_id,), d)
        memo[above] = instead.pegawai_id if instead else None
    return memo[above] == actor.pegawai_id


# ---------------------------------------------------------------------------- who rates
def is_rater(
    actor: Actor,
    *,
    subject_id: int,
    penilai_id: int | None,
    penilai_jabatan_id: int | None,
    on: dt.date | None = None,
) -> bool:
    """The one rule for "is the actor the appraiser of this plan/evaluation": the snapshotted
    appraiser (`penilai_id`), or whoever covers the appraiser's position (`penilai_jabatan_id`) on
    `on` (today by default) by the resolver's rank (definitive > Plt > Plh), or — when the subject
    covers his own appraiser's post — the next official up (`decides_instead`). Never the subject,
    never an auditor.

    Costs nothing unless the actor covers that position today (then one query), or sits above it.
    """
    if actor.pegawai_id is None or actor.is_auditor or actor.pegawai_id == subject_id:
        return False
    if penilai_id is not None and penilai_id == actor.pegawai_id:
        return True
    if penilai_jabatan_id is None or penilai_jabatan_id not in actor.jabatan_ids:
        return decides_instead(actor, penilai_jabatan_id, subject_id, on)
    cover = holders_on([penilai_jabatan_id], on or timezone.localdate()).get(penilai_jabatan_id)
    return cover is not None and cover.pegawai_id == actor.pegawai_id
