package org.smartassistant.calendar.oauth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.calendar.CalendarProperties;
import org.smartassistant.calendar.google.AuthorizationCodeRejectedException;
import org.smartassistant.calendar.google.GoogleCallFailedException;
import org.smartassistant.calendar.google.GoogleNotConfiguredException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.RestClientException;

/**
 * {@code GET /auth/connect} (the link the user opens) and {@code GET /auth/callback} (where Google
 * sends the user's browser after the consent). Not guarded by the internal token (a browser has
 * none): the signed, expiring, single-use state is what protects them. Every outcome is a small
 * HTML page, never a problem document.
 */
@Controller
class AuthorizationCallbackController {

  private static final Logger log = LoggerFactory.getLogger(AuthorizationCallbackController.class);
  private static final String ASK_AGAIN = "Ask the bot for a new link (/calendar) and try again.";

  private final CalendarConnections connections;
  private final CalendarProperties properties;

  AuthorizationCallbackController(CalendarConnections connections, CalendarProperties properties) {
    this.connections = connections;
    this.properties = properties;
  }

  @GetMapping("/auth/callback")
  ResponseEntity<String> callback(
      @RequestParam(required = false) String code,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String error) {
    connections.complete(code, state, error);
    return page(
        HttpStatus.OK,
        "Google Calendar connected",
        "Your calendar is connected. The assistant can now read your events and add new ones.");
  }

  /**
   * {@code GET /auth/connect?state=...}: the link the user got from the bot. Says whose calendar
   * will be connected and offers the way on to Google; it never redirects by itself. The state is
   * checked here and used up only at the callback.
   */
  @GetMapping("/auth/connect")
  ResponseEntity<String> connect(@RequestParam(required = false) String state) {
    CalendarConnections.Consent consent = connections.consent(state);
    return CallbackPage.render(
        HttpStatus.OK,
        "Connect Google Calendar",
        "This connects a Google calendar to the assistant of Telegram user "
            + consent.userLabel()
            + ". Continue only if that is you.",
        "Continue to Google",
        consent.googleUrl());
  }

  @ExceptionHandler(CalendarOwnerNotFoundException.class)
  ResponseEntity<String> unknownUser(CalendarOwnerNotFoundException e) {
    log.warn("connect page for an unknown user: {}", e.getMessage());
    return page(
        HttpStatus.NOT_FOUND, "Calendar not connected", "This link is not valid. " + ASK_AGAIN);
  }

  @ExceptionHandler(InvalidStateException.class)
  ResponseEntity<String> invalidState(InvalidStateException e) {
    log.warn("callback refused ({}): {}", e.reason(), e.getMessage());
    String message =
        switch (e.reason()) {
          case EXPIRED -> "This link has expired. " + ASK_AGAIN;
          case REPLAYED -> "This link has already been used. " + ASK_AGAIN;
          case FORGED -> "This link is not valid. " + ASK_AGAIN;
        };
    return page(HttpStatus.BAD_REQUEST, "Calendar not connected", message);
  }

  @ExceptionHandler(ConsentDeniedException.class)
  ResponseEntity<String> denied(ConsentDeniedException e) {
    log.info("callback without consent: {}", e.getMessage());
    return page(
        HttpStatus.BAD_REQUEST,
        "Calendar not connected",
        "Google did not grant access to your calendar. " + ASK_AGAIN);
  }

  @ExceptionHandler(ScopeNotGrantedException.class)
  ResponseEntity<String> scopeMissing(ScopeNotGrantedException e) {
    log.info("callback refused: {}", e.getMessage());
    return page(
        HttpStatus.BAD_REQUEST,
        "Calendar not connected",
        "The permission to see and edit your calendar events was not ticked on Google's page. "
            + ASK_AGAIN);
  }

  @ExceptionHandler(AuthorizationCodeRejectedException.class)
  ResponseEntity<String> codeRejected(AuthorizationCodeRejectedException e) {
    log.warn("callback refused: {}", e.getMessage());
    return page(
        HttpStatus.BAD_REQUEST,
        "Calendar not connected",
        "Google did not accept this sign-in any more. " + ASK_AGAIN);
  }

  @ExceptionHandler(GoogleNotConfiguredException.class)
  ResponseEntity<String> notConfigured(GoogleNotConfiguredException e) {
    return page(
        HttpStatus.SERVICE_UNAVAILABLE,
        "Google Calendar is not configured",
        "The operator of this assistant has not set up Google Calendar yet.");
  }

  @ExceptionHandler(GoogleCallFailedException.class)
  ResponseEntity<String> googleFailed(GoogleCallFailedException e) {
    log.error("callback failed at Google: {}", e.getMessage());
    return page(
        HttpStatus.BAD_GATEWAY,
        "Calendar not connected",
        "Google could not be reached or refused the request. " + ASK_AGAIN);
  }

  @ExceptionHandler(RestClientException.class)
  ResponseEntity<String> storeFailed(RestClientException e) {
    log.error("callback could not store the tokens: {}", e.getMessage());
    return page(
        HttpStatus.BAD_GATEWAY,
        "Calendar not connected",
        "Your calendar could not be saved just now. " + ASK_AGAIN);
  }

  private ResponseEntity<String> page(HttpStatus status, String title, String message) {
    return CallbackPage.render(status, title, message, properties.botLink());
  }
}
