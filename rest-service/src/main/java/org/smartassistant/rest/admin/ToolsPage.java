package org.smartassistant.rest.admin;

import org.smartassistant.rest.tools.ToolService;
import org.smartassistant.rest.web.Paging;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The tools the assistants may be given. */
@Controller
class ToolsPage {

  private final ToolService tools;

  ToolsPage(ToolService tools) {
    this.tools = tools;
  }

  @GetMapping("/admin/tools")
  String list(Model model) {
    model.addAttribute("tools", tools.list(null, null, 0, Paging.MAX_SIZE).items());
    return "admin/tools";
  }
}
