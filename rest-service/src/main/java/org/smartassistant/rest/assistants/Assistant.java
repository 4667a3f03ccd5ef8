package org.smartassistant.rest.assistants;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.LlmProvider;

/** A configured assistant: its model, instructions and whether users may choose it. */
@Entity
@Table(name = "assistants")
class Assistant {

  @Id private UUID id;

  @Column(nullable = false)
  private String name;

  private String description;

  @Column(name = "is_secretary", nullable = false)
  private boolean secretary;

  @Column(nullable = false)
  private LlmProvider provider;

  @Column(nullable = false)
  private String model;

  private String instructions;

  @Column(name = "startup_message")
  private String startupMessage;

  private Double temperature;

  @Column(name = "is_active", nullable = false)
  private boolean active;

  @Column(name = "accepts_images", nullable = false)
  private boolean acceptsImages;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected Assistant() {}

  Assistant(UUID id, String name, LlmProvider provider, String model, Instant now) {
    this.id = id;
    this.name = name;
    this.provider = provider;
    this.model = model;
    this.active = true;
    this.createdAt = now;
    this.updatedAt = now;
  }

  UUID id() {
    return id;
  }

  String name() {
    return name;
  }

  boolean secretary() {
    return secretary;
  }

  boolean active() {
    return active;
  }

  void setName(String name) {
    this.name = name;
  }

  void setDescription(String description) {
    this.description = description;
  }

  void setSecretary(boolean secretary) {
    this.secretary = secretary;
  }

  void setProvider(LlmProvider provider) {
    this.provider = provider;
  }

  void setModel(String model) {
    this.model = model;
  }

  void setInstructions(String instructions) {
    this.instructions = instructions;
  }

  void setStartupMessage(String startupMessage) {
    this.startupMessage = startupMessage;
  }

  void setTemperature(Double temperature) {
    this.temperature = temperature;
  }

  void setActive(boolean active) {
    this.active = active;
  }

  void setAcceptsImages(boolean acceptsImages) {
    this.acceptsImages = acceptsImages;
  }

  void touch(Instant now) {
    this.updatedAt = now;
  }

  AssistantDto toDto() {
    return new AssistantDto(
        id,
        name,
        description,
        secretary,
        provider,
        model,
        instructions,
        startupMessage,
        temperature,
        active,
        createdAt,
        updatedAt,
        acceptsImages);
  }
}
