package org.smartassistant.rest.reminders;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.UUID;
import org.smartassistant.common.calendarrules.CalendarRuleDto;
import org.smartassistant.common.calendarrules.CalendarRuleSyncDto;
import org.smartassistant.common.calendarrules.CalendarRulesPage;
import org.smartassistant.common.calendarrules.CreateCalendarRuleRequest;
import org.smartassistant.common.calendarrules.SyncCalendarRuleRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Calendar reminder rules: {@code /api/users/{id}/calendar-rules} (a user's rules) and {@code
 * /api/calendar-rules} (every rule and the sync of a rule's reminders, for cron-service).
 */
@RestController
@Tag(name = "calendar rules")
class CalendarRuleResource {

  static final int PAGE_DEFAULT_SIZE = 200;
  static final int PAGE_MAX_SIZE = 1000;

  private final CalendarRuleService rules;
  private final CalendarRuleReminders reminders;

  CalendarRuleResource(CalendarRuleService rules, CalendarRuleReminders reminders) {
    this.rules = rules;
    this.reminders = reminders;
  }

  @Operation(
      summary = "Add a calendar reminder rule",
      description =
          "201 with the rule. 404 for an unknown user; 409 when the user has the same rule (same"
              + " minutes, same filter in any case) or 20 rules already.")
  @PostMapping("/api/users/{id}/calendar-rules")
  @ResponseStatus(HttpStatus.CREATED)
  CalendarRuleDto create(
      @PathVariable long id, @Valid @RequestBody CreateCalendarRuleRequest request) {
    return rules.create(id, request);
  }

  @Operation(summary = "The user's calendar reminder rules, oldest first")
  @GetMapping("/api/users/{id}/calendar-rules")
  List<CalendarRuleDto> list(@PathVariable long id) {
    return rules.list(id);
  }

  @Operation(
      summary = "Remove a rule and its reminders that have not fired",
      description = "404 unless the rule is this user's.")
  @DeleteMapping("/api/users/{id}/calendar-rules/{ruleId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable long id, @PathVariable UUID ruleId) {
    rules.delete(id, ruleId);
  }

  @Operation(
      summary = "Every user's rules, by cursor",
      description = "Ordered by id. Pass nextCursor as 'after' until it is null.")
  @GetMapping("/api/calendar-rules")
  CalendarRulesPage all(
      @RequestParam(required = false) UUID after,
      @RequestParam(defaultValue = "" + PAGE_DEFAULT_SIZE) @Min(1) @Max(PAGE_MAX_SIZE) int size) {
    return rules.page(after, size);
  }

  @Operation(
      summary = "Sync a rule's reminders with the user's events of a window",
      description =
          "The events are those starting in [from, to). A matching event without a reminder gets"
              + " one (minutesBefore before its start, unless that time has passed); a moved one"
              + " gets a new one in place of the old; the pending reminders of events starting in"
              + " the window that are not in the list are removed. Syncing again changes nothing.")
  @PutMapping("/api/calendar-rules/{ruleId}/reminders")
  CalendarRuleSyncDto sync(
      @PathVariable UUID ruleId, @Valid @RequestBody SyncCalendarRuleRequest request) {
    return reminders.sync(ruleId, request);
  }
}
