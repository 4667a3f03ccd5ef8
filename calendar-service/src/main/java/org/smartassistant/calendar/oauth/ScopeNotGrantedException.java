package org.smartassistant.calendar.oauth;

/** The user consented but unticked the calendar permission: the tokens would be useless. */
class ScopeNotGrantedException extends RuntimeException {

  ScopeNotGrantedException(String grantedScope) {
    super("the calendar permission was not granted (granted: " + grantedScope + ")");
  }
}
