from django.urls import path

from importer import views

urlpatterns = [
    path("import/", views.import_upload, name="import_upload"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
]
