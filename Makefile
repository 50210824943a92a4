# ShelfCast — two commands on a fresh Debian/Ubuntu machine: `make run` and `make test`.
SWIFT      ?= swift
WORKSPACE  ?= workspace/demo
SAMPLE     := data/sample
# BIN from the environment wins (the benchmarks document BIN=… make bench-…).
BIN        ?= .build/release/shelfcast
# The style check of `make lint` and `make test` (see `lint` below).
LINT        = $(SWIFT) format lint --strict --recursive Sources Tests Plugins

.PHONY: deps build run test test-crash test-crash-demo test-fs lint fuzz sanitize report-screenshot bench bench-ingest bench-generate bench-forecast bench-m5 bench-real bench-foreign bench-inventory bench-drift bench-nightly bench-learning bench-api bench-intraday clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release

# The demo: a chain with the sample chain's settings and one day of sales per night (generated
# under workspace/demo/chain the first time), its history and a first model, then NIGHTS nightly
# runs (ingest, retrain when due, forecast, recommend, explain, monitor). Nights already done are
# skipped, so a second `make run` only prints where everything is; `make clean` starts over.
NIGHTS ?= 35
run: build
	$(BIN) demo --nights $(NIGHTS) --workspace $(WORKSPACE) --log-level warning
	@echo
	@echo "Workspace: $(WORKSPACE) (database shelfcast.sqlite, inbox/, manifests/, models/, reports/)"
	@echo "One night by hand:   $(BIN) nightly --workspace $(WORKSPACE) --config jobs/nightly.yaml --date YYYY-MM-DD"
	@echo "The model registry:  $(BIN) registry list --workspace $(WORKSPACE)"
	@echo "Why a forecast:      $(BIN) explain --workspace $(WORKSPACE) --store S001 --sku P00001"
	@echo "The audit log:       $(BIN) audit verify --workspace $(WORKSPACE)"

# `make test`: lint (as `make lint`, output in .build/lint.log) beside the debug build; then the
# XCTest suite and, beside it, two runs of the debug `shelfcast` the build made:
# - the HTTP API against its OpenAPI document (schemathesis on a small workspace, about a minute,
#   most of it waiting on pip and HTTP; scripts/api-contract-test.sh; .build/api-contract.log);
# - a short crash run (.build/crash-short.log): `shelfcast nightly` on a small chain killed with
#   SIGKILL at 20 crash points and 4 time offsets, stopped by SIGINT/SIGTERM at 4 points and 2
#   offsets, a night that rolls back a shadow run killed at 4 of its shadow stage's points, and
#   ingest, forecast and registry promote each killed, stopped and timed once; each followed by
#   a normal run that must reach the uninterrupted run's state (README, "Reliability";
#   docs/reliability.md); about a minute.
# Both logs are printed after the suite's output. CI runs this on a fresh clone and must finish in
# 10 minutes: docs/engineering.md ("make test's time") has the measured parts.
test: deps
	@mkdir -p .build; $(LINT) > .build/lint.log 2>&1 & lint=$$!; \
	  $(SWIFT) build --build-tests; built=$$?; \
	  wait $$lint; linted=$$?; \
	  echo "== Lint (beside the build), exit $$linted:"; cat .build/lint.log; \
	  [ $$built -eq 0 ] && [ $$linted -eq 0 ]
	@scripts/api-contract-test.sh --bin .build/debug/shelfcast > .build/api-contract.log 2>&1 & \
	  contract=$$!; \
	  scripts/crash-test.sh --short --bin .build/debug/shelfcast > .build/crash-short.log 2>&1 & \
	  crash=$$!; \
	  SWIFT=$(SWIFT) scripts/run-tests.sh; suite=$$?; \
	  wait $$contract; api=$$?; \
	  wait $$crash; crashed=$$?; \
	  echo; echo "== API contract test (beside the suite), exit $$api:"; \
	  cat .build/api-contract.log; \
	  echo; echo "== Crash run, short (beside the suite), exit $$crashed:"; \
	  cat .build/crash-short.log; \
	  [ $$suite -eq 0 ] && [ $$api -eq 0 ] && [ $$crashed -eq 0 ]

# The operations files under jobs/ (no Swift build): promtool check rules and promtool test rules
# on jobs/prometheus/, the Grafana dashboard's JSON and PromQL, the cron wrapper against a stand-in
# binary, and the Kubernetes YAML when kubernetes-validate is installed (scripts/check-ops.sh).
.PHONY: check-ops
test: check-ops
check-ops: deps
	scripts/check-ops.sh

# The full crash run: every crash point a night passes, and 12 time offsets, in a night that
# promotes its retrained candidate and the retrain stage of one that rejects it, the shadow stage
# of a night with a shadow run and of one that rolls back, SIGINT/SIGTERM at points and offsets,
# and ingest, train, forecast, recommend and registry promote (not measured yet on this branch).
test-crash: build
	scripts/crash-test.sh --bin $(BIN)

