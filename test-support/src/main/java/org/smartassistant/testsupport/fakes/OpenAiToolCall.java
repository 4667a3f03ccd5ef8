package org.smartassistant.testsupport.fakes;

/**
 * A function call of the model: in an answer the fake gives (id null: the fake generates one), or
 * in an assistant message a client sends back.
 *
 * @param id the call id ({@code call_...}) that the tool result refers to
 * @param name the function name
 * @param arguments the arguments as a JSON text
 */
public record OpenAiToolCall(String id, String name, String arguments) {

  /** A call with a generated id. */
  public static OpenAiToolCall of(String name, String argumentsJson) {
    return new OpenAiToolCall(null, name, argumentsJson);
  }
}
