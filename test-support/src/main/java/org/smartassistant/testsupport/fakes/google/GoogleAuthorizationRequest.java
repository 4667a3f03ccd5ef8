package org.smartassistant.testsupport.fakes.google;

import java.util.Map;

/**
 * One visit of the fake's consent page: the parameters the authorisation URL carried ({@code
 * client_id}, {@code redirect_uri}, {@code scope}, {@code access_type}, {@code prompt}, {@code
 * state}, ...) and the account that consented (null when consent was refused).
 */
public record GoogleAuthorizationRequest(Map<String, String> params, String account) {

  public GoogleAuthorizationRequest {
    params = Map.copyOf(params);
  }

  public String param(String name) {
    return params.get(name);
  }
}
