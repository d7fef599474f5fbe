"""Make the chain number mandatory and unique once every row has one (a separate migration so
PostgreSQL does not alter a table with pending trigger events from the data step)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("core", "0002_audit_hash_chain")]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(editable=False, unique=True, verbose_name="nomor urut"),
        ),
    ]
