package org.smartassistant.calendar;

import org.smartassistant.testsupport.ReadinessContract;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadinessTest extends ReadinessContract {

  @Override
  protected boolean dependsOnPostgres() {
    return false;
  }
}
