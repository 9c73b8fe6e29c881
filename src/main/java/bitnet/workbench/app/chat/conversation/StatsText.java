package bitnet.workbench.app.chat.conversation;

import java.util.Locale;

/** The one line of statistics shown under a reply ("12 tokens · 34.5 tok/s · first token 80 ms · end of text"). */
public final class StatsText {
    private StatsText() {
    }

    public static String of(ReplyStats s) {
        StringBuilder b = new StringBuilder();
        b.append(s.generatedTokens()).append(s.generatedTokens() == 1 ? " token" : " tokens");
        if (!Double.isNaN(s.decodeTokensPerSecond())) b.append(String.format(Locale.ROOT, " · %.1f tok/s", s.decodeTokensPerSecond()));
        b.append(String.format(Locale.ROOT, " · first token %.0f ms", s.timeToFirstTokenMillis()));
        if (s.stopReason() != null && !s.stopReason().isBlank()) b.append(" · ").append(s.stopReason());
        return b.toString();
    }
}
