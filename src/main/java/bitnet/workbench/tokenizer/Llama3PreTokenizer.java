package bitnet.workbench.tokenizer;

/**
 * LLaMA-3's split regex
 * {@code (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+},
 * as llama.cpp's {@code unicode_regex_split_custom_llama3} scans it.
 */
final class Llama3PreTokenizer extends PreTokenizer {

    @Override
    void scanAll(Scan s) {
        while (s.pos < s.end) {
            int pos = s.pos;
            int cpt = s.cpt(pos);
            int flags = s.flags(pos);

            // (?i:'s|'t|'re|'ve|'m|'ll|'d)
            if (cpt == '\'' && pos + 1 < s.end) {
                int next = Character.toLowerCase(s.cpt(pos + 1));
                if (next == 's' || next == 't' || next == 'm' || next == 'd') {
                    s.pos += s.emit(pos + 2);
                    continue;
                }
                if (pos + 2 < s.end) {
                    int nextNext = Character.toLowerCase(s.cpt(pos + 2));
                    if ((next == 'r' && nextNext == 'e') || (next == 'v' && nextNext == 'e') || (next == 'l' && nextNext == 'l')) {
                        s.pos += s.emit(pos + 3);
                        continue;
                    }
                }
            }

            // [^\r\n\p{L}\p{N}]?\p{L}+
            if (!(cpt == '\r' || cpt == '\n' || number(flags))) {
                if (letter(flags) || letter(s.flags(pos + 1))) {
                    pos++;
                    while (letter(s.flags(pos))) pos++;
                    s.emit(pos);
                    s.pos = pos;
                    continue;
                }
            }

            // \p{N}{1,3}
            if (number(flags)) {
                int start = pos;
                while (number(s.flags(pos))) {
                    if (++pos - start >= 3) {
                        s.emit(pos);
                        start = pos;
                    }
                }
                s.emit(pos);
                s.pos = pos;
                continue;
            }

            // " ?[^\s\p{L}\p{N}]+[\r\n]*"; llama.cpp tests the first code point's own flags for being in range,
            // which always holds, so a lone trailing space lands here too
            int flags2 = cpt == ' ' ? s.flags(pos + 1) : flags;
            if ((flags2 & (CodePointClass.WHITESPACE | CodePointClass.LETTER | CodePointClass.NUMBER)) == 0) {
                if (cpt == ' ') pos++;
                while (other(flags2)) flags2 = s.flags(++pos);
                int c2 = s.cpt(pos);
                while (c2 == '\r' || c2 == '\n') c2 = s.cpt(++pos);
                s.emit(pos);
                s.pos = pos;
                continue;
            }

            int whitespaces = 0;
            int lastLineBreakEnd = 0;
            while (whitespace(s.flags(pos + whitespaces))) {
                int c2 = s.cpt(pos + whitespaces);
                if (c2 == '\r' || c2 == '\n') lastLineBreakEnd = pos + whitespaces + 1;
                whitespaces++;
            }
            // \s*[\r\n]+
            if (lastLineBreakEnd > 0) {
                pos = lastLineBreakEnd;
            } else if (whitespaces > 1 && s.cpt(pos + whitespaces) != -1) {
                pos += whitespaces - 1; // \s+(?!\S)
            } else if (whitespaces > 0) {
                pos += whitespaces; // \s+
            } else {
                pos++; // nothing matched: one code point on its own
            }
            s.emit(pos);
            s.pos = pos;
        }
    }
}
