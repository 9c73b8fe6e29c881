package bitnet.workbench.app.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The process's resident set size from {@code /proc/self/status} (VmRSS): the memory the model and
 * the app really occupy, which the JVM heap figures do not show for a memory-mapped model.
 */
public final class ResidentMemory {
    public static final Path PROC_STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {
    }

    /** Bytes resident now, or empty where there is no /proc (macOS, Windows). */
    public static OptionalLong read() {
        return read(PROC_STATUS);
    }

    static OptionalLong read(Path status) {
        try {
            return parse(Files.readString(status));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The VmRSS line, e.g. {@code VmRSS:     123456 kB}, in bytes. */
    static OptionalLong parse(String status) {
        for (String line : status.split("\n")) {
            if (!line.startsWith("VmRSS:")) continue;
            String[] parts = line.substring(6).trim().split("\\s+");
            if (parts.length != 2 || !parts[1].equalsIgnoreCase("kB")) return OptionalLong.empty();
            try {
                return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }
}
