package org.smartassistant.cron.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronExpressionsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0 8 * * 1        | 0 0 8 ? * MON",
        "0 8 * * 0        | 0 0 8 ? * SUN",
        "0 8 * * 7        | 0 0 8 ? * SUN",
        "0 8 * * 6        | 0 0 8 ? * SAT",
        "0 8 * * 1-5      | 0 0 8 ? * MON,TUE,WED,THU,FRI",
        "0 8 * * 5-7      | 0 0 8 ? * SUN,FRI,SAT",
        "0 8 * * fri-mon  | 0 0 8 ? * SUN,MON,FRI,SAT",
        "0 8 * * */2      | 0 0 8 ? * SUN,TUE,THU,SAT",
        "0 8 * * 1,3,5    | 0 0 8 ? * MON,WED,FRI",
        "0 8 * * MON,sun  | 0 0 8 ? * SUN,MON",
        "0 8 * * 5L       | 0 0 8 ? * FRIL",
        "0 8 * * 5#3      | 0 0 8 ? * FRI#3",
      })
  void numbersTheDaysOfTheWeekTheQuartzWay(String cron, String quartz) {
    assertThat(CronExpressions.toQuartz(cron))
        .isEqualTo(new CronExpressions.QuartzCron(quartz, null));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "*/15 * * * *     | 0 */15 * * * ?",
        "30 9 1 * *       | 0 30 9 1 * ?",
        "0 0 L * *        | 0 0 0 L * ?",
        "0 12 * jan-mar * | 0 0 12 * JAN-MAR ?",
        "0 9-17 * * ?     | 0 0 9-17 * * ?",
      })
  void putsAQuestionMarkInTheUnusedDayField(String cron, String quartz) {
    assertThat(CronExpressions.toQuartz(cron))
        .isEqualTo(new CronExpressions.QuartzCron(quartz, null));
  }

  @Test
  void bothRestrictedDayFieldsBecomeADayOfMonthScheduleWithAWeekdayFilter() {
    // a Friday that is the 13th, as Spring's CronExpression (rest-service) reads it
    assertThat(CronExpressions.toQuartz("0 9 13 * 5"))
        .isEqualTo(new CronExpressions.QuartzCron("0 0 9 13 * ?", "0 0 9 ? * FRI"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "0 8 * *",
        "0 8 * * * *",
        "61 8 * * *",
        "0 25 * * *",
        "0 8 * * 8",
        "0 8 * * XYZ",
        "0 8 32 * *",
        "0 8 * 13 *",
        "a b c d e",
        "0 8 * * 1-"
      })
  void refusesWhatIsNotAFiveFieldCron(String cron) {
    assertThatThrownBy(() -> CronExpressions.toQuartz(cron))
        .isInstanceOf(InvalidScheduleException.class);
  }
}
