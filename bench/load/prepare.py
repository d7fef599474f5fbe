"""Prepare an already seeded database (`karier seed-demo`, any size) for the load test and write the users
file the locustfile reads.

    .venv/bin/python bench/load/prepare.py --database-url postgres://…/bench_load [--superiors 20]

What it does, through the project's own services (as the people themselves would), idempotently:

1. picks `--superiors` unit heads below the agency level, each with at least `--per-superior` direct
   subordinates whose appraiser they are, and `--agencies` agency heads (a fixed random seed);
2. gives every chosen person an account with the known `--password` (one hash, written to the sample
   only; accounts seed-demo made are reused), plus `--admins` BKD admins and `--auditors` auditors
   (`bench-admin-N`, `bench-auditor-N`);
3. for each chosen subordinate: a plan for this year (`skp_create` blank, `rhk_add` with one IKI), submitted
   by its owner and approved by the superior (`skp_submit`, `skp_approve`);
4. configures this year's calendar if nobody did (`kalender_set`) and opens the period running today
   (`periode_open`), or, when it is open already, makes the missing evaluations of those plans;
5. makes each subordinate's public feedback link (`tautan_get_or_create`, as the superior).

The users file (JSON) lists per role the usernames and the ids the scenario needs (own plan, evaluation,
IKI, the subordinates' evaluations, agencies, link tokens) and the open period.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "var" / "load-users.json"
PASSWORD = "karier-load-2026"


def setup(database_url: str) -> None:
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def pick_superiors(rng: random.Random, want: int, per: int) -> dict[int, list[int]]:
    """Unit heads below agency level (holder today) → up to `per` direct subordinates they appraise."""
    from django.utils import timezone

    from karier.people.models import Jabatan
    from karier.people.selectors import appraisers_on, direct_subordinates_on, holders_on

    today = timezone.localdate()
    candidates = list(
        Jabatan.objects.filter(adalah_kepala_unit=True, unit__parent__isnull=False).values_list("pk", flat=True)
    )
    rng.shuffle(candidates)
    chosen: dict[int, list[int]] = {}
    for jid in candidates:
        if len(chosen) >= want:
            break
        holder = holders_on([jid], today).get(jid)
        if holder is None or holder.pegawai_id in chosen:
            continue
        subs = sorted(
            set(
                direct_subordinates_on([jid], today)
                .exclude(pegawai_id=holder.pegawai_id)
                .values_list("pegawai_id", flat=True)
            )
        )
        appraised = [p for p, who in appraisers_on(subs, today).items() if who.pegawai.pk == holder.pegawai_id]
        if len(appraised) >= per:
            chosen[holder.pegawai_id] = sorted(appraised)[:per]
    return chosen


def pick_agency_heads(rng: random.Random, want: int) -> list[tuple[int, int]]:
    """(pegawai id, agency id) of agency heads holding the post today."""
    from django.utils import timezone

    from karier.people.models import Jabatan
    from karier.people.selectors import holders_on

    heads = list(
        Jabatan.objects.filter(adalah_kepala_unit=True, unit__parent__isnull=True).values_list("pk", "unit_id")
    )
    rng.shuffle(heads)
    found = holders_on([j for j, _u in heads], timezone.localdate())
    return [(found[j].pegawai_id, u) for j, u in heads if j in found][:want]


def ensure_accounts(pegawai_ids: list[int], password_hash: str) -> dict[int, str]:
    """Every person an account with the known password; returns pegawai id → username."""
    from karier.accounts.models import User
    from karier.people.models import Pegawai

    have = dict(User.objects.filter(pegawai_id__in=pegawai_ids).values_list("pegawai_id", "username"))
    missing = Pegawai.objects.filter(pk__in=[p for p in pegawai_ids if p not in have]).only("nip", "nama")
    User.objects.bulk_create(
        [User(username=p.nip, first_name=p.nama[:150], pegawai_id=p.pk, password=password_hash) for p in missing]
    )
    User.objects.filter(pegawai_id__in=pegawai_ids).update(password=password_hash, is_active=True)
    return dict(User.objects.filter(pegawai_id__in=pegawai_ids).values_list("pegawai_id", "username"))


def ensure_staff_users(prefix: str, n: int, password_hash: str, **flags: bool) -> list[str]:
    from karier.accounts.models import User

    names = [f"{prefix}-{i}" for i in range(1, n + 1)]
    for name in names:
        User.objects.update_or_create(username=name, defaults={"password": password_hash, "is_active": True, **flags})
    return names


def approved_plan(owner: Any, superior: Any, tahun: int) -> tuple[int | None, str]:
    """The owner's plan for `tahun`, made and approved through the services when missing; (id, problem)."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from karier.people.access import as_actor
    from karier.plans import services as plan_services
    from karier.plans.choices import StatusSkp, SumberSkp
    from karier.plans.models import Skp
    from karier.plans.services.rows import IkiData, RhkData

    me, boss = as_actor(owner), as_actor(superior)
    try:
        skp = Skp.objects.filter(pegawai_id=owner.pegawai_id, tahun_id=tahun).order_by("-pk").first()
        if skp is None:
            skp = plan_services.skp_create(actor=me, pegawai=owner.pegawai, tahun=tahun, sumber=SumberSkp.KOSONG)
        if not skp.rhk.filter(iki__isnull=False).exists():
            plan_services.rhk_add(
                actor=me,
                skp=skp,
                data=RhkData(teks="Terlaksananya layanan administrasi unit secara tepat waktu"),
                iki=IkiData(indikator="Jumlah laporan layanan yang diselesaikan", target_angka=12, satuan="laporan"),
            )
        if skp.status in (StatusSkp.DRAFT, StatusSkp.DIKEMBALIKAN):
            plan_services.skp_submit(actor=me, skp=skp)
        if skp.status == StatusSkp.DIAJUKAN:
            plan_services.skp_approve(actor=boss, skp=skp, komentar="Disetujui (uji beban).")
        return skp.pk, ""
    except (ValidationError, PermissionDenied) as exc:
        return None, "; ".join(getattr(exc, "messages", [str(exc)]))


