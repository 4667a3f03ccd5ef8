package org.smartassistant.rest.seed;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.CreateAssistantRequest;
import org.smartassistant.common.api.CreateToolRequest;
import org.smartassistant.common.api.ToolDto;
import org.smartassistant.common.api.ToolType;
import org.smartassistant.rest.assistants.AssistantLookup;
import org.smartassistant.rest.assistants.AssistantService;
import org.smartassistant.rest.assistants.LlmDefaultsProperties;
import org.smartassistant.rest.settings.SettingsService;
import org.smartassistant.rest.tools.ToolService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Puts the default content in place: the secretary, the writer, the standard tools linked to the
 * secretary, and the secretary as the global default. Idempotent: what exists (by name) is kept as
 * the operator left it, only what is missing is added; concurrent runs are serialised.
 */
@Service
public class SeedService {

  private static final Logger log = LoggerFactory.getLogger(SeedService.class);
  private static final long LOCK_KEY = 0x5EED_5EEDL;

  private final AssistantService assistantService;
  private final AssistantLookup assistants;
  private final ToolService tools;
  private final SettingsService settings;
  private final LlmDefaultsProperties llm;
  private final JdbcTemplate jdbc;

  SeedService(
      AssistantService assistantService,
      AssistantLookup assistants,
      ToolService tools,
      SettingsService settings,
      LlmDefaultsProperties llm,
      JdbcTemplate jdbc) {
    this.assistantService = assistantService;
    this.assistants = assistants;
    this.tools = tools;
    this.settings = settings;
    this.llm = llm;
    this.jdbc = jdbc;
  }

  /** What one run of the seed did. */
  public record SeedReport(
      UUID secretaryId, int assistantsCreated, int toolsCreated, int linksCreated) {}

  @Transactional
  public SeedReport seed() {
    jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", LOCK_KEY);
    int assistantsCreated = 0;
    int toolsCreated = 0;
    int linksCreated = 0;

    AssistantDto writer = assistants.findByName(DefaultContent.WRITER_NAME).orElse(null);
    if (writer == null) {
      writer =
          assistantService.create(
              new CreateAssistantRequest(
                  DefaultContent.WRITER_NAME,
                  DefaultContent.WRITER_DESCRIPTION,
                  false,
                  llm.provider(),
                  llm.model(),
                  DefaultContent.WRITER_INSTRUCTIONS,
                  null,
                  0.7,
                  true));
      assistantsCreated++;
    }
    AssistantDto secretary = assistants.findByName(DefaultContent.SECRETARY_NAME).orElse(null);
    if (secretary == null) {
      secretary =
          assistantService.create(
              new CreateAssistantRequest(
                  DefaultContent.SECRETARY_NAME,
                  DefaultContent.SECRETARY_DESCRIPTION,
                  true,
                  llm.provider(),
                  llm.model(),
                  DefaultContent.SECRETARY_INSTRUCTIONS,
                  DefaultContent.SECRETARY_STARTUP_MESSAGE,
                  0.3,
                  true));
      assistantsCreated++;
    }
    for (DefaultContent.StandardTool standard : DefaultContent.TOOLS) {
      ToolDto tool = tools.findByName(standard.name()).orElse(null);
      if (tool == null) {
        tool =
            tools.create(
                new CreateToolRequest(
                    standard.name(),
                    standard.type(),
                    standard.description(),
                    standard.type() == ToolType.SUB_ASSISTANT ? writer.id() : null,
                    true));
        toolsCreated++;
      }
      if (tools.link(secretary.id(), tool.id()).created()) {
        linksCreated++;
      }
    }
    settings.markSeeded(secretary.id());
    SeedReport report =
        new SeedReport(secretary.id(), assistantsCreated, toolsCreated, linksCreated);
    log.info(
        "seed: {} assistants, {} tools and {} links created; default secretary {}",
        assistantsCreated,
        toolsCreated,
        linksCreated,
        secretary.id());
    return report;
  }

  /** True when this database has never been seeded. */
  @Transactional(readOnly = true)
  public boolean neverSeeded() {
    return settings.current().seededAt() == null;
  }
}
