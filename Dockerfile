# syntax=docker/dockerfile:1.7
# The service images (three services and the operator console), built from the runnable jars that `make build` (./mvnw install)
# leaves in <service>/target, so an image holds exactly what the tests ran:
#
#   make build && docker buildx build --platform linux/amd64,linux/arm64 --target crawler-service .
#
# (`make images` builds them all for this machine's platform.)
#
# Each image is Spring Boot's layered jar on a Temurin JRE: the embedding model, the other
# libraries and our code are separate layers (docker/layers.xml), so a code change uploads
# a few megabytes. Only the target platform's native libraries are kept (scripts/slim-natives).

ARG JAVA_VERSION=21

# Unpacks each service's jar into its layers. Runs on the build machine's own platform:
# nothing here depends on the target's but the choice of native libraries.
FROM --platform=$BUILDPLATFORM eclipse-temurin:${JAVA_VERSION}-jdk AS layers
RUN apt-get update \
    && apt-get install -y --no-install-recommends zip unzip \
    && rm -rf /var/lib/apt/lists/*
ARG TARGETARCH
WORKDIR /build
COPY scripts/slim-natives /usr/local/bin/slim-natives
COPY crawler-service/target/crawler-service-*-exec.jar cdc-service/target/cdc-service-*-exec.jar \
     feature-service/target/feature-service-*-exec.jar console-service/target/console-service-*-exec.jar jars/
RUN for service in crawler-service cdc-service feature-service console-service; do \
      java -Djarmode=tools -jar jars/"$service"-*-exec.jar extract --layers --launcher --destination "$service" \
      && slim-natives "$service" "$TARGETARCH" || exit 1; \
    done

FROM eclipse-temurin:${JAVA_VERSION}-jre AS jre

# Debian rather than the Temurin image's Ubuntu: Ubuntu's Chromium is a snap, which does not
# run in a container. The JRE is Temurin's, copied in; the build fails here if it lacks the
# vector module that Lucene's flags below name.
FROM debian:bookworm-slim AS runtime
COPY --from=jre /opt/java/openjdk /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk \
    PATH=/opt/java/openjdk/bin:$PATH \
    LANG=C.UTF-8
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 twin \
    && useradd --system --uid 10001 --gid twin --home-dir /app --shell /usr/sbin/nologin twin \
    && mkdir -p /app /data /tmp/twin \
    && chown twin:twin /app /data /tmp/twin \
    && java --add-modules jdk.incubator.vector -version
WORKDIR /app
# The flags `make run` uses (offline tokenizer, native access for ONNX Runtime, Lucene's SIMD);
# the heap follows the container's memory limit. JAVA_OPTS adds to them.
ENV TWIN_JVM_FLAGS="-Dai.djl.offline=true --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp/twin -DDJL_CACHE_DIR=/tmp/twin/djl" \
    JAVA_OPTS="" \
    SERVER_ADDRESS=0.0.0.0 \
    DATA_DIR=/data
ENTRYPOINT ["sh", "-c", "exec java $TWIN_JVM_FLAGS $JAVA_OPTS org.springframework.boot.loader.launch.JarLauncher \"$@\"", "--"]

FROM runtime AS cdc-service
COPY --from=layers /build/cdc-service/dependencies/ ./
COPY --from=layers /build/cdc-service/spring-boot-loader/ ./
COPY --from=layers /build/cdc-service/snapshot-dependencies/ ./
COPY --from=layers /build/cdc-service/application/ ./
USER twin
EXPOSE 8082
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8082/actuator/health/readiness || exit 1

FROM runtime AS feature-service
COPY --from=layers /build/feature-service/model/ ./
COPY --from=layers /build/feature-service/dependencies/ ./
COPY --from=layers /build/feature-service/spring-boot-loader/ ./
COPY --from=layers /build/feature-service/snapshot-dependencies/ ./
COPY --from=layers /build/feature-service/application/ ./
USER twin
EXPOSE 8083
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8083/actuator/health/readiness || exit 1

# The crawler renders pages and logs in to LinkedIn with Debian's Chromium, at the paths of
# crawler.browser.binary and crawler.browser.driver; installed before the jar's layers so
# that a code change does not rebuild it.
FROM runtime AS crawler-service
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium chromium-driver fonts-liberation \
    && rm -rf /var/lib/apt/lists/*
COPY --from=layers /build/crawler-service/dependencies/ ./
COPY --from=layers /build/crawler-service/spring-boot-loader/ ./
COPY --from=layers /build/crawler-service/snapshot-dependencies/ ./
COPY --from=layers /build/crawler-service/application/ ./
USER twin
EXPOSE 8081
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8081/actuator/health/readiness || exit 1

# The operator console: pages over the services' REST APIs, no data of its own.
FROM runtime AS console-service
COPY --from=layers /build/console-service/dependencies/ ./
COPY --from=layers /build/console-service/spring-boot-loader/ ./
COPY --from=layers /build/console-service/snapshot-dependencies/ ./
COPY --from=layers /build/console-service/application/ ./
USER twin
EXPOSE 8084
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8084/actuator/health/readiness || exit 1
