"""The roles of section III of A/57/365, plus UNSECOORD's inspectors (¶39), as data."""

from django.db import migrations

ORG, COUNTRY, STATION, AREA, ZONE = "organization", "country", "duty_station", "area", "zone"

# code, name, name_zh, accountable to, paragraphs, scope kinds, unsecoord only
ROLES = [
    ("executive_head", "Executive Head", "行政首长", "Secretary-General",
     "¶4, ¶5; annex ¶8, ¶9, ¶25", [ORG], False),
    ("unsecoord", "UN Security Coordinator and office", "联合国安全协调员及其办公室",
     "Secretary-General", "¶6", [ORG], True),
    ("hq_focal_point", "Senior Security Manager / HQ Security Focal Point",
     "高级安全主管和（或）总部安全联络员", "Executive Head", "¶7; annex ¶9–¶14, ¶26", [ORG], False),
    ("designated_official", "Designated Official", "指定官员",
     "Secretary-General through UNSECOORD", "¶8; annex ¶21", [COUNTRY, STATION], False),
    ("fsco", "Field Security Coordination Officer", "外勤安全协调干事",
     "UNSECOORD; reports to the Designated Official", "¶9, ¶10", [COUNTRY, STATION], False),
    ("fsca", "Field Security Coordination Assistant", "外勤安全协调助理",
     "Field Security Coordination Officer", "¶11", [STATION], False),
    ("agency_security_officer", "Single-agency security officer", "单个机构警卫",
     "Designated Official, UNSECOORD and own country representative", "¶12, ¶13",
     [STATION], False),
    ("country_representative", "Country Representative", "国家代表",
     "Secretary-General through the Executive Head",
     "¶14, ¶15; annex ¶15, ¶16, ¶18, ¶19, ¶22–¶24, ¶26, ¶28, ¶29",
     [COUNTRY, STATION], False),
    ("country_focal_point", "Country Security Focal Point", "国家安全联络员",
     "Country Representative, who stays accountable", "annex ¶24, ¶27", [COUNTRY, STATION], False),
    ("smt", "Security Management Team member", "安全管理小组成员",
     "Own Executive Head", "¶16; annex ¶21–¶23", [STATION], False),
    ("area_coordinator", "Area Security Coordinator", "地区安全协调员",
     "Designated Official", "¶17, ¶18", [AREA], False),
    ("warden", "Warden", "地区主管", "Designated Official", "¶19, ¶20", [ZONE], False),
    ("personnel", "Personnel", "联合国系统各组织雇员", "Warden and Executive Head",
     "¶21, ¶22; annex ¶7, ¶11, ¶17, ¶20, ¶27, ¶29", [], False),
    ("unsecoord_inspector", "UNSECOORD inspector", "安协办督察", "UN Security Coordinator",
     "¶39, ¶40", [ORG], True),
]


def load(apps, schema_editor):
    Role = apps.get_model("actors", "Role")
    for order, (code, name, name_zh, accountable_to, paragraphs, kinds, unsecoord_only) in (
        enumerate(ROLES, start=1)
    ):
        Role.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_zh": name_zh,
                "accountable_to": accountable_to,
                "paragraphs": paragraphs,
                "scope_kinds": kinds,
                "unsecoord_only": unsecoord_only,
                "sort_order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("actors", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
