package org.smartassistant.assistant.conversation;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.smartassistant.assistant.llm.ChatExchange;
import org.smartassistant.assistant.llm.OverBudgetException;
import org.smartassistant.assistant.llm.TurnBudget;
import org.smartassistant.assistant.llm.TurnUsage;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.RecordUsageRequest;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.KeptValue;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.tool.ToolCallback;

/**
 * One turn of a user's secretary in their conversation, the same for a user message, a reminder and
 * a calendar confirmation: the prompt (instructions, now in the user's zone, the user, the facts
 * kept about the user that matter to what is answered, the summary) and the window followed by what
 * is to be answered, the model asked once per turn id, what was said stored once, the window
 * compacted afterwards. Every step is remembered under the turn's id ({@link TurnMemory}), so a
 * turn run again after a crash neither asks the model nor stores twice; tools that create something
 * key their calls {@code <id>:<n>}. A reply streamed to the user ({@link #answerWithTools(Message,
 * Consumer)}) is the same turn, its text passed on while the model writes it.
 */
public final class SecretaryTurn {

  /** The step of {@link TurnMemory} that stores what was said. */
  static final String STORED = "stored";

  private final SecretaryTurns turns;
  private final UUID id;
  private final UserDto user;
  private final AssistantDto secretary;
  private final long chatId;
  private final ZoneId zone;
  private Integer window;
  private Conversation conversation;

  /** The window as this turn left it when it stored what was said; null until then. */
  private Conversation remembered;

  private final List<TurnUsage> unrecordedUsage = new ArrayList<>();
  private boolean usageAfterReply;

  /** Whether the answer is remembered with the reply that carries it ({@link #answerToKeep}). */
  private boolean answerKeptWithReply;

  /** The answer this turn computed, to be remembered with its reply; null until then. */
  private KeptValue answerToKeep;

  SecretaryTurn(
      SecretaryTurns turns,
      UUID id,
      UserDto user,
      AssistantDto secretary,
      long chatId,
      ZoneId zone,
      Integer window) {
    this.turns = turns;
    this.id = id;
    this.user = user;
    this.secretary = secretary;
    this.chatId = chatId;
    this.zone = zone;
    this.window = window;
  }

  public UUID id() {
    return id;
  }

  public UserDto user() {
    return user;
  }

  /** Who speaks, or null. */
  public AssistantDto secretary() {
    return secretary;
  }

