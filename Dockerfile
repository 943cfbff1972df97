# The WSR Collaborative platform: one image for web, worker and beat. postgresql-client:
# pg_dump/pg_restore for `manage.py backup` and `restore` (docs/deploy.md); Pango and a
# font for WeasyPrint (printable scorecard reports, issue 19).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# /srv/open-data: the open-data files' volume (docker-compose.yml) takes its owner from here
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext libjpeg62-turbo zlib1g postgresql-client \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 wsr \
    && mkdir -p /srv/open-data && chown wsr:wsr /srv/open-data

WORKDIR /app
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

COPY --chown=wsr:wsr . .
# collectstatic needs settings but no real secret or database.
RUN DEBUG=false SECRET_KEY=build-only-not-secret ALLOWED_HOSTS=localhost \
    SITE_URL=https://localhost EMAIL_URL=consolemail:// \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput \
    && python manage.py compilemessages --ignore=.venv

USER wsr
EXPOSE 8000
CMD ["gunicorn", "wsr.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--access-logfile", "-", "--error-logfile", "-", "--forwarded-allow-ips", "*"]
