package com.credbroker.storage.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The segment files of a {@link FileAuditLog}: {@code <dataDir>/audit/audit-000001.log}, … The
 * directory is created (or tightened) to 0700 and every segment to 0600. Symbolic links are never
 * followed. Thread-safe (stateless apart from the directory path).
 */
final class AuditSegments {
    private static final Pattern NAME = Pattern.compile("audit-(\\d{6,18})\\.log");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path dir;

    AuditSegments(Path dataDir) throws IOException {
        this.dir = dataDir.resolve("audit");
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir, POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_DIR)}
                    : new FileAttribute<?>[0]);
        }
        if (POSIX) {
            Files.setPosixFilePermissions(dir, OWNER_DIR);
        }
    }

    Path dir() {
        return dir;
    }

    /** The segment files, oldest first. */
    List<Path> list() throws IOException {
        List<Path> segments = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(file -> NAME.matcher(file.getFileName().toString()).matches())
                    .filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
                    .forEach(segments::add);
        }
        segments.sort(Comparator.comparingLong(AuditSegments::number));
        return segments;
    }

    static long number(Path segment) {
        Matcher name = NAME.matcher(segment.getFileName().toString());
        if (!name.matches()) {
            throw new IllegalArgumentException("not an audit segment");
        }
        return Long.parseLong(name.group(1));
    }

    Path path(long number) {
        return dir.resolve(String.format("audit-%06d.log", number));
    }

    /** Creates a new, empty segment (0600) and opens it for appending; fails if the name is taken. */
    FileChannel create(long number) throws IOException {
        return FileChannel.open(path(number), Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS), ownerOnly());
    }

    /** Opens (creating it 0600 if needed) the directory's lock file. */
    FileChannel openLockFile() throws IOException {
        Path file = dir.resolve("audit.lock");
        FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), ownerOnly());
        if (POSIX) {
            Files.setPosixFilePermissions(file, OWNER_FILE);
        }
        return channel;
    }

    private static FileAttribute<?>[] ownerOnly() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
    }

    /** Opens an existing segment; its mode is tightened to 0600 first. */
    FileChannel open(Path segment, OpenOption... options) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(segment, OWNER_FILE);
        }
        Set<OpenOption> all = new HashSet<>(List.of(options));
        all.add(LinkOption.NOFOLLOW_LINKS);
        return FileChannel.open(segment, all);
    }

    /** Makes a newly created segment's directory entry durable (for the fsync mode). */
    void forceDirectory() throws IOException {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }
}
