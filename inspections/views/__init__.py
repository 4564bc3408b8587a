"""Web pages of the inspection cycle (¶39, ¶40), one module per concern: missions (the list
and its exports, the plan, the mission page with the station summary and the checklist),
recording (the team's recording page and its autosave endpoint), and the findings,
follow-up, non-compliance and report pages (URLs in ``inspections.urls``)."""
