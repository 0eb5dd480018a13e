package awslab.state;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * How a state file's text becomes a value and back, and what it holds (for the message that
 * tells the user a damaged file was set aside: {@code msg.state.damaged.<name>}).
 *
 * <pre>
 * Format&lt;Properties&gt; settings = Format.properties("settings");
 * Format&lt;CourseProgress&gt; progress = Format.json("progress", CourseProgress.class, CourseProgress::new);
 * </pre>
 *
 * @param <T> the value a file holds
 */
public interface Format<T> {

    /** What the file holds, e.g. {@code progress}: names the message that says what a damaged file meant. */
    String name();

    /** The value of an absent (or set aside) file. */
    T empty();

    /** The value of {@code text}; throws {@link IllegalArgumentException} when the text is damaged. */
    T parse(String text);

    String render(T value);

    /** {@code key=value} lines, as {@link Properties} reads and writes them. */
    static Format<Properties> properties(String name) {
        return new Format<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Properties empty() {
                return new Properties();
            }

            @Override
            public Properties parse(String text) {
                Properties properties = new Properties();
                try {
                    properties.load(new StringReader(text)); // a malformed \\uXXXX throws IllegalArgumentException
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // a StringReader does not fail
                }
                return properties;
            }

            @Override
            public String render(Properties value) {
                StringWriter out = new StringWriter();
                try {
                    value.store(out, "awslab " + name);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return out.toString();
            }
        };
    }

    /** Pretty-printed JSON of {@code type} (Gson); an empty file or {@code null} is the empty value. */
    static <T> Format<T> json(String name, Class<T> type, Supplier<T> empty) {
        Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
        return new Format<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public T empty() {
                return empty.get();
            }

            @Override
            public T parse(String text) {
                try {
                    T value = gson.fromJson(text, type);
                    return value == null ? empty.get() : value;
                } catch (JsonParseException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            }

            @Override
            public String render(T value) {
                return gson.toJson(value);
            }
        };
    }
}
