package org.smartassistant.testsupport.fakes;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link FakeOpenAi} answers to one chat-completions request: a text, tool calls, an OpenAI
 * error, or no answer at all; optionally after a delay.
 */
public final class OpenAiAnswer {

  enum Kind {
    TEXT,
    TOOL_CALLS,
    ERROR,
    HANG
  }

  private final Kind kind;
  private final String text;
  private final List<OpenAiToolCall> toolCalls;
  private final int status;
  private final String errorType;
  private final String errorCode;
  private final Duration retryAfter;
  private final Duration latency;
  private final Duration hang;
  private final Usage usage;
  private Duration chunkDelay = Duration.ZERO;

  /** Token counts the answer reports in its {@code usage}. */
  record Usage(long promptTokens, long completionTokens) {}

  private OpenAiAnswer(
      Kind kind,
      String text,
      List<OpenAiToolCall> toolCalls,
      int status,
      String errorType,
      String errorCode,
      Duration retryAfter,
      Duration latency,
      Duration hang) {
    this(kind, text, toolCalls, status, errorType, errorCode, retryAfter, latency, hang, null);
  }

  private OpenAiAnswer(
      Kind kind,
      String text,
      List<OpenAiToolCall> toolCalls,
      int status,
      String errorType,
      String errorCode,
      Duration retryAfter,
      Duration latency,
      Duration hang,
      Usage usage) {
    this.usage = usage;
    this.kind = kind;
    this.text = text;
    this.toolCalls = toolCalls;
    this.status = status;
    this.errorType = errorType;
    this.errorCode = errorCode;
    this.retryAfter = retryAfter;
    this.latency = latency;
    this.hang = hang;
  }

  /** The model answers with this text ({@code finish_reason: stop}). */
  public static OpenAiAnswer text(String text) {
    return new OpenAiAnswer(
        Kind.TEXT,
        Objects.requireNonNull(text),
        List.of(),
        200,
        null,
        null,
        null,
        Duration.ZERO,
        null);
  }

  /** The model calls one function with these JSON arguments (the call id is generated). */
  public static OpenAiAnswer toolCall(String functionName, String argumentsJson) {
    return toolCalls(OpenAiToolCall.of(functionName, argumentsJson));
  }

  /** The model calls several functions at once ({@code finish_reason: tool_calls}). */
  public static OpenAiAnswer toolCalls(OpenAiToolCall... calls) {
    if (calls.length == 0) {
      throw new IllegalArgumentException("at least one tool call");
    }
    return new OpenAiAnswer(
        Kind.TOOL_CALLS, null, List.of(calls), 200, null, null, null, Duration.ZERO, null);
  }

  /** HTTP 500 with OpenAI's {@code server_error} body. */
  public static OpenAiAnswer serverError() {
    return error(500, "The server had an error while processing your request. Sorry about that!");
  }

  /** HTTP 429 with a {@code Retry-After} (and {@code retry-after-ms}) header. */
  public static OpenAiAnswer rateLimited(Duration retryAfter) {
    return new OpenAiAnswer(
        Kind.ERROR,
        "Rate limit reached for requests. Please try again in " + retryAfter.toMillis() + "ms.",
        List.of(),
        429,
        "requests",
        "rate_limit_exceeded",
        retryAfter,
        Duration.ZERO,
        null);
  }

  /** Any error status with OpenAI's error body ({@code {"error":{"message",...}}}). */
  public static OpenAiAnswer error(int status, String message) {
    String type =
        switch (status) {
          case 400, 404 -> "invalid_request_error";
          case 401 -> "invalid_request_error";
          case 429 -> "requests";
          default -> "server_error";
        };
    String code = status == 401 ? "invalid_api_key" : null;
    return new OpenAiAnswer(
        Kind.ERROR, message, List.of(), status, type, code, null, Duration.ZERO, null);
  }

  /**
   * No answer: the request is held for the duration and then the connection is dropped, as an
   * upstream that stopped responding (the client's own timeout usually fires first).
   */
  public static OpenAiAnswer hang(Duration duration) {
    return new OpenAiAnswer(
        Kind.HANG, null, List.of(), 0, null, null, null, Duration.ZERO, duration);
  }

  /** The same answer, given only after this delay (added to the fake's global latency). */
  public OpenAiAnswer withLatency(Duration delay) {
    return new OpenAiAnswer(
            kind, text, toolCalls, status, errorType, errorCode, retryAfter, delay, hang, usage)
        .chunkedEvery(chunkDelay);
  }

  /**
   * The same answer, streamed (when the client asks for server-sent events) with this pause before
   * each chunk after the first, as a model that writes while it thinks; a plain JSON answer comes
   * after the sum of the pauses. Zero (the default): every chunk at once.
   */
  public OpenAiAnswer withChunkDelay(Duration delay) {
    return new OpenAiAnswer(
            kind, text, toolCalls, status, errorType, errorCode, retryAfter, latency, hang, usage)
        .chunkedEvery(delay);
  }

  /**
   * A tool-call answer whose message also carries this text before its calls ({@code content}
   * beside {@code tool_calls}), streamed before the calls, as models that say what they are about
   * to do.
   */
  public OpenAiAnswer withPreface(String preface) {
    if (kind != Kind.TOOL_CALLS) {
      throw new IllegalStateException("only a tool-call answer has a preface");
    }
    return new OpenAiAnswer(
            kind,
            Objects.requireNonNull(preface),
            toolCalls,
            status,
            errorType,
            errorCode,
            retryAfter,
            latency,
            hang,
            usage)
        .chunkedEvery(chunkDelay);
  }

  private OpenAiAnswer chunkedEvery(Duration delay) {
    this.chunkDelay = Objects.requireNonNull(delay);
    return this;
  }

  /** The pause before each streamed chunk after the first. */
  Duration chunkDelay() {
    return chunkDelay;
  }

  /**
   * The same answer, reporting exactly these token counts in its {@code usage} (streamed too)
   * instead of the fake's rough estimate.
   */
  public OpenAiAnswer withUsage(long promptTokens, long completionTokens) {
    return new OpenAiAnswer(
            kind,
            text,
            toolCalls,
            status,
            errorType,
            errorCode,
            retryAfter,
            latency,
            hang,
            new Usage(promptTokens, completionTokens))
        .chunkedEvery(chunkDelay);
  }

  /** The token counts to report, or null for the fake's estimate. */
  Usage usage() {
    return usage;
  }

  Kind kind() {
    return kind;
  }

  /** The text of a text answer (the preface of a tool-call one, or null), or an error's message. */
  String text() {
    return text;
  }

  List<OpenAiToolCall> toolCalls() {
    return toolCalls;
  }

  int status() {
    return status;
  }

  String errorType() {
    return errorType;
  }

  String errorCode() {
    return errorCode;
  }

  Duration retryAfter() {
    return retryAfter;
  }

  Duration latency() {
    return latency;
  }

  Duration hangFor() {
    return hang;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case TEXT -> "text(" + text + ")";
      case TOOL_CALLS -> "toolCalls(" + toolCalls + ")";
      case ERROR -> "error(" + status + ", " + text + ")";
      case HANG -> "hang(" + hang + ")";
    };
  }
}
