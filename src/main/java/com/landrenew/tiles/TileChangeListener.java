package com.landrenew.tiles;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import javax.sql.DataSource;

import com.landrenew.database.NoticeHandler;
import com.landrenew.database.ReadReplica;
import com.landrenew.layer.LayerChanged;
import com.landrenew.layer.MapChanged;
import com.landrenew.parcel.ParcelChanged;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.Driver;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens, on a connection of its own (outside the pool, to the primary), for the parcels other nodes
 * changed ({@link TileChangeNotices}) and drops their tiles from this node's cache, within a poll of half
 * a second. NOTIFY reaches only those listening when it is sent: whenever the connection is (re)made,
 * after LISTEN, the whole cache is dropped, since notices sent while it was down are lost and no cached
 * tile can be proved current. A notice this node sent itself is heard too and drops again what is gone
 * already (cheap). Too many parcels at once (a large import) or a notice that cannot be acted on drops
 * everything rather than reading each parcel's extent. With a read replica, the tiles are dropped again once
 * the replica has replayed the change (a tile cut from it in between would show the former state); that
 * wait happens on a thread of its own, so the notices that follow are not held up by it.
 * The same connection listens for the other {@link NoticeHandler}s (the accounts nodes keep a while) and hands
 * them their notices, and tells them when it reconnects.
 */
