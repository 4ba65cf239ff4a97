package dev.jetway.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one-line figure each adversarial test leaves behind: which attack, how many times it was
 * tried, how many times it got through. Lines go to stdout and to
 * {@code target/adversarial-figures.txt}, which {@code make test} prints at the end, so a reader
 * sees every attack held as a regression without digging through test logs. The test itself
 * still asserts that nothing got through; this only reports.
 */
public final class AttackFigures {

    private static final Path FILE = Path.of("target", "adversarial-figures.txt");

    private AttackFigures() {}

    /**
     * @param attack what was tried, in a few words (e.g. "stdio sampling request shown to another caller")
     * @param tried how many attempts the test made
     * @param defects how many attempts got through (the test asserts 0)
     */
    public static synchronized void record(String attack, long tried, long defects) {
        String line = "attack: %s — tried %d, defects found %d".formatted(attack, tried, defects);
        System.out.println(line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("could not write " + FILE.toAbsolutePath() + ": " + e.getMessage());
        }
    }
}
