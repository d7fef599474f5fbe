from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "karier.people"
    label = "people"
    verbose_name = "Pegawai dan jabatan"

    def ready(self) -> None:
        from karier.people import home

        home.register()
