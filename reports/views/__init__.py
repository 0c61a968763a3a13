"""The dashboards: team (leaders), my figures (specialists), office (leaders
of several teams, intake) and the comparison of offices (analysts).

Split by what a page does: `figures` gathers what each dashboard shows (shared
by the page and its export), `dashboards` renders the pages, `exports` the
CSV and Excel files, `drilldowns` the people and weeks behind a figure,
`recompute` starts and follows the recompute of stored figures.

Figures come from the stored snapshots (reports.dashboard); a period without
them is computed live. Person data appears only on the drill-down pages, scoped
by the apps' scoping functions and written to the access log.
"""
