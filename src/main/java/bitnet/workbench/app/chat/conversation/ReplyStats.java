package bitnet.workbench.app.chat.conversation;

/**
 * What one reply cost, as shown under it and saved with it.
 *
 * @param promptTokens          tokens in the prompt the reply answered (the whole formatted history)
 * @param generatedTokens       tokens generated
 * @param timeToFirstTokenMillis from sending to the first token
 * @param decodeTokensPerSecond tokens after the first per second; NaN with fewer than two tokens
 * @param stopReason            why the reply ended, in words ("end of text", "stopped", ...)
 */
public record ReplyStats(int promptTokens, int generatedTokens, double timeToFirstTokenMillis,
                         double decodeTokensPerSecond, String stopReason) {
}
