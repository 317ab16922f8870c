package com.credbroker.storage.audit;

import com.credbroker.storage.db.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;

/**
 * An exclusive lock on {@code audit/audit.lock}, so that two writers never extend one chain. The
 * operating system drops it when the process dies, even by {@code kill -9}. Thread-safe.
 */
final class AuditDirectoryLock {
    private final FileChannel channel;
    private final FileLock lock;

    private AuditDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static AuditDirectoryLock acquire(AuditSegments segments) throws IOException {
        FileChannel channel = segments.openLockFile();
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new StorageException("the audit directory is in use by another audit log");
        }
        return new AuditDirectoryLock(channel, lock);
    }

    synchronized void release() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            // closing the channel releases the lock in any case
        }
    }
}
