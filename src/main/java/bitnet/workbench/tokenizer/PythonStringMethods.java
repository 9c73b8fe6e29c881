package bitnet.workbench.tokenizer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Python {@code str} methods that chat templates call ({@code .strip()}, {@code .title()},
 * {@code .startswith(...)}, {@code .split()} ...), which Jinjava would otherwise look up as Java
 * methods and fail on or, for {@code strip}, resolve with Java's different notion of whitespace.
 * Resolves only method calls on strings; everything else falls through to Jinjava's resolver.
 */
final class PythonStringMethods extends ELResolver {

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (!(base instanceof String s) || method == null) return null;
        Object[] p = params == null ? new Object[0] : params;
        Object result = call(s, method.toString(), p);
        if (result == NOT_HANDLED) return null;
        context.setPropertyResolved(true);
        return result;
    }

    private static final Object NOT_HANDLED = new Object();

    static Object call(String s, String name, Object[] p) {
        return switch (name + "/" + p.length) {
            case "strip/0" -> strip(s, null, true, true);
            case "strip/1" -> strip(s, str(p[0]), true, true);
            case "lstrip/0" -> strip(s, null, true, false);
            case "lstrip/1" -> strip(s, str(p[0]), true, false);
            case "rstrip/0" -> strip(s, null, false, true);
            case "rstrip/1" -> strip(s, str(p[0]), false, true);
            case "upper/0" -> s.toUpperCase(Locale.ROOT);
            case "lower/0" -> s.toLowerCase(Locale.ROOT);
            case "title/0" -> title(s);
            case "capitalize/0" -> s.isEmpty() ? s
                    : s.substring(0, s.offsetByCodePoints(0, 1)).toUpperCase(Locale.ROOT)
                      + s.substring(s.offsetByCodePoints(0, 1)).toLowerCase(Locale.ROOT);
            case "startswith/1" -> anyAffix(s, p[0], true);
            case "endswith/1" -> anyAffix(s, p[0], false);
            case "split/0" -> splitWhitespace(s);
            case "split/1" -> p[0] == null ? splitWhitespace(s) : split(s, str(p[0]), -1);
            case "split/2" -> p[0] == null ? splitWhitespace(s) : split(s, str(p[0]), ((Number) p[1]).intValue());
            case "replace/2" -> s.replace(str(p[0]), str(p[1]));
            case "replace/3" -> replace(s, str(p[0]), str(p[1]), ((Number) p[2]).intValue());
            case "find/1" -> (long) s.indexOf(str(p[0]));
            case "count/1" -> count(s, str(p[0]));
            case "join/1" -> join(s, p[0]);
            case "isspace/0" -> !s.isEmpty() && s.codePoints().allMatch(PythonStringMethods::isPythonSpace);
            case "isdigit/0" -> !s.isEmpty() && s.codePoints().allMatch(Character::isDigit);
            default -> NOT_HANDLED;
        };
    }

    private static String str(Object o) {
        return o == null ? "None" : o.toString();
    }

    static boolean isPythonSpace(int cp) {
        return CodePointClass.isWhitespace(cp) || (cp >= 0x1C && cp <= 0x1F);
    }

    static String strip(String s, String chars, boolean left, boolean right) {
        int start = 0, end = s.length();
        while (left && start < end && stripped(s.charAt(start), chars)) start++;
        while (right && end > start && stripped(s.charAt(end - 1), chars)) end--;
        return s.substring(start, end);
    }

    private static boolean stripped(char c, String chars) {
        return chars == null ? isPythonSpace(c) : chars.indexOf(c) >= 0;
    }

    /** Python's str.title(): a cased letter after another cased letter is lowered, any other is raised. */
    static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean previousCased = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            boolean cased = Character.isUpperCase(cp) || Character.isLowerCase(cp) || Character.isTitleCase(cp);
            out.appendCodePoint(cased ? (previousCased ? Character.toLowerCase(cp) : Character.toTitleCase(cp)) : cp);
            previousCased = cased;
        }
        return out.toString();
    }

    private static boolean anyAffix(String s, Object affix, boolean prefix) {
        if (affix instanceof Collection<?> options) {
            for (Object o : options) if (prefix ? s.startsWith(str(o)) : s.endsWith(str(o))) return true;
            return false;
        }
        return prefix ? s.startsWith(str(affix)) : s.endsWith(str(affix));
    }

    private static List<String> splitWhitespace(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && isPythonSpace(s.charAt(i))) i++;
            int start = i;
            while (i < s.length() && !isPythonSpace(s.charAt(i))) i++;
            if (i > start) out.add(s.substring(start, i));
        }
        return out;
    }

    private static List<String> split(String s, String sep, int maxSplit) {
        if (sep.isEmpty()) throw new ChatTemplateException("str.split: empty separator");
        List<String> out = new ArrayList<>();
        int from = 0;
        while (maxSplit < 0 || out.size() < maxSplit) {
            int at = s.indexOf(sep, from);
            if (at < 0) break;
            out.add(s.substring(from, at));
            from = at + sep.length();
        }
        out.add(s.substring(from));
        return out;
    }

    private static String replace(String s, String old, String replacement, int count) {
        if (count < 0) return s.replace(old, replacement);
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int n = 0; n < count; n++) {
            int at = s.indexOf(old, from);
            if (at < 0) break;
            out.append(s, from, at).append(replacement);
            from = at + old.length();
            if (old.isEmpty()) {
                if (from >= s.length()) break;
                out.append(s.charAt(from++));
            }
        }
        return out.append(s.substring(Math.min(from, s.length()))).toString();
    }

    private static long count(String s, String sub) {
        if (sub.isEmpty()) return s.codePointCount(0, s.length()) + 1L;
        long n = 0;
        for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) n++;
        return n;
    }

    private static String join(String separator, Object items) {
        Iterator<?> it = items instanceof Iterable<?> iterable ? iterable.iterator()
                : items instanceof Object[] array ? List.of(array).iterator() : List.of(items).iterator();
        StringBuilder out = new StringBuilder();
        while (it.hasNext()) {
            out.append(str(it.next()));
            if (it.hasNext()) out.append(separator);
        }
        return out.toString();
    }

    @Override public Object getValue(ELContext context, Object base, Object property) { return null; }
    @Override public Class<?> getType(ELContext context, Object base, Object property) { return null; }
    @Override public void setValue(ELContext context, Object base, Object property, Object value) { }
    @Override public boolean isReadOnly(ELContext context, Object base, Object property) { return false; }
    @Override public Iterator<java.beans.FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) { return null; }
    @Override public Class<?> getCommonPropertyType(ELContext context, Object base) { return null; }
}
