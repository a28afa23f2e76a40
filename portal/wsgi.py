import os
import sys

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

from portal.env import EnvError  # noqa: E402

try:
    application = get_wsgi_application()
except EnvError as exc:
    sys.stderr.write(f"Configuration error: {exc}\n")
    sys.exit(2)
