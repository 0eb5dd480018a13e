package awslab.fleet;

import java.util.List;
import java.util.Locale;

/**
 * Small CPU charts for the terminal: a sparkline of the group's average over time and a bar per
 * instance. Pure functions of percentages (0–100); a missing value is shown as {@code ·}.
 *
 * <pre>
 * CpuChart.sparkline(List.of(5.0, 40.0, 95.0)); // "▁▄█"
 * CpuChart.bar(62.0, 10);                       // "██████░░░░  62%"
 * </pre>
 */
public final class CpuChart {
    private static final char[] LEVELS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

    private CpuChart() {}

    /** One character per value, from ▁ (0 %) to █ (100 %); {@code null} or NaN shows {@code ·}. */
    public static String sparkline(List<Double> percents) {
        StringBuilder out = new StringBuilder();
        for (Double p : percents) {
            if (p == null || p.isNaN()) {
                out.append('·');
            } else {
                int level = (int) Math.round(clamp(p) / 100.0 * (LEVELS.length - 1));
                out.append(LEVELS[level]);
            }
        }
        return out.toString();
    }

    /** A bar of {@code width} cells filled in proportion, then the value, e.g. {@code ███░░  60%}. */
    public static String bar(double percent, int width) {
        int filled = (int) Math.round(clamp(percent) / 100.0 * width);
        return "█".repeat(filled) + "░".repeat(width - filled) + String.format(Locale.ROOT, " %3.0f%%", clamp(percent));
    }

    private static double clamp(double percent) {
        return Math.max(0, Math.min(100, percent));
    }
}
