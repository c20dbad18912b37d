"""Settings of the load benchmark (bench/load.py): production's settings, plus a hello-world floor URL.

Production's, because the benchmark must measure what production serves: ``DEBUG`` off (so cached templates,
whitenoise's compressed manifest storage, the secure cookies and the HTTPS redirect of production), persistent
database connections (``CONN_MAX_AGE``), the same middleware. Only what a benchmark cannot do without differs:
placeholder values for the variables production must set (a local secret key, local hosts, no outgoing mail),
a bench-only URLconf that adds ``/__floor__/`` (bench/urls.py) and its own ``STATIC_ROOT`` for collectstatic.
Never used by the portal itself.
"""

import os

os.environ["DEBUG"] = "false"  # whatever .env says: the benchmark measures production's behaviour
os.environ.setdefault(
    "SECRET_KEY", "bench-only-placeholder-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz"
)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("EMAIL_URL", "dummymail://")  # nothing a page sends may leave the machine

from network.settings import *  # noqa: F403
from network.settings import DATA_DIR, DATABASES, DEBUG

assert not DEBUG, "the load benchmark measures DEBUG=false"
assert DATABASES["default"]["CONN_MAX_AGE"], "the load benchmark measures persistent connections"

ROOT_URLCONF = "bench.urls"
STATIC_ROOT = (
    DATA_DIR / "bench" / "static"
)  # collectstatic for the benchmark, apart from a deploy's staticfiles/
