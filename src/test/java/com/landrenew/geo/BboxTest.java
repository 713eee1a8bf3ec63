package com.landrenew.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.landrenew.web.BadRequestException;
import org.junit.jupiter.api.Test;

class BboxTest {

    @Test
    void parsesFourNumbersAroundWhichSpacesDoNotMatter() {
        assertThat(Bbox.parse("bbox", "119.6, 30.6 ,119.7,30.65")).isEqualTo(new Bbox(119.6, 30.6, 119.7, 30.65));
        assertThat(Bbox.parse("bbox", "-180,-90,180,90")).isEqualTo(new Bbox(-180, -90, 180, 90));
    }

    @Test
    void eachMistakeIsA400NamingTheParameter() {
        assertRefused("119.6,30.6,119.7", "bbox must be minLon,minLat,maxLon,maxLat (4 numbers), got: 119.6,30.6,119.7");
        assertRefused("119.6,30.6,119.7,30.65,1", "bbox must be minLon,minLat,maxLon,maxLat (4 numbers), got: 119.6,30.6,119.7,30.65,1");
        assertRefused("119.6,north,119.7,30.65", "bbox value 2 is not a number: 'north'");
        assertRefused("119.6,30.6,,30.65", "bbox value 3 is not a number: ''");
        assertRefused("119.6,30.6,119.7,NaN", "bbox value 4 must be finite");
        assertRefused("-Infinity,30.6,119.7,30.65", "bbox value 1 must be finite");
        assertRefused("1e400,30.6,119.7,30.65", "bbox value 1 must be finite");
        assertRefused("119.6,30.6,180.5,30.65", "bbox must be longitude/latitude in degrees (WGS84): 119.6,30.6,180.5,30.65");
        assertRefused("119.6,-90.1,119.7,30.65", "bbox must be longitude/latitude in degrees (WGS84): 119.6,-90.1,119.7,30.65");
        assertRefused("119.7,30.6,119.6,30.65", "bbox is inverted or empty: min must be less than max: 119.7,30.6,119.6,30.65");
        assertRefused("119.6,30.6,119.7,30.6", "bbox is inverted or empty: min must be less than max: 119.6,30.6,119.7,30.6");
    }

    @Test
    void intersectionIsTheCommonPartOrEmpty() {
        Bbox box = new Bbox(0, 0, 10, 10);

        assertThat(box.intersection(new Bbox(5, -5, 15, 5))).contains(new Bbox(5, 0, 10, 5));
        assertThat(box.intersection(new Bbox(2, 2, 3, 3))).contains(new Bbox(2, 2, 3, 3));
        assertThat(box.intersection(new Bbox(10, 0, 20, 10))).as("touching along an edge").isEmpty();
        assertThat(box.intersection(new Bbox(11, 11, 12, 12))).isEmpty();
    }

    private static void assertRefused(String text, String detail) {
        assertThatThrownBy(() -> Bbox.parse("bbox", text)).isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("参数 bbox ").hasMessageEndingWith("。" + detail);   // Chinese first, then English
    }
}
