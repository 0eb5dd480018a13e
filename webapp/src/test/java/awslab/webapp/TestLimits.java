package awslab.webapp;

import awslab.webapp.WebAppConfig.Limits;
import java.time.Duration;

/** The default {@link Limits} with one bound changed, for tests that reach it quickly. */
final class TestLimits {
    private static final Limits DEFAULT = Limits.DEFAULT;

    private TestLimits() {}

    static Limits maxBodyBytes(int maxBodyBytes) {
        return new Limits(maxBodyBytes, DEFAULT.bodyTimeout(), DEFAULT.maxTasks(), DEFAULT.maxStoreBytes());
    }

    static Limits bodyTimeout(Duration bodyTimeout) {
        return new Limits(DEFAULT.maxBodyBytes(), bodyTimeout, DEFAULT.maxTasks(), DEFAULT.maxStoreBytes());
    }

    static Limits store(int maxTasks, int maxStoreBytes) {
        return new Limits(DEFAULT.maxBodyBytes(), DEFAULT.bodyTimeout(), maxTasks, maxStoreBytes);
    }
}
