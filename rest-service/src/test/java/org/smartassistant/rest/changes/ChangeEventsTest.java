package org.smartassistant.rest.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.events.ChangeEvent;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.events.ChangeType;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;

/** Every change of assistants, tools, links, secretaries and reminders reaches its Redis stream. */
class ChangeEventsTest extends RestServiceTest {

  @Test
  void anAssistantsCreationChangeAndDeletionArePublished() {
    UUID id = newAssistant(false);
    api().patch("/api/assistants/" + id, Api.json("model", "gpt-4o"));
    api().delete("/api/assistants/" + id);

    assertThat(changesOf(ChangeKind.ASSISTANT, id.toString(), 3))
        .containsExactly(ChangeType.CREATED, ChangeType.UPDATED, ChangeType.DELETED);
  }

  @Test
  void aToolLinksCreationAndDeletionArePublishedWithBothIds() {
    UUID assistant = newAssistant(true);
    UUID tool = newTool();
    String path = "/api/assistants/" + assistant + "/tools/" + tool;
    api().put(path, null);
    api().put(path, null); // already linked: no change, no event
    api().delete(path);
    String linkId = assistant + ":" + tool;

    assertThat(changesOf(ChangeKind.ASSISTANT_TOOL, linkId, 2))
        .containsExactly(ChangeType.CREATED, ChangeType.DELETED);
    ChangeEvent created = events(ChangeKind.ASSISTANT_TOOL, linkId).get(0);
    assertThat(created.attr(ChangeEvent.ASSISTANT_ID)).isEqualTo(assistant.toString());
    assertThat(created.attr(ChangeEvent.TOOL_ID)).isEqualTo(tool.toString());
  }

  @Test
  void aLinkChangedByDeletingItsToolIsPublished() {
    UUID assistant = newAssistant(true);
    UUID tool = newTool();
    api().put("/api/assistants/" + assistant + "/tools/" + tool, null);
    api().delete("/api/tools/" + tool);

    assertThat(changesOf(ChangeKind.ASSISTANT_TOOL, assistant + ":" + tool, 2))
        .containsExactly(ChangeType.CREATED, ChangeType.DELETED);
    assertThat(changesOf(ChangeKind.TOOL, tool.toString(), 2))
        .containsExactly(ChangeType.CREATED, ChangeType.DELETED);
  }

  @Test
  void aRemindersCreationChangeAndDeletionArePublishedWithItsUser() {
    long user = newUser();
    String id =
        api()
            .post(
                "/api/reminders",
                Api.json(
                    "userId",
                    user,
                    "type",
                    "one_time",
                    "triggerAt",
                    Instant.now().plus(2, ChronoUnit.HOURS).toString(),
                    "text",
                    "water the plants"))
            .text("id");
    api().patch("/api/reminders/" + id, Api.json("status", "paused"));
    api().delete("/api/reminders/" + id);

    assertThat(changesOf(ChangeKind.REMINDER, id, 3))
        .containsExactly(ChangeType.CREATED, ChangeType.UPDATED, ChangeType.DELETED);
    assertThat(events(ChangeKind.REMINDER, id))
        .allSatisfy(
            event -> assertThat(event.attr(ChangeEvent.USER_ID)).isEqualTo(Long.toString(user)));
    assertThat(redis.opsForStream().range("changes:reminder", Range.unbounded())).isNotEmpty();
  }

  @Test
  void aSecretaryAssignmentIsPublishedUnderTheUsersId() {
    long user = newUser();
    UUID secretary = newAssistant(true);
    api().put("/api/users/" + user + "/secretary", Api.json("assistantId", secretary.toString()));
    api().delete("/api/users/" + user + "/secretary");

    assertThat(changesOf(ChangeKind.SECRETARY, Long.toString(user), 2))
        .containsExactly(ChangeType.CREATED, ChangeType.DELETED);
  }

  @Test
  void aFactKeptOrForgottenIsPublishedUnderTheUsersId() {
    long user = newUser();
    String fact =
        api().post("/api/users/" + user + "/memories", Api.json("content", "Likes tea")).text("id");
    api().delete("/api/users/" + user + "/memories/" + fact);
    api().post("/api/users/" + user + "/memories", Api.json("content", "Likes coffee"));
    api().delete("/api/users/" + user + "/memories");

    assertThat(changesOf(ChangeKind.MEMORY, Long.toString(user), 4))
        .containsExactly(
            ChangeType.CREATED, ChangeType.DELETED, ChangeType.CREATED, ChangeType.DELETED);
  }

  @Test
  void aRefusedChangePublishesNothing() {
    UUID id = newAssistant(false);
    String takenName = api().get("/api/assistants/" + newAssistant(false)).text("name");

    Api.Response refused = api().patch("/api/assistants/" + id, Api.json("name", takenName));
    api().patch("/api/assistants/" + id, Api.json("description", "later change"));

    assertThat(refused.status()).isEqualTo(409);
    assertThat(changesOf(ChangeKind.ASSISTANT, id.toString(), 2))
        .containsExactly(ChangeType.CREATED, ChangeType.UPDATED);
  }

  /** Waits until {@code expected} events of the thing are in its stream; returns their changes. */
  private List<ChangeType> changesOf(ChangeKind kind, String id, int expected) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(events(kind, id)).hasSizeGreaterThanOrEqualTo(expected));
    return events(kind, id).stream().map(ChangeEvent::change).toList();
  }

  private List<ChangeEvent> events(ChangeKind kind, String id) {
    List<MapRecord<String, Object, Object>> records =
        redis.opsForStream().range(kind.stream(), Range.unbounded());
    return records.stream()
        .map(record -> ChangeEvent.fromFields(asStrings(record.getValue())))
        .filter(event -> event.id().equals(id))
        .toList();
  }

  private static Map<String, String> asStrings(Map<Object, Object> fields) {
    return fields.entrySet().stream()
        .collect(
            java.util.stream.Collectors.toMap(
                entry -> entry.getKey().toString(), entry -> entry.getValue().toString()));
  }
}
