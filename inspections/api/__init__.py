"""/api/v1/ endpoints of the inspection cycle (¶39–¶40): missions, checklist items, findings,
rectifications, evidence, follow-up visits, non-compliance reports and compliance over time.

Each module is one concern; every queryset starts from accountability.core.scoping through
accountability.core.api.base, and every write is a service of inspections.services.
"""
