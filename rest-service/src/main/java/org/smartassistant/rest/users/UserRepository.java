package org.smartassistant.rest.users;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.smartassistant.common.api.UserStatus;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface UserRepository extends JpaRepository<User, Long> {

  Optional<User> findByTelegramId(long telegramId);

  boolean existsByTelegramId(long telegramId);

  Page<User> findByStatus(UserStatus status, Pageable pageable);

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select u from User u where u.id = :id")
  Optional<User> lockById(long id);
}
