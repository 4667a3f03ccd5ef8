package org.smartassistant.rest.settings;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.smartassistant.common.api.SettingsDto;
import org.smartassistant.common.api.UpdateSettingsRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/settings}: the global defaults. */
@RestController
@RequestMapping("/api/settings")
@Tag(name = "settings")
class SettingsResource {

  private final SettingsService service;

  SettingsResource(SettingsService service) {
    this.service = service;
  }

  @GetMapping
  SettingsDto get() {
    return service.get();
  }

  @PatchMapping
  SettingsDto update(@Valid @RequestBody UpdateSettingsRequest request) {
    return service.update(request);
  }
}
