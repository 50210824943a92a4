# ShelfCast — two commands on a fresh Debian/Ubuntu machine: `make run` and `make test`.
SWIFT      ?= swift
WORKSPACE  ?= workspace/demo
SAMPLE     := data/sample
BIN        := .build/release/shelfcast

.PHONY: deps build run test lint bench bench-ingest bench-generate clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release

# Ingests the committed sample chain into a fresh demo workspace and prints what was stored.
run: build
	@rm -rf $(WORKSPACE)
	@scripts/ensure-sample.sh $(BIN) $(SAMPLE)
	$(BIN) ingest --workspace $(WORKSPACE) $(SAMPLE)/master $(SAMPLE)/history $(SAMPLE)/inventory $(SAMPLE)/inbox
	@echo
	$(BIN) status --workspace $(WORKSPACE)
	@echo
	@echo "Workspace: $(WORKSPACE) (database shelfcast.sqlite, manifests/, quarantine/)"
	@echo "Look at one series:  $(BIN) history --workspace $(WORKSPACE) --store S001 --sku P00001"

test: deps lint
	$(SWIFT) build --build-tests
	SWIFT=$(SWIFT) scripts/run-tests.sh

# Style: .swift-format (2-space indentation, 100 columns); warnings fail the build.
lint:
	$(SWIFT) format lint --strict --recursive Sources Tests

bench: bench-generate bench-ingest

bench-ingest: build
	Benchmarks/bench-ingest.sh

bench-generate: build
	Benchmarks/bench-generate.sh

clean:
	rm -rf .build workspace Benchmarks/out
