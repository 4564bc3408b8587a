"""Every write of the inspection cycle (¶39–¶40): plan, announce, record, debrief, rectify,
follow up, escalate, close. Each checks the user's rights through accountability.core.scoping,
runs in one transaction and leaves an audit trail (pghistory triggers)."""
