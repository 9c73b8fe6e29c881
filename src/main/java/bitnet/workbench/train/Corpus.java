package bitnet.workbench.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Training text as a list of lines (for the Bible: one verse each), with a deterministic split into
 * training and held-out lines. Held out are whole blocks of lines, so held-out verses are not
 * surrounded by their own neighbours in the training data.
 */
public record Corpus(List<String> lines) {
    /** Lines per block of the split. */
    public static final int SPLIT_BLOCK = 100;
    /** The special corpus name that runs Debian's {@code bible} program. */
    public static final String KJV = "kjv";
    private static final Pattern VERSE_PREFIX = Pattern.compile("^\\S*?\\d+:\\d+\\s+");

    public Corpus {
        lines = List.copyOf(lines);
        if (lines.isEmpty()) throw new IllegalArgumentException("the corpus is empty");
    }

    /** Reads a UTF-8 text file; blank lines are dropped. */
    public static Corpus fromFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("corpus file not found: " + file);
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) if (!l.isBlank()) lines.add(l.strip());
        return new Corpus(lines);
    }

    /** Lines of the {@code bible} program's output, verse prefixes like {@code Ge1:1 } removed. */
    public static Corpus fromBibleOutput(String text) {
        List<String> lines = new ArrayList<>();
        for (String l : text.split("\n")) {
            String verse = VERSE_PREFIX.matcher(l).replaceFirst("").strip();
            if (!verse.isEmpty()) lines.add(verse);
        }
        return new Corpus(lines);
    }

    /**
     * The King James Bible from Debian's {@code bible-kjv} package: runs
     * {@code bible -f 'gen1:1-rev22:21'} (install with {@code apt-get install -y bible-kjv}).
     */
    public static Corpus kingJamesBible() throws IOException {
        Process p;
        try {
            p = new ProcessBuilder("bible", "-f", "gen1:1-rev22:21").redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new IOException("the 'bible' program is not installed (apt-get install -y bible-kjv)", e);
        }
        p.getOutputStream().close();
        String text;
        try (InputStream in = p.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroy();
                throw new IOException("the 'bible' program did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the bible", e);
        }
        if (p.exitValue() != 0) throw new IOException("'bible' exited with status " + p.exitValue());
        Corpus c = fromBibleOutput(text);
        if (c.lines().size() < 30000) throw new IOException("'bible' printed only " + c.lines().size() + " verses");
        return c;
    }

    /** {@code KJV} for the Bible, otherwise a file. */
    public static Corpus load(String spec) throws IOException {
        return KJV.equalsIgnoreCase(spec) ? kingJamesBible() : fromFile(Path.of(spec));
    }

    /** Every {@code heldOutEvery}-th block of {@value #SPLIT_BLOCK} lines (the last of each group) is held out. */
    public boolean isHeldOut(int line, int heldOutEvery) {
        return heldOutEvery > 0 && (line / SPLIT_BLOCK) % heldOutEvery == heldOutEvery - 1;
    }

    public List<String> trainingLines(int heldOutEvery) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) if (!isHeldOut(i, heldOutEvery)) out.add(lines.get(i));
        return out;
    }

    public List<String> heldOutLines(int heldOutEvery) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) if (isHeldOut(i, heldOutEvery)) out.add(lines.get(i));
        return out;
    }

    public String text() {
        return String.join("\n", lines) + "\n";
    }
}
