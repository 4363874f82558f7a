# mailwhy - top-level entry points. `make run` and `make test` do all the set-up themselves:
# missing Debian packages are installed (scripts/install-deps), then the build runs.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: all deps build run test fuzz bench clean

all: build

deps:
	@scripts/install-deps

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

# The main job on the bundled example logs.
run: build
	@scripts/run-example $(BUILD)/mailwhy

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)
	@scripts/fuzz-smoke

fuzz:
	@scripts/fuzz-smoke

bench: deps
	bench/run

clean:
	rm -rf $(BUILD) build-fuzz
