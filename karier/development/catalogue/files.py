"""Certificates: stored with the same checks as appraisal evidence (`check_file` in
`karier.appraisal.evaluation.evidence`: extension *and* the file's own bytes), under a random name."""

from __future__ import annotations

import os
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.appraisal.evaluation.evidence import check_file, file_sha256
from karier.core.text import strip_bidi


def checked_certificate(uploaded_file: Any) -> str:
    """The extension of an acceptable certificate; ValidationError keyed "sertifikat" otherwise."""
    if uploaded_file is None:
        raise ValidationError({"sertifikat": _("Unggah sertifikat atau surat keterangan kegiatan.")})
    try:
        ext, _kind = check_file(uploaded_file)
    except ValidationError as exc:
        raise ValidationError({"sertifikat": exc.message_dict.get("berkas", exc.messages)}) from None
    return ext


def store_certificate(uploaded_file: Any, ext: str) -> tuple[str, str, str]:
    """(stored name, original name, sha256). The caller deletes the stored file if its write fails."""
    original = strip_bidi(os.path.basename(str(uploaded_file.name))).strip()[:255] or f"sertifikat.{ext}"
    digest = file_sha256(uploaded_file)
    stored = default_storage.save(f"sertifikat/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.{ext}", uploaded_file)
    return stored, original, digest
