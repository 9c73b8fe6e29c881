package bitnet.workbench.tokenizer;

/**
 * GPT-2's split regex {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+},
 * as llama.cpp's {@code unicode_regex_split_custom_gpt2} scans it.
 */
final class Gpt2PreTokenizer extends PreTokenizer {

    @Override
    void scanAll(Scan s) {
        while (s.pos < s.end) {
            int pos = s.pos;
            int cpt = s.cpt(pos);
            int flags = s.flags(pos);

            if (cpt == '\'' && pos + 1 < s.end) {
                int next = s.cpt(pos + 1);
                if (next == 's' || next == 't' || next == 'm' || next == 'd') {
                    s.pos += s.emit(pos + 2);
                    continue;
                }
                if (pos + 2 < s.end) {
                    int nextNext = s.cpt(pos + 2);
                    if ((next == 'r' && nextNext == 'e') || (next == 'v' && nextNext == 'e') || (next == 'l' && nextNext == 'l')) {
                        s.pos += s.emit(pos + 3);
                        continue;
                    }
                }
            }

            int flags2 = cpt == ' ' ? s.flags(pos + 1) : flags;
            if (letter(flags2)) {
                if (cpt == ' ') pos++;
                while (letter(flags2)) flags2 = s.flags(++pos);
                s.emit(pos);
                s.pos = pos;
                continue;
            }
            if (number(flags2)) {
                if (cpt == ' ') pos++;
                while (number(flags2)) flags2 = s.flags(++pos);
                s.emit(pos);
                s.pos = pos;
                continue;
            }
            if (other(flags2)) {
                if (cpt == ' ') pos++;
                while (other(flags2)) flags2 = s.flags(++pos);
                s.emit(pos);
                s.pos = pos;
                continue;
            }

            int whitespaces = 0;
            while (whitespace(s.flags(pos + whitespaces))) whitespaces++;
            if (whitespaces > 1 && s.cpt(pos + whitespaces) != -1) {
                pos += whitespaces - 1;
            } else if (whitespaces > 0) {
                pos += whitespaces;
            } else {
                pos++;
            }
            s.emit(pos);
            s.pos = pos;
        }
    }
}
