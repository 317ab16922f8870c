package com.credbroker.broker.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/** Files an operator command writes are created mode 0600 (where the file system has POSIX modes), never widened later. */
final class PrivateFiles {
    private PrivateFiles() {
    }

    /** Creates the empty file {@code file}, which must not exist, readable and writable by its owner only. */
    static Path create(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        boolean posix = parent.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        return Files.createFile(file, attributes);
    }
}
