package org.smartassistant.rest.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.AppendMessageRequest;
import org.smartassistant.common.api.AppendMessagesRequest;
import org.smartassistant.common.api.ConversationWindowDto;
import org.smartassistant.common.api.LlmProvider;
import org.smartassistant.common.api.MessageDto;
import org.smartassistant.common.api.MessageRole;
import org.smartassistant.common.api.RecordUsageRequest;
import org.smartassistant.common.api.UsageDto;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;
import org.springframework.web.client.HttpClientErrorException;

class MessageResourceTest extends RestServiceTest {

  @Test
  void returnsTheLastMessagesOldestFirst() {
    long user = newUser();
    String path = "/api/users/" + user + "/messages";
    for (int i = 1; i <= 5; i++) {
      Api.Response appended =
          api().post(path, Api.json("role", i % 2 == 1 ? "user" : "assistant", "content", "m" + i));
      assertThat(appended.status()).isEqualTo(201);
    }

    Api.Response lastThree = api().get(path + "?limit=3");
    Api.Response assistantOnly = api().get(path + "?role=assistant");

    assertThat(lastThree.status()).isEqualTo(200);
    assertThat(contents(lastThree)).containsExactly("m3", "m4", "m5");
    assertThat(contents(assistantOnly)).containsExactly("m2", "m4");
    assertThat(lastThree.json().get(0).get("role").asString()).isEqualTo("user");
  }

  @Test
  void theWindowIsTheLastMessagesAndTheNewestSummaryInOneAnswer() {
    long user = newUser();
    String path = "/api/users/" + user + "/messages";
    assertThat(client().conversationWindow(user, 5).summary()).isNull();
    api().post(path, Api.json("role", "system", "content", "old summary"));
    api().post(path, Api.json("role", "user", "content", "m1"));
    api().post(path, Api.json("role", "system", "content", "new summary"));
    for (int i = 2; i <= 4; i++) {
      api().post(path, Api.json("role", i % 2 == 0 ? "assistant" : "user", "content", "m" + i));
    }

    ConversationWindowDto window = client().conversationWindow(user, 3);

    assertThat(window.summary()).isEqualTo("new summary");
    assertThat(window.messages()).extracting(MessageDto::content).containsExactly("m2", "m3", "m4");
    assertThat(api().get(path + "/window?limit=0").errorFields()).containsExactly("limit");
    assertThat(api().get("/api/users/99999999/messages/window").status()).isEqualTo(404);
    assertThat(api().withToken(null).get(path + "/window").status()).isEqualTo(401);
  }

  @Test
  void resetForgetsTheConversation() {
    long user = newUser();
    String path = "/api/users/" + user + "/messages";
    api().post(path, Api.json("role", "user", "content", "hello"));

    assertThat(api().delete(path).status()).isEqualTo(204);

    assertThat(api().get(path).json().size()).isZero();
  }

