"""No lost updates (docs/security.md): every record more than one person may
change carries a version, and every form that edits one carries the version
it was opened with. A new model fails here until it is put in one of the two
lists below; a new form of a versioned model fails until it has the field."""

import inspect
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.test import RequestFactory
from django.urls import URLResolver, get_resolver

from ips.models import User, Versioned

#: Records more than one person may change: each is `Versioned`.
SHARED = {
    "ips.User": "intake admins of an office keep its accounts; its owner changes the password",
    "ips.Team": "leaders follow from the accounts; renamed in the admin",
    "candidates.Candidate": "the holder, a team leader or intake (protection flag), retention",
    "candidates.VocationalProfile": "the holder, on a phone and at a desk",
    "candidates.Enrollment": "the holder (stage, next contact), intake (assignment, discharge)",
    "employers.Employer": "shared by everyone in the office",
    "employers.ContactPerson": "shared with their employer",
    "employers.Placement": "the holder; the import",
    "followup.Activity": "its author, in more than one tab or device; retention",
}

#: Records nobody edits alongside someone else, and why.
NOT_SHARED = {
    "ips.Office": "a name, changed only by a superuser in the admin",
    "candidates.Assignment": "history: added to, never changed",
    "candidates.StageChange": "history: added to, never changed",
    "employers.SubsidyRule": "dated rates: a change of rate is a new row, added in the admin",
    "reports.MetricSnapshot": "written by the recompute only, read-only in the admin",
    "ips.EnrolmentLink": "issued and used up once; a new link replaces the old one",
    "audit.AccessedCandidate": "the audit trail's index: written once, never changed",
    "candidates.ProtectionChange": "history: added to, never changed",
    "candidates.TransferRequest": (
        "decided once: the decision locks the row and refuses one no longer pending"
    ),
}


def _project_apps():
    """Trofast's own apps: the packages at the root of the repository."""
    return [
        config
        for config in apps.get_app_configs()
        if Path(config.path).parent == Path(settings.BASE_DIR)
    ]


def _project_models():
    return [model for config in _project_apps() for model in config.get_models()]


def _is_project_module(module_name: str) -> bool:
    return module_name.split(".")[0] in {config.name for config in _project_apps()}


def _views(patterns=None):
    """Every view of the URL configuration, decorators taken off."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern.url_patterns)
        else:
            callback = pattern.callback
            yield inspect.unwrap(getattr(callback, "view_class", callback))


def _subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


def _model_forms_of_views():
    """The ModelForms the views' modules use (imported or defined there),
    and every other ModelForm defined in the project's modules."""
    used = set()
    for view in _views():
        if _is_project_module(view.__module__):
            module = inspect.getmodule(view)
            used |= {
                value
                for value in vars(module).values()
                if inspect.isclass(value) and issubclass(value, forms.BaseModelForm)
            }
    defined = {
        form
        for form in _subclasses(forms.BaseModelForm)
        if _is_project_module(form.__module__) and getattr(form._meta, "model", None)
    }
    return used | defined


def _has_version(model) -> bool:
    return any(field.name == "version" for field in model._meta.get_fields())


def test_every_model_is_either_shared_and_versioned_or_said_why_not():
    labels = {model._meta.label for model in _project_models()}
    assert labels == set(SHARED) | set(NOT_SHARED), "classify the new model in this file"
    for label in SHARED:
        assert issubclass(apps.get_model(label), Versioned), f"{label} must be Versioned"


def test_the_views_use_model_forms_of_the_shared_records():
    """The walk finds the forms it must check (so the next test can fail)."""
    names = {form.__name__ for form in _model_forms_of_views()}
    assert {"EmployerForm", "ContactPersonForm", "AccountForm", "ActivityCreateForm"} <= names


def _form_name(form) -> str:
    return f"{form.__module__}.{form.__qualname__}"


@pytest.mark.parametrize("form", sorted(_model_forms_of_views(), key=_form_name), ids=_form_name)
def test_every_model_form_of_a_versioned_record_carries_the_version(form):
    if _has_version(form._meta.model):
        assert "version" in form.base_fields, (
            f"{_form_name(form)} edits a {form._meta.model.__name__} "
            "without its version: add ips.locking.VersionedFormMixin"
        )


def _admin_forms(request):
    for model, model_admin in admin.site._registry.items():
        if not _is_project_module(model.__module__):
            continue
        record = model()  # a change form: of a record that exists
        if model_admin.has_change_permission(request, record):
            yield model, model_admin.get_form(request, record)
        for inline in model_admin.get_inline_instances(request, record):
            if inline.has_change_permission(request, record):
                yield inline.model, inline.get_formset(request, record).form


@pytest.mark.django_db
def test_every_admin_change_form_of_a_versioned_record_carries_the_version():
    request = RequestFactory().get("/admin/")
    request.user = User(username="root", is_superuser=True, is_staff=True, is_active=True)
    checked = []
    for model, form in _admin_forms(request):
        if _has_version(model):
            assert "version" in form.base_fields, f"the admin edits {model.__name__} unversioned"
            checked.append(model._meta.label)
    assert {"employers.Employer", "employers.ContactPerson", "ips.User"} <= set(checked)
