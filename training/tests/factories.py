import datetime as dt

import factory
from django.utils import timezone

from actors.tests.factories import OrganizationFactory, PersonFactory, unsecoord_org
from training import models as t
from training.services.records import valid_until


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = t.Course

    code = factory.Sequence(lambda n: f"C{n}")
    title = factory.Sequence(lambda n: f"Course {n}")
    kind = t.CourseKind.OTHER
    delivery = t.Delivery.ONLINE
    provider = factory.LazyFunction(unsecoord_org)
    validity_months = 12
    paragraph = "¶25"


def agency_course(organization=None, **kwargs) -> t.Course:
    return CourseFactory(provider=organization or OrganizationFactory(), **kwargs)


def course(code: str) -> t.Course:
    """A course of the catalogue loaded by migration 0003 (BSITF, STRESS, ASITF, ...)."""
    return t.Course.objects.get(code=code)


def rule(code: str) -> t.TrainingRule:
    return t.TrainingRule.objects.get(code=code)


def add_question(course_obj: t.Course, text: str = "Q?", *, right="yes", wrong=("no",)):
    question = t.Question.objects.create(course=course_obj, text=text)
    t.Choice.objects.create(question=question, text=right, is_correct=True)
    for text_ in wrong:
        t.Choice.objects.create(question=question, text=text_)
    return question


class RecordFactory(factory.django.DjangoModelFactory):
    """A verified completion written directly (no certificate): for reads and fixtures."""

    class Meta:
        model = t.TrainingRecord

    person = factory.SubFactory(PersonFactory)
    organization = factory.LazyAttribute(lambda o: o.person.organization)
    course = factory.LazyFunction(lambda: course("BSITF"))
    completed_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=10))
    valid_until = factory.LazyAttribute(lambda o: valid_until(o.course, o.completed_on))
    source = t.RecordSource.IMPORT
    status = t.RecordStatus.VERIFIED