  @Test
  void refusesBadInputAndUnknownUsers() {
    long user = newUser();
    String path = "/api/users/" + user + "/messages";

    Api.Response badRole = api().post(path, Api.json("role", "robot", "content", "x"));
    Api.Response noContent = api().post(path, Api.json("role", "user"));
    Api.Response tooMany = api().get(path + "?limit=501");
    Api.Response unknown = api().get("/api/users/99999999/messages");
    Api.Response unknownAppend =
        api().post("/api/users/99999999/messages", Api.json("role", "user", "content", "x"));

    assertThat(badRole.status()).isEqualTo(400);
    assertThat(badRole.errorFields()).containsExactly("role");
    assertThat(noContent.errorFields()).containsExactly("content");
    assertThat(tooMany.errorFields()).containsExactly("limit");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknownAppend.status()).isEqualTo(404);
    assertThat(api().delete("/api/users/99999999/messages").status()).isEqualTo(404);
  }

  @Test
  void aBatchAppendsInOrderOnceUnderItsKeyAndAllOrNothing() {
    long user = newUser();
    UUID assistant = newAssistant(true);
    AppendMessagesRequest turn =
        new AppendMessagesRequest(
            List.of(
                new AppendMessageRequest(null, MessageRole.USER, "hello"),
                new AppendMessageRequest(assistant, MessageRole.ASSISTANT, "hi there")));

    List<MessageDto> first = client().appendMessages(user, "turn-7:history", turn);
    List<MessageDto> again = client().appendMessages(user, "turn-7:history", turn);
    // the keys a single append of each message would use: the same rows
    MessageDto single =
        client().appendMessage(user, "turn-7:history:1:assistant", turn.messages().get(1));

    assertThat(first).extracting(MessageDto::content).containsExactly("hello", "hi there");
    assertThat(first.get(1).assistantId()).isEqualTo(assistant);
    assertThat(again).isEqualTo(first);
    assertThat(single).isEqualTo(first.get(1));
    assertThat(client().messages(user, null, null)).isEqualTo(first);

    // a later message naming no assistant fails the whole batch: nothing of it is written
    Api.Response bad =
        api()
            .post(
                "/api/users/" + user + "/messages/batch",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},"
                    + "{\"role\":\"assistant\",\"content\":\"b\",\"assistantId\":\""
                    + UUID.randomUUID()
                    + "\"}]}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.errorFields()).containsExactly("messages[1].assistantId");
    assertThat(client().messages(user, null, null)).hasSize(2);
  }

  @Test
  void aBatchPartlyStoredBeforeStoresTheRestAndAnswersWhatWasStored() {
    long user = newUser();
    AppendMessageRequest hello = new AppendMessageRequest(null, MessageRole.USER, "hello");
    // the first message of the turn was stored before, under the key the batch gives it
    MessageDto before = client().appendMessage(user, "turn-8:history:0:user", hello);

    List<MessageDto> batch =
        client()
            .appendMessages(
                user,
                "turn-8:history",
                new AppendMessagesRequest(
                    List.of(hello, new AppendMessageRequest(null, MessageRole.ASSISTANT, "hi"))));

    assertThat(batch.get(0)).isEqualTo(before);
    assertThat(batch.get(1).content()).isEqualTo("hi");
    assertThat(batch.get(1).id()).isGreaterThan(before.id());
    assertThat(client().messages(user, null, null)).isEqualTo(batch);

    // a key whose message was another: 409, and nothing of the batch is written
    AppendMessagesRequest other =
        new AppendMessagesRequest(
            List.of(
                new AppendMessageRequest(null, MessageRole.USER, "something else"),
                new AppendMessageRequest(null, MessageRole.ASSISTANT, "new")));
    assertThatThrownBy(() -> client().appendMessages(user, "turn-8:history", other))
        .isInstanceOf(HttpClientErrorException.Conflict.class);
    assertThat(client().messages(user, null, null)).isEqualTo(batch);
  }

  @Test
  void aBatchWithoutAKeyStoresEveryMessageInItsOrder() {
    long user = newUser();
    List<AppendMessageRequest> said =
        List.of(
            new AppendMessageRequest(null, MessageRole.USER, "one"),
            new AppendMessageRequest(null, MessageRole.ASSISTANT, "two"),
            new AppendMessageRequest(null, MessageRole.TOOL, "three"),
            new AppendMessageRequest(null, MessageRole.ASSISTANT, "four"));

    List<MessageDto> stored = client().appendMessages(user, null, new AppendMessagesRequest(said));
    List<MessageDto> again = client().appendMessages(user, null, new AppendMessagesRequest(said));

    assertThat(stored)
        .extracting(MessageDto::content)
        .containsExactly("one", "two", "three", "four");
    assertThat(stored).extracting(MessageDto::id).isSorted().doesNotHaveDuplicates();
    assertThat(again)
        .extracting(MessageDto::id)
        .doesNotContainAnyElementsOf(stored.stream().map(MessageDto::id).toList());
    assertThat(client().messages(user, null, null))
        .hasSize(8)
        .startsWith(stored.toArray(MessageDto[]::new));
  }

  @Test
  void aBatchAddsItsUsageInTheSameRequestAndAReplayedOneAddsItNotTwice() {
    long user = newUser();
    UUID assistant = newAssistant(true);
    Instant at = Instant.parse("2031-05-06T10:00:00Z");
    LocalDate day = LocalDate.of(2031, 5, 6);
    AppendMessagesRequest turn =
        new AppendMessagesRequest(
            List.of(
                new AppendMessageRequest(null, MessageRole.USER, "hello"),
                new AppendMessageRequest(assistant, MessageRole.ASSISTANT, "hi there")),
            List.of(
                new RecordUsageRequest(
                    assistant,
                    LlmProvider.OPENAI,
                    "gpt-4o-mini",
                    2,
                    650,
                    12,
                    new BigDecimal("0.0001"),
                    at)));

    client().appendMessages(user, "turn-9:history", turn);
    client().appendMessages(user, "turn-9:history", turn);

    UsageDto usage = client().usage(user, day, day);
    assertThat(usage.calls()).isEqualTo(2);
    assertThat(usage.promptTokens()).isEqualTo(650);
    assertThat(usage.completionTokens()).isEqualTo(12);
    assertThat(client().messages(user, null, null)).hasSize(2);

    // a usage line that is not valid fails the batch: nothing of it is written
    String path = "/api/users/" + user + "/messages/batch";
    Api.Response badUsage =
        api()
            .post(
                path,
                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                    + "\"usage\":[{\"assistantId\":\""
                    + assistant
                    + "\",\"provider\":\"openai\",\"model\":\"m\",\"calls\":0,"
                    + "\"promptTokens\":1,\"completionTokens\":1,\"cost\":0,"
                    + "\"at\":\"2031-05-06T10:00:00Z\"}]}");
    assertThat(badUsage.status()).isEqualTo(400);
    assertThat(badUsage.errorFields()).containsExactly("usage[0].calls");
    assertThat(client().messages(user, null, null)).hasSize(2);
  }

  @Test
  void aBatchRefusesEmptyTooLargeAndOtherUsersRequests() {
    long user = newUser();
    String path = "/api/users/" + user + "/messages/batch";
    StringBuilder many = new StringBuilder("{\"messages\":[");
    for (int i = 0; i <= AppendMessagesRequest.MAX_MESSAGES; i++) {
      many.append(i == 0 ? "" : ",").append("{\"role\":\"user\",\"content\":\"m\"}");
    }

    Api.Response empty = api().post(path, "{\"messages\":[]}");
    Api.Response tooMany = api().post(path, many.append("]}").toString());
    Api.Response badRole =
        api().post(path, "{\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}");
    Api.Response unknownUser =
        api()
            .post(
                "/api/users/99999999/messages/batch",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    Api.Response noToken =
        api().withToken(null).post(path, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.errorFields()).containsExactly("messages");
    assertThat(tooMany.errorFields()).containsExactly("messages");
    assertThat(badRole.status()).isEqualTo(400);
    assertThat(unknownUser.status()).isEqualTo(404);
    assertThat(noToken.status()).isEqualTo(401);
    assertThat(client().messages(user, null, null)).isEmpty();
  }

  private static List<String> contents(Api.Response response) {
    List<String> contents = new ArrayList<>();
    response.json().forEach(message -> contents.add(message.get("content").asString()));
    return contents;
  }
}
