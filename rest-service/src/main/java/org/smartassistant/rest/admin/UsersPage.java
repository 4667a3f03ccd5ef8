package org.smartassistant.rest.admin;

import java.util.UUID;
import org.smartassistant.common.api.UpdateUserRequest;
import org.smartassistant.common.api.UserStatus;
import org.smartassistant.rest.assistants.AssistantService;
import org.smartassistant.rest.secretaries.SecretaryService;
import org.smartassistant.rest.users.UserService;
import org.smartassistant.rest.web.Paging;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The users: a list, and one user's status, time zone and secretary. */
@Controller
class UsersPage {

  private final UserService users;
  private final SecretaryService secretaries;
  private final AssistantService assistants;
  private final AdminForms forms;

  UsersPage(
      UserService users,
      SecretaryService secretaries,
      AssistantService assistants,
      AdminForms forms) {
    this.users = users;
    this.secretaries = secretaries;
    this.assistants = assistants;
    this.forms = forms;
  }

  @GetMapping("/admin/users")
  String list(@RequestParam(defaultValue = "0") int page, Model model) {
    model.addAttribute("users", users.list(null, page, 50));
    return "admin/users";
  }

  @GetMapping("/admin/users/{id}")
  String user(@PathVariable long id, Model model) {
    model.addAttribute("user", users.get(id));
    model.addAttribute("secretary", secretaries.get(id));
    model.addAttribute("secretaries", assistants.list(true, true, 0, Paging.MAX_SIZE).items());
    return "admin/user";
  }

  @PostMapping("/admin/users/{id}/status")
  String status(@PathVariable long id, @RequestParam UserStatus status, RedirectAttributes flash) {
    return forms.submit(
        flash,
        "/admin/users/" + id,
        status == UserStatus.BLOCKED ? "User blocked." : "User unblocked.",
        null,
        () -> users.update(id, UpdateUserRequest.status(status)));
  }

  @PostMapping("/admin/users/{id}/timezone")
  String timezone(@PathVariable long id, @RequestParam String timezone, RedirectAttributes flash) {
    UpdateUserRequest request = UpdateUserRequest.timezone(timezone.strip());
    return forms.submit(
        flash, "/admin/users/" + id, "Time zone set.", request, () -> users.update(id, request));
  }

  @PostMapping("/admin/users/{id}/secretary")
  String secretary(
      @PathVariable long id, @RequestParam UUID assistantId, RedirectAttributes flash) {
    return forms.submit(
        flash,
        "/admin/users/" + id,
        "Secretary set.",
        null,
        () -> secretaries.set(id, assistantId));
  }
}
