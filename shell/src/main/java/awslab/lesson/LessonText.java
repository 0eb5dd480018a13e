package awslab.lesson;

import awslab.api.UserException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A lesson's text in one language, cut into sections: the {@code # Title}, then one
 * {@code ## id} section each for {@code intro}, every step, optional {@code id.hint} sections,
 * and {@code outro}. A step's heading also gives the title students see ({@code ## id: Title}),
 * never its id. A {@code ## } line inside a fenced code block does not start a section.
 *
 * <pre>
 * # Ma première instance EC2
 * ## intro
 * …
 * ## launch: Lancer votre première instance
 * …
 * ## launch.hint
 * …
 * </pre>
 */
public record LessonText(String title, Map<String, String> sections, Map<String, String> stepTitles) {
    public static final String INTRO = "intro";
    public static final String OUTRO = "outro";
    public static final String HINT_SUFFIX = ".hint";

    public LessonText {
        sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
        stepTitles = Map.copyOf(stepTitles);
    }

    /** Parses {@code markdown}; {@code where} names the file in what is wrong with it. */
    public static LessonText parse(String where, String markdown) {
        String title = "";
        Map<String, String> sections = new LinkedHashMap<>();
        Map<String, String> titles = new LinkedHashMap<>();
        String current = null;
        List<String> lines = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\r?\n", -1)) {
            if (line.trim().startsWith("```")) {
                fenced = !fenced;
            }
            if (!fenced && line.startsWith("# ") && title.isEmpty() && current == null) {
                title = line.substring(2).trim();
            } else if (!fenced && line.startsWith("## ")) {
                if (current != null) {
                    sections.put(current, String.join("\n", lines).strip());
                }
                String heading = line.substring(3).trim();
                int colon = heading.indexOf(':');
                current = colon < 0 ? heading : heading.substring(0, colon).trim();
                if (colon >= 0 && !heading.substring(colon + 1).isBlank()) {
                    titles.put(current, heading.substring(colon + 1).trim());
                }
                if (sections.containsKey(current)) {
                    throw new UserException("err.course.sectionTwice", where, current);
                }
                lines.clear();
            } else if (current != null) {
                lines.add(line);
            }
        }
        if (current != null) {
            sections.put(current, String.join("\n", lines).strip());
        }
        return new LessonText(title, sections, titles);
    }

    public String intro() {
        return sections.getOrDefault(INTRO, "");
    }

    public Optional<String> outro() {
        return Optional.ofNullable(sections.get(OUTRO));
    }

    public Optional<String> section(String id) {
        return Optional.ofNullable(sections.get(id));
    }

    /** The step's title, as its heading gives it ({@code ## launch: Lancer votre première instance}). */
    public Optional<String> stepTitle(String stepId) {
        return Optional.ofNullable(stepTitles.get(stepId));
    }

    public Optional<String> hint(String stepId) {
        return section(stepId + HINT_SUFFIX);
    }
}
