package org.smartassistant.common.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;

class CalendarErrorCodeTest {

  private static HttpClientErrorException answer(HttpStatus status, String body) {
    return HttpClientErrorException.create(
        status,
        status.getReasonPhrase(),
        HttpHeaders.EMPTY,
        body.getBytes(StandardCharsets.UTF_8),
        StandardCharsets.UTF_8);
  }

  @Test
  void readsTheCodeOfAProblemDetail() {
    assertThat(
            CalendarErrorCode.of(
                answer(HttpStatus.UNAUTHORIZED, "{\"status\":401,\"code\":\"reauthorize\"}")))
        .hasValue(CalendarErrorCode.REAUTHORIZE);
    assertThat(CalendarErrorCode.of(answer(HttpStatus.CONFLICT, "{\"code\":\"not_connected\"}")))
        .hasValue(CalendarErrorCode.NOT_CONNECTED);
  }

  @Test
  void anAnswerWithoutAKnownCodeHasNone() {
    assertThat(CalendarErrorCode.of(answer(HttpStatus.UNAUTHORIZED, "{\"status\":401}"))).isEmpty();
    assertThat(CalendarErrorCode.of(answer(HttpStatus.CONFLICT, "{\"code\":\"other\"}"))).isEmpty();
    assertThat(CalendarErrorCode.of(answer(HttpStatus.BAD_GATEWAY, "<html>proxy</html>")))
        .isEmpty();
    assertThat(CalendarErrorCode.of(answer(HttpStatus.BAD_GATEWAY, ""))).isEmpty();
  }
}
