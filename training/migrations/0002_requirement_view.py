"""The ``training_requirement`` view: every rule applied to every person it concerns.

One branch per rule kind (all personnel and arrival, their dependants, role, phase), so that
a query filtered on ``rule_kind`` plans one branch alone. Each requirement is joined with the
best counting completion: verified, of the rule's course kind, of a course by UNSECOORD or
endorsed by it (annex ¶26), on or after the anchor where the rule says so; the one valid the
longest (no expiry first). See training/requirements.py for how status is read from it.
"""

from django.db import migrations

VIEW = """
CREATE VIEW training_requirement AS
WITH required AS (
    -- All personnel (¶25, ¶32) and arrivals (¶33): from arrival at the duty station.
    SELECT r.id AS rule_id, p.id AS person_id, NULL::bigint AS dependant_id,
           p.arrived_on AS anchor_on
    FROM training_trainingrule r CROSS JOIN actors_person p
    WHERE r.applies_to IN ('all', 'arrival') AND r.is_active AND p.is_active
  UNION ALL
    -- ...and their eligible dependants at the duty station, where the rule says so (¶32).
    SELECT r.id, p.id, d.id, p.arrived_on
    FROM training_trainingrule r CROSS JOIN actors_person p
    JOIN actors_dependant d ON d.person_id = p.id AND d.lives_at_duty_station
    WHERE r.applies_to IN ('all', 'arrival') AND r.include_dependants AND r.is_active
      AND p.is_active
  UNION ALL
    -- By role (¶28-¶31): from the start of the earliest approved or active appointment.
    SELECT r.id, a.person_id, NULL::bigint, MIN(a.start_date)
    FROM training_trainingrule r
    JOIN appointments_appointment a ON a.role_id = r.role_id AND a.status IN ('pending', 'active')
    WHERE r.applies_to = 'role' AND r.is_active
    GROUP BY r.id, a.person_id
  UNION ALL
    -- By security phase: from the later of arrival and the phase's start.
    SELECT r.id, p.id, NULL::bigint, GREATEST(p.arrived_on, s.security_phase_since)
    FROM training_trainingrule r
    JOIN actors_dutystation s ON s.security_phase >= r.min_phase
    JOIN actors_person p ON p.duty_station_id = s.id AND p.is_active
    WHERE r.applies_to = 'phase' AND r.is_active
)
SELECT concat_ws('-', q.rule_id, q.person_id, q.dependant_id) AS id,
       q.rule_id, r.applies_to AS rule_kind, r.course_kind, r.role_id,
       q.person_id, q.dependant_id,
       p.organization_id, p.duty_station_id, p.residential_zone_id, p.user_id,
       q.anchor_on, q.anchor_on + r.due_within_days AS due_on,
       done.id AS record_id, done.completed_on, done.valid_until
FROM required q
JOIN training_trainingrule r ON r.id = q.rule_id
JOIN actors_person p ON p.id = q.person_id AND p.is_active
LEFT JOIN LATERAL (
    SELECT t.id, t.completed_on, t.valid_until
    FROM training_trainingrecord t
    JOIN training_course c ON c.id = t.course_id
    JOIN actors_organization o ON o.id = c.provider_id
    WHERE t.person_id = q.person_id
      AND t.dependant_id IS NOT DISTINCT FROM q.dependant_id
      AND t.status = 'verified'
      AND c.kind = r.course_kind
      AND (c.endorsed_at IS NOT NULL OR o.kind = 'unsecoord')
      AND (NOT r.counts_from_anchor OR t.completed_on >= q.anchor_on)
    ORDER BY t.valid_until DESC NULLS FIRST, t.completed_on DESC, t.id DESC
    LIMIT 1
) done ON true
"""


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0001_initial"),
        ("appointments", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(VIEW, reverse_sql="DROP VIEW training_requirement"),
        # Role rules look appointments up by role and status.
        migrations.RunSQL(
            "CREATE INDEX training_appointment_role_status "
            "ON appointments_appointment (role_id, status, person_id)",
            reverse_sql="DROP INDEX training_appointment_role_status",
        ),
    ]
