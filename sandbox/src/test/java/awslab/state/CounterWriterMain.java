package awslab.state;

import java.nio.file.Path;
import java.util.Properties;

/**
 * Another process for the store's tests: adds 1 to {@code NAME} in a shared properties file,
 * {@code N} times, one locked update each, as a second shell would.
 *
 * <pre>
 * java -cp … awslab.state.CounterWriterMain FILE NAME N
 * </pre>
 */
public final class CounterWriterMain {
    private CounterWriterMain() {}

    public static void main(String[] args) {
        SharedFile<Properties> file = new StateFiles(damage -> {
            throw new AssertionError("damaged: " + damage);
        }).shared(Path.of(args[0]), Format.properties("test"));
        String name = args[1];
        int count = Integer.parseInt(args[2]);
        for (int i = 0; i < count; i++) {
            file.update(p -> {
                p.setProperty(name, String.valueOf(Integer.parseInt(p.getProperty(name, "0")) + 1));
                p.setProperty("total", String.valueOf(Integer.parseInt(p.getProperty("total", "0")) + 1));
                return p;
            });
        }
    }
}
