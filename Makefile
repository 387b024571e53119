# Entry points: `make run` (the fleet on embedded defaults), `make test`, `make demo`.
SHELL := /bin/bash
JDK := $(shell scripts/find-jdk)
ifeq ($(JDK),)
$(error No JDK 21 or newer found: install one or set JAVA_HOME (see the message above))
endif
export JAVA_HOME := $(JDK)
export PATH := $(JDK)/bin:$(PATH)

MVN := ./mvnw -B -ntp
JVM_FLAGS := -Dai.djl.offline=true --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector
# The fleet's heap: the JVM's default (a quarter of the RAM) let it grow past 1.2 GiB resident; with 512 MiB it
# peaked at 792–825 MiB over three runs of crawling, embedding and searching (make bench ARGS=fleet-memory).
RUN_JVM_FLAGS := $(JVM_FLAGS) -Xmx512m
STACK_JAR = $(wildcard local-stack/target/local-stack-*-exec.jar)

.PHONY: run test demo up down logs images lint build fmt clean bench chaos

build:
	$(MVN) -q -DskipTests install

run: build
	java $(RUN_JVM_FLAGS) -jar $(STACK_JAR)

demo: build
	java $(RUN_JVM_FLAGS) -jar $(STACK_JAR) --demo

# The summary of skipped tests (and why) is printed whether the build passed or not.
test:
	@rm -rf */target/test-summary
	@status=0; $(MVN) verify || status=$$?; scripts/test-summary; exit $$status

fmt:
	$(MVN) -q spring-javaformat:apply

# The fleet on real servers in Docker (docker-compose.yml): Docker Compose v2, or Debian's docker-compose.
COMPOSE := $(shell docker compose version >/dev/null 2>&1 && echo "docker compose" || echo docker-compose)
COMPOSE_PROJECT := -p llm-twin

# Builds the jars and images, writes .env with new secrets on the first run, starts
# everything and waits until every container is healthy.
up: build
	@scripts/init-env
	$(COMPOSE) $(COMPOSE_PROJECT) up -d --build
	@scripts/compose-wait "$(COMPOSE) $(COMPOSE_PROJECT)"

down:
	$(COMPOSE) $(COMPOSE_PROJECT) down

logs:
	$(COMPOSE) $(COMPOSE_PROJECT) logs -f --tail=200

# The three images for this machine's platform, without starting them.
images: build
	@scripts/init-env
	$(COMPOSE) $(COMPOSE_PROJECT) build

# Checks what the tests do not run here: the compose file, the workflows, the shell scripts
# and the monitoring configuration. `.ci/run` calls it.
lint:
	TWIN_API_KEY=lint RABBITMQ_PASSWORD=lint GRAFANA_ADMIN_PASSWORD=lint \
	  $(COMPOSE) --env-file .env.example -f docker-compose.yml config -q
	TWIN_API_KEY=lint RABBITMQ_PASSWORD=lint GRAFANA_ADMIN_PASSWORD=lint \
	  $(COMPOSE) --env-file .env.example -f docker-compose.yml -f docker/compose.smoke.yml config -q
	npx -y @action-validator/cli@0.6.0 .github/workflows/ci.yml
	npx -y @action-validator/cli@0.6.0 .github/workflows/deploy.yml
	shellcheck scripts/* .ci/run
	python3 -m json.tool docker/grafana/dashboards/llm-twin.json >/dev/null

clean:
	$(MVN) -q clean

# Benchmarks (ratios within one run); results in bench/results. `make bench ARGS=name` runs one;
# BENCH_FLAGS passes system properties, e.g. BENCH_FLAGS=-Dbench.cdc-soak.changes=3000000.
BENCH_FLAGS :=
bench: build
	java $(JVM_FLAGS) -Dbench.fleet.jvm-flags="$(RUN_JVM_FLAGS)" $(BENCH_FLAGS) -jar $(wildcard bench/target/bench-*-exec.jar) $(ARGS)

# Faults while changes flow (service, broker and MongoDB restarts, a vector-store outage), then one
# reconciliation line; exits non-zero unless nothing is missing, stale or duplicated. Own data dir.
chaos: build
	java $(RUN_JVM_FLAGS) -jar $(STACK_JAR) --chaos
