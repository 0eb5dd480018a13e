package awslab.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REPL fuzz ({@link ReplFuzz}), short: a few hundred seeded lines on every build. The long
 * run (10,000 lines) is {@code bench/reliability/repl-fuzz.sh}, which sets {@code fuzz.lines}
 * and {@code fuzz.seed}; the figures go to {@code shell/target/repl-fuzz.txt}.
 */
class ReplFuzzTest {
    @TempDir
    Path stateDir;

    @Test
    void seededLinesNeverCrashHangTraceLoseOrLeak() throws Exception {
        long seed = Long.getLong("fuzz.seed", 20261130L);
        int lines = Integer.getInteger("fuzz.lines", 200);
        ReplFuzz.Figures figures = new ReplFuzz(seed, stateDir).run(lines);
        Files.writeString(Path.of("target", "repl-fuzz.txt"), figures + "\n", StandardCharsets.UTF_8);
        assertTrue(figures.clean(), figures.toString());
    }
}
