package com.landrenew.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.landrenew.support.Api;
import com.landrenew.support.LandRenewTest;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Browsers ask every site for /favicon.ico (pages without an icon link, JSON opened directly): an icon, not a 404. */
@LandRenewTest
class FaviconApiTest {

    @LocalServerPort
    int port;

    @Test
    void theFaviconIsAnIconForEveryone() {
        Api.Binary icon = new Api(port).anonymous().getBinary("/favicon.ico");
        assertThat(icon.status()).isEqualTo(200);
        assertThat(icon.header("Content-Type")).contains("icon");
        // An ICO file: reserved 0, type 1 (icon), at least one image.
        assertThat(icon.body()).startsWith((byte) 0, (byte) 0, (byte) 1, (byte) 0);
        assertThat(icon.body()[4]).isGreaterThan((byte) 0);
    }
}
