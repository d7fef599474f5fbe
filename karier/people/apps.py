from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "karier.people"
    label = "people"
    verbose_name = "Pegawai dan jabatan"

    def ready(self) -> None:
        from karier.core import object_links
        from karier.people import home

        home.register()
        object_links.register("people.pegawai", "people:profile")
        object_links.register("people.unitkerja", "people:unit_detail")
