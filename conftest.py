import os

# Tests use the test profile (fast hashing, locmem email) before settings load.
os.environ.setdefault("PORTAL_ENV", "test")
