package org.smartassistant.common.calendarrules;

import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;

/**
 * rest-service's calendar reminder rules (docs/scheduler.md, "Calendar rules"): the user's rules
 * for the assistant's tools, every rule and the sync of a rule's reminders for cron-service. Built
 * like the {@code RestServiceClient} (internal token, timeouts, retries on 5xx).
 */
@HttpExchange("/api")
public interface CalendarRuleClient {

  @PostExchange("/users/{id}/calendar-rules")
  CalendarRuleDto createRule(@PathVariable long id, @RequestBody CreateCalendarRuleRequest request);

  @GetExchange("/users/{id}/calendar-rules")
  List<CalendarRuleDto> rules(@PathVariable long id);

  /** 404 unless the rule is this user's. Removes the rule's pending reminders with it. */
  @DeleteExchange("/users/{id}/calendar-rules/{ruleId}")
  void deleteRule(@PathVariable long id, @PathVariable UUID ruleId);

  /** Every user's rules, ordered by id; follow {@code nextCursor} until it is null. */
  @GetExchange("/calendar-rules")
  CalendarRulesPage allRules(
      @RequestParam(required = false) UUID after, @RequestParam(required = false) Integer size);

  @PutExchange("/calendar-rules/{ruleId}/reminders")
  CalendarRuleSyncDto sync(@PathVariable UUID ruleId, @RequestBody SyncCalendarRuleRequest request);
}
