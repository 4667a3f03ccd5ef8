package org.smartassistant.rest.users;

import java.util.Optional;
import org.smartassistant.common.api.UserStatus;
import org.smartassistant.rest.web.NotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** What other features may ask about users without depending on their internals. */
@Component
public class UserLookup {

  private final UserRepository users;

  UserLookup(UserRepository users) {
    this.users = users;
  }

  @Transactional(readOnly = true)
  public boolean exists(Long id) {
    return id != null && users.existsById(id);
  }

  /** The user's time zone, if the user exists. */
  @Transactional(readOnly = true)
  public Optional<String> timezone(Long id) {
    return id == null ? Optional.empty() : users.findById(id).map(User::timezone);
  }

  /** True when the user exists and is blocked: nothing may be sent to the user. */
  @Transactional(readOnly = true)
  public boolean blocked(Long id) {
    return id != null
        && users.findById(id).map(user -> user.status() == UserStatus.BLOCKED).orElse(false);
  }

  /**
   * 404 unless the user exists. By primary key through the persistence context, not Spring Data's
   * {@code existsById} (a JPQL count query per call, the costliest statement of a history append
   * under {@code ./manage.sh bench}): asked again in the same transaction, it costs no query.
   */
  @Transactional(readOnly = true)
  public void require(long id) {
    if (users.findById(id).isEmpty()) {
      throw new NotFoundException("user", id);
    }
  }

  /**
   * Locks the user's row until the end of the calling transaction, so that changes of one user's
   * data are made one at a time; 404 unless the user exists.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void lock(long id) {
    users.lockById(id).orElseThrow(() -> new NotFoundException("user", id));
  }
}
