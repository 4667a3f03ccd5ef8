package org.smartassistant.rest.assistants;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface AssistantRepository
    extends JpaRepository<Assistant, UUID>, JpaSpecificationExecutor<Assistant> {

  boolean existsByName(String name);

  Optional<Assistant> findByName(String name);
}
