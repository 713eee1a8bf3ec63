package com.landrenew.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.landrenew.layer.MapLayer;
import com.landrenew.layer.MapLayers;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * MapServer 8 (Debian's cgi-mapserver) as a peer in the benchmark: mapserv under FastCGI behind
 * lighttpd (both from apt, installed by {@code landrenew.sh bench}), one mapserv process, over the same
 * bench database and tables. Its layers are made from the layer list (layer/MapLayers), so it serves
 * the properties our server serves: {@code parcels} for OGC API - Features (survey geometry, the
 * collection's properties) and {@code parcel_tiles} for MVT through WMS GetMap {@code format=mvt}
 * (Web Mercator geometry, the tiles' properties). Its database connections stay open between requests
 * (CLOSE_CONNECTION=DEFER, as a FastCGI set-up would run it). Files and logs in {@code target/bench/mapserver/}.
 */
final class MapServerPeer implements AutoCloseable {

    static final String MAPSERV = "/usr/lib/cgi-bin/mapserv";
    static final String LIGHTTPD = "/usr/sbin/lighttpd";

    private final Path dir;
    private final int port;
    private final Process lighttpd;

    private MapServerPeer(Path dir, int port, Process lighttpd) {
        this.dir = dir;
        this.port = port;
        this.lighttpd = lighttpd;
    }

    /** Whether Debian's mapserv and lighttpd are installed (landrenew.sh bench installs them). */
    static boolean installed() {
        return Files.isExecutable(Path.of(MAPSERV)) && Files.isExecutable(Path.of(LIGHTTPD));
    }

    /** Writes the mapfile, MapServer's config and lighttpd's, and starts lighttpd (which spawns mapserv). */
    static MapServerPeer start(DataSource owner, Path benchDir) throws SQLException, IOException, InterruptedException {
        Path dir = benchDir.resolve("mapserver").toAbsolutePath();
        Files.createDirectories(dir);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        SimpleDriverDataSource login = owner.unwrap(SimpleDriverDataSource.class);
        URI url = URI.create(login.getUrl().substring("jdbc:".length()));
        String connection = String.format(Locale.ROOT, "host=%s port=%d dbname=%s user=%s password=%s", url.getHost(),
                url.getPort(), url.getPath().substring(1), login.getUsername(), login.getPassword());
        Files.writeString(dir.resolve("landrenew.map"), mapfile(connection, port));
        Files.writeString(dir.resolve("mapserver.conf"), """
                CONFIG
                  ENV
                    MS_ERRORFILE "%1$s/ms_error.txt"
                  END
                  MAPS
                    landrenew "%1$s/landrenew.map"
                  END
                END
                """.formatted(dir));
        Files.writeString(dir.resolve("lighttpd.conf"), """
                server.document-root = "%1$s"
                server.bind = "127.0.0.1"
                server.port = %2$d
                server.errorlog = "%1$s/lighttpd-error.log"
                server.max-keep-alive-requests = 100000
                server.modules = ("mod_fastcgi")
                fastcgi.server = ("/mapserv" => ((
                    "bin-path" => "%3$s",
                    "socket" => "%1$s/mapserv.sock",
                    "check-local" => "disable",
                    "min-procs" => 1,
                    "max-procs" => 1,
                    "bin-environment" => ("MAPSERVER_CONFIG_FILE" => "%1$s/mapserver.conf")
                )))
                """.formatted(dir, port, MAPSERV));
        Process process = new ProcessBuilder(LIGHTTPD, "-D", "-f", dir.resolve("lighttpd.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("lighttpd.out").toFile()).start();
        MapServerPeer peer = new MapServerPeer(dir, port, process);
        for (int i = 0; i < 100 && process.isAlive(); i++) {
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                return peer;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        peer.close();
        throw new IllegalStateException("lighttpd did not start; see " + dir.resolve("lighttpd.out") + " and "
                + dir.resolve("lighttpd-error.log"));
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** The XYZ tile as MVT, through WMS GetMap in Web Mercator (256 px, its edge buffer 4 px: our tiles' 64 of 4096). */
    static String tilePath(int z, int x, int y) {
        double size = 40075016.68557849 / (1 << z);
        double minX = -20037508.342789244 + x * size;
        double maxY = 20037508.342789244 - y * size;
        return String.format(Locale.ROOT, "/mapserv?map=landrenew&SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap"
                + "&LAYERS=parcel_tiles&STYLES=&CRS=EPSG:3857&BBOX=%.9f,%.9f,%.9f,%.9f&WIDTH=256&HEIGHT=256&FORMAT=mvt",
                minX, maxY - size, minX + size, maxY);
    }

    /** A page of OGC API items in a CRS84 box. */
    static String itemsPath(double[] box, int limit) {
        return String.format(Locale.ROOT, "/mapserv/landrenew/ogcapi/collections/parcels/items?f=json&limit=%d"
                + "&bbox=%s,%s,%s,%s", limit, box[0], box[1], box[2], box[3]);
    }

    /** A page of OGC API items far into the collection, by offset (MapServer pages by offset only). */
    static String offsetPath(int offset, int limit) {
        return "/mapserv/landrenew/ogcapi/collections/parcels/items?f=json&limit=" + limit + "&offset=" + offset;
    }

    @Override
    public void close() {
        // lighttpd leaves the mapserv it spawned running when it ends, and a mapserv inside a long query
        // outlives SIGTERM: end them too, forcibly after a few seconds
        java.util.List<ProcessHandle> mapserv = lighttpd.descendants().toList();
        mapserv.forEach(ProcessHandle::destroy);
        lighttpd.destroy();
        try {
            if (!lighttpd.waitFor(10, TimeUnit.SECONDS)) {
                lighttpd.destroyForcibly();
            }
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        mapserv.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    Path dir() {
        return dir;
    }

    /**
     * The mapfile: the layers' SQL from the layer list (the idle rule's {@code :today} as current_date),
     * OGC API and WMS open, an MVT output format.
     */
    private static String mapfile(String connection, int port) {
        MapLayer parcels = MapLayers.PARCELS;
        String ogcColumns = columns(parcels, MapLayer.Use.OGC);
        String tileColumns = columns(parcels, MapLayer.Use.TILES);
        String from = parcels.from().replace('\n', ' ');
        return """
                MAP
                  NAME "landrenew"
                  EXTENT -20037508.34 -20037508.34 20037508.34 20037508.34
                  SIZE 256 256
                  UNITS METERS
                  PROJECTION
                    "init=epsg:3857"
                  END
                  CONFIG "MS_ERRORFILE" "stderr"
                  OUTPUTFORMAT
                    NAME "mvt"
                    DRIVER MVT
                    MIMETYPE "application/vnd.mapbox-vector-tile"
                    EXTENSION "mvt"
                    FORMATOPTION "EXTENT=4096"
                    FORMATOPTION "EDGE_BUFFER=4"
                  END
                  WEB
                    METADATA
                      "ows_title" "LandRenew bench peer"
                      "ows_enable_request" "*"
                      "oga_enable_request" "*"
                      "ows_onlineresource" "http://127.0.0.1:%4$d/mapserv?map=landrenew&"
                      "oga_onlineresource" "http://127.0.0.1:%4$d/mapserv/landrenew/ogcapi"
                      "oga_html_template_directory" "/usr/share/mapserver/ogcapi/templates/html-plain/"
                      "oga_max_limit" "10000"
                      "wms_srs" "EPSG:3857 EPSG:4326"
                      "wfs_srs" "EPSG:4326 EPSG:4549"
                    END
                  END
                  LAYER
                    NAME "parcels"
                    TYPE POLYGON
                    STATUS ON
                    CONNECTIONTYPE POSTGIS
                    CONNECTION "%1$s"
                    PROCESSING "CLOSE_CONNECTION=DEFER"
                    DATA "geom from (select t.id, %2$s, t.geom %5$s) as q using unique id using srid=4549"
                    PROJECTION
                      "init=epsg:4549"
                    END
                    TEMPLATE "query"
                    EXTENT -20037508.34 -20037508.34 20037508.34 20037508.34
                    METADATA
                      "ows_title" "parcels"
                      "gml_include_items" "all"
                      "gml_featureid" "id"
                      "gml_types" "auto"
                      "wfs_enable_request" "*"
                    END
                  END
                  LAYER
                    NAME "parcel_tiles"
                    TYPE POLYGON
                    STATUS ON
                    CONNECTIONTYPE POSTGIS
                    CONNECTION "%1$s"
                    PROCESSING "CLOSE_CONNECTION=DEFER"
                    DATA "geom_3857 from (select t.id, %3$s, t.geom_3857 %5$s) as q using unique id using srid=3857"
                    PROJECTION
                      "init=epsg:3857"
                    END
                    METADATA
                      "wms_title" "parcel_tiles"
                      "gml_include_items" "all"
                      "gml_featureid" "id"
                      "gml_types" "auto"
                    END
                    CLASS
                      STYLE
                        COLOR 200 200 200
                      END
                    END
                  END
                END
                """.formatted(connection, ogcColumns, tileColumns, port, from);
    }

    private static String columns(MapLayer layer, MapLayer.Use use) {
        return layer.fields(use).stream().filter(f -> f.sql() != null)
                .map(f -> f.sql().replace("cast(:today as date)", "current_date") + " as " + f.name())
                .collect(Collectors.joining(", "));
    }
}
