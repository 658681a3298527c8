package io.prodsupport.incident;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into lines without losing a byte: {@code \r\n}, {@code \n} and a lone {@code \r} end a line,
 * and each line remembers where its content and its terminator end, so substrings of the original can be
 * cut exactly at line boundaries.
 */
final class TextLines {

    /** {@code text.substring(start, contentEnd)} is the content; {@code end} is after the terminator. */
    record Line(int start, int contentEnd, int end) {
        String content(String text) {
            return text.substring(start, contentEnd);
        }
    }

    private TextLines() {}

    static List<Line> of(String text) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                int end = (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') ? i + 2 : i + 1;
                lines.add(new Line(start, i, end));
                start = end;
                i = end;
            } else {
                i++;
            }
        }
        if (start < text.length()) {
            lines.add(new Line(start, text.length(), text.length()));
        }
        return lines;
    }
}
