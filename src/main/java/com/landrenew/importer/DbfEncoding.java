package com.landrenew.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The code page of a Shapefile's attributes (its .dbf) when nothing says it. GDAL honours a .cpg file and
 * the DBF's language driver byte (LDID); Chinese Shapefiles usually have neither (LDID 0, or 0x57 "ANSI"
 * while the bytes are GBK), and GDAL would then read them as Latin-1: mojibake. Then the bytes decide: the
 * field names and the first records (up to {@link #SAMPLE_BYTES}) read strictly as UTF-8 are UTF-8, and
 * otherwise GB18030 (GBK's superset).
 */
final class DbfEncoding {

    private static final int SAMPLE_BYTES = 4 * 1024 * 1024;
    /** LDIDs GDAL maps to a Chinese code page itself (936 simplified, 950 traditional). */
    private static final Set<Integer> CHINESE_LDIDS = Set.of(0x4D, 0x4F, 0x7A, 0x78);

    private DbfEncoding() {
    }

    /**
     * The encoding GDAL should read the unpacked Shapefile(s) in {@code folder} with (its ENCODING open
     * option), or null to leave it to GDAL (a .cpg, a Chinese LDID, or only ASCII).
     */
    static Charset detect(Path folder) {
        try (var files = Files.list(folder)) {
            List<Path> all = files.toList();
            if (all.stream().anyMatch(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".cpg"))) {
                return null;
            }
            Charset found = null;
            for (Path file : all) {
                if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".dbf")) {
                    Charset one = ofDbf(file);
                    if (one != null && (found == null || one.equals(TextEncoding.GB18030))) {
                        found = one;
                    }
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Charset ofDbf(Path dbf) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(dbf)) {
            head = in.readNBytes(SAMPLE_BYTES);
        }
        if (head.length < 32 || CHINESE_LDIDS.contains(head[29] & 0xff)) {
            return null;
        }
        int headerLength = (head[8] & 0xff) | (head[9] & 0xff) << 8;
        int recordLength = (head[10] & 0xff) | (head[11] & 0xff) << 8;
        // Whole records only, so that no character is cut at the end of the sample.
        int end = Math.min(head.length, headerLength);
        if (recordLength > 0 && head.length > headerLength) {
            end = headerLength + (head.length - headerLength) / recordLength * recordLength;
        }
        // The field names (11-byte NUL-padded slots of the 32-byte descriptors; the rest of each is binary)
        // and the records, which dBase keeps as text.
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        for (int at = 32; at + 32 <= Math.min(end, headerLength) && head[at] != 0x0D; at += 32) {
            int length = 0;
            while (length < 11 && head[at + length] != 0) {
                length++;
            }
            text.write(head, at, length);
            text.write('\n');
        }
        if (end > headerLength) {
            text.write(head, headerLength, end - headerLength);
        }
        byte[] bytes = text.toByteArray();
        if (TextEncoding.ascii(bytes, 0, bytes.length)) {
            return null;
        }
        return TextEncoding.detect(bytes, 0, bytes.length);
    }
}
