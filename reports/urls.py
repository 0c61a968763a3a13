from django.urls import path

from reports.views import dashboards, drilldowns, exports, recompute

urlpatterns = [
    path("", dashboards.index, name="dashboard"),
    path("team/<int:team_pk>/", dashboards.team_dashboard, name="dashboard_team"),
    path(
        "team/<int:team_pk>/fidelity.csv",
        exports.team_export,
        {"fmt": "csv"},
        name="dashboard_team_csv",
    ),
    path(
        "team/<int:team_pk>/fidelity.xlsx",
        exports.team_export,
        {"fmt": "xlsx"},
        name="dashboard_team_xlsx",
    ),
    path(
        "team/<int:team_pk>/behind/<slug:metric>/",
        drilldowns.team_drilldown,
        name="dashboard_team_drilldown",
    ),
    path("mine/", dashboards.my_dashboard, name="dashboard_mine"),
    path("mine/fidelity.csv", exports.my_export, {"fmt": "csv"}, name="dashboard_mine_csv"),
    path("mine/fidelity.xlsx", exports.my_export, {"fmt": "xlsx"}, name="dashboard_mine_xlsx"),
    path("mine/behind/<slug:metric>/", drilldowns.my_drilldown, name="dashboard_mine_drilldown"),
    path("offices/", dashboards.office_dashboard, name="dashboard_office"),
    path(
        "offices/fidelity.csv", exports.office_export, {"fmt": "csv"}, name="dashboard_office_csv"
    ),
    path(
        "offices/fidelity.xlsx",
        exports.office_export,
        {"fmt": "xlsx"},
        name="dashboard_office_xlsx",
    ),
    path("compare/", dashboards.comparison, name="dashboard_comparison"),
    path(
        "compare/fidelity.csv",
        exports.comparison_export,
        {"fmt": "csv"},
        name="dashboard_comparison_csv",
    ),
    path(
        "compare/fidelity.xlsx",
        exports.comparison_export,
        {"fmt": "xlsx"},
        name="dashboard_comparison_xlsx",
    ),
    path("recompute/", recompute.recompute, name="dashboard_recompute"),
    path(
        "recompute/<str:task_id>/",
        recompute.recompute_progress,
        name="dashboard_recompute_progress",
    ),
]
