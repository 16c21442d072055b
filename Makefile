# The two commands: `make run` and `make test`. Everything else is set-up they call.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
export MENTORSHIP_ENV ?= development

.PHONY: run test install install-test chromium oidc-provider nginx redis translations lint lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# requirements.lock pins every package (pip-compile, see `make lock`): the same versions on
# every machine and in CI.
$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet -c requirements.lock -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	touch $@ $(VENV)/.installed

## make lock: pin the dependencies again after changing pyproject.toml
lock: | $(BIN)/python
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --extra test --extra prod --no-emit-index-url \
	  --no-emit-find-links -o requirements.lock pyproject.toml

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

translations: install
	$(BIN)/pybabel compile -d mentorship/translations -f 2>/dev/null || $(BIN)/pybabel compile -d mentorship/translations -f

## make run: the app on SQLite with demo data, at http://127.0.0.1:$(PORT), and the worker
## (jobs and e-mail) beside it
run: install translations
	$(BIN)/flask --app wsgi db upgrade
	$(BIN)/flask --app wsgi demo --if-empty
	@scripts/print-logins $(PORT)
	@scripts/run-with-worker $(PORT)

chromium:
	@scripts/ensure-chromium

# The SSO tests' OpenID provider (Node.js from the OS packages, the provider from npm).
oidc-provider:
	@scripts/ensure-oidc-provider

nginx:
	@scripts/ensure-nginx

redis:
	@scripts/ensure-redis

## make test: the whole suite (engine, app, browser) on SQLite, or on PostgreSQL when
## MENTORSHIP_DATABASE_URL is set; one process per CPU (TEST_WORKERS=0 for one process),
## each test file on one of them
TEST_WORKERS ?= auto
test: install-test translations chromium oidc-provider nginx redis
	$(BIN)/ruff check mentorship matching tests
	$(BIN)/mypy
	$(BIN)/pytest -q -p no:cacheprovider -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

lint: install-test
	$(BIN)/ruff check mentorship matching tests

clean:
	rm -rf $(VENV) instance .pytest_cache
