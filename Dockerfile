# The image of each of the five services, from one Dockerfile (the service is a build argument):
#   docker build --build-arg SERVICE=rest-service --build-arg SERVICE_PORT=8000 -t smart-assistant/rest-service .
# docker-compose.yml does this for every service, and ./manage.sh start drives docker compose.
#
# Base images are build arguments, defaulting to the official ones; a host that cannot pull them
# builds stand-ins from Debian's packages with docker/local-base-images.sh.
ARG JDK_IMAGE=eclipse-temurin:17-jdk
ARG JRE_IMAGE=eclipse-temurin:21-jre
# Where the jars come from:
#   maven  one Maven build of the reactor inside the build (shared by the five images: BuildKit
#          runs the identical stage once); needs access to Maven Central
#   host   the jars `./mvnw package` built on the host, staged by ./manage.sh as
#          docker/host-jars/<service>.jar
ARG JARS=maven

# --- source: the Maven reactor with the Maven Wrapper, also the test runner of
# docker-compose.test.yml, which runs it as user runner (PostgreSQL, embedded in some tests,
# refuses root; group 0 reads a host's ~/.m2 lent read-only). BuildKit sends only what a stage
# copies, never the staged jars.
FROM ${JDK_IMAGE} AS source
RUN useradd --create-home --uid 10001 --gid 0 runner && mkdir -p /home/runner/.m2 /workspace \
 && chown runner:0 /home/runner/.m2 /workspace
WORKDIR /workspace
COPY --chown=runner:0 mvnw pom.xml ./
COPY --chown=runner:0 .mvn .mvn
COPY --chown=runner:0 common common
COPY --chown=runner:0 test-support test-support
COPY --chown=runner:0 rest-service rest-service
COPY --chown=runner:0 calendar-service calendar-service
COPY --chown=runner:0 assistant assistant
COPY --chown=runner:0 tg-bot tg-bot
COPY --chown=runner:0 cron-service cron-service
COPY --chown=runner:0 e2e e2e

# --- the jars, built here; ~/.m2 is a build cache, not a layer
FROM source AS jars-maven
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -Dspotless.skip=true \
      -pl rest-service,calendar-service,assistant,tg-bot,cron-service -am package \
 && mkdir /jars \
 && for s in rest-service calendar-service assistant tg-bot cron-service; do cp "$s/target/$s-"*.jar "/jars/$s.jar"; done

# --- the jars, built on the host
FROM scratch AS jars-host
COPY docker/host-jars/ /jars/

FROM jars-${JARS} AS jars

# --- the service's jar as layers, from the least to the most often changed
FROM ${JRE_IMAGE} AS layers
ARG SERVICE
RUN --mount=type=bind,from=jars,source=/jars,target=/jars \
    test -n "${SERVICE}" && test -f "/jars/${SERVICE}.jar" \
 && java -Djarmode=tools -jar "/jars/${SERVICE}.jar" extract --layers --destination /extracted

# --- runtime: a JRE, the layers, a non-root user; no secret in any layer (all come from the
# container's environment)
FROM ${JRE_IMAGE} AS runtime
# /app/cds: the class data archive, recorded at the container's first start (bin/run-service)
RUN groupadd --system app && useradd --system --gid app --home-dir /app --no-create-home app \
 && mkdir -p /app/cds && chown app:app /app/cds
WORKDIR /app
COPY --from=layers /extracted/dependencies/ ./
COPY --from=layers /extracted/spring-boot-loader/ ./
COPY --from=layers /extracted/snapshot-dependencies/ ./
COPY --from=layers /extracted/application/ ./
COPY jvm*.options ./
COPY bin/run-service ./run-service
USER app
ARG SERVICE
ARG SERVICE_PORT=8000
ENV SERVICE_NAME=${SERVICE} \
    SERVICE_PORT=${SERVICE_PORT} \
    SERVICE_JAVA_OPTS="" \
    CDS_DIR=/app/cds
EXPOSE ${SERVICE_PORT}
# ready = /actuator/health/readiness answers 200 (a public path); no curl in a JRE image: bash's /dev/tcp
HEALTHCHECK --interval=5s --timeout=5s --start-period=120s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SERVICE_PORT} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]
# jvm.options: the same JVM options as in local mode; SERVICE_JAVA_OPTS comes later and wins;
# run-service: the same launcher as in local mode, with the class data archive; the container's
# command, if any, is the application's arguments (./manage.sh upgrade runs
# `compose run rest-service --smart.command=upgrade`)
ENTRYPOINT ["bash", "-c", "exec /app/run-service /app/${SERVICE_NAME}.jar @/app/jvm.options ${SERVICE_JAVA_OPTS} -- \"$@\"", "run-service"]
