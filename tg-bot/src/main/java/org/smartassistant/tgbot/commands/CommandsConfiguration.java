package org.smartassistant.tgbot.commands;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The commands in the order /help and Telegram's menu show them. */
@Configuration(proxyBeanMethods = false)
class CommandsConfiguration {

  @Bean
  Commands commands(
      StartCommand start,
      HelpCommand help,
      ResetCommand reset,
      TimezoneCommand timezone,
      CalendarCommand calendar,
      RemindersCommand reminders,
      MemoryCommand memory,
      ForgetAllCommand forgetAll) {
    return new Commands(
        List.of(start, help, reset, timezone, calendar, reminders, memory, forgetAll));
  }
}
