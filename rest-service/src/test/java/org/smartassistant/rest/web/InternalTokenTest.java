package org.smartassistant.rest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.CreateUserRequest;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.restclient.ServiceClientProperties;
import org.smartassistant.common.restclient.ServiceClients;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;
import org.springframework.web.client.HttpClientErrorException;

/** Every path needs the internal token; only the health status and probes do not. */
class InternalTokenTest extends RestServiceTest {

  @Test
  void apiAnswers401WithoutOrWithAWrongTokenAnd200WithTheRightOne() {
    Api.Response without = api().withToken(null).get("/api/settings");
    Api.Response wrong = api().withToken("not-the-token").get("/api/settings");
    Api.Response right = api().get("/api/settings");

    assertThat(without.status()).isEqualTo(401);
    assertThat(without.isProblem()).isTrue();
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(right.status()).isEqualTo(200);
  }

  @Test
  void theCommonClientSendsTheToken() {
    RestServiceClient client = client();
    long telegramId = nextTelegramId();

    UserDto created = client.createUser(CreateUserRequest.of(telegramId, "bob", "Bob"));

    assertThat(client.userByTelegramId(telegramId).id()).isEqualTo(created.id());
    RestServiceClient withWrongToken =
        ServiceClients.create(
            RestServiceClient.class,
            restClientBuilder,
            new ServiceClientProperties(baseUrl(), null, null, 0, null),
            "wrong");
    assertThatThrownBy(() -> withWrongToken.userByTelegramId(telegramId))
        .isInstanceOf(HttpClientErrorException.Unauthorized.class);
  }

  @Test
  void healthProbesNeedNoTokenButMetricsAndApiDocsDo() {
    Api anonymous = api().withToken(null);

    assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
    assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
    for (String path :
        new String[] {
          "/actuator/prometheus", "/actuator/info", "/v3/api-docs", "/swagger-ui/index.html"
        }) {
      Api.Response refused = anonymous.get(path);
      assertThat(refused.status()).as(path).isEqualTo(401);
      assertThat(refused.isProblem()).as(path).isTrue();
    }

    assertThat(api().get("/actuator/prometheus").status()).isEqualTo(200);
    Api.Response docs = api().get("/v3/api-docs");
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.body())
        .contains("/api/reminders/scheduled", "/api/users/{id}/secretary", "/api/settings");
    assertThat(api().get("/swagger-ui/index.html").status()).isEqualTo(200);
  }

  @Test
  void healthShowsComponentsOnlyWithTheToken() {
    Api.Response anonymous = api().withToken(null).get("/actuator/health");
    Api.Response internal = api().get("/actuator/health");

    assertThat(anonymous.status()).isEqualTo(200);
    assertThat(anonymous.body()).contains("\"status\":\"UP\"").doesNotContain("components", "db");
    assertThat(internal.status()).isEqualTo(200);
    assertThat(internal.body()).contains("\"components\"", "\"db\"", "\"redis\"");
  }
}
