package com.credbroker.broker.cli;

import com.credbroker.broker.BrokerStorage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rotate-keys}: adds a new data-key term and rewraps every payload onto it. */
@Command(name = "rotate-keys", description = "Add a new data-key term and rewrap stored payloads onto it.")
public final class RotateKeysCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (BrokerStorage storage = StorageCommand.open()) {
            int term = storage.keyring().rotate();
            long moved = storage.rewrapper().rewrapNow();
            spec.commandLine().getOut().printf("active key term is now %d; %d payloads rewrapped%n", term, moved);
        }
        return 0;
    }
}