  public long chatId() {
    return chatId;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The conversation so far, read once per turn. */
  public Conversation conversation() {
    if (conversation == null) {
      conversation = turns.conversations.load(user.id(), window());
    }
    return conversation;
  }

  /** What the model is sent to answer {@code next}: no tools, a budget of its own. */
  public ChatExchange exchange(Message next) {
    return exchange(next, turns.limits.newTurn(), List.of(), Map.of());
  }

  /**
   * What the model is sent to answer {@code next} with the secretary's tools, which share the
   * turn's budget with every delegation they make.
   */
  public ChatExchange exchangeWithTools(Message next) {
    TurnBudget budget = turns.limits.newTurn();
    TurnTools.Offer offer = turns.tools.offer(this, budget);
    return exchange(next, budget, offer.callbacks(), offer.context());
  }

  /**
   * The secretary's answer to {@code next}, without tools; the same text when asked again. The
   * user's daily budget is checked before the model is asked, and what the models used is recorded
   * after.
   *
   * @throws org.smartassistant.assistant.llm.LlmCallException when the model fails
   * @throws OverBudgetException when the user has used the day's budget: no model was asked
   */
  public String answer(Message next) {
    return turns.memory.answer(id, () -> ask(() -> exchange(next), null));
  }

  /** As {@link #answer}, with the secretary's tools. */
  public String answerWithTools(Message next) {
    return answered(() -> ask(() -> exchangeWithTools(next), null));
  }

  /**
   * As {@link #answerWithTools(Message)}, the model streaming: {@code partial} receives the text
   * written so far (see {@link org.smartassistant.assistant.llm.AssistantChat#stream}). A turn
   * answered before (run again after a crash) passes nothing on and gives the same text.
   */
  public String answerWithTools(Message next, Consumer<String> partial) {
    return answered(() -> ask(() -> exchangeWithTools(next), partial));
  }

  /**
   * The answer is not remembered by {@link #answerWithTools} itself: the caller publishes the reply
   * with {@link #answerToKeep}, which remembers it in the same step (one round trip fewer before
   * the user has the reply). A turn whose reply never went out (the instance died in between) asks
   * the model again when run again; one whose reply went out finds its answer.
   */
  public SecretaryTurn keepingAnswerWithReply() {
    answerKeptWithReply = true;
    return this;
  }

  /**
   * The answer computed by this turn, to set with the entry that publishes it ({@link
   * org.smartassistant.common.stream.EnvelopePublisher#publish(
   * org.smartassistant.common.stream.Envelope, String, KeptValue)}); null when the answer was given
   * before (found, not computed) or the turn is not {@link #keepingAnswerWithReply}.
   */
  public KeptValue answerToKeep() {
    return answerToKeep;
  }

  private String answered(Supplier<String> compute) {
    if (!answerKeptWithReply) {
      return turns.memory.answer(id, compute);
    }
    String earlier = turns.memory.earlierAnswer(id);
    if (earlier != null) {
      return earlier;
    }
    String answer = compute.get();
    answerToKeep = turns.memory.keptAnswer(id, answer);
    return answer;
  }

  private String ask(Supplier<ChatExchange> prepare, Consumer<String> partial) {
    turns.budgets.check(user.id());
    ChatExchange exchange = prepare.get();
    try {
      return partial == null ? turns.chat.call(exchange) : turns.chat.stream(exchange, partial);
    } finally {
      unrecordedUsage.add(exchange.budget().usage());
      if (!usageAfterReply) {
        recordUsage();
      }
    }
  }

  /**
   * What the models use in this turn goes with its history ({@link #remember}), or else is recorded
   * by {@link #recordUsage}, which the caller calls once the reply is out (and when the turn
   * fails), so that the user does not wait for it; a user's next message is handled after it, so
   * its budget check sees it.
   */
  public SecretaryTurn recordingUsageAfterReply() {
    usageAfterReply = true;
    return this;
  }

  /** Records what the models used in this turn and is not recorded yet; best effort. */
  public void recordUsage() {
    for (TurnUsage usage : unrecordedUsage) {
      turns.usage.record(user.id(), usage);
    }
    unrecordedUsage.clear();
  }

  /**
   * Adds what was said to the conversation, once per turn: in rest-service, keyed {@code
   * <id>:history:<i>:<role>}, and in the window. What the models used in the turn and is not
   * recorded yet goes with it, in the same request; it is recorded on its own only if that fails.
   */
  public void remember(HistoryMessage... said) {
    List<RecordUsageRequest> usage =
        unrecordedUsage.stream().flatMap(turn -> turns.usage.lines(turn).stream()).toList();
    if (!turns.memory.done(id, STORED)) {
      // the window and the mark in one write: a turn run again appends to the window once
      remembered =
          turns.conversations.append(
              user.id(),
              secretary == null ? null : secretary.id(),
              conversation(),
              List.of(said),
              id.toString(),
              usage,
              turns.memory.doneMark(id, STORED));
    }
    turns.usage.counted(usage);
    unrecordedUsage.clear();
  }

  /**
   * Folds the older half of an overflowing window into the summary; best effort, and not while the
   * user is over the day's budget (tried again on a later turn).
   */
  public void compact() {
    int size = window();
    // the window this turn just saved, else (stored by an earlier try of the turn) as Redis has it
    Conversation current =
        remembered != null ? remembered : turns.conversations.load(user.id(), size);
    if (!Summarizer.overflows(current, size)) {
      return;
    }
    try {
      if (!turns.budgets.allows(user.id())) {
        return;
      }
    } catch (RuntimeException e) {
      // rest-service unreachable: the summary waits for a later turn, like a failed one
      return;
    }
    // the summarizer records what its model call cost, with the summary when it is kept
    turns.summarizer.compactIfLong(user.id(), secretary, current, size, turns.limits.newTurn());
  }

  private ChatExchange exchange(
      Message next, TurnBudget budget, List<ToolCallback> tools, Map<String, Object> context) {
    if (secretary == null) {
      throw new IllegalStateException("no secretary speaks in turn " + id);
    }
    return new ChatExchange(
        secretary,
        turns.systemPrompt.build(
            secretary,
            user,
            zone,
            turns.facts.relevantTo(user.id(), next.getText()),
            conversation().summary()),
        conversation().toMessages(next),
        tools,
        context,
        budget);
  }

  private int window() {
    if (window == null) {
      window = turns.window();
    }
    return window;
  }
}
