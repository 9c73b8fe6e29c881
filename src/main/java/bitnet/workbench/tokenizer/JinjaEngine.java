package bitnet.workbench.tokenizer;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jinjava.javax.el.CompositeELResolver;

/**
 * Jinjava set up to behave like the Jinja environment Hugging Face renders chat templates with
 * (trim_blocks, lstrip_blocks, Python operator precedence, {@code {{- -}}} trimming, Python-style
 * printing of lists and dicts), plus the helpers templates call: {@code raise_exception(msg)},
 * {@code strftime_now(fmt)} and Python string methods. Any template error is a {@link ChatTemplateException}.
 */
final class JinjaEngine {
    private static final ThreadLocal<String> RAISED = new ThreadLocal<>();
    private static final Jinjava JINJAVA = create();

    private JinjaEngine() {}

    private static Jinjava create() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonStringMethods());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        LegacyOverrides python = LegacyOverrides.newBuilder()
                .withUseTrimmingForNotesAndExpressions(true)
                .withUseNaturalOperatorPrecedence(true)
                .withParseWhitespaceControlStrictly(true)
                .withEvaluateMapKeys(true)
                .withIterateOverMapKeys(true)
                .withUsePyishObjectMapper(true)
                .withKeepNullableLoopValues(true)
                .build();
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(false) // Jinjava also strips mid-line; see pythonCompatible
                .withLegacyOverrides(python)
                .withElResolver(resolver)
                .build();
        Jinjava jinjava = new Jinjava(config);
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception", JinjaEngine.class, "raiseException", String.class));
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "strftime_now", JinjaEngine.class, "strftimeNow", String.class));
        return jinjava;
    }

    static String render(String template, Map<String, Object> variables) {
        RAISED.remove();
        RenderResult result;
        try {
            result = JINJAVA.renderForResult(pythonCompatible(template), variables);
        } catch (RuntimeException e) {
            throw new ChatTemplateException("chat template failed: " + e.getMessage(), e);
        }
        String raised = RAISED.get();
        RAISED.remove();
        if (raised != null) throw new ChatTemplateException("the chat template refused the conversation: " + raised);
        var fatal = result.getErrors().stream().filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL).toList();
        if (!fatal.isEmpty()) {
            throw new ChatTemplateException("chat template error: " + fatal.stream()
                    .map(e -> e.getMessage() + (e.getLineno() > 0 ? " (line " + e.getLineno() + ")" : ""))
                    .collect(Collectors.joining("; ")));
        }
        return result.getOutput();
    }

    private static final java.util.regex.Pattern LINE_INDENT_BEFORE_TAG =
            java.util.regex.Pattern.compile("(?m)^[ \\t]+(?=\\{[%#](?![+-]))");

    /**
     * What Jinjava does differently from Jinja2 here, done on the source instead: lstrip_blocks
     * removes spaces and tabs before a block or comment tag only when they start the line (Jinjava
     * strips them anywhere, eating the space in "{% endif %} {% endfor %}"), and a single trailing
     * newline of the template is dropped (keep_trailing_newline=False).
     */
    static String pythonCompatible(String template) {
        String t = LINE_INDENT_BEFORE_TAG.matcher(template).replaceAll("");
        if (t.endsWith("\r\n")) return t.substring(0, t.length() - 2);
        if (t.endsWith("\n") || t.endsWith("\r")) return t.substring(0, t.length() - 1);
        return t;
    }

    /** Jinja's raise_exception: remembered, then thrown as a ChatTemplateException once rendering stops. */
    public static String raiseException(String message) {
        RAISED.set(message);
        throw new IllegalStateException(message);
    }

    public static String strftimeNow(String format) {
        return strftime(ZonedDateTime.now(), format);
    }

    /** Python's strftime for the codes chat templates use (%d %m %Y %y %b %B %a %A %H %I %M %S %p %j %%), in English. */
    static String strftime(ZonedDateTime t, String format) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                out.append(c);
                continue;
            }
            char code = format.charAt(++i);
            switch (code) {
                case 'd' -> out.append(String.format("%02d", t.getDayOfMonth()));
                case 'm' -> out.append(String.format("%02d", t.getMonthValue()));
                case 'Y' -> out.append(t.getYear());
                case 'y' -> out.append(String.format("%02d", t.getYear() % 100));
                case 'b' -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'B' -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'a' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'A' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'H' -> out.append(String.format("%02d", t.getHour()));
                case 'I' -> out.append(String.format("%02d", (t.getHour() + 11) % 12 + 1));
                case 'M' -> out.append(String.format("%02d", t.getMinute()));
                case 'S' -> out.append(String.format("%02d", t.getSecond()));
                case 'p' -> out.append(t.getHour() < 12 ? "AM" : "PM");
                case 'j' -> out.append(String.format("%03d", t.getDayOfYear()));
                case '%' -> out.append('%');
                default -> out.append('%').append(code);
            }
        }
        return out.toString();
    }
}
