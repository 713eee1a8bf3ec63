package com.landrenew.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.landrenew.geo.Bbox;
import com.landrenew.layer.LayerChanged;
import com.landrenew.layer.MapChanged;
import com.landrenew.parcel.ParcelChanged;
import org.junit.jupiter.api.Test;

/**
 * The payload of a tile change notice (database/TwoNodesTest sends real ones between two nodes): what one
 * node writes the others read back, a moved parcel's former extent included; anything else is refused, so
 * the listener drops its whole cache rather than guess.
 */
class TileChangeNoticesTest {

    @Test
    void whatOneNodeWritesTheOthersReadBack() {
        ParcelChanged moved = new ParcelChanged(812, new Bbox(119.6875, 30.62, 119.70001, 30.6312345678));
        String payload = TileChangeNotices.entry(new ParcelChanged(7)) + ";" + TileChangeNotices.entry(moved);
        assertThat(payload).isEqualTo("7;812 119.6875 30.62 119.70001 30.6312345678");
        assertThat(TileChangeNotices.parse(payload)).containsExactly(new ParcelChanged(7), moved);
    }

    @Test
    void zoneAndBlockChangesAndWholeLayersTravelToo() {
        MapChanged zone = new MapChanged(new Bbox(120.1, 30.2, 120.3, 30.4));
        String payload = TileChangeNotices.entry(zone) + ";" + TileChangeNotices.entry(new LayerChanged("basemap")) + ";9";
        assertThat(payload).isEqualTo("map 120.1 30.2 120.3 30.4;layer basemap;9");
        assertThat(TileChangeNotices.parse(payload)).containsExactly(zone, new LayerChanged("basemap"), new ParcelChanged(9));
    }

    @Test
    void aMalformedNoticeIsRefused() {
        for (String payload : List.of("", "x", "7 1 2 3", "7;;8", "7 1 2 3 NaNs", "7 1 2 3 NaN", "map 1 2 3", "map 1 2 3 Infinity",
                "layer", "layer Basemap;", "layer basemap x")) {
            assertThatThrownBy(() -> TileChangeNotices.parse(payload)).as(payload)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed tile notice");
        }
    }
}
