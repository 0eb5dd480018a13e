package awslab.lab;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * An estimate of what an instance costs per hour: on-demand Linux prices in us-east-1 for the
 * sizes Learner Lab allows (nano to large), from AWS's public price list. An estimate only — the
 * bill is what counts; other regions differ by a few percent.
 *
 * <pre>
 * Pricing.hourlyUsd("t2.micro"); // Optional[0.0116]
 * </pre>
 */
public final class Pricing {
    private Pricing() {}

    private static final Map<String, BigDecimal> US_EAST_1_HOURLY_USD = Map.ofEntries(
            Map.entry("t2.nano", new BigDecimal("0.0058")),
            Map.entry("t2.micro", new BigDecimal("0.0116")),
            Map.entry("t2.small", new BigDecimal("0.023")),
            Map.entry("t2.medium", new BigDecimal("0.0464")),
            Map.entry("t2.large", new BigDecimal("0.0928")),
            Map.entry("t3.nano", new BigDecimal("0.0052")),
            Map.entry("t3.micro", new BigDecimal("0.0104")),
            Map.entry("t3.small", new BigDecimal("0.0208")),
            Map.entry("t3.medium", new BigDecimal("0.0416")),
            Map.entry("t3.large", new BigDecimal("0.0832")),
            Map.entry("t3a.nano", new BigDecimal("0.0047")),
            Map.entry("t3a.micro", new BigDecimal("0.0094")),
            Map.entry("t3a.small", new BigDecimal("0.0188")),
            Map.entry("t3a.medium", new BigDecimal("0.0376")),
            Map.entry("t3a.large", new BigDecimal("0.0752")));

    /** Estimated on-demand price per hour in US dollars, empty for a type not in the table. */
    public static Optional<BigDecimal> hourlyUsd(String instanceType) {
        return Optional.ofNullable(US_EAST_1_HOURLY_USD.get(instanceType));
    }
}
