package org.smartassistant.rest.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.smartassistant.common.api.IdempotencyKey;
import org.smartassistant.common.web.InvalidInputException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The rules of the {@code Idempotency-Key} header on creating requests: a key is stored with the
 * row it created and a digest of the request; the same key of the same user is answered with that
 * row (200, {@code Idempotent-Replayed: true}) and nothing is written, the same key with another
 * request is refused with 409.
 */
public final class Idempotency {

  /** Answer header of a request answered with the result of an earlier one. */
  public static final String REPLAYED = "Idempotent-Replayed";

  private Idempotency() {}

  /**
   * The key as sent, or null without one.
   *
   * @throws InvalidInputException when it is blank or too long
   */
  public static String check(String key) {
    if (key == null) {
      return null;
    }
    if (key.isBlank()) {
      throw new InvalidInputException(IdempotencyKey.HEADER, "must not be blank");
    }
    if (key.length() > IdempotencyKey.MAX_LENGTH) {
      throw new InvalidInputException(
          IdempotencyKey.HEADER, "must be at most " + IdempotencyKey.MAX_LENGTH + " characters");
    }
    return key;
  }

  /** A digest of a request record (its components, in order), to tell a repeat from another. */
  public static String digest(Record request) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(request.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  /** The row a key created before, checked against the request repeating it. */
  public static <T> Outcome<T> replay(
      String key, String storedDigest, String requestDigest, T earlier) {
    if (!requestDigest.equals(storedDigest)) {
      throw new ConflictException(
          IdempotencyKey.HEADER
              + " '"
              + key
              + "' was already used for a different request; use a new key for a new request");
    }
    return new Outcome<>(earlier, true);
  }

  /**
   * Runs a keyed create; when a concurrent request with the same key won the race (the unique key
   * refused this one), runs it again, which then finds and answers the winner's row.
   */
  public static <T> Outcome<T> run(String key, Supplier<Outcome<T>> create) {
    try {
      return create.get();
    } catch (DataIntegrityViolationException e) {
      if (key == null) {
        throw e;
      }
      return create.get();
    }
  }

  /** The answer: 201 with the body when created, 200 and the replay header when repeated. */
  public static <T> ResponseEntity<T> answer(
      Outcome<T> outcome, java.util.function.Function<T, java.net.URI> location) {
    if (outcome.replayed()) {
      return ResponseEntity.status(HttpStatus.OK).header(REPLAYED, "true").body(outcome.value());
    }
    java.net.URI uri = location == null ? null : location.apply(outcome.value());
    return uri == null
        ? ResponseEntity.status(HttpStatus.CREATED).body(outcome.value())
        : ResponseEntity.created(uri).body(outcome.value());
  }

  /**
   * What a create did.
   *
   * @param value the row's representation
   * @param replayed whether it was created by an earlier request with the same key
   */
  public record Outcome<T>(T value, boolean replayed) {

    public static <T> Outcome<T> created(T value) {
      return new Outcome<>(value, false);
    }
  }
}
