from django.db import migrations


def load(apps, schema_editor):
    from training.catalogue_data import COURSES, QUESTIONS, RULES

    Organization = apps.get_model("actors", "Organization")
    Role = apps.get_model("actors", "Role")
    Course = apps.get_model("training", "Course")
    Question = apps.get_model("training", "Question")
    Choice = apps.get_model("training", "Choice")
    TrainingRule = apps.get_model("training", "TrainingRule")
    # UNSECOORD provides the framework's courses (¶26); its organization row is reference data.
    unsecoord, _created = Organization.objects.get_or_create(
        code="unsecoord",
        defaults={"name": "Office of the United Nations Security Coordinator", "kind": "unsecoord"},
    )
    for code, title, title_fr, title_zh, kind, delivery, months, paragraph, mark, per_test in (
        COURSES
    ):
        course = Course.objects.create(
            code=code,
            title=title,
            title_fr=title_fr,
            title_zh=title_zh,
            kind=kind,
            delivery=delivery,
            provider=unsecoord,
            validity_months=months,
            paragraph=paragraph,
            pass_mark=mark,
            questions_per_test=per_test,
        )
        for position, (text, choices) in enumerate(QUESTIONS.get(code, []), start=1):
            question = Question.objects.create(course=course, text=text, position=position)
            Choice.objects.bulk_create(
                Choice(question=question, text=choice, is_correct=correct, position=n)
                for n, (choice, correct) in enumerate(choices, start=1)
            )
    for code, name, applies_to, kind, role, phase, dependants, days, from_anchor, paragraph in (
        RULES
    ):
        TrainingRule.objects.create(
            code=code,
            name=name,
            applies_to=applies_to,
            course_kind=kind,
            role=Role.objects.get(code=role) if role else None,
            min_phase=phase,
            include_dependants=dependants,
            due_within_days=days,
            counts_from_anchor=from_anchor,
            paragraph=paragraph,
        )


def unload(apps, schema_editor):
    apps.get_model("training", "TrainingRule").objects.all().delete()
    apps.get_model("training", "Course").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0002_requirement_view"),
        ("actors", "0002_roles"),
    ]

    operations = [migrations.RunPython(load, unload)]
