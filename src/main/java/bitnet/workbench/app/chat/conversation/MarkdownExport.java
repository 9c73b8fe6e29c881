package bitnet.workbench.app.chat.conversation;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** A conversation as a Markdown document a person can read or paste elsewhere. */
public final class MarkdownExport {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private MarkdownExport() {
    }

    public static String of(Conversation c, ZoneId zone) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(c.displayTitle()).append("\n\n");
        md.append("_").append(DATE.format(Instant.ofEpochMilli(c.createdMillis()).atZone(zone)));
        if (!c.model().isBlank()) md.append(" · ").append(c.model());
        md.append("_\n\n");
        if (!c.systemPrompt().isBlank()) {
            md.append("> **System:** ").append(c.systemPrompt().strip().replace("\n", "\n> ")).append("\n\n");
        }
        for (ChatTurn t : c.turns()) {
            md.append(t.role() == Role.USER ? "## You" : "## Assistant").append("\n\n");
            md.append(t.text().strip()).append("\n\n");
            if (t.stats() != null) md.append("_").append(StatsText.of(t.stats())).append("_\n\n");
        }
        return md.toString();
    }
}
