package org.smartassistant.common.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The words every service's API uses for bad input. */
class ProblemDetailsBaseTest {

  private final MockMvc mvc =
      MockMvcBuilders.standaloneSetup(new Items()).setControllerAdvice(new Advice()).build();

  @Test
  void aPathVariableOfTheWrongTypeIsNamedWithWhatItMustBe() throws Exception {
    mvc.perform(get("/items/abc"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("invalid input: id must be an integer"))
        .andExpect(jsonPath("$.errors[0].field").value("id"))
        .andExpect(jsonPath("$.errors[0].message").value("must be an integer"));
  }

  @Test
  void aMissingParameterIsRequired() throws Exception {
    mvc.perform(get("/items"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("from"))
        .andExpect(jsonPath("$.errors[0].message").value("is required"));
  }

  @Test
  void aFieldOfTheWrongFormIsNamedWithWhatItMustBe() throws Exception {
    mvc.perform(
            post("/items")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"x\",\"at\":\"noon\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("at"))
        .andExpect(
            jsonPath("$.errors[0].message")
                .value("must be an ISO-8601 UTC timestamp such as 2026-01-31T09:00:00Z"));
  }

  @Test
  void malformedJsonIsABadRequest() throws Exception {
    mvc.perform(post("/items").contentType(MediaType.APPLICATION_JSON).content("{not json"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("malformed")));
  }

  @Test
  void aFailedValidationNamesTheField() throws Exception {
    mvc.perform(post("/items").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\" \"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("name"));
  }

  @Test
  void anInvalidInputExceptionNamesItsFields() throws Exception {
    mvc.perform(
            post("/items").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"taken\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("invalid input: name is taken"))
        .andExpect(jsonPath("$.errors[0].field").value("name"))
        .andExpect(jsonPath("$.errors[0].message").value("is taken"));
  }

  record Item(@NotBlank String name, Instant at) {}

  @RestController
  static class Items {
    @GetMapping("/items/{id}")
    String item(@PathVariable long id) {
      return "item " + id;
    }

    @GetMapping("/items")
    String items(@RequestParam Instant from) {
      return "items from " + from;
    }

    @PostMapping("/items")
    String create(@Valid @RequestBody Item item) {
      if (item.name().equals("taken")) {
        throw new InvalidInputException("name", "is taken");
      }
      return item.name();
    }
  }

  @RestControllerAdvice
  static class Advice extends ProblemDetailsBase {}
}
