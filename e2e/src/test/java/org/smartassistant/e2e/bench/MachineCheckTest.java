package org.smartassistant.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The benchmark's yardsticks of the machine measure what they say (their figures are not tested).
 */
class MachineCheckTest {

  @Test
  void bothYardsticksGiveAReadingOfTheirOwn() throws Exception {
    MachineCheck.Reading reading = MachineCheck.read();

    // each row is a number with its unit, whatever the machine's speed
    assertThat(reading.roundTrip()).matches("[0-9]+\\.[0-9] us");
    assertThat(reading.hash()).matches("[0-9]+ ms");
    assertThat(reading.roundTripMicros()).isPositive().isFinite();
    assertThat(reading.hashMillis()).isPositive().isFinite();
  }
}
