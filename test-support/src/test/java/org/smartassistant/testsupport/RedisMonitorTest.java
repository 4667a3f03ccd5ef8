package org.smartassistant.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedisMonitorTest {

  @Test
  void readsACommandSentByAClient() {
    RedisMonitor.Command command =
        RedisMonitor.parse(
            "+1765000000.123456 [0 127.0.0.1:51234] \"SET\" \"a:key\" \"say \\\"hi\\\"\" \"PX\"");

    assertThat(command.fromScript()).isFalse();
    assertThat(command.name()).isEqualTo("SET");
    assertThat(command.words()).containsExactly("SET", "a:key", "say \"hi\"", "PX");
    assertThat(command.mentions("a:k")).isTrue();
    assertThat(command.mentions("b:key")).isFalse();
  }

  @Test
  void tellsACommandRunByAScript() {
    RedisMonitor.Command command =
        RedisMonitor.parse("+1765000000.123456 [0 lua] \"xadd\" \"stream\" \"*\"");

    assertThat(command.fromScript()).isTrue();
    assertThat(command.name()).isEqualTo("XADD");
  }
}
