package org.smartassistant.e2e.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import org.smartassistant.common.concurrent.DaemonThreads;

/**
 * How fast the machine is while the benchmark runs, on two yardsticks of its own that do not depend
 * on the services: a byte sent back and forth between two threads over loopback TCP (two system
 * calls and a thread wake-up on each side, what every hop of the pipeline pays) and SHA-256 over a
 * fixed buffer on one core (plain computing: the benchmark's JVM compiles with C1 only, as the
 * services do, so this is Java code run as theirs is, not the processor's SHA instructions). The
 * same build gives figures two or three times apart on a virtual machine from one hour to the next,
 * when its system calls cost more at some times than at others: these rows tell a slow machine from
 * a slow pipeline (docs/operations.md, "What the figures depend on").
 */
final class MachineCheck {

  private static final int WARM_UP_ROUND_TRIPS = 2_000;
  private static final int ROUND_TRIPS = 20_000;
  private static final int HASHED_MIB = 64;

  private MachineCheck() {}

  /** One reading of both yardsticks. */
  record Reading(double roundTripMicros, double hashMillis) {
    String roundTrip() {
      return String.format(Locale.ROOT, "%.1f us", roundTripMicros);
    }

    String hash() {
      return String.format(Locale.ROOT, "%.0f ms", hashMillis);
    }
  }

  static Reading read() throws IOException {
    return new Reading(roundTripMicros(ROUND_TRIPS), hashMillis());
  }

  /**
   * The mean time of a one-byte round trip over loopback TCP between this thread and an echoing
   * one, after a warm-up.
   *
   * @throws IOException when the echo did not come back byte for byte
   */
  private static double roundTripMicros(int roundTrips) throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket peer = server.accept()) {
      client.setTcpNoDelay(true);
      peer.setTcpNoDelay(true);
      DaemonThreads.unstarted(
              "machine-check-echo",
              () -> {
                try (InputStream in = peer.getInputStream();
                    OutputStream out = peer.getOutputStream()) {
                  for (int b = in.read(); b >= 0; b = in.read()) {
                    out.write(b);
                  }
                } catch (IOException closed) {
                  // the client closed its side: the check is over
                }
              })
          .start();
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      pingPong(in, out, WARM_UP_ROUND_TRIPS);
      long start = System.nanoTime();
      pingPong(in, out, roundTrips);
      return (System.nanoTime() - start) / 1_000.0 / roundTrips;
    }
  }

  private static void pingPong(InputStream in, OutputStream out, int times) throws IOException {
    for (int i = 0; i < times; i++) {
      out.write(i & 0x7f);
      int back = in.read();
      if (back != (i & 0x7f)) {
        throw new IOException("round trip " + i + " came back as " + back);
      }
    }
  }

  /** Milliseconds to hash {@value #HASHED_MIB} MiB with SHA-256 on this thread, after a warm-up. */
  private static double hashMillis() {
    byte[] block = new byte[1 << 20];
    for (int i = 0; i < block.length; i++) {
      block[i] = (byte) (i * 31);
    }
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
    for (int i = 0; i < HASHED_MIB; i++) {
      sha.update(block);
    }
    sha.digest();
    long start = System.nanoTime();
    for (int i = 0; i < HASHED_MIB; i++) {
      sha.update(block);
    }
    sha.digest();
    return (System.nanoTime() - start) / 1e6;
  }
}
