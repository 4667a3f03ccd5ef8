package org.smartassistant.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class SuiteSmokeTest {

  @Test
  void allFiveServicesComeUp() throws Exception {
    Suite suite = Suite.shared();
    HttpClient http = HttpClient.newHttpClient();

    for (Service service : Service.values()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(suite.baseUrl(service) + "/actuator/health"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(service.module()).isEqualTo(200);
      assertThat(response.body()).as(service.module()).contains("\"status\":\"UP\"");
    }
  }
}
