# Production image: gunicorn for the web, the same image for the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=accountability.settings.production

# WeasyPrint needs Pango; it embeds the system fonts letters use: DejaVu/Noto for Latin script,
# Noto CJK for Chinese letters (zh-hans). gettext compiles the message catalogues.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    fonts-dejavu-core fonts-noto-core fonts-noto-cjk gettext \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir .
COPY . .
# Collecting static files and compiling messages need settings but no database or secret.
RUN DATABASE_URL=postgres://build@localhost/build ACC_SECRET_KEY=build-only-$(date +%s)-not-used-at-runtime-xxxxxxxxxxxxxxxxxxxx \
    python manage.py collectstatic --noinput \
 && DATABASE_URL=postgres://build@localhost/build python manage.py compilemessages --ignore=.venv

RUN useradd --system --uid 1000 app && chown -R app /app
USER app
EXPOSE 8000
CMD ["gunicorn", "accountability.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
