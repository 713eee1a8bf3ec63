package com.landrenew.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The online basemaps the page is told of: none by default, Tianditu's four tile layers given a key. */
class ClientConfigTest {

    @Test
    void withoutSettingsThereIsNoOnlineBasemap() {
        ClientConfigController.ClientConfig config = new ClientConfigController("", "", "").config();
        assertThat(config.basemap()).isNull();
        assertThat(config.tianditu()).isNull();
    }

    @Test
    void aTiandituKeyGivesItsVectorAndImageryMapsWithAnnotationInWebMercator() {
        ClientConfigController.Tianditu tianditu = new ClientConfigController("", "", " 0123abcdef ").config().tianditu();
        assertThat(tianditu.vector()).startsWith("https://t{s}.tianditu.gov.cn/vec_w/wmts?")
                .contains("LAYER=vec", "TILEMATRIXSET=w", "TILEMATRIX={z}&TILEROW={y}&TILECOL={x}").endsWith("&tk=0123abcdef");
        assertThat(tianditu.vectorAnnotation()).contains("/cva_w/", "LAYER=cva");
        assertThat(tianditu.imagery()).contains("/img_w/", "LAYER=img");
        assertThat(tianditu.imageryAnnotation()).contains("/cia_w/", "LAYER=cia");
        assertThatThrownBy(() -> new ClientConfigController("", "", "abc&x=<script>"))
                .hasMessageContaining("landrenew.basemap.tianditu-key");
    }
}
