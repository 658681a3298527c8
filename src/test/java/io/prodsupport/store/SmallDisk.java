package io.prodsupport.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real, small file system (tmpfs) that can be filled up: {@code mount -t tmpfs -o size=…} as root, or through
 * {@code sudo -n} where that is allowed. Tests that need one are skipped, with the reason, where neither works.
 */
public final class SmallDisk implements AutoCloseable {

    private final Path dir;

    private SmallDisk(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code size} (e.g. {@code 2m}) on {@code dir}, or skips the calling test. */
    public static SmallDisk mountOrSkip(Path dir, String size) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String first = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString()));
        if (first != null) {
            String second =
                    run(List.of("sudo", "-n", "mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString()));
            assumeTrue(
                    second == null,
                    "skipped: a small tmpfs cannot be mounted here (mount: " + first + "; sudo -n mount: " + second
                            + ")");
            return new SmallDisk(dir).viaSudo();
        }
        return new SmallDisk(dir);
    }

    private boolean sudo;

    private SmallDisk viaSudo() {
        sudo = true;
        return this;
    }

    public Path dir() {
        return dir;
    }

    /** Writes a filler file until the disk has no space left; returns it, so deleting it frees the space again. */
    public Path fill() throws IOException {
        Path filler = dir.resolve("filler-" + System.nanoTime());
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        return filler;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(sudo ? List.of("sudo", "-n") : List.of());
        command.addAll(List.of("umount", "-l", dir.toString()));
        String failure = run(command);
        if (failure != null) {
            throw new IOException("cannot unmount " + dir + ": " + failure);
        }
    }

    /** Null when the command succeeded, else what it said. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out";
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.exitValue() == 0 ? null : (output.isEmpty() ? "exit " + p.exitValue() : output);
    }
}
