package org.smartassistant.rest.tools;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

interface ToolRepository extends JpaRepository<Tool, UUID>, JpaSpecificationExecutor<Tool> {

  boolean existsByName(String name);

  Optional<Tool> findByName(String name);

  @Query(
      "select t from Tool t, AssistantToolLink l"
          + " where l.id.toolId = t.id and l.id.assistantId = :assistantId order by t.name")
  List<Tool> findLinkedTo(UUID assistantId);
}
