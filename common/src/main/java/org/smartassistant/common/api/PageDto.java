package org.smartassistant.common.api;

import java.util.List;

/** One page of a list: {@code page} counts from 0; {@code size} is at most the list's maximum. */
public record PageDto<T>(List<T> items, int page, int size, long totalElements, int totalPages) {

  public PageDto {
    items = items == null ? List.of() : List.copyOf(items);
  }
}
