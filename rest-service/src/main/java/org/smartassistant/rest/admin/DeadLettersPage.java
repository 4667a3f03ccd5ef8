package org.smartassistant.rest.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smartassistant.common.api.DeadLetterDto;
import org.smartassistant.common.api.DeadLetterStreamDto;
import org.smartassistant.common.stream.DeadLetterQueue;
import org.smartassistant.rest.web.ConflictException;
import org.smartassistant.rest.web.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dead letters of the inbox and outbox streams: list, inspect, replay and drop, through the
 * same {@link DeadLetterQueue} as {@code /api/dead-letters}.
 */
@Controller
class DeadLettersPage {

  private static final int SHOWN = 50;

  private final DeadLetterQueue queue;
  private final AdminForms forms;

  DeadLettersPage(DeadLetterQueue queue, AdminForms forms) {
    this.queue = queue;
    this.forms = forms;
  }

  @GetMapping("/admin/dead-letters")
  String list(Model model) {
    Map<DeadLetterStreamDto, List<DeadLetterDto>> streams = new LinkedHashMap<>();
    for (DeadLetterStreamDto stream : queue.streams()) {
      streams.put(stream, queue.list(stream.stream(), SHOWN, null));
    }
    model.addAttribute("streams", streams);
    return "admin/dead-letters";
  }

  @GetMapping("/admin/dead-letters/{stream}/{id}")
  String deadLetter(@PathVariable String stream, @PathVariable String id, Model model) {
    check(stream, id);
    model.addAttribute("letter", queue.find(stream, id).orElseThrow(() -> notFound(stream, id)));
    return "admin/dead-letter";
  }

  @PostMapping("/admin/dead-letters/{stream}/{id}/replay")
  String replay(@PathVariable String stream, @PathVariable String id, RedirectAttributes flash) {
    check(stream, id);
    return forms.submit(
        flash,
        "/admin/dead-letters",
        "Dead letter " + id + " replayed.",
        null,
        () -> {
          try {
            queue.replay(stream, id).orElseThrow(() -> notFound(stream, id));
          } catch (DeadLetterQueue.NotReplayableException e) {
            throw new ConflictException(e.getMessage());
          }
        });
  }

  @PostMapping("/admin/dead-letters/{stream}/{id}/drop")
  String drop(@PathVariable String stream, @PathVariable String id, RedirectAttributes flash) {
    check(stream, id);
    return forms.submit(
        flash,
        "/admin/dead-letters",
        "Dead letter " + id + " dropped.",
        null,
        () -> {
          if (!queue.drop(stream, id)) {
            throw notFound(stream, id);
          }
        });
  }

  private static void check(String stream, String id) {
    if (!DeadLetterQueue.isKnown(stream) || !DeadLetterQueue.isEntryId(id)) {
      throw notFound(stream, id);
    }
  }

  private static NotFoundException notFound(String stream, String id) {
    return new NotFoundException("no dead letter " + id + " in " + stream);
  }
}
