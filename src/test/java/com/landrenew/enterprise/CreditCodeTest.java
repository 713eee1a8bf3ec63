package com.landrenew.enterprise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
        assertThat(CreditCode.isValid(EXAMPLE)).isTrue();
        assertThat(CreditCode.problemWith(EXAMPLE)).isNull();
    }

    @Test
    void checkCharacterOfPublishedExample() {
        assertThat(CreditCode.checkCharFor("91350100M000100Y4")).isEqualTo('3');
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
                assertThat(CreditCode.isValid(changed)).as(changed).isFalse();
                assertThat(CreditCode.problemWith(changed)).as(changed).isNotNull();
                tried++;
            }
        }
        assertThat(tried).isEqualTo(18 * 30);
    }

    @Test
    void wrongCheckCharacterNamesTheExpectedOne() {
        String message = CreditCode.problemWith("91350100M000100Y44");
        assertThat(message).isNotNull();
        assertThat(message).contains("check");
        assertThat(message).contains("'3'");
    }

    @Test
    void lowerCaseIsRejected() {
        String message = CreditCode.problemWith("91350100m000100Y43");
        assertThat(message).isNotNull();
        assertThat(message).contains("position 9");
        assertThat(message).contains("upper case");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "91350100M000100Y4", "91350100M000100Y433", "9135 0100M000100Y43"})
    void wrongLengthIsRejected(String code) {
        String message = CreditCode.problemWith(code);
        assertThat(message).isNotNull();
        assertThat(message).contains("18 characters");
        assertThat(message).contains(String.valueOf(code.length()));
        assertThat(CreditCode.isValid(code)).isFalse();
    }

    @Test
    void nullIsRejected() {
        assertThat(CreditCode.problemWith(null)).isNotNull();
        assertThat(CreditCode.isValid(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(chars = {'I', 'O', 'S', 'V', 'Z'})
    void lettersLeftOutOfTheCharsetAreRejected(char letter) {
        String code = "91350100M000100" + letter + "43";
        String message = CreditCode.problemWith(code);
        assertThat(message).isNotNull();
        assertThat(message).contains("position 16");
        assertThat(message).contains("'" + letter + "'");
        assertThat(CreditCode.isValid(code)).isFalse();
    }

    @Test
    void checkCharForRejectsBadInput() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> CreditCode.checkCharFor("91350100M000100Y"));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> CreditCode.checkCharFor("91350100M000100I4"));
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> CreditCode.checkCharFor(null));
    }
}
