package com.credbroker.storage.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An archive whose HMAC has been checked. Opening it reads every entry once, before anything is parsed or
 * written: at most {@link BackupLimits#maxEntries()} entries, each named {@code manifest.json} or
 * {@code tables/<name>.jsonl} and none twice, inflating in total to at most
 * {@link BackupLimits#maxInflatedBytes(long)} (counted as bytes come out of the inflater, not taken from the
 * zip's headers) with no row longer than {@link BackupLimits#maxLineBytes()}. Then the manifest is parsed and
 * must name exactly the table entries present.
 */
public final class VerifiedArchive implements AutoCloseable {
    /** Receives one row. */
    public interface RowHandler {
        void row(ObjectNode row) throws Exception;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_MANIFEST_BYTES = 1024 * 1024;
    private final ZipFile zip;
    private final BackupManifest manifest;
    private final BackupLimits limits;

    private VerifiedArchive(ZipFile zip, BackupManifest manifest, BackupLimits limits) {
        this.zip = zip;
        this.manifest = manifest;
        this.limits = limits;
    }

    static VerifiedArchive open(Path copy, long size, BackupLimits limits) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(copy.toFile());
        } catch (ZipException e) {
            throw new BackupRefusedException("the archive is not a readable zip file");
        }
        try {
            Set<String> tables = checkEntries(zip, limits.maxInflatedBytes(size), limits);
            ZipEntry manifestEntry = zip.getEntry(BackupManifest.ENTRY);
            if (manifestEntry == null) {
                throw new BackupRefusedException("the archive has no manifest");
            }
            BackupManifest manifest = BackupManifest.fromJson(JSON, readAll(zip, manifestEntry));
            Set<String> named = new HashSet<>();
            manifest.tables().forEach(t -> named.add(t.entry()));
            if (!named.equals(tables) || named.size() != manifest.tables().size()) {
                throw new BackupRefusedException("the archive's entries do not match its manifest");
            }
            return new VerifiedArchive(zip, manifest, limits);
        } catch (ZipException e) {
            zip.close();
            throw new BackupRefusedException("the archive is not a readable zip file");
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    /** Inflates every entry, counting; returns the table entries' names. */
    private static Set<String> checkEntries(ZipFile zip, long maxInflated, BackupLimits limits) throws IOException {
        Set<String> seen = new HashSet<>();
        Set<String> tables = new HashSet<>();
        long[] inflated = {0};
        int count = 0;
        for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
            ZipEntry entry = entries.nextElement();
            if (++count > limits.maxEntries()) {
                throw new BackupRefusedException("the archive has more than " + limits.maxEntries() + " entries");
            }
            String name = entry.getName();
            boolean table = isTableEntry(name);
            if (entry.isDirectory() || !(table || BackupManifest.ENTRY.equals(name)) || !seen.add(name)) {
                throw new BackupRefusedException("the archive holds an entry a backup never writes");
            }
            if (table) {
                tables.add(name);
            }
            long maxEntry = table ? Long.MAX_VALUE : MAX_MANIFEST_BYTES;
            long[] entryBytes = {0};
            try (InputStream in = zip.getInputStream(entry)) {
                BoundedLines.drain(in, limits.maxLineBytes(), n -> {
                    inflated[0] += n;
                    entryBytes[0] += n;
                    if (inflated[0] > maxInflated) {
                        throw new BackupRefusedException("the archive inflates to more than " + maxInflated
                                + " bytes, the most a restore accepts for an archive of its size");
                    }
                    if (entryBytes[0] > maxEntry) {
                        throw new BackupRefusedException("the archive's manifest is larger than a backup writes");
                    }
                });
            }
        }
        return tables;
    }

    private static boolean isTableEntry(String name) {
        return name.startsWith("tables/") && name.endsWith(".jsonl")
                && BackupManifest.validName(name.substring("tables/".length(), name.length() - ".jsonl".length()));
    }

    private static byte[] readAll(ZipFile zip, ZipEntry entry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = zip.getInputStream(entry)) {
            in.transferTo(out);
        }
        return out.toByteArray();
    }

    public BackupManifest manifest() {
        return manifest;
    }

    /** Hands each row of {@code table} to {@code handler}; returns how many. Refused on a row that is not an object. */
    public long forEachRow(BackupManifest.Table table, RowHandler handler) throws Exception {
        long rows = 0;
        try (InputStream in = zip.getInputStream(zip.getEntry(table.entry()));
             BoundedLines lines = new BoundedLines(in, limits.maxLineBytes())) {
            for (byte[] line; (line = lines.next()) != null; ) {
                JsonNode row;
                try {
                    row = JSON.readTree(line);
                } catch (IOException e) {
                    throw new BackupRefusedException("a row of " + table.name() + " is not JSON");
                }
                if (!(row instanceof ObjectNode object)) {
                    throw new BackupRefusedException("a row of " + table.name() + " is not a JSON object");
                }
                handler.row(object);
                rows++;
            }
        }
        return rows;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
