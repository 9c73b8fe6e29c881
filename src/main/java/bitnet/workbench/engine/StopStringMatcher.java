package bitnet.workbench.engine;

import java.util.List;

/**
 * Releases generated text only once it cannot be part of a stop string: the longest tail that is
 * the start of some stop string is held back until later text decides it. When a stop string
 * appears, the text before it is released and the stop string and everything after it are not.
 */
final class StopStringMatcher {
    private final List<String> stops;
    private final StringBuilder pending = new StringBuilder();
    private boolean matched;

    StopStringMatcher(List<String> stops) {
        this.stops = stops;
    }

    /** Adds generated text; returns the text that is now safe to show. Nothing more after a match. */
    String push(String text) {
        if (matched) return "";
        pending.append(text);
        if (stops.isEmpty()) return takeAll();
        int first = -1;
        for (String stop : stops) {
            int at = pending.indexOf(stop);
            if (at >= 0 && (first < 0 || at < first)) first = at;
        }
        if (first >= 0) {
            matched = true;
            String released = pending.substring(0, first);
            pending.setLength(0);
            return released;
        }
        int held = 0;
        for (String stop : stops) held = Math.max(held, longestTailStarting(stop));
        String released = pending.substring(0, pending.length() - held);
        pending.delete(0, pending.length() - held);
        return released;
    }

    boolean matched() { return matched; }

    /** The held-back text, once generation ended without completing a stop string. */
    String flush() {
        return matched ? "" : takeAll();
    }

    private String takeAll() {
        String all = pending.toString();
        pending.setLength(0);
        return all;
    }

    private int longestTailStarting(String stop) {
        for (int length = Math.min(stop.length() - 1, pending.length()); length > 0; length--) {
            if (endsWith(stop, length)) return length;
        }
        return 0;
    }

    private boolean endsWith(String stop, int length) {
        int start = pending.length() - length;
        for (int i = 0; i < length; i++) {
            if (pending.charAt(start + i) != stop.charAt(i)) return false;
        }
        return true;
    }
}
