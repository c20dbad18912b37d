# syntax=docker/dockerfile:1
# ONSE portal: one image for web (gunicorn), Celery worker, Celery beat and one-shot management commands.
# Configuration comes from the environment at run time (see .env.example and docs/deployment.md).
FROM python:3.11-slim-bookworm

# PYTHONPATH: settings.py derives BASE_DIR (templates/, static/, locale/, staticfiles/) from its own location,
# so the source tree in /app is what gets imported; site-packages only supplies the dependencies.
# DEBUG=false: fail closed, since settings default to DEBUG=true for development.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=network.settings \
    DEBUG=false \
    MEDIA_ROOT=/var/lib/onse/media \
    ATTACHMENTS_ROOT=/var/lib/onse/attachments

RUN groupadd --system --gid 10001 onse \
    && useradd --system --uid 10001 --gid onse --home-dir /app --no-create-home --shell /usr/sbin/nologin onse

WORKDIR /app

# Dependencies first, from pyproject.toml alone, so code changes do not reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# The whole build context, filtered by .dockerignore (no .venv, .data, .git, .env, staticfiles, caches).
COPY . .
RUN pip install --no-deps . && rm -rf build ./*.egg-info

# Compile translations when .po files are present, then collect static files (whitenoise compressed
# manifest, because DEBUG=false). The variables below are throwaway placeholders for this RUN only:
# nothing connects to PostgreSQL or Redis here.
RUN set -eux; \
    export DEBUG=false \
        SECRET_KEY=build-only-placeholder-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz \
        ALLOWED_HOSTS=localhost \
        DATABASE_URL=postgres://build:build@127.0.0.1:5432/build \
        REDIS_URL=redis://127.0.0.1:6379/0 \
        EMAIL_URL=smtp://127.0.0.1:25; \
    if find . -path ./staticfiles -prune -o -name '*.po' -print | grep -q .; then \
        apt-get update; \
        apt-get install -y --no-install-recommends gettext; \
        python manage.py compilemessages; \
        apt-get purge -y --auto-remove gettext; \
        rm -rf /var/lib/apt/lists/*; \
    fi; \
    python manage.py collectstatic --noinput; \
    install -d -o onse -g onse /var/lib/onse/media /var/lib/onse/attachments

# Code stays root-owned and read-only for the app user; only MEDIA_ROOT and ATTACHMENTS_ROOT are writable.
USER onse

EXPOSE 8000

# /healthz checks PostgreSQL and Redis (503 when either is down). The Host header is the first ALLOWED_HOSTS
# entry, so the probe passes host validation without adding 127.0.0.1 to ALLOWED_HOSTS.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as u; h = os.environ.get('ALLOWED_HOSTS', 'localhost').split(',')[0].strip().lstrip('.'); h = 'localhost' if h in ('', '*') else h; u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'Host': h}), timeout=4)"]

CMD ["gunicorn", "network.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
