package org.smartassistant.rest.tools;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface AssistantToolLinkRepository
    extends JpaRepository<AssistantToolLink, AssistantToolLink.Key> {

  @Query("select l from AssistantToolLink l where l.id.toolId = :toolId")
  List<AssistantToolLink> findByToolId(UUID toolId);
}
