package org.smartassistant.testsupport.fakes;

/**
 * A function the client offered the model in a request.
 *
 * @param name the function name
 * @param description its description, or null
 * @param parametersJson its JSON schema as text, or null
 */
public record OpenAiTool(String name, String description, String parametersJson) {}
