package org.smartassistant.rest.admin;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page and the overview: the readiness of the five services. */
@Controller
class OverviewPage {

  private final ServiceHealth health;

  OverviewPage(ServiceHealth health) {
    this.health = health;
  }

  @GetMapping("/admin/login")
  String login() {
    return "admin/login";
  }

  @GetMapping("/admin")
  String overview(Model model) {
    model.addAttribute("services", health.check());
    return "admin/overview";
  }
}
