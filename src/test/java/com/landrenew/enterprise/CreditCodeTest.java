package com.landrenew.enterprise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreditCodeTest {

    /** The worked example of GB 32100-2015. By hand: the weighted sum of its first 17 characters is
     *  1640, 1640 mod 31 = 28, 31 - 28 = 3, so the check character is '3'. */
    private static final String EXAMPLE = "91350100M000100Y43";

    /** The characters a code may contain, as listed in the standard (not taken from the class). */
    private static final String ALLOWED = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    @Test
    void publishedExampleIsValid() {
        assertTrue(CreditCode.isValid(EXAMPLE));
        assertNull(CreditCode.problemWith(EXAMPLE));
    }

    @Test
    void checkCharacterOfPublishedExample() {
        assertEquals('3', CreditCode.checkCharFor("91350100M000100Y4"));
    }

    @Test
    void anySingleChangedCharacterIsCaught() {
        int tried = 0;
        for (int position = 0; position < EXAMPLE.length(); position++) {
            for (char replacement : ALLOWED.toCharArray()) {
                if (replacement == EXAMPLE.charAt(position)) {
                    continue;
                }
                String changed = EXAMPLE.substring(0, position) + replacement + EXAMPLE.substring(position + 1);
                assertFalse(CreditCode.isValid(changed), changed);
                assertNotNull(CreditCode.problemWith(changed), changed);
                tried++;
            }
        }
        assertEquals(18 * 30, tried);
    }

    @Test
    void wrongCheckCharacterNamesTheExpectedOne() {
        String message = CreditCode.problemWith("91350100M000100Y44");
        assertNotNull(message);
        assertTrue(message.contains("check"), message);
        assertTrue(message.contains("'3'"), message);
    }

    @Test
    void lowerCaseIsRejected() {
        String message = CreditCode.problemWith("91350100m000100Y43");
        assertNotNull(message);
        assertTrue(message.contains("position 9"), message);
        assertTrue(message.contains("upper case"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "91350100M000100Y4", "91350100M000100Y433", "9135 0100M000100Y43"})
    void wrongLengthIsRejected(String code) {
        String message = CreditCode.problemWith(code);
        assertNotNull(message);
        assertTrue(message.contains("18 characters"), message);
        assertTrue(message.contains(String.valueOf(code.length())), message);
        assertFalse(CreditCode.isValid(code));
    }

    @Test
    void nullIsRejected() {
        assertNotNull(CreditCode.problemWith(null));
        assertFalse(CreditCode.isValid(null));
    }

    @ParameterizedTest
    @ValueSource(chars = {'I', 'O', 'S', 'V', 'Z'})
    void lettersLeftOutOfTheCharsetAreRejected(char letter) {
        String code = "91350100M000100" + letter + "43";
        String message = CreditCode.problemWith(code);
        assertNotNull(message);
        assertTrue(message.contains("position 16"), message);
        assertTrue(message.contains("'" + letter + "'"), message);
        assertFalse(CreditCode.isValid(code));
    }

    @Test
    void checkCharForRejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> CreditCode.checkCharFor("91350100M000100Y"));
        assertThrows(IllegalArgumentException.class, () -> CreditCode.checkCharFor("91350100M000100I4"));
        assertThrows(IllegalArgumentException.class, () -> CreditCode.checkCharFor(null));
    }
}
