package org.smartassistant.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class InternalTokenFilterTest {

  private static MockHttpServletResponse call(InternalTokenFilter filter, String path, String token)
      throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
    if (token != null) {
      request.addHeader(InternalToken.HEADER, token);
    }
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();
    filter.doFilter(request, response, chain);
    if (chain.getRequest() != null) {
      response.setStatus(200);
    }
    return response;
  }

  @Test
  void refusesAGuardedPathWithoutOrWithAWrongToken() throws Exception {
    InternalTokenFilter filter =
        new InternalTokenFilter(new InternalTokenProperties("s3cret", null));

    MockHttpServletResponse missing = call(filter, "/api/users/1", null);
    MockHttpServletResponse wrong = call(filter, "/api/users/1", "s3cres");

    assertThat(missing.getStatus()).isEqualTo(401);
    assertThat(missing.getContentType()).startsWith("application/problem+json");
    assertThat(missing.getContentAsString()).contains("\"status\":401");
    assertThat(wrong.getStatus()).isEqualTo(401);
    assertThat(call(filter, "/api/users/1", "s3cret").getStatus()).isEqualTo(200);
  }

  @Test
  void leavesUnguardedPathsOpen() throws Exception {
    InternalTokenFilter filter =
        new InternalTokenFilter(new InternalTokenProperties("s3cret", List.of("/events/**")));

    assertThat(call(filter, "/actuator/health", null).getStatus()).isEqualTo(200);
    assertThat(call(filter, "/auth/callback", null).getStatus()).isEqualTo(200);
    assertThat(call(filter, "/events/7", null).getStatus()).isEqualTo(401);
  }

  @Test
  void refusesEverythingWhenNoTokenIsConfigured() throws Exception {
    InternalTokenFilter filter = new InternalTokenFilter(new InternalTokenProperties("", null));

    assertThat(call(filter, "/api/users", "").getStatus()).isEqualTo(401);
    assertThat(call(filter, "/api/users", "anything").getStatus()).isEqualTo(401);
  }

  @Test
  void comparesTokensExactly() {
    assertThat(InternalToken.matches("abc", "abc")).isTrue();
    assertThat(InternalToken.matches("abc", "abcd")).isFalse();
    assertThat(InternalToken.matches("abc", null)).isFalse();
    assertThat(InternalToken.matches(null, "abc")).isFalse();
  }
}
