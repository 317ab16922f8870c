package com.credbroker.storage.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Lines of an entry, none longer than a bound; the bound is checked while reading, before buffering more. */
final class BoundedLines implements AutoCloseable {
    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final int maxLine;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;

    BoundedLines(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
    }

    /** Reads {@code in} to its end, reporting each chunk's size to {@code counted} as it inflates. */
    static void drain(InputStream in, int maxLine, LongConsumer counted) throws IOException {
        byte[] chunk = new byte[BUFFER];
        long line = 0;
        for (int n; (n = in.read(chunk)) >= 0; ) {
            counted.accept(n);
            for (int i = 0; i < n; i++) {
                line = chunk[i] == '\n' ? 0 : line + 1;
                if (line > maxLine) {
                    throw tooLong(maxLine);
                }
            }
        }
    }

    /** The next non-empty line without its line break, or null at the end. */
    byte[] next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit < 0) {
                    limit = 0;
                    return line.size() == 0 ? null : line.toByteArray();
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            line.write(buffer, start, position - start);
            if (line.size() > maxLine) {
                throw tooLong(maxLine);
            }
            if (position < limit) {
                position++;
                if (line.size() > 0) {
                    return line.toByteArray();
                }
            }
        }
    }

    private static BackupRefusedException tooLong(int maxLine) {
        return new BackupRefusedException("a row in the archive is longer than " + maxLine + " bytes");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
