"""The WSGI entry point for a production server."""

import os

from django.core.wsgi import get_wsgi_application

from hearth.core.startup import freeze_loaded_objects

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()
freeze_loaded_objects()
