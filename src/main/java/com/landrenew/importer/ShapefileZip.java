package com.landrenew.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import com.landrenew.gdal.Gdal;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.TooLargeException;
import com.landrenew.web.Excerpt;

import org.springframework.util.unit.DataSize;

/**
 * Unpacks the Shapefiles of an uploaded zip ourselves, so that GDAL never opens the archive (no
 * /vsizip/): only the members a Shapefile is made of, each under its own file name (no folders, no
 * "..", no links), into a folder of their own. A zip bomb stops at the size limit: the sizes the
 * archive declares are checked first, and then the bytes actually inflated are counted, since a
 * crafted archive can declare anything.
 */
final class ShapefileZip {

    private static final Set<String> MEMBERS = Set.of("shp", "shx", "dbf", "prj", "cpg");
    /** Zips made on Chinese Windows name their members in GBK without saying so; UTF-8 names are flagged. */
    private static final Charset NAMES = Charset.forName("GB18030");

    private ShapefileZip() {
    }

    /** Unpacks into {@code folder}; answers the .shp to open, or the folder when there are several. */
    static Path unpack(Path zip, Path folder, DataSize maxUnpacked) {
        long limit = maxUnpacked.toBytes();
        try (ZipFile archive = new ZipFile(zip.toFile(), NAMES)) {
            List<? extends ZipEntry> members = Collections.list(archive.entries()).stream()
                    .filter(e -> !e.isDirectory() && memberName(e) != null).toList();
            long declared = 0;
            for (ZipEntry member : members) {
                declared += Math.max(member.getSize(), 0);
                if (member.getSize() > limit || declared > limit) {
                    throw tooLarge(maxUnpacked);
                }
            }
            Files.createDirectory(folder);
            Set<String> names = new HashSet<>();
            List<Path> shapes = new ArrayList<>();
            long inflated = 0;
            for (ZipEntry member : members) {
                String name = memberName(member);
                if (!names.add(name.toLowerCase(Locale.ROOT))) {
                    throw new BadRequestException("zip 中有两个同名文件 '" + Excerpt.of(name) + "'。the zip holds two files named '"
                            + Excerpt.of(name) + "'");
                }
                Path target = folder.resolve(name);
                try (InputStream in = archive.getInputStream(member);
                        OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                                LinkOption.NOFOLLOW_LINKS)) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        inflated += n;
                        if (inflated > limit) {
                            throw tooLarge(maxUnpacked);
                        }
                        out.write(buffer, 0, n);
                    }
                }
                if (name.toLowerCase(Locale.ROOT).endsWith(".shp")) {
                    shapes.add(target);
                }
            }
            if (shapes.isEmpty()) {
                throw new BadRequestException("zip 中没有 Shapefile（.shp）。the zip holds no Shapefile (.shp)");
            }
            return shapes.size() == 1 ? shapes.get(0) : folder;
        } catch (ZipException | IllegalArgumentException e) {
            // IllegalArgumentException: a member name that is not text in UTF-8 nor GB18030.
            throw new BadRequestException("文件不是可读的 zip。the file is not a readable zip archive");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The member's own file name when it is part of a Shapefile, else null (folders, __MACOSX/._x, other files). */
    private static String memberName(ZipEntry entry) {
        String path = entry.getName().replace('\\', '/');
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || name.startsWith(".") || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return null;
        }
        return MEMBERS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT)) ? name : null;
    }

    private static TooLargeException tooLarge(DataSize limit) {
        return new TooLargeException("文件过大：解压后超过 " + Gdal.megabytes(limit) + "。The file is too large: over "
                + Gdal.megabytes(limit) + " once unpacked.");
    }
}
