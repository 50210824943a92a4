# ShelfCast — two commands on a fresh Debian/Ubuntu machine: `make run` and `make test`.
SWIFT      ?= swift
WORKSPACE  ?= workspace/demo
SAMPLE     := data/sample
BIN        := .build/release/shelfcast

.PHONY: deps build run test test-crash test-fs lint report-screenshot bench bench-ingest bench-generate bench-forecast bench-m5 bench-inventory bench-drift clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release

# Ingests the committed sample chain into a fresh demo workspace, trains, forecasts the 28 days
# after the last day of sales, and prints where everything is.
run: build
	@rm -rf $(WORKSPACE)
	@scripts/ensure-sample.sh $(BIN) $(SAMPLE)
	$(BIN) ingest --workspace $(WORKSPACE) $(SAMPLE)/master $(SAMPLE)/history $(SAMPLE)/inventory $(SAMPLE)/inbox
	@echo
	$(BIN) status --workspace $(WORKSPACE)
	@echo
	$(BIN) train --workspace $(WORKSPACE)
	@echo
	$(BIN) forecast --workspace $(WORKSPACE)
	@echo
	$(BIN) recommend --workspace $(WORKSPACE)
	@echo
	@echo "Workspace: $(WORKSPACE) (database shelfcast.sqlite, manifests/, quarantine/, models/, reports/)"
	@echo "Look at one series:  $(BIN) history --workspace $(WORKSPACE) --store S001 --sku P00001"
	@echo "Score the models:    $(BIN) backtest --workspace $(WORKSPACE) --holdout-days 28"

# The XCTest suite, then a short crash run: `shelfcast nightly` (the debug build the tests built,
# on a small chain) killed with SIGKILL at 20 crash points and 4 time offsets, each followed by a
# normal run that must reach the uninterrupted run's state (README, "Reliability"); under a minute.
test: deps lint
	$(SWIFT) build --build-tests
	SWIFT=$(SWIFT) scripts/run-tests.sh
	scripts/crash-test.sh --short --bin .build/debug/shelfcast

# The full crash run: every crash point a night passes, and 12 time offsets, in a night that
# promotes its retrained candidate and the retrain stage of one that rejects it (about 8 minutes).
test-crash: build
	scripts/crash-test.sh --bin $(BIN)

# Two nightly runs at once, a full disk (tmpfs) and a read-only reports folder (bind mount);
# the last two need root and are skipped without it.
test-fs: build
	scripts/fs-test.sh --bin $(BIN)

# Style: .swift-format (2-space indentation, 100 columns); warnings fail the build.
lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Plugins

# Renders the analysts' report (demo data, or REPORT=path/report.html) in headless Chromium:
# reports/screenshots/report.png. Installs Debian's chromium if missing.
report-screenshot:
	SWIFT=$(SWIFT) scripts/report-screenshot.sh

bench: bench-generate bench-ingest bench-forecast bench-m5 bench-inventory bench-drift

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

# The policy simulator: ShelfCast vs the spreadsheet baseline and the oracle over 13 weeks, on
# 200x500 and 20x100 chains, three demand seeds. Smaller: SIZES=5x40 SIM_SEEDS=1 make bench-inventory
bench-inventory: build
	Benchmarks/bench-inventory.sh

# Drift detection on 200 stores x 500 SKUs x 730 days with 10 % of the series drifting, and its
# undrifted twin: detection within 7 days of the onset, false alarms. Smaller: STORES=40 SKUS=200
bench-drift: build
	Benchmarks/bench-drift.sh

clean:
	rm -rf .build workspace Benchmarks/out
