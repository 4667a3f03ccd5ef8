package org.smartassistant.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Redis's {@code MONITOR} on a connection of its own: every command Redis runs, in the order it
 * runs them, for a test that counts the round trips a piece of work costs. A command sent by a
 * client is one round trip; the commands a script runs are reported as well, marked {@code […
 * lua]}, and are not round trips.
 *
 * <p>No Redis client the project uses reads {@code MONITOR}'s endless reply, and its lines are
 * plain status replies, so this reads them from a socket.
 */
public final class RedisMonitor implements AutoCloseable {

  /** One command as Redis ran it. */
  public record Command(boolean fromScript, List<String> words) {

    /** The command's name, upper case. */
    public String name() {
      return words.isEmpty() ? "" : words.get(0).toUpperCase(java.util.Locale.ROOT);
    }

    /** Whether any of its words contains {@code text}. */
    public boolean mentions(String text) {
      return words.stream().anyMatch(word -> word.contains(text));
    }
  }

  private final Socket socket;
  private final BufferedReader in;

  private RedisMonitor(Socket socket) throws IOException {
    this.socket = socket;
    this.in =
        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Starts monitoring the Redis at {@code host:port} ({@code password} null when none). */
  public static RedisMonitor start(String host, int port, String password) {
    try {
      Socket socket = new Socket(host, port);
      socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
      RedisMonitor monitor = new RedisMonitor(socket);
      if (password != null && !password.isEmpty()) {
        monitor.send("AUTH", password);
        monitor.expectOk();
      }
      monitor.send("MONITOR");
      monitor.expectOk();
      return monitor;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The commands Redis ran since the monitor started (or since the last call) up to the moment
   * {@code mark} sends Redis a command naming the word it is given, e.g. {@code word ->
   * redis.hasKey(word)}: everything sent before the mark has been run by then.
   */
  public List<Command> until(Consumer<String> mark) {
    String word = "monitor-mark-" + UUID.randomUUID();
    mark.accept(word);
    List<Command> commands = new ArrayList<>();
    try {
      while (true) {
        String line = in.readLine();
        if (line == null) {
          throw new IllegalStateException("Redis closed the monitor's connection");
        }
        Command command = parse(line);
        if (command.mentions(word)) {
          return commands;
        }
        commands.add(command);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  /** {@code +1700000000.123456 [0 127.0.0.1:5000] "SET" "k" "v"}, quotes escaped with \. */
  static Command parse(String line) {
    int open = line.indexOf('[');
    int close = line.indexOf(']', open);
    boolean fromScript = open >= 0 && close > open && line.substring(open, close).contains("lua");
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    for (int i = close + 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (word == null) {
        if (c == '"') {
          word = new StringBuilder();
        }
      } else if (c == '\\' && i + 1 < line.length()) {
        word.append(line.charAt(++i));
      } else if (c == '"') {
        words.add(word.toString());
        word = null;
      } else {
        word.append(c);
      }
    }
    return new Command(fromScript, words);
  }

  private void send(String... words) throws IOException {
    StringBuilder command = new StringBuilder("*").append(words.length).append("\r\n");
    for (String word : words) {
      byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
      command.append('$').append(bytes.length).append("\r\n").append(word).append("\r\n");
    }
    OutputStream out = socket.getOutputStream();
    out.write(command.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private void expectOk() throws IOException {
    String reply = in.readLine();
    if (!"+OK".equals(reply)) {
      throw new IllegalStateException("Redis answered " + reply);
    }
  }
}
