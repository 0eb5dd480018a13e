package awslab.lesson;

import awslab.state.StateFiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressStoreTest {
    private static final String LESSON = "01-premiere-instance";
    private static final StateFiles FILES = new StateFiles(damage -> {});

    @TempDir
    Path dir;

    @Test
    void progressSurvivesARestart() {
        new ProgressStore(FILES, dir).update(p -> {
            p.activeLesson(LESSON);
            p.lesson(LESSON).currentStep("stop");
            p.lesson(LESSON).steps().put("launch", new CourseProgress.StepDone("2026-11-25T15:40:00Z", "PASSED"));
            p.lesson(LESSON).facts().put("instance.id", "i-0abc");
        });
        CourseProgress read = new ProgressStore(FILES, dir).read();
        assertEquals(LESSON, read.activeLesson().orElseThrow());
        assertEquals("stop", read.lesson(LESSON).currentStep().orElseThrow());
        assertEquals("2026-11-25T15:40:00Z", read.lesson(LESSON).steps().get("launch").at());
        assertEquals("i-0abc", read.lesson(LESSON).facts().get("instance.id"));
    }

    @Test
    void anEmptyStateDirectoryIsAFreshStart() {
        CourseProgress read = new ProgressStore(FILES, dir.resolve("not-yet")).read();
        assertTrue(read.activeLesson().isEmpty());
        assertTrue(read.lesson(LESSON).steps().isEmpty());
    }

    @Test
    void threadsWritingAtOnceLoseNoStep() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String prefix = "t" + t + "-";
                futures.add(pool.submit(() -> ProgressWriterMain.main(new String[] {dir.toString(), LESSON, prefix, "15"})));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(60, new ProgressStore(FILES, dir).read().lesson(LESSON).steps().size());
    }

    @Test
    void twoShellProcessesWritingAtOnceLoseNoStep() throws Exception {
        Process a = writer("a-", 25).start();
        Process b = writer("b-", 25).start();
        ProgressWriterMain.main(new String[] {dir.toString(), LESSON, "here-", "25"});
        assertEquals(0, waitFor(a), "the first writer process failed");
        assertEquals(0, waitFor(b), "the second writer process failed");
        Set<String> steps = new ProgressStore(FILES, dir).read().lesson(LESSON).steps().keySet();
        assertEquals(75, steps.size(), steps.toString());
        assertTrue(steps.containsAll(IntStream.range(0, 25).mapToObj(i -> "b-" + i).collect(Collectors.toSet())));
    }

    @Test
    void aShellKilledAtAnyMomentLeavesTheLastGoodProgress() throws Exception {
        java.util.Random random = new java.util.Random(42);
        for (int round = 0; round < 4; round++) {
            String prefix = "k" + round + "-";
            Process writer = writer(prefix, 100_000).start();
            waitUntilWriting(writer, prefix);
            Thread.sleep(random.nextInt(40)); // then kill it at some moment of its writing
            writer.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            CourseProgress read = new ProgressStore(FILES, dir).read(); // parses: never a half-written file
            String last = read.lesson(LESSON).facts().get(prefix + ".last");
            int n = Integer.parseInt(last.substring(prefix.length()));
            assertTrue(n < 99_999, "the writer finished before it was killed");
            for (int i = 0; i <= n; i++) {
                assertTrue(read.lesson(LESSON).done(prefix + i), "step " + i + " of round " + round + " was lost");
            }
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("progress.json.damaged")),
                    "the progress file was found broken after a kill");
        }
    }

    /** Waits (at most 30 s) until the writer process has finished a few steps. */
    private void waitUntilWriting(Process writer, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!writer.isAlive()) {
                throw new AssertionError("the writer process exited early with " + writer.exitValue());
            }
            if (new ProgressStore(FILES, dir).read().lesson(LESSON).steps().keySet().stream().filter(k -> k.startsWith(prefix)).count() >= 3) {
                return;
            }
            Thread.sleep(20);
        }
        writer.destroyForcibly();
        throw new AssertionError("the writer process wrote nothing within 30 s");
    }

    @Test
    void aPartialTemporaryFileLeftByAKillIsIgnored() throws IOException {
        ProgressStore store = new ProgressStore(FILES, dir);
        store.update(p -> p.lesson(LESSON).currentStep("reboot"));
        Files.writeString(dir.resolve("progress.json.123.tmp"), "{\"formatVersion\":1,\"lessons\":{\"01-prem", StandardCharsets.UTF_8);
        assertEquals("reboot", store.read().lesson(LESSON).currentStep().orElseThrow());
        store.update(p -> p.lesson(LESSON).currentStep("terminate"));
        assertEquals("terminate", new ProgressStore(FILES, dir).read().lesson(LESSON).currentStep().orElseThrow());
        assertTrue(Files.notExists(dir.resolve("progress.json.123.tmp")), "the next write removes what a killed shell left");
    }

    @Test
    void aHandBrokenFileIsKeptAsideAndTheShellStartsAfresh() throws IOException {
        Files.writeString(dir.resolve(ProgressStore.FILE), "{ not json", StandardCharsets.UTF_8);
        ProgressStore store = new ProgressStore(FILES, dir);
        assertTrue(store.read().lesson(LESSON).steps().isEmpty());
        try (var files = Files.list(dir)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("progress.json.damaged-")));
        }
    }

    private ProcessBuilder writer(String prefix, int count) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ProgressWriterMain.class.getName(), dir.toString(), LESSON, prefix, String.valueOf(count))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("writer-" + prefix + ".log").toFile());
    }

    private int waitFor(Process process) throws InterruptedException, IOException {
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("a writer process did not finish within 90 s");
        }
        return process.exitValue();
    }
}
