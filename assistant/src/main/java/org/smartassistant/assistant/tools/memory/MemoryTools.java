package org.smartassistant.assistant.tools.memory;

import java.util.List;
import org.smartassistant.assistant.secretary.SecretaryResolver;
import org.smartassistant.assistant.tools.ToolFamily;
import org.smartassistant.assistant.tools.ToolTurn;
import org.smartassistant.assistant.tools.ToolUser;
import org.smartassistant.common.api.IdempotencyKey;
import org.smartassistant.common.api.MemoryDto;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.api.SaveMemoryRequest;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

/**
 * The long-term memory tools ({@code memory_save}, {@code memory_search}, {@code memory_forget}),
 * acting through rest-service for the user of the {@link ToolContext} only: no argument names a
 * user, and another user's fact number is answered like an unknown one (rest-service answers 404).
 */
@Component
class MemoryTools implements ToolFamily {

  /** Facts listed by {@code memory_search}. */
  static final int FOUND = 20;

  private final RestServiceClient rest;
  private final SecretaryResolver resolver;

  MemoryTools(RestServiceClient rest, SecretaryResolver resolver) {
    this.rest = rest;
    this.resolver = resolver;
  }

  @Tool(
      name = "memory_save",
      description =
          "Keeps a lasting fact about the user for later conversations (family, preferences,"
              + " habits), as one short sentence, e.g. 'Their daughter is Mia'.")
  public String save(
      @ToolParam(description = "The fact, one short sentence") String fact, ToolContext context) {
    ToolUser user = ToolUser.from(context);
    if (fact == null || fact.isBlank()) {
      return "Say the fact to keep in 'fact', e.g. 'Their daughter is Mia'.";
    }
    if (fact.strip().length() > SaveMemoryRequest.MAX_LENGTH) {
      return "The fact is too long: keep it to one short sentence of at most "
          + SaveMemoryRequest.MAX_LENGTH
          + " characters.";
    }
    MemoryDto kept;
    try {
      kept =
          rest.saveMemory(
              user.userId(), ToolTurn.nextKey(context), new SaveMemoryRequest(fact.strip()));
    } catch (HttpClientErrorException.Conflict e) {
      if (e.getResponseBodyAsString().contains(IdempotencyKey.HEADER)) {
        return "No new fact was kept: while this message was handled earlier a fact was already"
            + " kept for this request; memory_search shows it.";
      }
      return "The fact was not kept because the user's memory is full: tell the user so and ask"
          + " which fact to forget (memory_search lists them, memory_forget removes one).";
    } catch (HttpClientErrorException.BadRequest e) {
      return "The fact was not kept: rest-service refused it as malformed.";
    }
    // rest-service announces it too; the user's next turn must not wait for that
    resolver.factsChanged(user.userId());
    return "Kept: \"" + kept.content() + "\" [" + kept.id() + "].";
  }

  @Tool(
      name = "memory_search",
      description =
          "Finds the facts kept about the user that share words with the query, most relevant"
              + " first; without a query, the newest. Each starts with the number in brackets"
              + " that memory_forget takes.")
  public String search(
      @ToolParam(required = false, description = "Words to look for, e.g. 'daughter school'")
          String query,
      ToolContext context) {
    ToolUser user = ToolUser.from(context);
    boolean any = query == null || query.isBlank();
    List<MemoryDto> found = rest.memories(user.userId(), any ? null : query.strip(), FOUND);
    if (found.isEmpty()) {
      return any
          ? "Nothing is kept about the user yet."
          : "No kept fact shares a word with '" + query.strip() + "'.";
    }
    StringBuilder answer =
        new StringBuilder(any ? "The newest facts kept about the user:" : "Facts found:");
    for (MemoryDto fact : found) {
      answer.append("\n- [").append(fact.id()).append("] ").append(fact.content());
    }
    return answer.toString();
  }

  @Tool(
      name = "memory_forget",
      description =
          "Forgets one fact kept about the user, by the number in brackets that memory_search"
              + " and the prompt show, e.g. 12.")
  public String forget(
      @ToolParam(description = "The fact's number, e.g. 12") String id, ToolContext context) {
    ToolUser user = ToolUser.from(context);
    String digits = id == null ? "" : id.strip().replaceAll("[\\[\\]#]", "");
    long number;
    try {
      number = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return "'"
          + id
          + "' is not a fact's number; memory_search shows each fact's number in brackets, e.g."
          + " [12].";
    }
    try {
      rest.forgetMemory(user.userId(), number);
    } catch (HttpClientErrorException.NotFound e) {
      return "No fact [" + number + "] is kept about the user; memory_search shows them.";
    }
    resolver.factsChanged(user.userId());
    return "Forgot fact [" + number + "].";
  }
}
