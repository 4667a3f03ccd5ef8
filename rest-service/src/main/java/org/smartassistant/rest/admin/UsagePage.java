package org.smartassistant.rest.admin;

import java.time.LocalDate;
import org.smartassistant.rest.usage.UsageService;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Usage of the models per day, user and model, over a span of days (default: the last 30). */
@Controller
class UsagePage {

  private final UsageService usage;
  private final java.time.Clock clock;

  UsagePage(UsageService usage, java.time.Clock clock) {
    this.usage = usage;
    this.clock = clock;
  }

  @GetMapping("/admin/usage")
  String usage(
      @RequestParam(required = false) Long userId,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      Model model) {
    LocalDate last = to != null ? to : LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC));
    LocalDate first = from != null ? from : last.minusDays(29);
    model.addAttribute("usage", usage.report(userId, first, last));
    model.addAttribute("userId", userId);
    return "admin/usage";
  }
}
