package org.smartassistant.rest.admin;

import org.smartassistant.rest.messages.MessageService;
import org.smartassistant.rest.users.UserService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** A user's conversation history, read-only, oldest first. */
@Controller
class ConversationPage {

  private final UserService users;
  private final MessageService messages;

  ConversationPage(UserService users, MessageService messages) {
    this.users = users;
    this.messages = messages;
  }

  @GetMapping("/admin/users/{userId}/conversation")
  String conversation(
      @PathVariable long userId, @RequestParam(defaultValue = "100") int limit, Model model) {
    model.addAttribute("user", users.get(userId));
    model.addAttribute(
        "messages", messages.latest(userId, Math.max(1, Math.min(limit, 500)), null));
    return "admin/conversation";
  }
}
