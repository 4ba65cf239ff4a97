package dev.jetway.local;

import dev.jetway.core.config.ConfigException;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.lifecycle.HotLoad;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Watches the config file of a running local gateway by polling its modification time and size
 * (robust on every file system and editor, unlike a directory watch that misses atomic renames on
 * some), and reconciles its {@code providers:} into the registry. A file that does not load is
 * reported with the loader's error and the running providers stay as they are. Changes to the
 * {@code gateway:} and {@code telemetry:} sections need a restart; that is reported too.
 */
final class ConfigFileWatcher {

    private final Path file;
    private final HotLoad hotLoad;
    private final GatewayConfig started;
    private final Consumer<String> log;
    private FileTime lastModified;
    private long lastSize = -1;
    private byte[] lastContent = new byte[0];

    ConfigFileWatcher(Path file, HotLoad hotLoad, GatewayConfig started, Consumer<String> log) throws IOException {
        this.file = file.toAbsolutePath();
        this.hotLoad = hotLoad;
        this.started = started;
        this.log = log;
        remember();
    }

    Path file() {
        return file;
    }

    /** Looks once; applies the file when it changed since the last look. Never throws. */
    void poll() {
        try {
            if (!Files.exists(file)) return;
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (modified.equals(lastModified) && size == lastSize) return;
            byte[] content = Files.readAllBytes(file);
            lastModified = modified;
            lastSize = size;
            if (Arrays.equals(content, lastContent)) return;
            lastContent = content;
            apply();
        } catch (IOException | RuntimeException e) {
            log.accept("jetway: config " + file + " not applied: " + e.getMessage() + "; the running providers are unchanged");
        }
    }

    private void apply() {
        GatewayConfig config;
        try {
            config = ConfigLoader.load(file);
        } catch (ConfigException e) {
            log.accept("jetway: config " + file + " not applied: " + e.getMessage()
                    + "; the running providers are unchanged until the file is fixed");
            return;
        }
        HotLoad.Reconciliation done = hotLoad.reconcile(config.providers(), file.toString());
        if (!done.isEmpty()) {
            log.accept("jetway: config " + file + " applied: added " + done.added() + ", changed " + done.changed()
                    + ", removed " + done.removed());
        }
        if (!config.settings().equals(started.settings()) || !config.telemetry().equals(started.telemetry())) {
            log.accept("jetway: config " + file + ": changes to the gateway: and telemetry: sections apply after a restart");
        }
    }

    private void remember() throws IOException {
        lastModified = Files.getLastModifiedTime(file);
        lastSize = Files.size(file);
        lastContent = Files.readAllBytes(file);
    }
}
