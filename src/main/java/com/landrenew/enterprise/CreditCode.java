package com.landrenew.enterprise;

/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015: 17 characters that identify a
 * legal person plus one check character, so that a mistyped code is caught before it reaches the store.
 *
 * <p>Only the check is verified here; the meaning of the leading characters (registration authority,
 * type, administrative division) is not, since the standard lets those evolve.
 */
public final class CreditCode {

    /** Length of a full code. */
    public static final int LENGTH = 18;

    /** The 31 characters the standard allows; a character's value is its index. I, O, S, V and Z are
     *  left out because they are easily mistaken for 1, 0, 5, U and 2. */
    private static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /** Weight of positions 1..17: 3^(i-1) mod 31. As 31 is prime and no weight is 0 mod 31, any single
     *  wrong character changes the weighted sum and so the check character. */
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCode() {
    }

    /** Whether {@code code} is an 18-character code with legal characters and the right check character. */
    public static boolean isValid(String code) {
        return problemWith(code) == null;
    }

    /**
     * The check character (18th) for the first 17 characters of a code.
     *
     * @throws IllegalArgumentException if {@code first17} is not 17 characters of the code's charset
     */
    public static char checkCharFor(String first17) {
        if (first17 == null || first17.length() != LENGTH - 1) {
            throw new IllegalArgumentException("expected the first 17 characters of a credit code, got "
                    + (first17 == null ? "null" : first17.length() + " characters"));
        }
        String illegal = illegalCharacter(first17);
        if (illegal != null) {
            throw new IllegalArgumentException(illegal);
        }
        return CHARSET.charAt(checkValue(first17));
    }

    /**
     * What is wrong with {@code code}, as a short English message for a user, or {@code null} when it is
     * valid. Lower case is not accepted: the standard writes codes in upper case only.
     */
    public static String problemWith(String code) {
        if (code == null) {
            return "缺少统一社会信用代码。credit code is missing";
        }
        if (code.length() != LENGTH) {
            return "统一社会信用代码须为 " + LENGTH + " 位，收到 " + code.length() + " 位。credit code must be " + LENGTH
                    + " characters long, not " + code.length();
        }
        String illegal = illegalCharacter(code);
        if (illegal != null) {
            return illegal;
        }
        char expected = CHARSET.charAt(checkValue(code));
        char actual = code.charAt(LENGTH - 1);
        if (actual != expected) {
            return "第 18 位校验码错误：应为 '" + expected + "'，收到 '" + actual + "'。wrong check character '" + actual
                    + "' at position 18: expected '" + expected + "'";
        }
        return null;
    }

    private static String illegalCharacter(String code) {
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (CHARSET.indexOf(c) < 0) {
                String hintZh = Character.isLowerCase(c) ? "（请用大写）"
                        : "IOSVZ".indexOf(c) >= 0 ? "（不用 I、O、S、V、Z）" : "";
                String hint = Character.isLowerCase(c) ? " (use upper case)"
                        : "IOSVZ".indexOf(c) >= 0 ? " (I, O, S, V and Z are never used)" : "";
                return "第 " + (i + 1) + " 位字符 '" + c + "' 不合法" + hintZh + "。illegal character '" + c + "' at position "
                        + (i + 1) + hint;
            }
        }
        return null;
    }

    /** Value of the check character for the first 17 characters: 31 - (weighted sum mod 31), 31 -> 0. */
    private static int checkValue(String code) {
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            sum += CHARSET.indexOf(code.charAt(i)) * WEIGHTS[i];
        }
        return (31 - sum % 31) % 31;
    }
}
