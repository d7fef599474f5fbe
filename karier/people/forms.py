from django import forms
from django.utils.translation import gettext_lazy as _

from karier.people.choices import JenisJabatan
from karier.people.models import Golongan, UnitKerja
from karier.people.selectors import DirectoryFilter


class DirectoryForm(forms.Form):
    q = forms.CharField(label=_("Cari nama atau NIP"), required=False, max_length=100)
    opd = forms.ModelChoiceField(
        label=_("Perangkat daerah"), required=False, queryset=UnitKerja.objects.none(), empty_label=_("Semua")
    )
    unit = forms.ModelChoiceField(
        label=_("Unit kerja"), required=False, queryset=UnitKerja.objects.none(), empty_label=_("Semua unit")
    )
    golongan = forms.ModelChoiceField(
        label=_("Golongan"), required=False, queryset=Golongan.objects.all(), empty_label=_("Semua"), to_field_name="id"
    )
    jenis_jabatan = forms.ChoiceField(
        label=_("Jenis jabatan"), required=False, choices=[("", _("Semua")), *JenisJabatan.choices]
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        opds = UnitKerja.objects.filter(parent__isnull=True, aktif=True).order_by("nama")
        self.fields["opd"].queryset = opds  # type: ignore[attr-defined]
        self.fields["golongan"].label_from_instance = lambda g: f"{g.kode} — {g.pangkat}"  # type: ignore[attr-defined]
        opd_id = self.data.get("opd") if self.is_bound else None
        units = UnitKerja.objects.all()  # validate any unit id (links from the unit tree)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.unit_choices = (
            list(UnitKerja.objects.filter(opd_id=opd_id).order_by("path")) if opd_id and str(opd_id).isdigit() else []
        )

    def directory_filter(self) -> DirectoryFilter:
        """The selector's filter from the checked form (model instances → ids); the whole directory when
        the form is unbound or invalid. The list, its inline Excel and the export job all read this."""
        if not (self.is_bound and self.is_valid()):
            return DirectoryFilter()
        d = self.cleaned_data
        return DirectoryFilter(
            q=d.get("q") or "",
            opd=d["opd"].pk if d.get("opd") else None,
            unit=d["unit"].pk if d.get("unit") else None,
            golongan=d["golongan"].pk if d.get("golongan") else None,
            jenis_jabatan=d.get("jenis_jabatan") or "",
        )
