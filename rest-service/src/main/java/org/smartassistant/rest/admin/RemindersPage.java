package org.smartassistant.rest.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderRunDto;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.UpdateReminderRequest;
import org.smartassistant.rest.reminders.ReminderQueries;
import org.smartassistant.rest.reminders.ReminderRuns;
import org.smartassistant.rest.reminders.ReminderService;
import org.smartassistant.rest.users.UserService;
import org.smartassistant.rest.web.Paging;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A user's reminders with their next run and latest runs; an active one can be cancelled. */
@Controller
class RemindersPage {

  private static final int RUNS_SHOWN = 5;

  private final UserService users;
  private final ReminderQueries reminders;
  private final ReminderRuns runs;
  private final ReminderService changes;
  private final AdminForms forms;

  RemindersPage(
      UserService users,
      ReminderQueries reminders,
      ReminderRuns runs,
      ReminderService changes,
      AdminForms forms) {
    this.users = users;
    this.reminders = reminders;
    this.runs = runs;
    this.changes = changes;
    this.forms = forms;
  }

  @GetMapping("/admin/users/{userId}/reminders")
  String list(@PathVariable long userId, Model model) {
    model.addAttribute("user", users.get(userId));
    List<ReminderDto> list =
        reminders.list(userId, null, null, null, 0, Paging.MAX_SIZE).items().stream()
            .sorted((a, b) -> b.createdAt().compareTo(a.createdAt()))
            .toList();
    Map<UUID, List<ReminderRunDto>> latestRuns = new LinkedHashMap<>();
    for (ReminderDto reminder : list) {
      latestRuns.put(reminder.id(), runs.runs(reminder.id(), 0, RUNS_SHOWN).items());
    }
    model.addAttribute("reminders", list);
    model.addAttribute("runs", latestRuns);
    return "admin/reminders";
  }

  @PostMapping("/admin/reminders/{id}/cancel")
  String cancel(@PathVariable UUID id, @RequestParam long userId, RedirectAttributes flash) {
    return forms.submit(
        flash,
        "/admin/users/" + userId + "/reminders",
        "Reminder cancelled.",
        null,
        () -> changes.update(id, UpdateReminderRequest.status(ReminderStatus.CANCELLED)));
  }
}
