"""The Celery application. Broker and result backend come from settings.

Without CELERY_BROKER_URL the tasks run eagerly in-process (the demo needs
no Redis); CI and production point it at Redis.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ips.settings")

app = Celery("ips")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
