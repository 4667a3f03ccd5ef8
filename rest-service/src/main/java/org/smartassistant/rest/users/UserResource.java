package org.smartassistant.rest.users;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.smartassistant.common.api.CreateUserRequest;
import org.smartassistant.common.api.PageDto;
import org.smartassistant.common.api.UpdateUserRequest;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.api.UserStatus;
import org.smartassistant.rest.web.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/users}: the Telegram users. */
@RestController
@RequestMapping("/api/users")
@Tag(name = "users")
class UserResource {

  private final UserService service;

  UserResource(UserService service) {
    this.service = service;
  }

  @GetMapping
  PageDto<UserDto> list(
      @RequestParam(required = false) UserStatus status,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE)
          int size) {
    return service.list(status, page, size);
  }

  @GetMapping("/{id}")
  UserDto get(@PathVariable long id) {
    return service.get(id);
  }

  @GetMapping("/by-telegram/{telegramId}")
  UserDto byTelegramId(@PathVariable long telegramId) {
    return service.byTelegramId(telegramId);
  }

  @PostMapping
  ResponseEntity<UserDto> create(@Valid @RequestBody CreateUserRequest request) {
    UserDto created = service.create(request);
    return ResponseEntity.created(URI.create("/api/users/" + created.id())).body(created);
  }

  @PatchMapping("/{id}")
  UserDto update(@PathVariable long id, @Valid @RequestBody UpdateUserRequest request) {
    return service.update(id, request);
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable long id) {
    service.delete(id);
  }
}