# `make run` interrupted at 24 moments spread over its first run and run again each time: the
# demo (`shelfcast demo --nights 2` from an empty folder: chain, history, first model, two
# nights) killed at 12 of its crash points, stopped by SIGINT / SIGTERM at 6 more, and killed,
# interrupted (kill -INT, as Ctrl-C) and stopped (kill -TERM) at 6 time offsets; each re-run must
# end as the uninterrupted demo (docs/reliability.md). DEMO_BIN=.build/debug/shelfcast to skip
# the release build's use; 20 to 40 minutes on the debug build.
DEMO_BIN ?= $(BIN)
test-crash-demo:
	@[ -x "$(DEMO_BIN)" ] || $(MAKE) build
	CRASH_SCENARIOS=none CRASH_COMMANDS=demo CRASH_COMMAND_POINTS=12 CRASH_COMMAND_SIGNALS=6 \
	  CRASH_COMMAND_TIMES=6 scripts/crash-test.sh --short --bin $(DEMO_BIN)

# Two nightly runs at once, a full disk (tmpfs) and a read-only reports folder (bind mount);
# the last two need root and are skipped without it.
test-fs: build
	scripts/fs-test.sh --bin $(BIN)

# Style: .swift-format (2-space indentation, 100 columns); warnings fail the build.
lint:
	$(LINT)

# libFuzzer over the CSV scanner and the row parsers (Sources/ShelfCastFuzz), one worker, from the
# seed corpus Fuzz/corpus; built in .build-fuzz. Crashes go to Fuzz/crashes/. FUZZ_SECONDS=60 make fuzz
FUZZ_SECONDS ?= 300
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) scripts/fuzz.sh

# The test suite under AddressSanitizer (.build-asan), then ThreadSanitizer (.build-tsan). Slow:
# two full builds. SANITIZERS=address make sanitize runs one.
sanitize: deps
	SWIFT=$(SWIFT) scripts/sanitize.sh

# Renders the analysts' report (demo data, or REPORT=path/report.html) in headless Chromium:
# reports/screenshots/report.png. Installs Debian's chromium if missing.
report-screenshot:
	SWIFT=$(SWIFT) scripts/report-screenshot.sh

bench: bench-generate bench-ingest bench-forecast bench-m5 bench-inventory bench-drift bench-nightly

bench-ingest: build
	Benchmarks/bench-ingest.sh

bench-generate: build
	Benchmarks/bench-generate.sh

# Train, forecast and backtest 200 stores x 500 SKUs x 730 days; accuracy and ETS speed beside
# statsforecast. Smaller: STORES=5 SKUS=40 SAMPLE=50 make bench-forecast
bench-forecast: build
	Benchmarks/bench-forecast.sh

# Backtest ten real M5 series (../shared/data/real/m5-subset); RMSSE beside statsforecast.
bench-m5: build
	Benchmarks/m5.sh

# A chain made by code that is not ShelfCast's generator: forecast against its truth, by kind
# of item (Benchmarks/bench-foreign.sh).
bench-foreign: build
	Benchmarks/bench-foreign.sh

# The real data sets of ../shared/data/real/ (Walmart: import, weekly backtests on 3 rolling
# 13-week windows), WAPE beside statsforecast (Benchmarks/bench-real.sh).
bench-real: build
	Benchmarks/bench-real.sh

# The policy simulator: ShelfCast vs the spreadsheet baseline and the oracle over 13 weeks, on
# 200x500 and 20x100 chains, three demand seeds. Smaller: SIZES=5x40 SIM_SEEDS=1 make bench-inventory
bench-inventory: build
	Benchmarks/bench-inventory.sh

# Drift detection on 200 stores x 500 SKUs x 730 days with 10 % of the series drifting, and its
# undrifted twin: detection within 7 days of the onset, false alarms. Smaller: STORES=40 SKUS=200
bench-drift: build
	Benchmarks/bench-drift.sh

# `shelfcast serve` under wrk on loopback, 200 stores x 500 SKUs: one store's recommendations and
# one SKU's forecast, requests/s and p99, quiet and while a night runs. Smaller: STORES=3 SKUS=12
bench-api: build
	Benchmarks/bench-api.sh

# The intraday step: one hour's drop of 200 stores x 500 SKUs (wall time, peak memory), and the
# expedite alerts' recall and precision by 14:00 on a held-out chain beside a naive rule.
bench-intraday: build
	Benchmarks/bench-intraday.sh

# One night of the nightly job on 200 stores x 500 SKUs (28+ days of archived forecasts, so the
# monitoring joins a steady state), without and with a scheduled retraining (targets 60 s and 11
# minutes): wall time, peak memory and every stage's seconds. Smaller: STORES=5 SKUS=40 REPEATS=1
bench-nightly: build
	Benchmarks/bench-nightly.sh

# Issue 14's figure: 56 nights on a realistic-profile chain (20 stores x 100 SKUs, drift in 20 %
# of the series from night 14), once with the default weekly retraining and once frozen; WAPE of
# the drifted and other series before and after the onset on the same points, and each night's
# retraining decision. Smaller: STORES=10 SKUS=40 make bench-learning
bench-learning: build
	Benchmarks/bench-learning.sh

clean:
	rm -rf .build .build-fuzz .build-asan .build-tsan workspace Benchmarks/out
