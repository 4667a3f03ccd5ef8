package org.smartassistant.testsupport.fakes.google;

import java.util.Map;

/**
 * One call of the fake's token endpoint: the form parameters (secrets included; this is a test
 * fake), the HTTP status of the answer and the OAuth error code of a refusal ({@code
 * invalid_grant}, ...), else null.
 */
public record GoogleTokenRequest(Map<String, String> params, int status, String error) {

  public GoogleTokenRequest {
    params = Map.copyOf(params);
  }

  /** {@code authorization_code} or {@code refresh_token}. */
  public String grantType() {
    return params.get("grant_type");
  }

  public boolean succeeded() {
    return status == 200;
  }
}
