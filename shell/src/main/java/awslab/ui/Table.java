package awslab.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table for listings: aligned columns (by display width: accents take one column,
 * emoji two) when they fit the terminal, else one block per row, its first cell as a title and
 * the others under it, labelled — so that nothing is cut at the terminal's edge.
 *
 * <pre>
 * String text = new Table("ID", "STATE").row("i-0abc", "running").render(terminalWidth);
 *
 * ID      STATE              (fits)        i-0abc                (80 columns were not enough)
 * i-0abc  running                            STATE  running
 * </pre>
 */
public final class Table {
    private static final String GAP = "  ";
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    public Table(String... headers) {
        this.columns = headers.length;
        rows.add(headers.clone());
    }

    public Table row(Object... cells) {
        String[] row = new String[columns];
        for (int i = 0; i < columns; i++) {
            row[i] = i < cells.length && cells[i] != null ? String.valueOf(cells[i]) : "";
        }
        rows.add(row);
        return this;
    }

    /** Aligned columns, whatever their width. */
    public String render() {
        return render(0);
    }

    /** Aligned columns if they fit in {@code width} columns (0: any width), else one block per row. */
    public String render(int width) {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], LineWrapper.width(row[i]));
            }
        }
        int total = GAP.length() * (columns - 1);
        for (int w : widths) {
            total += w;
        }
        return width <= 0 || total <= width ? aligned(widths) : stacked();
    }

    /** One block per row, whatever the width: for a single thing shown in detail. */
    public String renderBlocks() {
        return stacked();
    }

    private String aligned(int[] widths) {
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(row[i]);
                if (i < columns - 1) {
                    line.append(" ".repeat(widths[i] - LineWrapper.width(row[i]))).append(GAP);
                }
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    private String stacked() {
        String[] headers = rows.get(0);
        int labelWidth = 0;
        for (int i = 1; i < columns; i++) {
            labelWidth = Math.max(labelWidth, LineWrapper.width(headers[i]));
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows.subList(1, rows.size())) {
            text.append(row[0]).append('\n');
            for (int i = 1; i < columns; i++) {
                if (!row[i].isEmpty()) {
                    text.append(GAP).append(headers[i]).append(" ".repeat(labelWidth - LineWrapper.width(headers[i])))
                            .append(GAP).append(row[i]).append('\n');
                }
            }
        }
        return text.toString();
    }
}
