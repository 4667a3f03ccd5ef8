package org.smartassistant.rest.admin;

import static org.smartassistant.rest.admin.AdminForms.given;

import java.util.UUID;
import org.smartassistant.common.api.CreateAssistantRequest;
import org.smartassistant.common.api.LlmProvider;
import org.smartassistant.common.api.UpdateAssistantRequest;
import org.smartassistant.rest.assistants.AssistantService;
import org.smartassistant.rest.tools.ToolService;
import org.smartassistant.rest.web.Paging;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The assistants: a list with a form to create one, and one assistant's settings (instructions,
 * provider, model, temperature, secretary or not, active) with the tools it may call.
 */
@Controller
class AssistantsPage {

  private final AssistantService assistants;
  private final ToolService tools;
  private final AdminForms forms;

  AssistantsPage(AssistantService assistants, ToolService tools, AdminForms forms) {
    this.assistants = assistants;
    this.tools = tools;
    this.forms = forms;
  }

  @GetMapping("/admin/assistants")
  String list(Model model) {
    model.addAttribute("assistants", assistants.list(null, null, 0, Paging.MAX_SIZE).items());
    model.addAttribute("providers", LlmProvider.values());
    return "admin/assistants";
  }

  @GetMapping("/admin/assistants/{id}")
  String assistant(@PathVariable UUID id, Model model) {
    model.addAttribute("assistant", assistants.get(id));
    model.addAttribute("providers", LlmProvider.values());
    model.addAttribute("linked", tools.linkedTools(id));
    model.addAttribute("tools", tools.list(null, true, 0, Paging.MAX_SIZE).items());
    return "admin/assistant";
  }

  @PostMapping("/admin/assistants")
  String create(
      @RequestParam String name,
      @RequestParam(required = false) String description,
      @RequestParam(required = false) LlmProvider provider,
      @RequestParam(required = false) String model,
      @RequestParam(required = false) String instructions,
      @RequestParam(required = false) String temperature,
      @RequestParam(defaultValue = "false") boolean secretary,
      RedirectAttributes flash) {
    CreateAssistantRequest request =
        new CreateAssistantRequest(
            name.strip(),
            given(description),
            secretary,
            provider,
            given(model),
            given(instructions),
            null,
            number(temperature),
            true);
    return forms.submit(
        flash,
        "/admin/assistants",
        "Assistant created.",
        request,
        () -> assistants.create(request));
  }

  @PostMapping("/admin/assistants/{id}")
  String update(
      @PathVariable UUID id,
      @RequestParam(required = false) String name,
      @RequestParam(required = false) String description,
      @RequestParam(required = false) LlmProvider provider,
      @RequestParam(required = false) String model,
      @RequestParam(required = false) String instructions,
      @RequestParam(required = false) String temperature,
      @RequestParam(defaultValue = "false") boolean secretary,
      @RequestParam(defaultValue = "false") boolean active,
      RedirectAttributes flash) {
    UpdateAssistantRequest request =
        new UpdateAssistantRequest(
            given(name),
            description,
            secretary,
            provider,
            given(model),
            instructions,
            null,
            number(temperature),
            active);
    return forms.submit(
        flash,
        "/admin/assistants/" + id,
        "Assistant saved.",
        request,
        () -> assistants.update(id, request));
  }

  @PostMapping("/admin/assistants/{id}/tools")
  String link(@PathVariable UUID id, @RequestParam UUID toolId, RedirectAttributes flash) {
    return forms.submit(
        flash, "/admin/assistants/" + id, "Tool linked.", null, () -> tools.link(id, toolId));
  }

  @PostMapping("/admin/assistants/{id}/tools/{toolId}/unlink")
  String unlink(@PathVariable UUID id, @PathVariable UUID toolId, RedirectAttributes flash) {
    return forms.submit(
        flash, "/admin/assistants/" + id, "Tool unlinked.", null, () -> tools.unlink(id, toolId));
  }

  private static Double number(String value) {
    String text = given(value);
    if (text == null) {
      return null;
    }
    try {
      return Double.valueOf(text);
    } catch (NumberFormatException e) {
      throw new org.smartassistant.common.web.InvalidInputException(
          "temperature", "must be a number between 0 and 2");
    }
  }
}
