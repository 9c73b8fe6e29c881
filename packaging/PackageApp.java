import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Builds the installers with jpackage: one program for every platform, run by the Maven profile
 * {@code -Ppackage} ({@code ./workbench package}) as a single-file source program, so Windows and
 * macOS need no shell. Runs jdeps and jpackage in-process through {@link ToolProvider}.
 *
 * <pre>java packaging/PackageApp.java --build-dir target --jar bitnet-workbench-0.1.0.jar --version 0.1.0-SNAPSHOT --types app-image,native</pre>
 *
 * Output: {@code BUILD/jpackage/image/NAME} (the application image) and {@code BUILD/jpackage/installer/}
 * (deb or rpm on Linux, msi on Windows, dmg on macOS; or the types named: deb, rpm, msi, exe, dmg, pkg).
 */
public final class PackageApp {
    static final String MAIN_CLASS = "bitnet.workbench.Main";
    static final String CLI_LAUNCHER = "bitnet-workbench-cli";
    static final String DESCRIPTION = "Run, inspect and benchmark 1.58-bit (ternary) language models";
    static final String VENDOR = "BitNet Workbench project";
    // Fixed forever: Windows Installer recognises an upgrade of the same product by this id.
    static final String WINDOWS_UPGRADE_UUID = "5b7d0a8e-6f2c-4b0e-9c3a-2a1f3e8d4c71";
    /**
     * JVM options the engine needs (the Vector API, mapped files), the collector that keeps the
     * resident set small (as in ./workbench), and where the bundled models are.
     */
    static final List<String> JAVA_OPTIONS = List.of(
        "--add-modules=jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED",
        "-XX:+UseSerialGC",
        "-Xms24m",
        "-Xmn8m",
        "-XX:TrimNativeHeapInterval=1000",
        "-Dworkbench.models=$APPDIR/models");

    enum Os { LINUX, WINDOWS, MAC }

    private final Path project;
    private final Path build;
    private final Path mainJar;
    private final String version;
    private final Os os;

    PackageApp(Path project, Path build, Path mainJar, String version, Os os) {
        this.project = project;
        this.build = build;
        this.mainJar = mainJar;
        this.version = version;
        this.os = os;
    }

