package awslab.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A few {@link FaultTrials} on every change (bench/reliability/faults.sh runs a hundred): no defect in any. */
class FaultTrialsTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void launchAndCleanupThroughRandomFaultsShowNoDefect() throws Exception {
        FaultTrials.Tally tally = new FaultTrials(new Random(20261130), dir).run(10);
        assertEquals(List.of(), tally.defects(), tally.outcomes().toString());
    }
}
