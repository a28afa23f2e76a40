FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PORTAL_ENV=production
# postgresql-client-15: pg_dump/pg_restore for backups (operations app), same major version as the server.
RUN apt-get update && apt-get install -y --no-install-recommends gettext libpq5 postgresql-client-15 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN SECRET_KEY=build-only-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz ALLOWED_HOSTS=build \
    python manage.py collectstatic --noinput \
 && useradd --system --home /app portal && mkdir -p /app/media /app/backups \
 && chown -R portal /app/media /app/backups
USER portal
EXPOSE 8000
CMD ["gunicorn", "-c", "python:portal.gunicorn_conf"]
