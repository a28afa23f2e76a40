import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _vietnamese():
    """Pages are read in Vietnamese unless a test asks for /en/; a request to /en/ must not leak."""
    translation.activate("vi")
    yield
    translation.activate("vi")
