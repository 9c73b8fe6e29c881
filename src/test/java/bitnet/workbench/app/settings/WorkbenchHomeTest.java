package bitnet.workbench.app.settings;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WorkbenchHomeTest {
    private static final String HOME = "/home/ada";

    @Test
    void theSystemPropertyOverridesEveryPlatformRule() {
        assertThat(WorkbenchHome.resolve("/tmp/wb", "Linux", Map.of("XDG_DATA_HOME", "/x"), HOME)).isEqualTo(Path.of("/tmp/wb"));
    }

    @Test
    void linuxUsesXdgDataHomeWhenItIsAnAbsolutePath() {
        assertThat(WorkbenchHome.resolve(null, "Linux", Map.of("XDG_DATA_HOME", "/data/ada"), HOME))
            .isEqualTo(Path.of("/data/ada/bitnet-workbench"));
    }

    @Test
    void linuxFallsBackToLocalShareWithoutXdgOrWithARelativeOne() {
        assertThat(WorkbenchHome.resolve(null, "Linux", Map.of(), HOME)).isEqualTo(Path.of("/home/ada/.local/share/bitnet-workbench"));
        assertThat(WorkbenchHome.resolve("", "Linux", Map.of("XDG_DATA_HOME", "relative/dir"), HOME))
            .isEqualTo(Path.of("/home/ada/.local/share/bitnet-workbench"));
    }

    @Test
    void macOsUsesApplicationSupport() {
        assertThat(WorkbenchHome.resolve(null, "Mac OS X", Map.of(), "/Users/ada"))
            .isEqualTo(Path.of("/Users/ada/Library/Application Support/BitNet Workbench"));
    }

    @Test
    void windowsUsesAppDataAndItsDefaultWhenUnset() {
        assertThat(WorkbenchHome.resolve(null, "Windows 11", Map.of("APPDATA", "/appdata"), HOME))
            .isEqualTo(Path.of("/appdata", "BitNet Workbench"));
        assertThat(WorkbenchHome.resolve(null, "Windows 11", Map.of(), HOME))
            .isEqualTo(Path.of(HOME, "AppData", "Roaming", "BitNet Workbench"));
    }
}
