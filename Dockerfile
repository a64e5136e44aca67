# Scholia production image: gunicorn on :8000 as a non-root user.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=site_project.settings

RUN useradd --create-home --uid 1000 scholia
WORKDIR /app

COPY pyproject.toml ./
RUN pip install --upgrade pip && pip install .

COPY --chown=scholia:scholia . .

# collectstatic imports settings, which refuse to load without a secret; this
# throw-away key exists only for this build step and is not in the image's env.
RUN DJANGO_SECRET_KEY=build-only-collectstatic DJANGO_ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/media && chown -R scholia:scholia /app/media /app/staticfiles

USER scholia
EXPOSE 8000
CMD ["gunicorn", "site_project.wsgi:application", "--bind", "0.0.0.0:8000", \
     "--workers", "3", "--access-logfile", "-", "--forwarded-allow-ips", "*"]
