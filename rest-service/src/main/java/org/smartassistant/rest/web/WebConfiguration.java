package org.smartassistant.rest.web;

import java.util.Locale;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.type.LogicalType;

/**
 * Strict input: JSON values must have the declared type (no {@code "12"} for a number, no {@code
 * 12} for a string), and enum query parameters accept their wire names ({@code one_time}).
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

  @Bean
  JsonMapperBuilderCustomizer strictJsonTypes() {
    return builder ->
        builder
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // an enum is its name, never its position: {"type": 5} is refused
            .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .withCoercionConfig(
                LogicalType.Textual,
                config ->
                    config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
  }

  @Override
  public void addFormatters(FormatterRegistry registry) {
    registry.addConverterFactory(new WireNameEnumConverterFactory());
  }

  /** Reads {@code one_time}, {@code ONE_TIME} or {@code One_Time} as {@code ONE_TIME}. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static final class WireNameEnumConverterFactory implements ConverterFactory<String, Enum> {

    @Override
    public <T extends Enum> Converter<String, T> getConverter(Class<T> targetType) {
      return source -> {
        String value = source.trim();
        if (value.isEmpty()) {
          return null;
        }
        return (T) Enum.valueOf(targetType, value.toUpperCase(Locale.ROOT));
      };
    }
  }
}
