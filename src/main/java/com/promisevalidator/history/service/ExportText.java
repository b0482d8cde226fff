package com.promisevalidator.history.service;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;

import com.promisevalidator.common.FieldError;
import com.promisevalidator.common.ProblemException;

/**
 * The text of an uploaded export. Spreadsheets do not all write UTF-8: Excel's "CSV" on Windows is Windows-1252 and
 * its "Unicode text" is UTF-16 with a byte order mark. So, in the order the WHATWG encoding standard reads a
 * document: a byte order mark (UTF-8 or UTF-16) wins, as clients often declare a default charset they do not use;
 * else the charset the Content-Type declares, strictly (a byte that is not valid in it is a 400 naming its line);
 * else UTF-8 when every byte is valid UTF-8; else Windows-1252. A wrong guess would turn "São" into "SÃ£o", never drop a row,
 * and the import's answer names the encoding it read ({@code encoding}).
 */
public final class ExportText {

    /** The text and the encoding it was read in. */
    public record Decoded(String text, String encoding) {
    }

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private ExportText() {
    }

    public static Decoded decode(byte[] body, String contentType) {
        if (body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF) {
            String text = strict(body, StandardCharsets.UTF_8);
            if (text != null) return new Decoded(text, "UTF-8"); // the mark is skipped with the header row
        }
        if (body.length >= 2 && (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE || body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)) {
            return new Decoded(new String(body, StandardCharsets.UTF_16), "UTF-16"); // the mark is read as the byte order
        }
        Charset declared = declared(contentType);
        if (declared != null) {
            String text = strict(body, declared);
            if (text == null) {
                long line = lineOfFirstBad(body, declared);
                String msg = "is not valid " + declared.name() + " (the charset its Content-Type declares)";
                throw ProblemException.badRequest("line " + line + " " + msg + "; nothing was imported.",
                        List.of(new FieldError("line " + line, msg)));
            }
            return new Decoded(text, declared.name());
        }
        String utf8 = strict(body, StandardCharsets.UTF_8);
        return utf8 != null ? new Decoded(utf8, "UTF-8") : new Decoded(new String(body, WINDOWS_1252), "windows-1252");
    }

    /** The {@code charset} parameter of a Content-Type, or null when there is none; an unknown one is a 400. */
    static Charset declared(String contentType) {
        if (contentType == null) return null;
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (!p.toLowerCase(Locale.ROOT).startsWith("charset=")) continue;
            String name = p.substring("charset=".length()).trim().replace("\"", "");
            try {
                return Charset.forName(name);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw ProblemException.badRequest("Content-Type", "charset '" + name + "' is not one this service can read (e.g. UTF-8, ISO-8859-1, windows-1252)");
            }
        }
        return null;
    }

    private static String strict(byte[] body, Charset cs) {
        try {
            return decoder(cs).decode(ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    /** The line (1 = the header) of the first byte sequence that is not valid in {@code cs}. */
    private static long lineOfFirstBad(byte[] body, Charset cs) {
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(8192);
        CharsetDecoder d = decoder(cs);
        while (true) {
            CoderResult r = d.decode(in, out, true);
            if (r.isError()) break;
            if (r.isUnderflow()) return 1; // cannot happen: the strict decode failed
            out.clear();
        }
        long line = 1;
        for (int i = 0; i < in.position(); i++) if (body[i] == '\n') line++;
        return line;
    }

    private static CharsetDecoder decoder(Charset cs) {
        return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
