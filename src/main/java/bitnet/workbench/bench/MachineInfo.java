package bitnet.workbench.bench;

import jdk.incubator.vector.VectorShape;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine and JVM a run was measured on, recorded with every run so that saved runs from two
 * machines or two JVMs can be told apart and compared.
 *
 * @param cpuModel       the first "model name" of /proc/cpuinfo (the architecture where there is none)
 * @param logicalCores   processors available to the JVM
 * @param vectorBitSize  width of the Vector API's preferred species on this JVM and CPU
 * @param jvmArguments   the flags the JVM was started with
 * @param maxHeapBytes   the heap limit (-Xmx or the default)
 */
public record MachineInfo(String cpuModel, int logicalCores, int vectorBitSize, String javaVersion, String jvmName,
                          String jvmVendor, List<String> jvmArguments, String osName, String osVersion, String osArch,
                          long maxHeapBytes) {

    public MachineInfo {
        jvmArguments = List.copyOf(jvmArguments);
    }

    public static MachineInfo current() {
        return new MachineInfo(readCpuModel(), Runtime.getRuntime().availableProcessors(),
            VectorShape.preferredShape().vectorBitSize(),
            System.getProperty("java.runtime.version", System.getProperty("java.version")),
            System.getProperty("java.vm.name"), System.getProperty("java.vm.vendor"),
            ManagementFactory.getRuntimeMXBean().getInputArguments(),
            System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
            Runtime.getRuntime().maxMemory());
    }

    private static String readCpuModel() {
        try {
            return cpuModel(Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }

    static String cpuModel(List<String> cpuinfo) {
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("model name")) return line.substring(colon + 1).trim();
        }
        return System.getProperty("os.arch");
    }

    /** e.g. {@code "AMD EPYC, 2 cores, 512-bit vectors, Java 25.0.3+9-LTS, Linux 6.1 amd64"}. */
    public String describe() {
        return cpuModel + ", " + logicalCores + " cores, " + vectorBitSize + "-bit vectors, Java " + javaVersion + ", "
            + osName + " " + osVersion + " " + osArch;
    }
}
