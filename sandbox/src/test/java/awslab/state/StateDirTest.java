package awslab.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where state lives on each platform. */
class StateDirTest {

    @Test
    void theStateDirectoryIsTheOwnersOnlyEvenWhenItWasNot(@TempDir Path tmp) throws Exception {
        Path fresh = tmp.resolve("fresh").resolve("awslab");
        Path open = Files.createDirectories(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Path dir : new Path[] {fresh, open}) {
            assertEquals(dir, StateDir.locate(Map.of("AWSLAB_HOME", dir.toString()), key -> null));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)), dir.toString());
        }
    }

    @Test
    void theStateDirectoryFollowsEachPlatformsHabit() {
        Map<String, String> props = Map.of("user.home", "/home/u", "os.name", "Linux");
        assertEquals(Path.of("/home/u/.local/state/awslab"), StateDir.choose(Map.of(), props::get));
        assertEquals(Path.of("/x/awslab"), StateDir.choose(Map.of("XDG_STATE_HOME", "/x"), props::get));
        assertEquals(Path.of("/h"), StateDir.choose(Map.of("AWSLAB_HOME", "/h"), props::get));
        Map<String, String> withProperty = Map.of("user.home", "/home/u", "os.name", "Linux", "awslab.home", "/p");
        assertEquals(Path.of("/p"), StateDir.choose(Map.of("AWSLAB_HOME", "/h"), withProperty::get));
        Map<String, String> mac = Map.of("user.home", "/Users/u", "os.name", "Mac OS X");
        assertEquals(Path.of("/Users/u/Library/Application Support/awslab"), StateDir.choose(Map.of(), mac::get));
        Map<String, String> windows = Map.of("user.home", "C:/Users/u", "os.name", "Windows 11");
        assertEquals(Path.of("C:/Local", "awslab"), StateDir.choose(Map.of("LOCALAPPDATA", "C:/Local"), windows::get));
    }
}
