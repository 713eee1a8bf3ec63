package com.landrenew.sample;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import com.landrenew.enterprise.CreditCode;
import com.landrenew.sample.SampleSpecs.Industry;
import com.landrenew.sample.SampleSpecs.ZoneSpec;

/**
 * Synthetic enterprises with plausible names and valid unified social credit codes. Sets are used only
 * to refuse duplicates; the list keeps the order of creation, so the output is stable.
 */
final class Enterprises {

    record Enterprise(String creditCode, String name, Industry industry) {
    }

    /** Characters for trade names (字号); pairs of them give a few thousand names. */
    private static final String TRADE_NAME_CHARS =
            "恒瑞鼎华盛宏泰鑫达丰源博昌兴嘉辉佳创信德隆新科康远航永宇晟弘睿锦祥荣峰凯联力通诚和益禾竹森林翔志腾跃蓝天明光"
                    + "正奥顺豪亿金海东升立超卓越精工群星汇众诺特美晶灵峻";
    /** The credit code's charset, for the 'MA…' organisation codes of firms registered since 2015. */
    private static final String CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private final List<Enterprise> all = new ArrayList<>();
    private final Set<String> codes = new HashSet<>();
    private final Set<String> names = new HashSet<>();

    List<Enterprise> all() {
        return all;
    }

    /** A new industrial, logistics or commercial firm of the zone. */
    Enterprise create(ZoneSpec zone, Industry industry, boolean registeredSince2015, Random random) {
        String name;
        do {
            String prefix = zone.namePrefixes().get(random.nextInt(zone.namePrefixes().size()));
            String trade = "" + pick(TRADE_NAME_CHARS, random) + pick(TRADE_NAME_CHARS, random);
            String word = industry.nameWords().get(random.nextInt(industry.nameWords().size()));
            double form = random.nextDouble();
            String suffix = form < 0.85 ? "有限公司" : form < 0.95 ? "股份有限公司" : "有限责任公司";
            if (trade.charAt(0) == trade.charAt(1)) {
                continue;
            }
            name = prefix + trade + word + suffix;
            if (!names.contains(name)) {
                break;
            }
        } while (true);
        return add(zone, name, industry, registeredSince2015, random);
    }

    /** A firm with a given name (the zone's park company, a village-owned company). */
    Enterprise named(ZoneSpec zone, String name, Industry industry, boolean registeredSince2015, Random random) {
        if (names.contains(name)) {
            throw new IllegalStateException("duplicate enterprise name " + name);
        }
        return add(zone, name, industry, registeredSince2015, random);
    }

    private Enterprise add(ZoneSpec zone, String name, Industry industry, boolean since2015, Random random) {
        String code;
        do {
            String first17 = "91" + zone.adminCode() + organisationCode(since2015, random);
            code = first17 + CreditCode.checkCharFor(first17);
        } while (!codes.add(code));
        names.add(name);
        Enterprise enterprise = new Enterprise(code, name, industry);
        all.add(enterprise);
        return enterprise;
    }

    /**
     * The 9-character organisation code (GB 11714) embedded in a credit code: 8 characters and its own
     * check character. Older firms kept their numeric code; firms registered since 2015 got 'MA…' codes.
     */
    static String organisationCode(boolean since2015, Random random) {
        StringBuilder body = new StringBuilder(8);
        if (since2015) {
            body.append("MA");
            body.append(CODE_CHARS.charAt(random.nextInt(10)));
            while (body.length() < 8) {
                body.append(pick(CODE_CHARS, random));
            }
        } else {
            body.append((char) ('1' + random.nextInt(7)));
            while (body.length() < 8) {
                body.append((char) ('0' + random.nextInt(10)));
            }
        }
        int[] weights = {3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = body.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            sum += value * weights[i];
        }
        int check = 11 - sum % 11;
        return body.toString() + (check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check));
    }

    private static char pick(String chars, Random random) {
        return chars.charAt(random.nextInt(chars.length()));
    }
}
