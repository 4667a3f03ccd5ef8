package org.smartassistant.rest;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The SQL statements rest-service's request threads run, counted at the JDBC driver's door
 * (datasource-proxy around the service's own data source), whether Hibernate or plain SQL sends
 * them. Background work (the change relay, the scheduler's own threads) runs on other threads and
 * is not counted.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementLog {

  private static final String REQUEST_THREADS = "http-nio-";
  private static final Queue<String> STATEMENTS = new ConcurrentLinkedQueue<>();

  /** Only while {@link #during} runs: the rest of the suite keeps nothing. */
  private static volatile boolean recording;

  @Bean
  static BeanPostProcessor statementCounting() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (!(bean instanceof DataSource dataSource)) {
          return bean;
        }
        return ProxyDataSourceBuilder.create(name, dataSource)
            .afterQuery(
                (execution, queries) -> {
                  if (recording && Thread.currentThread().getName().startsWith(REQUEST_THREADS)) {
                    queries.forEach(query -> STATEMENTS.add(query.getQuery()));
                  }
                })
            .build();
      }
    };
  }

  /** The statements request threads ran while {@code work} ran (requests one at a time). */
  public static List<String> during(Supplier<?> work) {
    STATEMENTS.clear();
    recording = true;
    try {
      work.get();
    } finally {
      recording = false;
    }
    return List.copyOf(STATEMENTS);
  }
}
