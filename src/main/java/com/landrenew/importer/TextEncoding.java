package com.landrenew.importer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;

/**
 * The text encodings Chinese land offices' files come in. Files rarely say which: a byte-order mark
 * settles it, otherwise text that is strictly valid UTF-8 is UTF-8 and anything else is GB18030 (a
 * superset of GBK and GB2312, what Chinese Windows writes). Never a silent guess that mangles names:
 * bytes that are neither are a 400.
 */
final class TextEncoding {

    static final Charset GB18030 = Charset.forName("GB18030");

    /** What {@code encoding=} may name, and the name GDAL (iconv) and Java know it by. */
    private static final Map<String, String> NAMED = Map.of("UTF-8", "UTF-8", "UTF8", "UTF-8", "GBK", "GB18030",
            "GB2312", "GB18030", "GB18030", "GB18030", "CP936", "GB18030", "BIG5", "BIG5", "ISO-8859-1", "ISO-8859-1",
            "LATIN1", "ISO-8859-1");

    private TextEncoding() {
    }

    /** The encoding {@code encoding=} names (GBK and GB2312 read as their superset GB18030), or null when absent. */
    static Charset named(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String name = NAMED.get(given.strip().toUpperCase(Locale.ROOT));
        if (name == null) {
            throw new BadRequestException("参数 encoding 应是 UTF-8、GBK、GB18030、BIG5 或 ISO-8859-1 之一，收到 '" + Excerpt.of(given)
                    + "'。encoding must be one of UTF-8, GBK, GB18030, BIG5, ISO-8859-1, got '" + Excerpt.of(given) + "'");
        }
        return Charset.forName(name);
    }

    /** Whether the bytes are all ASCII (then every encoding reads them alike). */
    static boolean ascii(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** UTF-8 when the bytes are strictly valid UTF-8, else GB18030 (GBK). */
    static Charset detect(byte[] bytes, int from, int to) {
        return decodes(bytes, from, to, StandardCharsets.UTF_8) ? StandardCharsets.UTF_8 : GB18030;
    }

    /** The text of a whole file: a byte-order mark, else strict UTF-8, else strict GB18030; else a 400. */
    static String decode(byte[] bytes, Charset given) {
        int start = 0;
        Charset charset = given;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            start = 3;
            charset = StandardCharsets.UTF_8;
        } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE) {
            start = 2;
            charset = StandardCharsets.UTF_16LE;
        } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF) {
            start = 2;
            charset = StandardCharsets.UTF_16BE;
        } else if (charset == null) {
            charset = detect(bytes, 0, bytes.length);
        }
        try {
            return strict(charset).decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException("文件不是有效的 " + charset.name() + " 文本（可用 encoding= 指定编码）。the file is not valid "
                    + charset.name() + " text; name its encoding with encoding= (UTF-8, GBK...)");
        }
    }

    private static boolean decodes(byte[] bytes, int from, int to, Charset charset) {
        try {
            CharBuffer ignored = strict(charset).decode(ByteBuffer.wrap(bytes, from, to - from));
            return ignored != null;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static java.nio.charset.CharsetDecoder strict(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
