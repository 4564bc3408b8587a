"""Certificate files uploaded before uploads were stored under generated names kept the name
the person gave them (``evil.html``), which the API then served with the type guessed from
it. Each such file is stored again under the generated name every upload now gets (part of
its digest, the extension of the type read from its first bytes) and the old one removed.

Not atomic: each row points to its new file before the old one goes, so a run stopped half
way leaves every row readable and a second run finishes the rest. Files already under a
generated name, missing, or without an accepted signature are left alone (the last are
served as ``application/octet-stream``, as an attachment)."""

import hashlib
import posixpath
import re

from django.core.files.base import ContentFile
from django.db import migrations

# Frozen here rather than imported: a migration keeps doing what it did when it was written.
SIGNATURES = {
    b"%PDF-": "pdf",
    b"\x89PNG\r\n\x1a\n": "png",
    b"\xff\xd8\xff": "jpg",
}
# ``store_upload``'s names, with the suffix a storage adds when the name is taken.
GENERATED = re.compile(r"^[0-9a-f]{16}(_[A-Za-z0-9]{7})?\.(pdf|png|jpg)$")


def rename_evidence(apps, schema_editor):
    TrainingRecord = apps.get_model("training", "TrainingRecord")
    rows = TrainingRecord.objects.exclude(evidence="").order_by("pk").values_list("pk", "evidence")
    storage = TrainingRecord._meta.get_field("evidence").storage
    for pk, name in rows.iterator():
        if GENERATED.match(posixpath.basename(name)) or not storage.exists(name):
            continue
        with storage.open(name, "rb") as handle:
            body = handle.read()
        extension = next((ext for magic, ext in SIGNATURES.items() if body.startswith(magic)), None)
        if extension is None:
            continue
        digest = hashlib.sha256(body).hexdigest()
        new = storage.save(
            posixpath.join(posixpath.dirname(name), f"{digest[:16]}.{extension}"),
            ContentFile(body),
        )
        TrainingRecord.objects.filter(pk=pk).update(evidence=new)
        storage.delete(name)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("training", "0003_catalogue"),
    ]

    operations = [
        migrations.RunPython(rename_evidence, migrations.RunPython.noop, elidable=True),
    ]
