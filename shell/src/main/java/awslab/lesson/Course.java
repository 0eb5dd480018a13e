package awslab.lesson;

import awslab.api.UserException;
import awslab.i18n.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * The course as data: {@code course.properties} names the format version and the lessons in
 * order; each lesson folder holds {@code steps}, {@code fr.md} and {@code en.md}. Adding a lesson
 * is adding a folder and its id to the manifest. A course is read from a folder on disk (the
 * repository's {@code lessons/}, or any folder an instructor edits: {@code awslab --course DIR})
 * or from the copy packaged in the jar. What is wrong with it is a {@link UserException} that
 * names the file and the line, in the user's language.
 *
 * <pre>
 * Course course = Course.load(Path.of("lessons"));  // or Course.packaged()
 * Lesson first = course.lessons().get(0);
 * Optional&lt;Lesson&gt; fleet = course.find("2");      // by number or id
 * </pre>
 */
public record Course(int formatVersion, List<Lesson> lessons) {
    /** The manifest format this code reads; a newer course needs a newer shell. */
    public static final int FORMAT_VERSION = 1;
    public static final String MANIFEST = "course.properties";
    static final String ROOT = "/lessons/";

    public Course {
        lessons = List.copyOf(lessons);
    }

    /** The course packaged with the shell (the repository's {@code lessons/} when it was built). */
    public static Course packaged() {
        return load(Course::classpathText, "lessons/");
    }

    /** The course in folder {@code dir}. */
    public static Course load(Path dir) {
        if (!Files.isRegularFile(dir.resolve(MANIFEST))) {
            throw new UserException("err.course.notCourse", dir, MANIFEST);
        }
        return load(path -> diskText(dir.resolve(path)), dir + java.io.File.separator);
    }

    /**
     * The course read through {@code reader}: a path under the course folder → its UTF-8 text,
     * or empty; {@code where} prefixes the file names that messages show.
     */
    public static Course load(Function<String, Optional<String>> reader, String where) {
        String manifestText = reader.apply(MANIFEST)
                .orElseThrow(() -> new UserException("err.course.fileMissing", where + MANIFEST));
        Properties manifest = new Properties();
        try {
            manifest.load(new StringReader(manifestText));
        } catch (IOException | IllegalArgumentException e) {
            throw new UserException("err.course.unreadable", where + MANIFEST, e.getMessage());
        }
        String versionText = manifest.getProperty("format_version", "").strip();
        if (!versionText.equals(String.valueOf(FORMAT_VERSION))) {
            throw new UserException("err.course.format", where + MANIFEST, versionText, FORMAT_VERSION);
        }
        List<String> ids = Arrays.stream(manifest.getProperty("lessons", "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (ids.isEmpty()) {
            throw new UserException("err.course.empty", where + MANIFEST);
        }
        List<Lesson> lessons = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!seen.add(id)) {
                throw new UserException("err.course.lessonTwice", where + MANIFEST, id);
            }
            lessons.add(loadLesson(id, reader, where));
        }
        return new Course(FORMAT_VERSION, lessons);
    }

    private static Lesson loadLesson(String id, Function<String, Optional<String>> reader, String where) {
        String stepsPath = id + "/steps";
        String steps = reader.apply(stepsPath).orElseThrow(() -> new UserException("err.course.fileMissing", where + stepsPath));
        Map<Language, LessonText> texts = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            String path = id + "/" + language.code() + ".md";
            String text = reader.apply(path).orElseThrow(() -> new UserException("err.course.fileMissing", where + path));
            texts.put(language, LessonText.parse(where + path, text));
        }
        return new Lesson(id, StepsFile.parse(where + stepsPath, steps), texts);
    }

    private static Optional<String> diskText(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UserException(e, "err.course.unreadable", file, String.valueOf(e.getMessage()));
        }
    }

    static Optional<String> classpathText(String path) {
        try (InputStream in = Course.class.getResourceAsStream(ROOT + path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UserException(e, "err.course.unreadable", ROOT + path, String.valueOf(e.getMessage()));
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
