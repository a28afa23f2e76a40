import datetime as dt

import pytest
import time_machine
from django.utils import translation

from core.workdays import LOCAL_TZ

TODAY = dt.datetime(2026, 11, 22, 9, 0, tzinfo=LOCAL_TZ)


@pytest.fixture(autouse=True)
def _today():
    """Royalty months depend on the date: tests run on 22/11/2026, 9:00 in Hà Tĩnh."""
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _vietnamese():
    """Pages are read in Vietnamese unless a test asks for /en/; a request to /en/ must not leak."""
    translation.activate("vi")
    yield
    translation.activate("vi")
