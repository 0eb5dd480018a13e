package awslab.lesson;

import awslab.i18n.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * The course as data, read from {@code /lessons/} on the classpath (the jar carries the
 * repository's {@code lessons/} folder): {@code course.properties} names the format version and
 * the lessons in order; each lesson folder holds {@code steps}, {@code fr.md} and {@code en.md}.
 * Adding a lesson is adding a folder and its id to the manifest.
 *
 * <pre>
 * Course course = Course.load();
 * Lesson first = course.lessons().get(0);
 * Optional&lt;Lesson&gt; fleet = course.find("2"); // by number or id
 * </pre>
 */
public record Course(int formatVersion, List<Lesson> lessons) {
    /** The manifest format this code reads; a newer course needs a newer shell. */
    public static final int FORMAT_VERSION = 1;
    public static final String ROOT = "/lessons/";

    public Course {
        lessons = List.copyOf(lessons);
    }

    /** The course packaged with the shell. */
    public static Course load() {
        return load(Course::classpathText);
    }

    /** The course read through {@code reader}: a path under {@code lessons/} → its UTF-8 text, or empty. */
    public static Course load(Function<String, Optional<String>> reader) {
        String manifestText = reader.apply("course.properties")
                .orElseThrow(() -> new IllegalStateException("the course manifest lessons/course.properties is missing"));
        Properties manifest = new Properties();
        try {
            manifest.load(new StringReader(manifestText));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int version = Integer.parseInt(manifest.getProperty("format_version", "0").strip());
        if (version != FORMAT_VERSION) {
            throw new IllegalStateException("lessons/course.properties has format_version " + version + "; this shell reads " + FORMAT_VERSION);
        }
        List<Lesson> lessons = new ArrayList<>();
        for (String id : Arrays.stream(manifest.getProperty("lessons", "").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            lessons.add(loadLesson(id, reader));
        }
        if (new HashSet<>(lessons.stream().map(Lesson::id).toList()).size() != lessons.size()) {
            throw new IllegalStateException("lessons/course.properties names a lesson twice");
        }
        return new Course(version, lessons);
    }

    private static Lesson loadLesson(String id, Function<String, Optional<String>> reader) {
        String stepsPath = id + "/steps";
        String steps = reader.apply(stepsPath).orElseThrow(() -> new IllegalStateException("missing lessons/" + stepsPath));
        Map<Language, LessonText> texts = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            String path = id + "/" + language.code() + ".md";
            texts.put(language, LessonText.parse(reader.apply(path).orElseThrow(() -> new IllegalStateException("missing lessons/" + path))));
        }
        return new Lesson(id, StepsFile.parse("lessons/" + stepsPath, steps), texts);
    }

    static Optional<String> classpathText(String path) {
        try (InputStream in = Course.class.getResourceAsStream(ROOT + path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT + path, e);
        }
    }

    /**
     * A lesson by what a student types: its number as listed ({@code 1}, {@code 01}), its
     * folder id, or the id without its number ({@code flotte}).
     */
    public Optional<Lesson> find(String nameOrNumber) {
        String wanted = nameOrNumber.strip();
        if (wanted.matches("\\d{1,3}")) {
            int number = Integer.parseInt(wanted);
            return lessons.stream().filter(l -> number(l) == number).findFirst();
        }
        return lessons.stream()
                .filter(l -> l.id().equals(wanted) || l.id().replaceFirst("^\\d+-", "").equals(wanted))
                .findFirst();
    }

    public Optional<Lesson> lesson(String id) {
        return lessons.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /** The number in a lesson's folder name ({@code 02-flotte} → 2), or its position when it has none. */
    public int number(Lesson lesson) {
        String digits = lesson.id().replaceFirst("^(\\d+)-.*$", "$1");
        return digits.matches("\\d+") ? Integer.parseInt(digits) : lessons.indexOf(lesson);
    }
}
