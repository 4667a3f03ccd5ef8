package org.smartassistant.assistant.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartassistant.assistant.AssistantFlowTest;
import org.smartassistant.common.api.MessageDto;
import org.smartassistant.common.api.MessageRole;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.smartassistant.testsupport.fakes.OpenAiRequest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A {@code calendar_connected} from calendar-service, handed to the handler of the running service:
 * real Redis (outbox and turn memory), Spring AI's OpenAI model against the fake OpenAI API, a fake
 * rest-service.
 */
class CalendarConnectedHandlerTest extends AssistantFlowTest {

  @Autowired CalendarConnectedHandler handler;

  @Test
  void theSecretaryTellsTheUserInItsOwnWordsAndTheConversationKeepsIt() {
    long user = newUser("Lena", "Europe/Berlin");
    llm.enqueue(OpenAiAnswer.text("Lovely, Lena – your calendar is connected now!"));
    Envelope connected = connected(user, chatOf(user));

    handler.handle(connected);

    Envelope answer = answerTo(connected);
    assertThat(answer.type()).isEqualTo(EnvelopeType.NOTIFICATION);
    assertThat(answer.chatId()).isEqualTo(chatOf(user));
    assertThat(answer.userId()).isEqualTo(user);
    assertThat(answer.text()).isEqualTo("Lovely, Lena – your calendar is connected now!");
    OpenAiRequest request = llm.lastRequest();
    assertThat(request.systemPrompt())
        .startsWith("You are Lena's secretary.")
        .contains("Time zone: Europe/Berlin.");
    assertThat(request.lastUserText()).isEqualTo(CalendarConnectedHandler.NOTICE);
    assertThat(rest.messages(user))
        .extracting(MessageDto::role, MessageDto::content)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                MessageRole.ASSISTANT, "Lovely, Lena – your calendar is connected now!"));
  }

  @Test
  void whenTheModelFailsTheUserStillHearsThatItWorked() {
    long user = newUser("Mo", "UTC");
    llm.setDefaultAnswer(OpenAiAnswer.serverError());
    Envelope connected = connected(user, chatOf(user));

    handler.handle(connected);

    assertThat(answerTo(connected).text()).isEqualTo(CalendarConnectedHandler.CONFIRMATION);
    assertThat(rest.messages(user))
        .extracting(MessageDto::content)
        .containsExactly(CalendarConnectedHandler.CONFIRMATION);
  }

  @Test
  void announcedTwiceTheUserIsToldOnce() {
    long user = newUser("Nia", "UTC");
    llm.enqueue(OpenAiAnswer.text("Connected!"), OpenAiAnswer.text("Connected again?"));
    Envelope connected = connected(user, chatOf(user));

    handler.handle(connected);
    handler.handle(connected);

    assertThat(answersTo(connected)).extracting(Envelope::text).containsExactly("Connected!");
    assertThat(llm.requests()).hasSize(1);
    assertThat(rest.messages(user)).hasSize(1);
  }

  @Test
  void withoutAChatInTheEnvelopeTheUsersTelegramChatIsUsed() {
    long user = newUser("Oli", "UTC");
    llm.enqueue(OpenAiAnswer.text("Your calendar is connected."));
    Envelope connected = connected(user, null);

    handler.handle(connected);

    assertThat(answerTo(connected).chatId()).isEqualTo(chatOf(user));
  }

  long newUser(String name, String zone) {
    return newUser(name, zone, "You are " + name + "'s secretary.");
  }

  static Envelope connected(long user, Long chatId) {
    return Envelope.of(
        EnvelopeType.CALENDAR_CONNECTED, user, chatId, null, "calendar-service", NOW);
  }

  Envelope answerTo(Envelope connected) {
    List<Envelope> answers = answersTo(connected);
    assertThat(answers).as("outbox entries answering " + connected.id()).hasSize(1);
    return answers.get(0);
  }
}
