# Two commands on a fresh machine: `make run` and `make test`.
# Without DATABASE_URL an embedded PostgreSQL (pgserver wheel) runs under .data/pg;
# without REDIS_URL Celery uses kombu's filesystem broker under .data/broker.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Run as a script, not with -m: importing the accountability package would set
# DJANGO_SETTINGS_MODULE (celery.py) in the environment the commands inherit.
EMBED := $(BIN)/python accountability/embedded.py
STAMP := $(VENV)/.installed
PORT ?= 8000
DEMO_SCALE ?= 0.01
TEST_ARGS ?=

.PHONY: run test install system-deps lint bench messages migrate clean-data

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# apt waits for another apt or dpkg (unattended-upgrades, a second `make test`) for up to
# APT_LOCK_WAIT seconds instead of failing at once. DPkg::Lock::Timeout covers install; it does
# not cover the lists lock `apt-get update` takes (apt 2.6 still fails at once), so update is
# retried while, and only while, that lock is held.
APT_LOCK_WAIT ?= 300
APT_GET = LC_ALL=C DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=$(APT_LOCK_WAIT)
APT_UPDATE = waited=0; until out=$$($(APT_GET) update 2>&1); do case "$$out" in \
  *"Could not get lock"*) [ $$waited -lt $(APT_LOCK_WAIT) ] || { echo "$$out" >&2; exit 1; }; \
    echo "waiting for another apt to finish ($$waited s)" >&2; sleep 5; waited=$$((waited + 5));; \
  *) echo "$$out" >&2; exit 1;; esac; done

# Debian packages the tests need: chromium for the browser tests (never a downloaded browser
# build) and a font covering Chinese, which WeasyPrint embeds in zh-hans appointment letters
# (found through fontconfig; the Dockerfile installs fonts-noto-cjk).
system-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then $(APT_UPDATE); $(APT_GET) install -y chromium >/dev/null; \
	  else echo "chromium missing: sudo apt-get install chromium (browser tests will be skipped)"; fi; }
	@ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || { \
	  if [ "$$(id -u)" = 0 ]; then $(APT_UPDATE); $(APT_GET) install -y libharfbuzz-subset0 >/dev/null; \
	  else echo "WeasyPrint wants HarfBuzz-Subset: sudo apt-get install libharfbuzz-subset0"; fi; }
	@fc-list :lang=zh family 2>/dev/null | grep -q . || { \
	  if [ "$$(id -u)" = 0 ]; then $(APT_UPDATE); $(APT_GET) install -y fonts-wqy-microhei >/dev/null; \
	  else echo "no CJK font: sudo apt-get install fonts-wqy-microhei (Chinese letters will show no Chinese)"; fi; }

# Links in notices name the port the site is served on, unless ACC_SITE_URL says otherwise.
run: $(STAMP)
	$(EMBED) sh -c 'export ACC_SITE_URL="$${ACC_SITE_URL:-http://127.0.0.1:$(PORT)}" && \
	  $(BIN)/python manage.py migrate --noinput && \
	  $(BIN)/python manage.py sync_rights && \
	  $(BIN)/python manage.py compilemessages --ignore=.venv -v0 && \
	  $(BIN)/python manage.py seed_demo --scale $(DEMO_SCALE) --seed 1 --once && \
	  $(BIN)/python manage.py demo_logins --port $(PORT) && \
	  $(BIN)/python manage.py training_reminders --enqueue && \
	  $(BIN)/python manage.py inspection_deadlines --enqueue && \
	  PORT=$(PORT) $(BIN)/honcho -f Procfile.dev start'

test: $(STAMP) system-deps
	$(EMBED) sh -c '$(BIN)/python manage.py compilemessages --ignore=.venv -v0 && \
	  $(BIN)/python -m pytest -n 2 $(TEST_ARGS)'

migrate: $(STAMP)
	$(EMBED) $(BIN)/python manage.py migrate --noinput

bench: $(STAMP)
	$(EMBED) $(BIN)/python -m bench

# mypy's Django plugin imports the settings, which want a DATABASE_URL; it never connects, so a
# placeholder serves, on a machine with no database as on one with.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DATABASE_URL=postgres://lint@127.0.0.1:9/lint $(BIN)/mypy
	$(BIN)/lint-imports

messages: $(STAMP)
	$(EMBED) sh -c 'for l in fr zh_Hans; do $(BIN)/python manage.py makemessages -l $$l --ignore=.venv --ignore=.data -v0; done'

clean-data:
	rm -rf .data
