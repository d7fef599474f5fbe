"""Screens of career and talent under /karier/ (issue #12): each area keeps its own routes."""

from typing import Any

from django.urls import include, path

app_name = "talent"

urlpatterns: list[Any] = [
    # Each area appends ONE line here: *<area>_urls,
    path("", include("karier.talent.recompute.urls")),
    path("", include("karier.talent.history.urls")),  # predikat history: /karier/riwayat-kinerja/…
    path("", include("karier.talent.recognition.urls")),  # /karier/apresiasi/, inovasi/, penghargaan/
    path("", include("karier.talent.succession.urls")),
    path("", include("karier.talent.career.urls")),
    path("", include("karier.talent.coaching.urls")),  # coaching: /karier/bimbingan/…
    path("", include("karier.talent.promotion.urls")),  # promotion: /karier/kenaikan-pangkat/…
    path("", include("karier.talent.ninebox.urls")),  # 9-box: /karier/talenta/…, /karier/hukuman-disiplin/…
    path("", include("karier.talent.credit.urls")),  # angka kredit: /karier/angka-kredit/…
]
