"""The framework catalogue of A/57/365 as data: every lettered duty of ¶4, ¶5, ¶7, ¶8, ¶10, ¶11,
¶13, ¶15, ¶16, ¶18, ¶20, ¶22, the duties of the annex (general security policy statement), and
the core competencies of ¶24. The data itself lives in actors/catalogue_data.py, plain lists that
can be read and reviewed; this migration only writes it.

Idempotent (update_or_create on each row's natural key), reversible (deletes exactly those rows).
"""

from django.db import migrations

from actors.catalogue_data import competency_rows, responsibility_rows


def load(apps, schema_editor):
    Role = apps.get_model("actors", "Role")
    Responsibility = apps.get_model("actors", "Responsibility")
    Competency = apps.get_model("actors", "Competency")
    roles = {role.code: role for role in Role.objects.all()}
    for row in responsibility_rows():
        row = dict(row)
        Responsibility.objects.update_or_create(
            role=roles[row.pop("role")],
            source=row.pop("source"),
            paragraph=row.pop("paragraph"),
            letter=row.pop("letter"),
            defaults=row,
        )
    for row in competency_rows():
        row = dict(row)
        Competency.objects.update_or_create(
            role=roles[row.pop("role")],
            position=row.pop("position"),
            defaults=row,
        )


def unload(apps, schema_editor):
    Responsibility = apps.get_model("actors", "Responsibility")
    Competency = apps.get_model("actors", "Competency")
    for row in responsibility_rows():
        Responsibility.objects.filter(
            role__code=row["role"],
            source=row["source"],
            paragraph=row["paragraph"],
            letter=row["letter"],
        ).delete()
    for row in competency_rows():
        Competency.objects.filter(role__code=row["role"], position=row["position"]).delete()


class Migration(migrations.Migration):
    dependencies = [("actors", "0002_roles")]
    operations = [migrations.RunPython(load, unload)]
