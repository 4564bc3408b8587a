"""/api/v1/test-attempts/: the computer-generated test of ¶32 through the API: start, fail,
retake, pass, and the completion and certificate that the pass records."""

import pytest

from actors.tests.api_helpers import client_for, error_attrs, ids
from actors.tests.factories import UserFactory
from training.models import Certificate, Choice, TestAttempt, TrainingRecord
from training.tests.factories import add_question, agency_course, course
from training.tests.test_api_fixtures import build_world, people_at

pytestmark = pytest.mark.django_db
URL = "/api/v1/test-attempts/"


@pytest.fixture
def world(outsider):
    return build_world(outsider)


def answers(row, *, right: bool) -> dict:
    """One choice per question shown, right or wrong (the test reads the bank, the API
    never says)."""
    correct = set(
        Choice.objects.filter(
            question_id__in=[q["id"] for q in row["questions"]], is_correct=True
        ).values_list("pk", flat=True)
    )
    return {
        str(question["id"]): next(
            choice["id"] for choice in question["choices"] if (choice["id"] in correct) == right
        )
        for question in row["questions"]
    }


def start(client, code="BSITF"):
    return client.post(URL, {"course": course(code).pk})


def test_start_fail_retake_pass_records_the_completion_and_its_certificate(
    world, django_capture_on_commit_callbacks
):
    w = world
    alice = client_for(w["alice"])
    bsitf = course("BSITF")

    response = start(alice)
    assert response.status_code == 201, response.content
    first = response.json()
    assert (first["course_code"], first["own"], first["submitted_at"], first["score"]) == (
        "BSITF",
        True,
        None,
        None,
    )
    assert len(first["questions"]) == first["questions_count"] == bsitf.questions_per_test
    assert first["pass_mark"] == 80
    assert "is_correct" not in response.content.decode()
    assert all(len(q["choices"]) >= 2 and q["text"] for q in first["questions"])
    # One attempt at a time: starting again resumes it.
    again = start(alice)
    assert again.status_code == 200 and again.json()["id"] == first["id"]
    assert again.json()["questions"] == first["questions"]

    response = alice.post(f"{URL}{first['id']}/submit/", {"answers": answers(first, right=False)})
    assert response.status_code == 200
    failed = response.json()
    assert (failed["passed"], failed["score"], failed["record"], failed["certificate"]) == (
        False,
        0,
        None,
        None,
    )
    assert "questions" not in failed  # submitted: the questions are no longer shown
    assert not TrainingRecord.objects.filter(person=w["alice"].person).exists()
    response = alice.post(f"{URL}{first['id']}/submit/", {"answers": answers(first, right=True)})
    assert response.status_code == 400 and error_attrs(response) == {"non_field_errors"}

    response = start(alice)
    assert response.status_code == 201
    second = response.json()
    assert second["id"] != first["id"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = alice.post(
            f"{URL}{second['id']}/submit/", {"answers": answers(second, right=True)}
        )
    assert response.status_code == 200
    passed = response.json()
    assert (passed["passed"], passed["score"]) == (True, 100)
    record = TrainingRecord.objects.get(pk=passed["record"])
    assert (record.source, record.status, record.score, record.course_id) == (
        "online_test",
        "verified",
        100,
        bsitf.pk,
    )
    assert passed["certificate"] == Certificate.objects.get(record=record).pk
    assert len(callbacks) == 1  # its PDF is rendered after commit
    # The completion and the certificate are in their own lists.
    assert ids(alice.get("/api/v1/training-records/")) == {record.pk}
    assert ids(alice.get("/api/v1/certificates/")) == {passed["certificate"]}
    assert ids(alice.get(URL)) == {first["id"], second["id"]}


def test_only_the_taker_sees_the_questions_and_submits(world):
    w = world
    response = start(client_for(w["alice"]))
    attempt = response.json()
    url = f"{URL}{attempt['id']}/"
    own = client_for(w["alice"]).get(url).json()
    assert own["questions"] == attempt["questions"]
    # The FSCO sees alice and her attempt, without the questions, and may not submit for her.
    manager = client_for(w["fsco"]).get(url)
    assert manager.status_code == 200
    assert manager.json()["own"] is False and "questions" not in manager.json()
    response = client_for(w["fsco"]).post(
        f"{url}submit/", {"answers": answers(attempt, right=True)}
    )
    assert response.status_code == 404
    for user in ("cfp", "outsider", "ben"):
        assert client_for(w[user]).get(url).status_code == 404
        assert client_for(w[user]).post(f"{url}submit/", {"answers": {}}).status_code == 404
    assert TestAttempt.objects.get(pk=attempt["id"]).submitted_at is None


def test_starting_names_the_course_problem(world):
    w = world
    alice = client_for(w["alice"])
    response = alice.post(URL, {})
    assert response.status_code == 400 and error_attrs(response) == {"course"}
    response = start(alice, "WARDEN")  # in person: no test
    assert response.status_code == 400 and error_attrs(response) == {"course"}
    # Another agency's unendorsed course is not offered; one's own agency's is.
    foreign = agency_course(w["unicef"], delivery="online")
    add_question(foreign)
    response = alice.post(URL, {"course": foreign.pk})
    assert response.status_code == 400 and error_attrs(response) == {"course"}
    own = agency_course(w["undp"], delivery="online")
    add_question(own)
    assert alice.post(URL, {"course": own.pk}).status_code == 201
    # A login without a person of its own (an administrator) takes no test.
    response = start(client_for(UserFactory(organization=w["undp"])))
    assert response.status_code == 400 and error_attrs(response) == {"non_field_errors"}


def test_submitting_names_the_answers_problem(world):
    alice = client_for(world["alice"])
    attempt = start(alice).json()
    url = f"{URL}{attempt['id']}/submit/"
    right = answers(attempt, right=True)
    first, second = list(right)[:2]
    for body, attrs in (
        ({}, {"answers"}),
        ({"answers": "all of them"}, {"answers"}),
        ({"answers": {first: "abc"}}, {f"answers.{first}"}),  # the key names the question
        ({"answers": {k: v for k, v in right.items() if k != first}}, {"answers"}),
        ({"answers": right | {first: right[second]}}, {"answers"}),
    ):
        response = alice.post(url, body)
        assert response.status_code == 400, body
        assert error_attrs(response) == attrs, body
    assert TestAttempt.objects.get(pk=attempt["id"]).submitted_at is None


def test_filters_of_attempts(world):
    w = world
    alice = client_for(w["alice"])
    done = start(alice).json()
    alice.post(f"{URL}{done['id']}/submit/", {"answers": answers(done, right=False)})
    open_ = start(alice).json()
    assert ids(alice.get(URL, {"open": "true"})) == {open_["id"]}
    assert ids(alice.get(URL, {"passed": "false"})) == {done["id"]}
    fsco = client_for(w["fsco"])
    assert ids(fsco.get(URL, {"person": w["alice"].person.pk})) == {done["id"], open_["id"]}
    response = fsco.get(URL, {"passed": "perhaps"})
    assert response.status_code == 400 and error_attrs(response) == {"passed"}


def test_attempt_queries_are_constant(world, django_assert_num_queries):
    w = world
    alice = client_for(w["alice"])
    fsco = client_for(w["fsco"])
    attempt = start(alice).json()

    def check():
        for client in (alice, fsco, client_for(w["outsider"])):
            for params in ({"page_size": 1}, {"page_size": 100}, {"format": "csv"}):
                with django_assert_num_queries(3):  # 1 token + user, 1 grants, 1 page
                    assert client.get(URL, params).status_code == 200
        # Someone else's attempt: 1 token + user, 1 grants, 1 row.
        with django_assert_num_queries(3):
            assert fsco.get(f"{URL}{attempt['id']}/").status_code == 200
        # The taker's open attempt adds the drawn questions and their choices.
        with django_assert_num_queries(5):
            assert alice.get(f"{URL}{attempt['id']}/").status_code == 200

    check()
    for person in people_at(w["nairobi"], w["undp"], 10):
        TestAttempt.objects.create(
            organization=person.organization,
            person=person,
            course=course("BSITF"),
            questions=[q["id"] for q in attempt["questions"]],
        )
    check()


def test_a_same_day_retake_after_a_pass_is_refused_before_it_starts(world):
    """One completion per person, course and day (¶27): after today's pass the test is not
    started again today, instead of failing on submit with a 500 and staying open."""
    w = world
    alice = client_for(w["alice"])
    first = start(alice).json()
    response = alice.post(f"{URL}{first['id']}/submit/", {"answers": answers(first, right=True)})
    assert response.status_code == 200 and response.json()["passed"] is True
    response = start(alice)
    assert response.status_code == 400 and error_attrs(response) == {"course"}
    assert "already recorded for you today" in response.json()["errors"][0]["detail"]
    assert not TestAttempt.objects.filter(submitted_at__isnull=True).exists()
    # Another course is still open to a test the same day.
    assert start(alice, "STRESS").status_code == 201


def test_an_attempt_left_open_past_a_same_day_pass_closes_on_submit(world):
    """An attempt opened before the same day's pass was recorded (a race, or one left open
    from before the refusal) keeps its score and closes; the day's completion stays with the
    attempt that recorded it."""
    w = world
    alice = client_for(w["alice"])
    first = start(alice).json()
    alice.post(f"{URL}{first['id']}/submit/", {"answers": answers(first, right=True)})
    record = TrainingRecord.objects.get(person=w["alice"].person, course=course("BSITF"))
    late = TestAttempt.objects.create(
        organization=w["alice"].person.organization,
        person=w["alice"].person,
        course=course("BSITF"),
        questions=[q["id"] for q in first["questions"]],
    )
    row = alice.get(f"{URL}{late.pk}/").json()
    response = alice.post(f"{URL}{late.pk}/submit/", {"answers": answers(row, right=True)})
    assert response.status_code == 200, response.content
    closed = response.json()
    assert (closed["passed"], closed["score"], closed["record"]) == (True, 100, None)
    assert closed["submitted_at"] is not None
    assert TestAttempt.objects.get(pk=first["id"]).record_id == record.pk
    assert TrainingRecord.objects.filter(person=w["alice"].person).count() == 1
