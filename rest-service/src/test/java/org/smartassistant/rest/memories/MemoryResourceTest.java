package org.smartassistant.rest.memories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.MemoryDto;
import org.smartassistant.common.api.SaveMemoryRequest;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;
import org.springframework.web.client.HttpClientErrorException;

/** The facts kept about a user: per-user cap, search by shared words, never across users. */
class MemoryResourceTest extends RestServiceTest {

  private static final int MAX_PER_USER = 100;

  @Test
  void listsNewestFirstAndFindsTheFactsSharingAWordMostRelevantFirst() {
    long user = newUser();
    save(user, "My daughter is Mia");
    save(user, "I prefer meetings after 10");
    save(user, "My daughter Mia plays the violin");
    save(user, "The car is blue");

    List<MemoryDto> newest = client().memories(user, null, null);
    List<MemoryDto> found = client().memories(user, "What instrument does Mia play? violin?", 10);
    List<MemoryDto> meetings = client().memories(user, "when are meetings ok", 10);

    assertThat(newest)
        .extracting(MemoryDto::content)
        .containsExactly(
            "The car is blue",
            "My daughter Mia plays the violin",
            "I prefer meetings after 10",
            "My daughter is Mia");
    assertThat(found)
        .extracting(MemoryDto::content)
        .containsExactly("My daughter Mia plays the violin", "My daughter is Mia");
    assertThat(meetings)
        .extracting(MemoryDto::content)
        .containsExactly("I prefer meetings after 10");
    assertThat(client().memories(user, "nothing shared here", 10)).isEmpty();
    assertThat(client().memories(user, "?!", 10)).isEmpty();
    assertThat(client().memories(user, null, 2)).hasSize(2);
    // what a prompt shows: the matches first, the rest filled with the newest others
    assertThat(client().memoriesFilled(user, "when are meetings ok", 3))
        .extracting(MemoryDto::content)
        .containsExactly(
            "I prefer meetings after 10", "The car is blue", "My daughter Mia plays the violin");
    assertThat(client().memoriesFilled(user, "nothing shared here", 2))
        .extracting(MemoryDto::content)
        .containsExactly("The car is blue", "My daughter Mia plays the violin");
    assertThat(api().get("/api/users/" + user + "/memories?q=x&fill=oldest").status())
        .isEqualTo(400);
  }

  @Test
  void theFactOverTheCapIsRefusedWithASentenceAndForgettingOneFreesAPlace() {
    long user = newUser();
    String path = "/api/users/" + user + "/memories";
    long first = 0;
    for (int i = 0; i < MAX_PER_USER; i++) {
      Api.Response saved = api().post(path, Api.json("content", "fact number " + i));
      assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
      if (i == 0) {
        first = saved.json().get("id").asLong();
      }
    }

    Api.Response refused = api().post(path, Api.json("content", "one too many"));

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.isProblem()).isTrue();
    assertThat(refused.text("detail"))
        .contains("the most allowed is 100")
        .contains("forget one before saving another");
    assertThat(api().delete(path + "/" + first).status()).isEqualTo(204);
    assertThat(api().post(path, Api.json("content", "one more")).status()).isEqualTo(201);
  }

  @Test
  void aForgedIdNeverReachesAnotherUsersFact() {
    long alice = newUser();
    long bob = newUser();
    MemoryDto alices = save(alice, "My daughter is Mia");
    save(bob, "My daughter is Lena");

    Api.Response forged = api().delete("/api/users/" + bob + "/memories/" + alices.id());

    assertThat(forged.status()).isEqualTo(404);
    assertThat(forged.isProblem()).isTrue();
    assertThat(client().memories(alice, null, null)).containsExactly(alices);
    assertThat(client().memories(bob, "daughter Mia", 10))
        .extracting(MemoryDto::content)
        .containsExactly("My daughter is Lena");
    assertThat(api().delete("/api/users/" + alice + "/memories/" + alices.id()).status())
        .isEqualTo(204);
    assertThat(client().memories(alice, null, null)).isEmpty();
  }

  @Test
  void forgetAllForgetsOnlyThatUsersFacts() {
    long alice = newUser();
    long bob = newUser();
    save(alice, "likes tea");
    save(alice, "lives in Bern");
    save(bob, "likes coffee");

    assertThat(api().delete("/api/users/" + alice + "/memories").status()).isEqualTo(204);

    assertThat(client().memories(alice, null, null)).isEmpty();
    assertThat(client().memories(bob, null, null)).hasSize(1);
  }

  @Test
  void aRepeatedKeyKeepsTheFactOnce() {
    long user = newUser();

    MemoryDto first = client().saveMemory(user, "turn-1:0", new SaveMemoryRequest("likes tea"));
    MemoryDto again = client().saveMemory(user, "turn-1:0", new SaveMemoryRequest("likes tea"));

    assertThat(again).isEqualTo(first);
    assertThatThrownBy(
            () -> client().saveMemory(user, "turn-1:0", new SaveMemoryRequest("likes coffee")))
        .isInstanceOf(HttpClientErrorException.Conflict.class);
    assertThat(client().memories(user, null, null)).hasSize(1);
  }

  @Test
  void refusesBadInputUnknownUsersAndCallersWithoutTheToken() {
    long user = newUser();
    String path = "/api/users/" + user + "/memories";

    assertThat(api().post(path, Api.json("content", " ")).errorFields()).containsExactly("content");
    assertThat(api().post(path, Api.json("content", "x".repeat(1001))).errorFields())
        .containsExactly("content");
    assertThat(api().get(path + "?limit=0").errorFields()).containsExactly("limit");
    assertThat(api().get("/api/users/99999999/memories").status()).isEqualTo(404);
    assertThat(api().post("/api/users/99999999/memories", Api.json("content", "x")).status())
        .isEqualTo(404);
    assertThat(api().withToken(null).get(path).status()).isEqualTo(401);
    assertThat(api().withToken(null).post(path, Api.json("content", "x")).status()).isEqualTo(401);
    assertThat(api().withToken(null).delete(path).status()).isEqualTo(401);
  }

  private MemoryDto save(long user, String content) {
    return client().saveMemory(user, null, new SaveMemoryRequest(content));
  }
}
