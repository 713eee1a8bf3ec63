package com.landrenew.tiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.landrenew.geo.Bbox;
import com.landrenew.parcel.ParcelChanged;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells every node which parcels changed, through PostgreSQL's NOTIFY on {@link #CHANNEL}, so each drops the
 * tiles that show them ({@link TileChangeListener}). The notice is sent inside the changing transaction,
 * just before it commits: PostgreSQL delivers it when (and only if) the change commits, so no node hears of
 * a change it cannot read yet, and a node that dies right after its commit cannot fail to tell. It goes
 * out from the one event every change that drops tiles publishes already ({@link ParcelChanged}: transitions,
 * edits, splits, merges, imports, supply), so whatever publishes it later is announced too. A transaction's
 * parcels go together, in as few notices as fit PostgreSQL's 8000-byte limit.
 *
 * <p>Payload: entries separated by ';', each a parcel id, then (when the change moved the outline) its former
 * extent in longitude/latitude: {@code 812} or {@code 812 120.1 31.2 120.2 31.3}.
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
        String entry = entry(event);
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
        return former == null ? Long.toString(event.parcelId())
                : String.format(Locale.ROOT, "%d %s %s %s %s", event.parcelId(), former.minLon(), former.minLat(),
                        former.maxLon(), former.maxLat());
    }

    /** The changes a payload names (entries as {@link #entry} writes them); IllegalArgumentException when malformed. */
    static List<ParcelChanged> parse(String payload) {
        List<ParcelChanged> changes = new ArrayList<>();
        for (String entry : payload.split(";")) {
            String[] parts = entry.strip().split(" ");
            try {
                long id = Long.parseLong(parts[0]);
                if (parts.length == 1) {
                    changes.add(new ParcelChanged(id));
                } else if (parts.length == 5) {
                    changes.add(new ParcelChanged(id, new Bbox(Double.parseDouble(parts[1]), Double.parseDouble(parts[2]),
                            Double.parseDouble(parts[3]), Double.parseDouble(parts[4]))));
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
