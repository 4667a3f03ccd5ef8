package org.smartassistant.rest.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;

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

  private static List<String> contents(Api.Response response) {
    List<String> contents = new ArrayList<>();
    response.json().forEach(message -> contents.add(message.get("content").asString()));
    return contents;
  }
}
