package com.landrenew.database;

import java.util.List;

/**
 * Something besides the tiles that every node must hear of when another node changed it, through PostgreSQL's
 * NOTIFY on a channel of its own: the one listening connection of each node (tiles/TileChangeListener) listens
 * on the handler's channel too and hands it what it hears.
 */
public interface NoticeHandler {

    /** The NOTIFY channel (a plain lower-case name). */
    String channel();

    /** The payloads of the notices heard in one poll, in the order they were sent. */
    void heard(List<String> payloads);

    /** The listening connection was (re)made or lost: notices may have been missed, so drop whatever they would name. */
    void missed();
}
