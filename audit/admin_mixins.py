"""The audit of the Django admin's pages of person data.

Each app's admin.py puts `PersonDataAdminMixin` first in the bases of the
admin of a model it registered with `audit.registry.audit_reads`, so every
page of that admin writes an access entry like every other page.
tests/audit/test_person_data_views.py fails for an admin of such a model
without it.
"""

from audit.decorators import shows_person_data
from audit.registry import candidate_id_of


def _shown_on(context) -> list:
    """The records an admin page shows, from its template context."""
    if "cl" in context:  # the list
        return context["cl"].result_list
    if "adminform" in context:  # add and change forms
        return [context["adminform"].form.instance]
    if context.get("object") is not None:  # delete confirmation, history
        return [context["object"]]
    if "queryset" in context:  # confirmation of a bulk action
        return context["queryset"]
    return []


class PersonDataAdminMixin:
    """Every page of the model's admin writes one access entry naming the
    candidates it shows (a list page: one entry for the page, not per row),
    and is sent with Cache-Control: no-store."""

    def _audited(self, request, response, view):
        opts = self.model._meta
        request.audit.page = f"admin_{opts.model_name}_{view}"
        context = getattr(response, "context_data", None) or {}
        ids = (candidate_id_of(obj) for obj in _shown_on(context))
        request.audit.shown(pk for pk in ids if pk is not None)
        return response

    @shows_person_data(page="admin")
    def changelist_view(self, request, extra_context=None):
        return self._audited(request, super().changelist_view(request, extra_context), "list")

    @shows_person_data(page="admin")
    def add_view(self, request, form_url="", extra_context=None):
        return self._audited(request, super().add_view(request, form_url, extra_context), "add")

    @shows_person_data(page="admin")
    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        return self._audited(request, response, "change")

    @shows_person_data(page="admin")
    def delete_view(self, request, object_id, extra_context=None):
        response = super().delete_view(request, object_id, extra_context)
        return self._audited(request, response, "delete")

    @shows_person_data(page="admin")
    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        return self._audited(request, response, "history")
