"""Edits through /admin/ leave audit rows with old and new values (issue #8 §8): the probe's four
changes (objection window, curve-justification flag, a period deadline, BKD-admin rights), deletes
(one and in bulk), and every registered admin of ours goes through `AuditedAdminMixin`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import admin
from django.forms import MultiWidget
from django.test import Client

from karier.accounts.models import LoginAttempt, User
from karier.appraisal.evaluation import periods
from karier.appraisal.models import KalenderPenilaian, PeriodePenilaian
from karier.core.admin import AuditedAdminMixin
from karier.core.audit import verify_chain
from karier.core.models import AuditEvent
from tests.appraisal.test_appraisal_support import YEAR
from tests.orgdata import PASSWORD, Org


def _admin(org: Org) -> Client:
    client = Client()
    assert client.login(username="admin", password=PASSWORD)
    return client


def _form_data(client: Client, url: str) -> dict[str, Any]:
    """The change form's current values, as the browser would post them back."""
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["adminform"].form
    data: dict[str, Any] = {"_save": "Simpan"}
    for bf in form:
        if bf.field.disabled:
            continue
        value = bf.value()
        if isinstance(bf.field.widget, MultiWidget):
            for i, part in enumerate(bf.field.widget.decompress(value)):
                data[f"{bf.html_name}_{i}"] = "" if part is None else str(part)
        elif isinstance(value, bool):
            if value:
                data[bf.html_name] = "on"
        elif value is None:
            data[bf.html_name] = ""
        else:
            data[bf.html_name] = value
    return data


def _post(client: Client, url: str, **changes: Any) -> None:
    data = _form_data(client, url)
    for key, value in changes.items():
        if value is False:
            data.pop(key, None)
        else:
            data[key] = value
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response


def _event(obj: Any, action: str = "admin.change") -> AuditEvent:
    return (
        AuditEvent.objects.filter(action=action, object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .order_by("-seq")
        .get()
    )


def test_objection_window_and_curve_flag_changes_are_audited(org: Org) -> None:
    periods.kalender_set(actor=org.actor("admin"), tahun=YEAR)
    kalender = KalenderPenilaian.objects.get(tahun_id=YEAR)
    assert (kalender.jendela_keberatan_hari, kalender.izinkan_justifikasi_kurva) == (14, False)
    client = _admin(org)
    _post(
        client,
        f"/admin/appraisal/kalenderpenilaian/{YEAR}/change/",
        jendela_keberatan_hari="60",
        izinkan_justifikasi_kurva="on",
    )
    event = _event(kalender)
    assert event.actor_id == org.users["admin"].pk
    assert event.changes == {"jendela_keberatan_hari": [14, 60], "izinkan_justifikasi_kurva": [False, True]}
    assert list(verify_chain()) == []


def test_period_deadline_change_is_audited(org: Org) -> None:
    periods.kalender_set(actor=org.actor("admin"), tahun=YEAR)
    periode = PeriodePenilaian.objects.get(tahun_id=YEAR, jenis="TRIWULAN", nomor=1)
    old = periode.batas_pengisian
    new = old + dt.timedelta(days=30)
    _post(_admin(org), f"/admin/appraisal/periodepenilaian/{periode.pk}/change/", batas_pengisian=new.isoformat())
    assert _event(periode).changes == {"batas_pengisian": [old.isoformat(), new.isoformat()]}


def test_granting_bkd_admin_rights_is_audited(org: Org) -> None:
    user = org.users["staf1a"]
    assert not user.is_admin_bkd
    _post(_admin(org), f"/admin/accounts/user/{user.pk}/change/", is_admin_bkd="on")
    user.refresh_from_db()
    assert user.is_admin_bkd
    event = _event(user)
    assert event.changes["is_admin_bkd"] == [False, True]
    # The admin's split date widget drops microseconds of date_joined; nothing else changed.
    assert set(event.changes) <= {"is_admin_bkd", "date_joined"}


def test_password_hash_never_enters_the_trail(org: Org) -> None:
    client = _admin(org)
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "baru",
            "password1": "Rahasia-Sekali-123",
            "password2": "Rahasia-Sekali-123",
            "usable_password": "true",
            "_save": "Simpan",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="baru")
    event = _event(user, "admin.add")
    assert event.changes["password"] == [None, "***"]
    assert user.password not in str(event.changes)


def test_group_permissions_change_is_audited(org: Org) -> None:
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="Operator")
    perm = Permission.objects.get(codename="change_user")
    _post(_admin(org), f"/admin/auth/group/{group.pk}/change/", permissions=[str(perm.pk)])
    assert _event(group).changes == {"permissions": [[], [perm.pk]]}


def test_deletes_through_admin_are_audited(org: Org) -> None:
    rows = [LoginAttempt.objects.create(username=f"x{i}", ip="10.0.0.1") for i in range(3)]
    client = _admin(org)
    response = client.post(f"/admin/accounts/loginattempt/{rows[0].pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert _event(rows[0], "admin.delete").changes["username"] == ["x0", None]
    response = client.post(
        "/admin/accounts/loginattempt/",
        {"action": "delete_selected", "post": "yes", "_selected_action": [str(r.pk) for r in rows[1:]]},
    )
    assert response.status_code == 302
    assert not LoginAttempt.objects.exists()
    assert {e.object_id for e in AuditEvent.objects.filter(action="admin.delete")} == {str(r.pk) for r in rows}
    assert list(verify_chain()) == []


def test_unchanged_save_leaves_no_row(org: Org) -> None:
    periods.kalender_set(actor=org.actor("admin"), tahun=YEAR)
    before = AuditEvent.objects.count()
    _post(_admin(org), f"/admin/appraisal/kalenderpenilaian/{YEAR}/change/")
    assert AuditEvent.objects.count() == before


def test_every_admin_of_ours_is_audited() -> None:
    ours = [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in {"core", "accounts", "people", "standards", "plans", "appraisal", "auth"}
    ]
    assert len(ours) > 20
    escaped = [model._meta.label for model, model_admin in ours if not isinstance(model_admin, AuditedAdminMixin)]
    assert escaped == []


def test_password_change_page_is_audited_without_the_hash(org: Org) -> None:
    user = org.users["staf1a"]
    old_hash = user.password
    response = _admin(org).post(
        f"/admin/accounts/user/{user.pk}/password/",
        {"password1": "Kata-Sandi-Baru-987", "password2": "Kata-Sandi-Baru-987", "usable_password": "true"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password != old_hash
    event = _event(user)
    assert event.changes == {"password": ["***", "***"]}
    assert user.password not in str(event.changes) and old_hash not in str(event.changes)
