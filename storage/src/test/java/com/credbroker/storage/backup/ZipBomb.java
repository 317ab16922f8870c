package com.credbroker.storage.backup;

import com.credbroker.storage.crypto.ArchiveKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A correctly signed archive whose one table entry inflates to {@code mib} MiB of line breaks from a few
 * hundred bytes per MiB: one deflated MiB (ending on a sync flush, so it can follow itself) repeated, built
 * in milliseconds instead of deflating gigabytes. The zip's headers state the true sizes; a reader that
 * trusted them would be no safer.
 */
final class ZipBomb {
    private ZipBomb() {
    }

    static Path signed(Path file, int mib, ArchiveKey key) throws IOException {
        byte[] manifest = ("{\"format\":\"credbroker-backup\",\"format_version\":1,\"schema_version\":\"7\","
                + "\"created_at\":\"2026-01-01T00:00:00Z\",\"source\":\"h2\",\"tables\":[{\"name\":\"t\","
                + "\"rows\":1,\"columns\":[\"a\"]}]}").getBytes(StandardCharsets.UTF_8);
        byte[] oneMib = new byte[1 << 20];
        Arrays.fill(oneMib, (byte) '\n');
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(oneMib);
        byte[] buffer = new byte[1 << 16];
        byte[] block = Arrays.copyOf(buffer, deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH));
        deflater.end();
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        for (int i = 0; i < mib; i++) {
            bomb.write(block);
        }
        bomb.write(new byte[] {3, 0}); // a final, empty fixed-Huffman block
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        CRC32 crc = new CRC32();
        crc.update(manifest);
        long manifestAt = zip.size();
        local(zip, BackupManifest.ENTRY, 0, crc.getValue(), manifest.length, manifest.length);
        zip.write(manifest);
        long bombAt = zip.size();
        local(zip, "tables/t.jsonl", 8, 0, bomb.size(), (long) mib << 20);
        bomb.writeTo(zip);
        long directoryAt = zip.size();
        central(zip, BackupManifest.ENTRY, 0, crc.getValue(), manifest.length, manifest.length, manifestAt);
        central(zip, "tables/t.jsonl", 8, 0, bomb.size(), (long) mib << 20, bombAt);
        byte[] comment = ArchiveTrailer.unsigned(Optional.empty()).getBytes(StandardCharsets.US_ASCII);
        zip.write(le(ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN).putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
                .putShort((short) 2).putShort((short) 2).putInt((int) (zip.size() - directoryAt))
                .putInt((int) directoryAt).putShort((short) comment.length)));
        zip.write(comment);
        Files.write(file, zip.toByteArray());
        sign(file, key);
        return file;
    }

    private static void sign(Path file, ArchiveKey key) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            byte[] tag = ArchiveCopy.mac(channel, size - ArchiveTrailer.TAG_CHARS, key.newMac());
            channel.write(ByteBuffer.wrap(HexFormat.of().formatHex(tag).getBytes(StandardCharsets.US_ASCII)),
                    size - ArchiveTrailer.TAG_CHARS);
        }
    }

    private static void local(OutputStream out, String name, int method, long crc, long compressed, long size)
            throws IOException {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        out.write(le(ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN).putInt(0x04034b50).putShort((short) 20).putShort((short) 0)
                .putShort((short) method).putInt(0).putInt((int) crc).putInt((int) compressed).putInt((int) size)
                .putShort((short) bytes.length).putShort((short) 0)));
        out.write(bytes);
    }

    private static void central(OutputStream out, String name, int method, long crc, long compressed, long size,
            long offset) throws IOException {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        out.write(le(ByteBuffer.allocate(46).order(ByteOrder.LITTLE_ENDIAN).putInt(0x02014b50).putShort((short) 20).putShort((short) 20)
                .putShort((short) 0).putShort((short) method).putInt(0).putInt((int) crc).putInt((int) compressed)
                .putInt((int) size).putShort((short) bytes.length).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) offset)));
        out.write(bytes);
    }

    private static byte[] le(ByteBuffer filled) {
        return filled.array();
    }
}
