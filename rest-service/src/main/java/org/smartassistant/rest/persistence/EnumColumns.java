package org.smartassistant.rest.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;
import org.smartassistant.common.api.LlmProvider;
import org.smartassistant.common.api.McpTransport;
import org.smartassistant.common.api.MessageRole;
import org.smartassistant.common.api.MissedRunPolicy;
import org.smartassistant.common.api.ReminderRunStatus;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.ReminderType;
import org.smartassistant.common.api.ToolType;
import org.smartassistant.common.api.UserStatus;

/**
 * Stores the API's enums as their lower-case wire names ({@code one_time}), the values the schema's
 * check constraints allow.
 */
public final class EnumColumns {

  private EnumColumns() {}

  abstract static class WireName<E extends Enum<E>> implements AttributeConverter<E, String> {
    private final Class<E> type;

    WireName(Class<E> type) {
      this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
      return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public E convertToEntityAttribute(String column) {
      return column == null ? null : Enum.valueOf(type, column.toUpperCase(Locale.ROOT));
    }
  }

  @Converter(autoApply = true)
  public static class UserStatusColumn extends WireName<UserStatus> {
    public UserStatusColumn() {
      super(UserStatus.class);
    }
  }

  @Converter(autoApply = true)
  public static class LlmProviderColumn extends WireName<LlmProvider> {
    public LlmProviderColumn() {
      super(LlmProvider.class);
    }
  }

  @Converter(autoApply = true)
  public static class ToolTypeColumn extends WireName<ToolType> {
    public ToolTypeColumn() {
      super(ToolType.class);
    }
  }

  @Converter(autoApply = true)
  public static class ReminderTypeColumn extends WireName<ReminderType> {
    public ReminderTypeColumn() {
      super(ReminderType.class);
    }
  }

  @Converter(autoApply = true)
  public static class ReminderStatusColumn extends WireName<ReminderStatus> {
    public ReminderStatusColumn() {
      super(ReminderStatus.class);
    }
  }

  @Converter(autoApply = true)
  public static class ReminderRunStatusColumn extends WireName<ReminderRunStatus> {
    public ReminderRunStatusColumn() {
      super(ReminderRunStatus.class);
    }
  }

  @Converter(autoApply = true)
  public static class MissedRunPolicyColumn extends WireName<MissedRunPolicy> {
    public MissedRunPolicyColumn() {
      super(MissedRunPolicy.class);
    }
  }

  @Converter(autoApply = true)
  public static class MessageRoleColumn extends WireName<MessageRole> {
    public MessageRoleColumn() {
      super(MessageRole.class);
    }
  }

  @Converter(autoApply = true)
  public static class McpTransportColumn extends WireName<McpTransport> {
    public McpTransportColumn() {
      super(McpTransport.class);
    }
  }
}
