package org.smartassistant.rest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.AppendMessageRequest;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.CreateAssistantRequest;
import org.smartassistant.common.api.CreateReminderRequest;
import org.smartassistant.common.api.CreateReminderRunRequest;
import org.smartassistant.common.api.CreateToolRequest;
import org.smartassistant.common.api.CreateUserRequest;
import org.smartassistant.common.api.LlmProvider;
import org.smartassistant.common.api.MessageDto;
import org.smartassistant.common.api.MessageRole;
import org.smartassistant.common.api.PageDto;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderRunStatus;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.ReminderType;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.api.SecretarySource;
import org.smartassistant.common.api.SetSecretaryRequest;
import org.smartassistant.common.api.ToolDto;
import org.smartassistant.common.api.ToolType;
import org.smartassistant.common.api.UpdateReminderRequest;
import org.smartassistant.common.api.UpdateUserRequest;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.api.UserSecretaryDto;
import org.smartassistant.common.api.UserStatus;
import org.smartassistant.rest.RestServiceTest;
import org.springframework.web.client.HttpClientErrorException;

/** The shared client against the real service: what the other services will do through it. */
class RestServiceClientTest extends RestServiceTest {

  @Test
  void walksAUsersJourneyThroughTheTypedClient() {
    RestServiceClient api = client();
    UserDto user = api.createUser(CreateUserRequest.of(nextTelegramId(), "eve", "Eve"));
    api.updateUser(user.id(), UpdateUserRequest.timezone("Europe/Lisbon"));
    AssistantDto secretary =
        api.createAssistant(
            new CreateAssistantRequest(
                "client-" + UUID.randomUUID(),
                null,
                true,
                LlmProvider.OLLAMA,
                "llama3",
                "Be kind.",
                "Hi!",
                null,
                null));
    ToolDto tool =
        api.createTool(
            new CreateToolRequest(
                "t" + UUID.randomUUID().toString().substring(0, 8),
                ToolType.WEATHER,
                "w",
                null,
                null));
    api.linkTool(secretary.id(), tool.id());
    UserSecretaryDto assigned =
        api.setUserSecretary(user.id(), new SetSecretaryRequest(secretary.id()));
    ReminderDto reminder =
        api.createReminder(
            CreateReminderRequest.oneTime(
                user.id(), Instant.now().plus(1, ChronoUnit.DAYS), "renew passport"));
    api.recordRun(
        reminder.id(),
        new CreateReminderRunRequest(
            reminder.triggerAt(), null, ReminderRunStatus.DELIVERED, null));
    api.appendMessage(user.id(), new AppendMessageRequest(secretary.id(), MessageRole.USER, "hi"));
    api.appendMessage(
        user.id(), new AppendMessageRequest(secretary.id(), MessageRole.ASSISTANT, "hello"));

    assertThat(api.user(user.id()).timezone()).isEqualTo("Europe/Lisbon");
    assertThat(api.user(user.id()).status()).isEqualTo(UserStatus.ACTIVE);
    assertThat(assigned.source()).isEqualTo(SecretarySource.ASSIGNED);
    assertThat(api.userSecretary(user.id()).assistant().provider()).isEqualTo(LlmProvider.OLLAMA);
    assertThat(api.assistantTools(secretary.id()))
        .extracting(ToolDto::id)
        .containsExactly(tool.id());
    assertThat(api.secretaries(0, 200).items())
        .extracting(AssistantDto::id)
        .contains(secretary.id());
    PageDto<ReminderDto> completed =
        api.reminders(user.id(), ReminderStatus.COMPLETED, ReminderType.ONE_TIME, null, null);
    assertThat(completed.items()).extracting(ReminderDto::id).containsExactly(reminder.id());
    assertThat(reminder.timezone()).isEqualTo("Europe/Lisbon");
    assertThat(api.runs(reminder.id(), null, null).items()).hasSize(1);
    List<MessageDto> history = api.messages(user.id(), 10, null);
    assertThat(history).extracting(MessageDto::content).containsExactly("hi", "hello");
    assertThat(api.settings().historyWindow()).isPositive();
    assertThat(api.tools(ToolType.WEATHER, true, 0, 200).items())
        .extracting(ToolDto::id)
        .contains(tool.id());
    assertThat(api.users(UserStatus.ACTIVE, 0, 5).size()).isEqualTo(5);

    api.updateReminder(reminder.id(), UpdateReminderRequest.status(ReminderStatus.COMPLETED));
    api.resetMessages(user.id());
    api.unlinkTool(secretary.id(), tool.id());
    api.clearUserSecretary(user.id());
    api.deleteReminder(reminder.id());
    api.deleteUser(user.id());

    assertThatThrownBy(() -> api.user(user.id()))
        .isInstanceOf(HttpClientErrorException.NotFound.class);
    assertThatThrownBy(
            () ->
                api.createTool(new CreateToolRequest(tool.name(), ToolType.TIME, null, null, null)))
        .isInstanceOf(HttpClientErrorException.Conflict.class);
  }
}