    public static void main(String[] args) throws Exception {
        Path project = Path.of("").toAbsolutePath();
        Path build = project.resolve("target");
        String jar = null;
        String version = "0.1.0";
        String types = "app-image,native";
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--build-dir" -> { build = Path.of(value).toAbsolutePath(); i++; }
                case "--jar" -> { jar = value; i++; }
                case "--version" -> { version = value; i++; }
                case "--types" -> { types = value; i++; }
                default -> fail("unknown argument " + args[i] + "; usage: --build-dir DIR --jar NAME.jar --version V --types app-image,native|deb|rpm|msi|exe|dmg|pkg");
            }
        }
        if (jar == null) fail("--jar NAME.jar is required (the application jar in the build folder)");
        Path mainJar = build.resolve(jar);
        if (!Files.isRegularFile(mainJar)) fail("no application jar at " + mainJar + " (run: ./workbench package)");
        PackageApp app = new PackageApp(project, build, mainJar, version, currentOs());
        List<String> wanted = Arrays.stream(types.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        Path image = app.appImage();
        for (String type : wanted) {
            if (type.equals("app-image")) continue;
            String resolved = type.equals("native") ? app.nativeType() : type;
            if (resolved == null) {
                System.out.println("package: no native installer tool found on this machine (dpkg-deb or rpmbuild); the app-image is at " + image);
                continue;
            }
            app.installer(image, resolved);
        }
    }

    /** Assembles the input folder and runs jpackage --type app-image; returns the image folder. */
    Path appImage() throws IOException {
        long start = System.nanoTime();
        Path work = build.resolve("jpackage");
        Path input = work.resolve("input");
        Path deps = work.resolve("deps");
        if (!Files.isDirectory(deps)) fail("no dependency jars in " + deps + " (the Maven profile copies them there)");
        deleteTree(input);
        Files.createDirectories(input);
        try (Stream<Path> jars = Files.list(deps)) {
            for (Path j : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(j, input.resolve(j.getFileName()));
            }
        }
        Files.copy(mainJar, input.resolve(mainJar.getFileName()));
        // The models ship inside the app folder (BUILD/jpackage/image/NAME/lib/app/models on Linux); the launcher points at it with $APPDIR.
        copyModels(project.resolve("models"), input.resolve("models"));

        String modules = runtimeModules(deps);
        Path dest = work.resolve("image");
        deleteTree(dest);
        List<String> args = new ArrayList<>(List.of(
            "--type", "app-image",
            "--dest", dest.toString(),
            "--name", appName(),
            "--app-version", numericVersion(),
            "--description", DESCRIPTION,
            "--vendor", VENDOR,
            "--input", input.toString(),
            "--main-jar", mainJar.getFileName().toString(),
            "--main-class", MAIN_CLASS,
            "--add-modules", modules,
            // No --generate-cds-archive: it adds 28 MB (and keeps bin/java) for no start-up gain we could measure
            // (time to first frame within noise, 3 runs each): JavaFX and our classes dominate start-up, not java.base.
            "--jlink-options", "--strip-debug --no-man-pages --no-header-files --strip-native-commands",
            "--icon", icon().toString(),
            "--add-launcher", CLI_LAUNCHER + "=" + project.resolve("packaging/cli-launcher.properties")));
        for (String option : JAVA_OPTIONS) {
            args.add("--java-options");
            args.add(option);
        }
        if (os == Os.MAC) args.addAll(List.of("--mac-package-identifier", "bitnet.workbench", "--mac-package-name", "BitNet Workbench"));
        jpackage(args);
        Path image = dest.resolve(os == Os.MAC ? appName() + ".app" : appName());
        System.out.printf(Locale.ROOT, "package: app-image %s (%.0f s, runtime modules %s)%n", image, seconds(start), modules);
        return image;
    }

    /** Wraps the finished image into an installer of {@code type}. */
    void installer(Path image, String type) {
        long start = System.nanoTime();
        Path dest = build.resolve("jpackage/installer");
        List<String> args = new ArrayList<>(List.of(
            "--type", type,
            "--dest", dest.toString(),
            "--app-image", image.toString(),
            "--name", appName(),
            "--app-version", numericVersion(),
            "--description", DESCRIPTION,
            "--vendor", VENDOR,
            "--icon", icon().toString()));
        switch (os) {
            case LINUX -> args.addAll(List.of(
                "--linux-package-name", "bitnet-workbench",
                "--linux-deb-maintainer", "bitnet-workbench@users.noreply.github.com",
                "--linux-app-category", "science",
                "--linux-menu-group", "Development;Science;",
                "--linux-shortcut",
                // JavaFX unpacks its GTK glue from a jar at run time, so jpackage's library scan misses GTK.
                "--linux-package-deps", "libgtk-3-0",
                "--resource-dir", project.resolve("packaging/linux").toString()));
            case WINDOWS -> args.addAll(List.of(
                "--win-menu", "--win-menu-group", "BitNet Workbench",
                "--win-shortcut", "--win-dir-chooser",
                "--win-upgrade-uuid", WINDOWS_UPGRADE_UUID,
                "--resource-dir", project.resolve("packaging/windows").toString()));
            case MAC -> args.addAll(List.of(
                "--mac-package-identifier", "bitnet.workbench",
                "--mac-package-name", "BitNet Workbench",
                "--resource-dir", project.resolve("packaging/macos").toString()));
        }
        jpackage(args);
        System.out.printf(Locale.ROOT, "package: %s installer in %s (%.0f s)%n", type, dest, seconds(start));
    }

    /** The JDK modules the code reaches (jdeps, recursively through the jars) plus the Vector API, which only a flag requests. */
    String runtimeModules(Path deps) throws IOException {
        String classPath; // spelled out: only the jdeps command expands "dir/*", its ToolProvider does not
        try (Stream<Path> jars = Files.list(deps)) {
            classPath = String.join(java.io.File.pathSeparator, jars.map(Path::toString).filter(p -> p.endsWith(".jar")).sorted().toList());
        }
        String out = run("jdeps", List.of("--print-module-deps", "--ignore-missing-deps", "--multi-release", "25",
            "--class-path", classPath, mainJar.toString())).strip();
        String last = out.lines().reduce((a, b) -> b).orElse("");
        if (!last.startsWith("java.base")) fail("jdeps printed no module list:\n" + out);
        Set<String> modules = new LinkedHashSet<>(Arrays.asList(last.split(",")));
        modules.add("jdk.incubator.vector");
        return String.join(",", modules);
    }

    String nativeType() {
        return switch (os) {
            case WINDOWS -> "msi";
            case MAC -> "dmg";
            case LINUX -> onPath("dpkg-deb") ? "deb" : onPath("rpmbuild") ? "rpm" : null;
        };
    }

    String appName() {
        // A Linux launcher is a command typed in a shell: no spaces. Windows and macOS show the name to people.
        return os == Os.LINUX ? "bitnet-workbench" : "BitNet Workbench";
    }

    Path icon() {
        return switch (os) {
            case LINUX -> project.resolve("assets/icons/bitnet-workbench.png");
            case WINDOWS -> project.resolve("packaging/windows/bitnet-workbench.ico");
            case MAC -> project.resolve("packaging/macos/bitnet-workbench.icns");
        };
    }

    /** jpackage wants 1 to 3 dot-separated numbers: 0.1.0-SNAPSHOT becomes 0.1.0. */
    String numericVersion() {
        String v = version.replaceAll("[^0-9.].*$", "").replaceAll("\\.$", "");
        return v.isEmpty() ? "1.0" : v;
    }

    private static void jpackage(List<String> args) {
        run("jpackage", args);
    }

    private static String run(String tool, List<String> args) {
        ToolProvider provider = ToolProvider.findFirst(tool).orElseThrow(() -> new IllegalStateException(tool + " is not in this JDK"));
        StringWriter text = new StringWriter();
        PrintWriter writer = new PrintWriter(text, true);
        int status = provider.run(writer, writer, args.toArray(String[]::new));
        if (status != 0) fail(tool + " failed (status " + status + "):\n" + text + "\ncommand: " + tool + " " + String.join(" ", args));
        String noise = "No JDK Modules found"; // Temurin 25 ships no jmods; jlink links from the run-time image instead (JEP 493).
        text.toString().lines().filter(l -> !l.isBlank() && !l.contains(noise) && !tool.equals("jdeps")).forEach(l -> System.out.println("  " + tool + ": " + l));
        return text.toString();
    }

    private static void copyModels(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) return;
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) throw e;
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        return Arrays.stream(path.split(java.io.File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }

    private static Os currentOs() {
        String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return name.startsWith("windows") ? Os.WINDOWS : name.startsWith("mac") ? Os.MAC : Os.LINUX;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void fail(String message) {
        System.err.println("package: " + message);
        System.exit(1);
    }
}
