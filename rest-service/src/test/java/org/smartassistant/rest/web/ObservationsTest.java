package org.smartassistant.rest.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.smartassistant.rest.RestServiceTest;

/**
 * What a request records: its own observation (the {@code http.server.requests} timer and the
 * trace), not Spring Security's per-filter and per-authorization ones, which cost CPU on every
 * request and which nothing reads.
 */
class ObservationsTest extends RestServiceTest {

  @Test
  void aRequestIsTimedButSpringSecuritysOwnObservationsAreOff() {
    assertThat(api().get("/api/settings").status()).isEqualTo(200);

    String metrics = api().get("/actuator/prometheus").body();

    assertThat(metrics).contains("http_server_requests_seconds_count{");
    assertThat(metrics).doesNotContain("spring_security_");
  }
}
