package org.smartassistant.rest.secretaries;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface UserSecretaryRepository extends JpaRepository<UserSecretary, Long> {

  Optional<UserSecretary> findByUserIdAndActiveTrue(long userId);
}
