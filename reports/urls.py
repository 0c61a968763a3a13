from django.urls import path

from reports import views

urlpatterns = [
    path("", views.index, name="dashboard"),
    path("team/<int:team_pk>/", views.team_dashboard, name="dashboard_team"),
    path(
        "team/<int:team_pk>/fidelity.csv",
        views.team_export,
        {"fmt": "csv"},
        name="dashboard_team_csv",
    ),
    path(
        "team/<int:team_pk>/fidelity.xlsx",
        views.team_export,
        {"fmt": "xlsx"},
        name="dashboard_team_xlsx",
    ),
    path(
        "team/<int:team_pk>/behind/<slug:metric>/",
        views.team_drilldown,
        name="dashboard_team_drilldown",
    ),
    path("mine/", views.my_dashboard, name="dashboard_mine"),
    path("mine/fidelity.csv", views.my_export, {"fmt": "csv"}, name="dashboard_mine_csv"),
    path("mine/fidelity.xlsx", views.my_export, {"fmt": "xlsx"}, name="dashboard_mine_xlsx"),
    path("mine/behind/<slug:metric>/", views.my_drilldown, name="dashboard_mine_drilldown"),
    path("offices/", views.office_dashboard, name="dashboard_office"),
    path("offices/fidelity.csv", views.office_export, {"fmt": "csv"}, name="dashboard_office_csv"),
    path(
        "offices/fidelity.xlsx", views.office_export, {"fmt": "xlsx"}, name="dashboard_office_xlsx"
    ),
    path("compare/", views.comparison, name="dashboard_comparison"),
    path(
        "compare/fidelity.csv",
        views.comparison_export,
        {"fmt": "csv"},
        name="dashboard_comparison_csv",
    ),
    path(
        "compare/fidelity.xlsx",
        views.comparison_export,
        {"fmt": "xlsx"},
        name="dashboard_comparison_xlsx",
    ),
    path("recompute/", views.recompute, name="dashboard_recompute"),
    path(
        "recompute/<str:task_id>/",
        views.recompute_progress,
        name="dashboard_recompute_progress",
    ),
]
