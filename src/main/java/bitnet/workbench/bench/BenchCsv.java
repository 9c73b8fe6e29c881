package bitnet.workbench.bench;

import bitnet.workbench.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * One CSV row per finished combination (RFC 4180: comma separated, quoted where needed, CRLF line
 * ends), for spreadsheets and reports. Every row repeats the run's identity (start time, CPU, JVM,
 * model file) so rows from several runs can be pasted into one sheet. Numbers are written in full
 * precision so that reading them back gives the same doubles.
 */
public final class BenchCsv {
    private record Column(String header, Function<Row, String> value) {
    }

    private record Row(BenchRun run, CombinationResult result) {
    }

    private static final List<Column> COLUMNS = columns();

    private BenchCsv() {
    }

    private static List<Column> columns() {
        List<Column> c = new ArrayList<>();
        c.add(new Column("started_at", r -> r.run().startedAt()));
        c.add(new Column("cpu", r -> r.run().machine().cpuModel()));
        c.add(new Column("cores", r -> Integer.toString(r.run().machine().logicalCores())));
        c.add(new Column("vector_bits", r -> Integer.toString(r.run().machine().vectorBitSize())));
        c.add(new Column("java", r -> r.run().machine().javaVersion()));
        c.add(new Column("model", r -> Path.of(r.run().model().path()).getFileName().toString()));
        c.add(new Column("model_bytes", r -> Long.toString(r.run().model().fileBytes())));
        c.add(new Column("threads", r -> Integer.toString(r.result().combination().threads())));
        c.add(new Column("kernel", r -> r.result().combination().kernel()));
        c.add(new Column("pp", r -> Integer.toString(r.result().promptTokens())));
        c.add(new Column("tg", r -> Integer.toString(r.result().decodeTokens())));
        c.add(new Column("tg_start", r -> Integer.toString(r.run().plan().decodeStart())));
        c.add(new Column("repetitions", r -> Integer.toString(r.result().repetitions())));
        summary(c, "ttft_ms", CombinationResult::timeToFirstTokenMillis);
        summary(c, "pp_tok_s", CombinationResult::promptTokensPerSecond);
        summary(c, "tg_tok_s", CombinationResult::decodeTokensPerSecond);
        summary(c, "latency_p50_ms", CombinationResult::latencyP50Millis);
        summary(c, "latency_p95_ms", CombinationResult::latencyP95Millis);
        c.add(new Column("peak_rss_bytes", r -> Long.toString(r.result().peakRssBytes())));
        c.add(new Column("rss_bytes", r -> Long.toString(r.result().rssBytes())));
        c.add(new Column("mapped_model_bytes", r -> Long.toString(r.result().mappedModelBytes())));
        c.add(new Column("heap_used_bytes", r -> Long.toString(r.result().heapUsedBytes())));
        c.add(new Column("bandwidth_bytes_s", r -> Double.toString(r.result().bandwidthBytesPerSecond())));
        c.add(new Column("bytes_per_token", r -> Long.toString(r.result().bytesPerToken())));
        c.add(new Column("ceiling_tok_s", r -> Double.toString(r.result().ceilingTokensPerSecond())));
        c.add(new Column("fraction_of_ceiling", r -> Double.toString(r.result().fractionOfCeiling())));
        return List.copyOf(c);
    }

    private static void summary(List<Column> c, String name, Function<CombinationResult, Summary> figure) {
        add(c, name + "_median", figure, Summary::median);
        add(c, name + "_min", figure, Summary::min);
        add(c, name + "_max", figure, Summary::max);
    }

    private static void add(List<Column> c, String header, Function<CombinationResult, Summary> figure, ToDoubleFunction<Summary> part) {
        c.add(new Column(header, r -> Double.toString(part.applyAsDouble(figure.apply(r.result())))));
    }

    public static List<String> headers() {
        return COLUMNS.stream().map(Column::header).toList();
    }

    public static String toCsv(BenchRun run) {
        StringBuilder sb = new StringBuilder();
        appendLine(sb, headers());
        for (CombinationResult result : run.results()) {
            Row row = new Row(run, result);
            appendLine(sb, COLUMNS.stream().map(col -> col.value().apply(row)).toList());
        }
        return sb.toString();
    }

    /** Writes {@code run}'s rows to {@code file} atomically. */
    public static void write(BenchRun run, Path file) throws IOException {
        byte[] bytes = toCsv(run).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** Reads a CSV file into one header → value map per row. */
    public static List<Map<String, String>> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    static List<Map<String, String>> parse(String text, String source) throws IOException {
        List<List<String>> records = records(text, source);
        if (records.isEmpty()) throw new IOException(source + " is empty; expected a header line");
        List<String> header = records.getFirst();
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> fields = records.get(i);
            if (fields.size() != header.size()) {
                throw new IOException(source + " line " + (i + 1) + " has " + fields.size() + " fields; the header has " + header.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int j = 0; j < header.size(); j++) row.put(header.get(j), fields.get(j));
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> records(String text, String source) throws IOException {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                any = true;
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (ch == '\r' || ch == '\n') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                if (any || !field.isEmpty()) {
                    fields.add(field.toString());
                    records.add(fields);
                }
                fields = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(ch);
                any = true;
            }
        }
        if (quoted) throw new IOException(source + " ends inside a quoted field");
        if (any || !field.isEmpty()) {
            fields.add(field.toString());
            records.add(fields);
        }
        return records;
    }

    private static void appendLine(StringBuilder sb, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) sb.append(',');
            String f = fields.get(i);
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        sb.append("\r\n");
    }
}
