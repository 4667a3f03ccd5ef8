package org.smartassistant.common.api;

import jakarta.validation.constraints.Size;

/** Changes the given fields of a user; a null field is left as it is. */
public record UpdateUserRequest(
    @Size(max = 64) String username,
    @Size(max = 128) String firstName,
    @Size(max = 128) String preferredName,
    @Size(max = 64) String timezone,
    @Size(max = 16) String language,
    UserStatus status) {

  public static UpdateUserRequest timezone(String timezone) {
    return new UpdateUserRequest(null, null, null, timezone, null, null);
  }

  public static UpdateUserRequest status(UserStatus status) {
    return new UpdateUserRequest(null, null, null, null, null, status);
  }
}
