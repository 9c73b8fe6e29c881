package bitnet.workbench.engine;

/**
 * One generated token as it streams out.
 *
 * @param index        0 for the first generated token, then 1, 2 ...
 * @param token        the token id (also for an end-of-generation token, whose own text is never shown)
 * @param text         the text this token releases: complete UTF-8 characters only, minus anything
 *                     held back because it could start a stop string; may be empty. Concatenating
 *                     every event's text gives exactly the generation's text.
 * @param latencyNanos time this token took: for the first, from the start of the generation (prefill
 *                     included, so it equals the time to first token); for the others, from the end
 *                     of the previous token (model step and sampling; listener time excluded)
 */
public record TokenEvent(int index, int token, String text, long latencyNanos) {}
