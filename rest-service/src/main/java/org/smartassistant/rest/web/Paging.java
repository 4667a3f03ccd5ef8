package org.smartassistant.rest.web;

import java.util.function.Function;
import org.smartassistant.common.api.PageDto;
import org.smartassistant.common.web.InvalidInputException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/**
 * The paging rules of every list: {@code page} from 0, {@code size} from 1 to {@link #MAX_SIZE}
 * (default {@link #DEFAULT_SIZE}); a larger size is refused rather than silently capped.
 */
public final class Paging {

  public static final int DEFAULT_SIZE = 20;
  public static final int MAX_SIZE = 200;

  private Paging() {}

  public static PageRequest of(int page, int size, Sort sort) {
    // the resources validate the bounds; this guards callers inside the service
    if (page < 0 || size < 1 || size > MAX_SIZE) {
      throw new InvalidInputException("size", "must be between 1 and " + MAX_SIZE);
    }
    return PageRequest.of(page, size, sort);
  }

  public static <E, D> PageDto<D> toDto(Page<E> page, Function<E, D> mapper) {
    return new PageDto<>(
        page.getContent().stream().map(mapper).toList(),
        page.getNumber(),
        page.getSize(),
        page.getTotalElements(),
        page.getTotalPages());
  }
}
