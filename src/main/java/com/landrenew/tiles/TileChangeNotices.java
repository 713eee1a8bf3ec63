package com.landrenew.tiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.landrenew.geo.Bbox;
import com.landrenew.layer.LayerChanged;
import com.landrenew.layer.MapChanged;
import com.landrenew.parcel.ParcelChanged;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells every node which parcels (and extents and layers) changed, through PostgreSQL's NOTIFY on {@link #CHANNEL}, so each drops the
 * tiles that show them ({@link TileChangeListener}). The notice is sent inside the changing transaction,
 * just before it commits: PostgreSQL delivers it when (and only if) the change commits, so no node hears of
 * a change it cannot read yet, and a node that dies right after its commit cannot fail to tell. It goes
 * out from the events every change that drops tiles publishes already ({@link ParcelChanged}: transitions,
 * edits, splits, merges, imports, supply; {@link MapChanged}: zones and blocks; {@link LayerChanged}: a basemap
 * import), so whatever publishes them later is announced too. A transaction's changes go together, in as few
 * notices as fit PostgreSQL's 8000-byte limit.
 *
 * <p>Payload: entries separated by ';', each a parcel id, then (when the change moved the outline) its former
 * extent in longitude/latitude: {@code 812} or {@code 812 120.1 31.2 120.2 31.3}; {@code map} and an extent
 * ({@code map 120.1 31.2 120.2 31.3}); or {@code layer} and a layer's id ({@code layer basemap}).
 */
@Component
class TileChangeNotices {

    static final String CHANNEL = "landrenew_tiles";
    /** Below PostgreSQL's 8000 bytes (entries are ASCII). */
    private static final int MAX_PAYLOAD = 7000;

    private final JdbcClient jdbc;

    TileChangeNotices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void parcelChanged(ParcelChanged event) {
        add(entry(event));
    }

    @EventListener
    void mapChanged(MapChanged event) {
        add(entry(event));
    }

    @EventListener
    void layerChanged(LayerChanged event) {
        add(entry(event));
    }

    private void add(String entry) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            send(List.of(entry));   // committed already (no transaction): tell at once
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.entries.add(entry);
    }

    /** The entries of one transaction, sent in its last statements before the commit. */
    private final class Pending implements TransactionSynchronization {

        final List<String> entries = new ArrayList<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            send(entries);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(TileChangeNotices.this);
        }
    }

    private void send(List<String> entries) {
        StringBuilder payload = new StringBuilder();
        for (String entry : entries) {
            if (payload.length() + entry.length() + 1 > MAX_PAYLOAD) {
                notify(payload.toString());
                payload.setLength(0);
            }
            payload.append(payload.isEmpty() ? "" : ";").append(entry);
        }
        if (!payload.isEmpty()) {
            notify(payload.toString());
        }
    }

    private void notify(String payload) {
        jdbc.sql("select pg_notify(:channel, :payload)").param("channel", CHANNEL).param("payload", payload)
                .query((rs, i) -> 1).list();
    }

    static String entry(ParcelChanged event) {
        Bbox former = event.formerExtent();
        return former == null ? Long.toString(event.parcelId()) : event.parcelId() + " " + extent(former);
    }

    static String entry(MapChanged event) {
        return "map " + extent(event.extent());
    }

    static String entry(LayerChanged event) {
        if (!event.layerId().matches(LAYER_ID)) {
            throw new IllegalArgumentException("not a layer id: " + event.layerId());
        }
        return "layer " + event.layerId();
    }

    /** The extent in parts 1-4, each a finite number. */
    private static Bbox box(String[] parts) {
        double[] values = new double[4];
        for (int i = 0; i < 4; i++) {
            values[i] = Double.parseDouble(parts[i + 1]);
            if (!Double.isFinite(values[i])) {
                throw new NumberFormatException("not finite: " + parts[i + 1]);
            }
        }
        return new Bbox(values[0], values[1], values[2], values[3]);
    }

    private static final String LAYER_ID = "[a-z0-9_-]{1,64}";

    private static String extent(Bbox box) {
        return String.format(Locale.ROOT, "%s %s %s %s", box.minLon(), box.minLat(), box.maxLon(), box.maxLat());
    }

    /**
     * The changes a payload names (entries as {@link #entry} writes them: {@link ParcelChanged}, {@link MapChanged}
     * or {@link LayerChanged}); IllegalArgumentException when malformed.
     */
    static List<Object> parse(String payload) {
        List<Object> changes = new ArrayList<>();
        for (String entry : payload.split(";")) {
            String[] parts = entry.strip().split(" ");
            try {
                if (parts[0].equals("map") && parts.length == 5) {
                    changes.add(new MapChanged(box(parts)));
                    continue;
                }
                if (parts[0].equals("layer") && parts.length == 2 && parts[1].matches(LAYER_ID)) {
                    changes.add(new LayerChanged(parts[1]));
                    continue;
                }
                long id = Long.parseLong(parts[0]);
                if (parts.length == 1) {
                    changes.add(new ParcelChanged(id));
                } else if (parts.length == 5) {
                    changes.add(new ParcelChanged(id, box(parts)));
                } else {
                    throw new IllegalArgumentException("malformed tile notice: " + entry);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("malformed tile notice: " + entry, e);
            }
        }
        return changes;
    }
}