def open_period(admin_user: Any, tahun: int, skp_ids: list[int]) -> Any:
    """The period running today, open, with evaluations for `skp_ids`."""
    from django.utils import timezone

    from karier.appraisal.choices import JenisPeriode, StatusPeriode
    from karier.appraisal.evaluation import periods
    from karier.appraisal.models import KalenderPenilaian
    from karier.people.access import as_actor

    actor = as_actor(admin_user)
    if not KalenderPenilaian.objects.filter(tahun_id=tahun).exists():
        periods.kalender_set(actor=actor, tahun=tahun)
    today = timezone.localdate()
    running = (
        periods.periods_for_year(tahun)
        .filter(mulai__lte=today, selesai__gte=today)
        .exclude(jenis=JenisPeriode.TAHUNAN)
        .order_by("selesai")
        .first()
    )
    if running is None:
        raise SystemExit(f"Tidak ada periode penilaian yang berjalan hari ini ({today}) pada tahun {tahun}.")
    if running.status != StatusPeriode.DIBUKA:
        periods.periode_open(actor=actor, periode=running)
        running.refresh_from_db()
    periods.evaluasi_bulk_create(periode=running, skp_ids=skp_ids)
    return running


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--superiors", type=int, default=20)
    parser.add_argument("--per-superior", type=int, default=5, help="subordinates per superior")
    parser.add_argument("--agencies", type=int, default=5, help="agency heads")
    parser.add_argument("--admins", type=int, default=3)
    parser.add_argument("--auditors", type=int, default=2)
    parser.add_argument("--password", default=PASSWORD)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=str(DEFAULT_OUT), help=f"users file (default: {DEFAULT_OUT})")
    args = parser.parse_args()
    setup(args.database_url)

    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from karier.accounts.models import User
    from karier.appraisal.models import Evaluasi
    from karier.appraisal.public.services import tautan_get_or_create
    from karier.people.access import as_actor
    from karier.people.models import Pegawai
    from karier.plans.models import IndikatorKinerjaIndividu

    rng = random.Random(args.seed)
    tahun = timezone.localdate().year
    password_hash = make_password(args.password)
    teams = pick_superiors(rng, args.superiors, args.per_superior)
    heads = pick_agency_heads(rng, args.agencies)
    if not teams:
        raise SystemExit("Tidak ditemukan atasan dengan bawahan: jalankan dulu `karier seed-demo`.")
    people = sorted({*teams, *(p for subs in teams.values() for p in subs), *(p for p, _o in heads)})
    usernames = ensure_accounts(people, password_hash)
    admins = ensure_staff_users("bench-admin", args.admins, password_hash, is_admin_bkd=True)
    auditors = ensure_staff_users("bench-auditor", args.auditors, password_hash, is_auditor=True)
    users = {u.pegawai_id: u for u in User.objects.filter(pegawai_id__in=people).select_related("pegawai")}
    print(
        f"{len(teams)} superiors, {sum(map(len, teams.values()))} subordinates, {len(heads)} agency heads", flush=True
    )

    plans: dict[int, int] = {}
    for boss, subs in teams.items():
        for p in subs:
            skp_id, problem = approved_plan(users[p], users[boss], tahun)
            if skp_id is None:
                print(f"  skipped {usernames[p]}: {problem}", flush=True)
            else:
                plans[p] = skp_id
    periode = open_period(User.objects.get(username=admins[0]), tahun, list(plans.values()))
    evals = dict(Evaluasi.objects.filter(periode=periode, skp_id__in=plans.values()).values_list("skp_id", "pk"))
    iki: dict[int, list[int]] = {}
    for skp_id, iki_id in IndikatorKinerjaIndividu.objects.filter(rhk__skp_id__in=plans.values()).values_list(
        "rhk__skp_id", "pk"
    ):
        iki.setdefault(skp_id, []).append(iki_id)

    employees, superiors, tokens = [], [], []
    for boss, subs in teams.items():
        boss_actor = as_actor(users[boss])
        team = [p for p in subs if p in plans and plans[p] in evals]
        for p in team:
            skp_id = plans[p]
            employees.append(
                {"username": usernames[p], "skp_id": skp_id, "evaluasi_id": evals[skp_id], "iki_ids": iki[skp_id]}
            )
            pegawai = Pegawai.objects.get(pk=p)
            tokens.append(tautan_get_or_create(actor=boss_actor, pegawai=pegawai).token)
        if team:
            unit_id = Pegawai.objects.filter(pk=boss).values_list("unit_id", flat=True).first()
            superiors.append(
                {
                    "username": usernames[boss],
                    "skp_ids": [plans[p] for p in team],
                    "evaluasi_ids": [evals[plans[p]] for p in team],
                    "unit_id": unit_id,
                }
            )
    names = list(Pegawai.objects.filter(pk__in=people).values_list("nama", flat=True))
    data = {
        "password": args.password,
        "tahun": tahun,
        "periode_id": periode.pk,
        "employee": employees,
        "superior": superiors,
        "agency_head": [{"username": usernames[p], "opd_id": o} for p, o in heads],
        "admin": [{"username": u} for u in admins],
        "auditor": [{"username": u} for u in auditors],
        "public": [{"token": t} for t in tokens],
        "search": sorted({n.split()[-1][:6] for n in names if n.split()}),
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, indent=1), encoding="utf-8")
    print(
        f"{len(employees)} employees, {len(superiors)} superiors, {len(heads)} agency heads, {len(admins)} admins, "
        f"{len(auditors)} auditors, {len(tokens)} public links; period {periode} (id {periode.pk}); written {out}"
    )


if __name__ == "__main__":
    main()
