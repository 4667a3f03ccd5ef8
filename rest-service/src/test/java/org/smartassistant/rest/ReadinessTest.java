package org.smartassistant.rest;

import org.smartassistant.testsupport.ReadinessContract;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "smart.credentials.encryption-key=" + RestServiceTest.ENCRYPTION_KEY)
class ReadinessTest extends ReadinessContract {

  @Override
  protected boolean dependsOnPostgres() {
    return true;
  }
}
