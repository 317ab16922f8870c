package com.credbroker.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What this process has written, for figures of bytes written per operation. */
final class ProcessIo {
    private static final Path IO = Path.of("/proc/self/io");

    private ProcessIo() {
    }

    /**
     * Bytes this process has passed to write calls so far ({@code wchar} in {@code /proc/self/io}: files,
     * sockets and pipes alike), or 0 where there is no such file (not Linux).
     */
    static long bytesWritten() {
        if (!Files.isReadable(IO)) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(IO)) {
                if (line.startsWith("wchar:")) {
                    return Long.parseLong(line.substring("wchar:".length()).trim());
                }
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
