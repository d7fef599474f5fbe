# The background-job model now lives in core (core 0004 takes it over with the same table): removed
# from the plans state only; the table `plans_tugaslatar` and its rows stay.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0004_tugas_latar_tutup_periode"),
        ("core", "0004_tugas_latar_from_plans"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="TugasLatar")],
        ),
    ]
