package org.smartassistant.rest.calendar;

import org.springframework.data.jpa.repository.JpaRepository;

interface CalendarCredentialsRepository extends JpaRepository<CalendarCredentials, Long> {}
