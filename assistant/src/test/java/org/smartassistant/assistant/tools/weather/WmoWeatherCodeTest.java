package org.smartassistant.assistant.tools.weather;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WmoWeatherCodeTest {

  @Test
  void describesTheCodesOpenMeteoAnswers() {
    assertThat(WmoWeatherCode.describe(0)).isEqualTo("clear sky");
    assertThat(WmoWeatherCode.describe(3)).isEqualTo("overcast");
    assertThat(WmoWeatherCode.describe(45)).isEqualTo("fog");
    assertThat(WmoWeatherCode.describe(63)).isEqualTo("moderate rain");
    assertThat(WmoWeatherCode.describe(75)).isEqualTo("heavy snowfall");
    assertThat(WmoWeatherCode.describe(82)).isEqualTo("violent rain showers");
    assertThat(WmoWeatherCode.describe(99)).isEqualTo("thunderstorm with heavy hail");
  }

  @Test
  void namesAnUnknownCodeRatherThanFailing() {
    assertThat(WmoWeatherCode.describe(42)).isEqualTo("weather code 42");
  }
}