@Component
class TileChangeListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TileChangeListener.class);
    /** The listening connection's name in pg_stat_activity (TwoNodesTest breaks it by that name). */
    static final String APPLICATION_NAME = "landrenew-tile-listener";
    private static final int POLL_MILLIS = 500;
    private static final Duration RETRY = Duration.ofSeconds(1);
    /** Above this many parcels in one poll, the whole cache is dropped instead. */
    private static final int MAX_PARCELS_ONE_BY_ONE = 500;
    /** How long a notice waits for the replica to replay the change before its tiles are dropped a second time. */
    private static final Duration REPLICA_WAIT = Duration.ofSeconds(5);

    private final HikariDataSource primary;
    private final TileInvalidation invalidation;
    private final TileCache cache;
    private final ReadReplica replica;
    private final List<NoticeHandler> handlers;
    private volatile Thread thread;
    private volatile Thread replicaFollower;
    /** Changes whose tiles go again once the replica has replayed them, in the order heard. */
    private final BlockingQueue<List<Object>> afterReplica = new LinkedBlockingQueue<>();
    private volatile Connection connection;
    /** How many times the listening connection was made (tests wait for a reconnection). */
    private volatile long connections;

    TileChangeListener(DataSource dataSource, TileInvalidation invalidation, TileCache cache, ReadReplica replica,
            List<NoticeHandler> handlers) {
        this.primary = (HikariDataSource) dataSource;
        this.handlers = handlers;
        this.invalidation = invalidation;
        this.cache = cache;
        this.replica = replica;
    }

    @Override
    public void start() {
        Thread listening = new Thread(this::listen, "tile-change-listener");
        listening.setDaemon(true);
        thread = listening;
        listening.start();
        if (replica.configured()) {
            Thread following = new Thread(this::followReplica, "tile-replica-follower");
            following.setDaemon(true);
            replicaFollower = following;
            following.start();
        }
    }

    @Override
    public void stop() {
        Thread listening = thread;
        thread = null;
        Thread following = replicaFollower;
        replicaFollower = null;
        if (following != null) {
            following.interrupt();
        }
        if (listening != null) {
            listening.interrupt();
            closeQuietly(connection);
            try {
                listening.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    long connections() {
        return connections;
    }

    private void listen() {
        while (thread == Thread.currentThread()) {
            try (Connection listening = open()) {
                connection = listening;
                try (Statement statement = listening.createStatement()) {
                    statement.execute("listen " + TileChangeNotices.CHANNEL);
                    for (NoticeHandler handler : handlers) {
                        statement.execute("listen " + handler.channel());
                    }
                }
                cache.clear();   // whatever was announced before this LISTEN is not heard: start afresh
                handlers.forEach(NoticeHandler::missed);
                if (connections++ > 0) {
                    log.info("Listening for tile changes again: the tile cache was dropped");
                }
                PGConnection pg = listening.unwrap(PGConnection.class);
                while (thread == Thread.currentThread()) {
                    PGNotification[] notices = pg.getNotifications(POLL_MILLIS);
                    if (notices != null && notices.length > 0) {
                        handOver(notices);
                        drop(notices);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (thread == Thread.currentThread()) {
                    log.warn("Tile change listener lost its connection ({}); reconnecting", e.getMessage());
                    cache.clear();   // changes made from now on until LISTEN again would be missed
                    handlers.forEach(NoticeHandler::missed);
                    pause();
                }
            }
        }
    }

    /** The other handlers' notices, each handler's in one list. */
    private void handOver(PGNotification[] notices) {
        for (NoticeHandler handler : handlers) {
            List<String> payloads = new ArrayList<>();
            for (PGNotification notice : notices) {
                if (notice.getName().equals(handler.channel())) {
                    payloads.add(notice.getParameter());
                }
            }
            if (!payloads.isEmpty()) {
                try {
                    handler.heard(payloads);
                } catch (RuntimeException e) {
                    log.warn("Could not act on {} notices ({})", handler.channel(), e.getMessage());
                    handler.missed();
                }
            }
        }
    }

    private void drop(PGNotification[] notices) {
        List<Object> changes = new ArrayList<>();
        try {
            for (PGNotification notice : notices) {
                if (notice.getName().equals(TileChangeNotices.CHANNEL)) {
                    changes.addAll(TileChangeNotices.parse(notice.getParameter()));
                }
            }
            if (changes.isEmpty()) {
                return;
            }
            dropNow(changes);
            if (replica.configured()) {
                // Tiles are cut from the replica: one asked for before it replayed the change would be cut from
                // before it and kept. Once it has caught up, the same tiles go again (followReplica).
                afterReplica.add(changes);
            }
        } catch (RuntimeException e) {
            // a malformed notice, or the database failed while reading extents: nothing held can be trusted
            log.warn("Could not act on tile change notices ({}): the tile cache was dropped", e.getMessage());
            cache.clear();
        }
    }

    /** Waits for the replica to replay what was heard so far, then drops those tiles again; all queued at once. */
    private void followReplica() {
        while (replicaFollower == Thread.currentThread()) {
            List<List<Object>> heard = new ArrayList<>();
            try {
                heard.add(afterReplica.take());
            } catch (InterruptedException e) {
                return;
            }
            afterReplica.drainTo(heard);
            List<Object> changes = heard.stream().flatMap(List::stream).toList();
            try {
                if (!replica.awaitCaughtUp(REPLICA_WAIT)) {
                    log.warn("The replica has not replayed a change after {}; its tiles may show the former state", REPLICA_WAIT);
                }
                dropNow(changes);
            } catch (RuntimeException e) {
                log.warn("Could not drop tiles after the replica caught up ({}): the tile cache was dropped", e.getMessage());
                cache.clear();
            }
        }
    }

    private void dropNow(List<Object> changes) {
        if (changes.size() > MAX_PARCELS_ONE_BY_ONE) {
            cache.clear();
            return;
        }
        for (Object change : changes) {
            if (change instanceof ParcelChanged parcel) {
                invalidation.drop(parcel);
            } else if (change instanceof MapChanged map) {
                invalidation.mapChanged(map);
            } else if (change instanceof LayerChanged layer) {
                invalidation.layerChanged(layer);
            }
        }
    }

    /** A plain connection with the pool's address and login: LISTEN holds it for good, so it is not the pool's. */
    private Connection open() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", primary.getUsername());
        properties.setProperty("password", primary.getPassword());
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("tcpKeepAlive", "true");
        Connection opened = new Driver().connect(primary.getJdbcUrl(), properties);
        if (opened == null) {
            throw new SQLException("not a PostgreSQL URL: " + primary.getJdbcUrl());
        }
        return opened;
    }

    private void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing a connection that is going away anyway
            }
        }
    }
}
