package org.rlgan.scenarios.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** What produced a run: the workbench version, the git commit of the working directory and the JVM. */
public final class BuildInfo {

  private BuildInfo() {}

  public static String version() {
    try (InputStream in = BuildInfo.class.getResourceAsStream("/org/rlgan/scenarios/version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** {@code git rev-parse HEAD} in {@code dir}, with "-dirty" when tracked files changed; "unknown" without git. */
  public static String gitCommit(Path dir) {
    String head = git(dir, "rev-parse", "HEAD");
    if (head == null) {
      return "unknown";
    }
    String status = git(dir, "status", "--porcelain", "--untracked-files=no");
    return head + (status != null && !status.isBlank() ? "-dirty" : "");
  }

  public static String jvm() {
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
        + System.getProperty("java.vendor") + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        + ")";
  }

  public static Map<String, Object> all(Path dir) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("workbench_version", version());
    m.put("git_commit", gitCommit(dir));
    m.put("jvm", jvm());
    return m;
  }

  private static String git(Path dir, String... args) {
    try {
      String[] cmd = new String[args.length + 1];
      cmd[0] = "git";
      System.arraycopy(args, 0, cmd, 1, args.length);
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false).start();
      p.getOutputStream().close();
      p.getErrorStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return null;
      }
      return new String(out, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
