package org.smartassistant.rest.messages;

import java.util.List;
import org.smartassistant.common.api.MessageRole;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface MessageRepository extends JpaRepository<Message, Long> {

  @Query("select m from Message m where m.userId = :userId order by m.id desc")
  List<Message> findLatest(long userId, Pageable limit);

  @Query("select m from Message m where m.userId = :userId and m.role = :role order by m.id desc")
  List<Message> findLatestByRole(long userId, MessageRole role, Pageable limit);

  @Modifying
  @Query("delete from Message m where m.userId = :userId")
  int deleteByUser(long userId);
}
