package com.landrenew.sample;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * What the synthetic sample is modelled on: two development zones in Zhejiang and their blocks (区块),
 * each with a rough location, size and character taken from public reports. Nothing here depicts a
 * real parcel; the numbers only steer the generator so that the sample looks and behaves like real data.
 */
final class SampleSpecs {

    private SampleSpecs() {
    }

    /** How a block's land is used and where it stands in the renewal story. */
    enum Kind {
        /** Old industrial land under renewal: many low-efficiency plots, vacating, vacated and stored land. */
        RENEWAL,
        /** Established industrial land: mostly in use or in production, some low-efficiency plots. */
        ESTABLISHED,
        /** A small park of standard multi-storey plants for small and micro firms (小微产业园). */
        MICRO,
        /** A newer park being built out: prepared, supplied, under construction, completed, in production. */
        NEW_PARK
    }

    /** One industry of the national classification (GB/T 4754-2017) as an enterprise record shows it. */
    record Industry(String code, String name, List<String> nameWords, double class1, double class2) {
        /** e.g. "C21 家具制造业". */
        String label() {
            return code + " " + name;
        }

        boolean isLogistics() {
            return code.startsWith("G");
        }
    }

    record Weighted<T>(T value, double weight) {

        /** One of {@code choices}, drawn with a chance proportional to its weight. */
        static <T> T pick(List<Weighted<T>> choices, Random random) {
            double total = 0;
            for (Weighted<T> choice : choices) {
                total += choice.weight();
            }
            double p = random.nextDouble() * total;
            for (Weighted<T> choice : choices) {
                p -= choice.weight();
                if (p < 0) {
                    return choice.value();
                }
            }
            return choices.get(choices.size() - 1).value();
        }
    }

    /**
     * A block: where it is (centre in CGCS2000 lon/lat), how big (mu), how its street grid runs
     * (degrees anticlockwise from east) and how the land is cut and used.
     */
    record BlockSpec(String code, String name, String cadastre, Kind kind, double lon, double lat,
                     double mu, double gridDegrees, double aspect, double medianParcelMu, double parcelSpread,
                     List<Weighted<Industry>> industries) {
    }

    record ZoneSpec(String code, String name, String adminCode, List<String> namePrefixes,
                    String platformCompany, Offices offices, List<BlockSpec> blocks) {

        /** The village-owned company (强村公司) that holds a renewal block's housing for its households. */
        String villageCompany(BlockSpec block) {
            return namePrefixes.get(0) + block.name() + "强村发展有限公司";
        }
    }

    /**
     * Who records what in a zone's ledger, and the prefixes of their document numbers (文号). {@code
     * evaluations} are the yearly 亩均效益综合评价 notices that flag low-efficiency plots.
     */
    record Offices(String registry, String evaluator, String relocation, String reserve, String construction,
                   String zoneDocument, String reserveDocument, List<Evaluation> evaluations) {
    }

    /** One year's published 亩均 evaluation: the day its results took effect and the notice's number. */
    record Evaluation(LocalDate published, String documentNo) {
    }

    /**
     * A renewal project (有机更新项目) as it is published: its blocks, dates and targets. Two more numbers
     * steer the generator: {@code progress}, the share of the firms and households to move that have gone
     * by {@link #REFERENCE_DATE}, and {@code earlierClearances}, plots of its blocks cleared before it started.
     */
    record ProjectSpec(String zone, String code, String name, LocalDate started, LocalDate deadline,
                       int targetEnterprises, int targetHouseholds, double targetMu, List<String> blocks,
                       double progress, int earlierClearances) {
    }

    /** "Today" of the sample: no event takes effect after it, none is recorded after 18:00 that day. */
    static final LocalDate REFERENCE_DATE = LocalDate.of(2026, 11, 1);

    // Industries. class1/class2 are the chances of class 1 and class 2 industrial land (the rest is
    // class 3); logistics firms get logistics land instead.
    static final Industry FURNITURE = new Industry("C21", "家具制造业",
            List.of("家具", "椅业", "办公家具", "座椅", "家居", "椅业科技"), 0.3, 0.7);
    static final Industry BAMBOO = new Industry("C20", "木材加工和木、竹、藤、棕、草制品业",
            List.of("竹业", "竹木制品", "竹艺", "竹材科技", "木业"), 0.2, 0.8);
    static final Industry METAL = new Industry("C33", "金属制品业",
            List.of("五金", "金属制品", "钢结构", "表面处理"), 0.0, 0.7);
    static final Industry PLASTICS = new Industry("C29", "橡胶和塑料制品业",
            List.of("塑业", "塑胶", "橡塑制品"), 0.1, 0.9);
    static final Industry GENERAL_EQUIPMENT = new Industry("C34", "通用设备制造业",
            List.of("机械", "机电", "液压", "轴承", "传动设备"), 0.5, 0.5);
    static final Industry SPECIAL_EQUIPMENT = new Industry("C35", "专用设备制造业",
            List.of("智能装备", "专用设备", "机械", "医疗器械", "自动化设备"), 0.6, 0.4);
    static final Industry TEXTILE = new Industry("C17", "纺织业",
            List.of("纺织", "织造", "印染", "家纺"), 0.1, 0.7);
    static final Industry APPAREL = new Industry("C18", "纺织服装、服饰业",
            List.of("服饰", "制衣", "服装"), 1.0, 0.0);
    static final Industry PAPER = new Industry("C22", "造纸和纸制品业",
            List.of("纸业", "包装", "纸制品"), 0.0, 0.8);
    static final Industry PHARMA = new Industry("C27", "医药制造业",
            List.of("生物医药", "药业", "制药", "生物科技"), 0.0, 0.6);
    static final Industry FOOD = new Industry("C14", "食品制造业",
            List.of("食品", "健康食品", "生物食品", "营养品"), 1.0, 0.0);
    static final Industry RESEARCH = new Industry("M73", "研究和试验发展",
            List.of("检测技术", "研发科技", "生命科学"), 1.0, 0.0);
    static final Industry CHEMICALS = new Industry("C26", "化学原料和化学制品制造业",
            List.of("化工", "新材料", "精细化工"), 0.0, 0.2);
    static final Industry ELECTRONICS = new Industry("C39", "计算机、通信和其他电子设备制造业",
            List.of("光电", "半导体", "电子", "微电子", "光电科技", "芯片科技"), 1.0, 0.0);
    static final Industry ELECTRICAL = new Industry("C38", "电气机械和器材制造业",
            List.of("电气", "新能源", "光伏科技", "电器", "电机"), 0.6, 0.4);
    static final Industry INSTRUMENTS = new Industry("C40", "仪器仪表制造业",
            List.of("仪器", "精密仪器", "传感科技", "测控技术"), 1.0, 0.0);
    static final Industry GLASS = new Industry("C30", "非金属矿物制品业",
            List.of("光学玻璃", "新型建材", "陶瓷科技"), 0.2, 0.8);
    static final Industry SOFTWARE = new Industry("I65", "软件和信息技术服务业",
            List.of("信息技术", "软件", "数字科技", "智能科技"), 1.0, 0.0);
    static final Industry VEHICLES = new Industry("C36", "汽车制造业",
            List.of("汽车零部件", "汽配", "车业", "汽车部件"), 0.3, 0.7);
    static final Industry FIBRE = new Industry("C28", "化学纤维制造业",
            List.of("化纤", "纤维", "锦纶"), 0.0, 0.3);
    static final Industry LOGISTICS = new Industry("G59", "装卸搬运和仓储业",
            List.of("物流", "仓储", "供应链管理", "物流科技"), 0.7, 0.3);
    static final Industry HOTEL = new Industry("H61", "住宿业", List.of("酒店管理", "酒店"), 0, 0);
    static final Industry RETAIL = new Industry("F52", "零售业", List.of("商贸", "商业管理"), 0, 0);
    static final Industry VILLAGE = new Industry("L72", "商务服务业", List.of("强村发展"), 0, 0);
    static final Industry PUBLIC_FACILITIES = new Industry("N78", "公共设施管理业", List.of(), 0, 0);

    private static <T> Weighted<T> w(T value, double weight) {
        return new Weighted<>(value, weight);
    }

    private static final List<Weighted<Industry>> ANJI_OLD = List.of(
            w(FURNITURE, 40), w(BAMBOO, 18), w(METAL, 8), w(PLASTICS, 7), w(GENERAL_EQUIPMENT, 8),
            w(SPECIAL_EQUIPMENT, 4), w(TEXTILE, 4), w(PAPER, 3), w(LOGISTICS, 6));
    private static final List<Weighted<Industry>> ANJI_HOME = List.of(w(FURNITURE, 80), w(BAMBOO, 20));
    private static final List<Weighted<Industry>> ANJI_HEALTH = List.of(
            w(PHARMA, 35), w(SPECIAL_EQUIPMENT, 25), w(FOOD, 14), w(RESEARCH, 10), w(CHEMICALS, 4),
            w(ELECTRONICS, 5), w(LOGISTICS, 7));
    private static final List<Weighted<Industry>> ANJI_OPTO = List.of(
            w(ELECTRONICS, 55), w(ELECTRICAL, 18), w(INSTRUMENTS, 8), w(SPECIAL_EQUIPMENT, 7), w(GLASS, 5),
            w(LOGISTICS, 7));
    private static final List<Weighted<Industry>> XS_TECH = List.of(
            w(ELECTRONICS, 25), w(SOFTWARE, 8), w(RESEARCH, 8), w(INSTRUMENTS, 10), w(SPECIAL_EQUIPMENT, 15),
            w(ELECTRICAL, 15), w(VEHICLES, 12), w(LOGISTICS, 7));
    private static final List<Weighted<Industry>> XS_MAKING = List.of(
            w(VEHICLES, 25), w(GENERAL_EQUIPMENT, 20), w(ELECTRICAL, 18), w(METAL, 10), w(PLASTICS, 5),
            w(SPECIAL_EQUIPMENT, 10), w(LOGISTICS, 12));
    private static final List<Weighted<Industry>> XS_OLD = List.of(
            w(TEXTILE, 20), w(APPAREL, 10), w(FIBRE, 12), w(GENERAL_EQUIPMENT, 15), w(METAL, 10),
            w(VEHICLES, 10), w(CHEMICALS, 8), w(LOGISTICS, 12), w(PLASTICS, 3));

    /** The two zones. Sizes in mu (亩); the five renewal blocks of Anji add up to 3,400 mu. */
    static final List<ZoneSpec> ZONES = List.of(
            new ZoneSpec("anji", "安吉经济开发区", "330523", List.of("安吉", "安吉", "安吉", "浙江", "湖州"),
                    "安吉经开区园区建设发展有限公司",
                    new Offices("安吉县自然资源和规划局", "安吉经开区经济发展局", "安吉经开区规划建设局",
                            "安吉县土地储备中心", "安吉经开区规划建设局", "安经开", "安土储", List.of(
                            new Evaluation(LocalDate.of(2021, 5, 20), "安经开〔2021〕31号"),
                            new Evaluation(LocalDate.of(2022, 5, 26), "安经开〔2022〕28号"),
                            new Evaluation(LocalDate.of(2023, 5, 18), "安经开〔2023〕26号"))), List.of(
                    new BlockSpec("tangpu", "塘浦", "001001", Kind.RENEWAL, 119.690, 30.655,
                            720, 12, 1.3, 8.2, 0.22, ANJI_OLD),
                    new BlockSpec("kangshan", "康山", "001002", Kind.RENEWAL, 119.664, 30.645,
                            690, -8, 1.5, 8.2, 0.22, ANJI_OLD),
                    new BlockSpec("xiaoyuan-nanhuachong", "孝源南花冲", "001003", Kind.RENEWAL, 119.638, 30.612,
                            640, 25, 1.2, 8.0, 0.22, ANJI_OLD),
                    new BlockSpec("wanmu", "万亩", "001004", Kind.RENEWAL, 119.701, 30.631,
                            700, 5, 1.6, 8.4, 0.22, ANJI_OLD),
                    new BlockSpec("jiqingqiao", "吉庆桥", "001005", Kind.RENEWAL, 119.676, 30.620,
                            650, -15, 1.3, 8.2, 0.22, ANJI_OLD),
                    new BlockSpec("yangguang-1", "阳光一区", "002001", Kind.ESTABLISHED, 119.716, 30.603,
                            4000, 18, 1.4, 9.0, 0.25, ANJI_OLD),
                    new BlockSpec("fantan", "范潭工业园", "002002", Kind.ESTABLISHED, 119.727, 30.671,
                            4000, -6, 1.6, 9.0, 0.3, ANJI_OLD),
                    new BlockSpec("xiaoyuan-jiaju", "孝源绿色家居小微产业园", "003001", Kind.MICRO, 119.652, 30.597,
                            170, 20, 1.3, 6.8, 0.15, ANJI_HOME),
                    new BlockSpec("shengming-jiankang", "生命健康产业园", "004001", Kind.NEW_PARK, 119.624, 30.668,
                            4500, 30, 1.5, 11.0, 0.55, ANJI_HEALTH),
                    new BlockSpec("guangdian-bandaoti", "光电半导体产业园", "004002", Kind.NEW_PARK, 119.657, 30.687,
                            4000, -20, 1.6, 11.0, 0.55, ANJI_OPTO))),
            new ZoneSpec("xiaoshan", "萧山经济技术开发区", "330109", List.of("杭州", "杭州", "杭州萧山", "浙江"),
                    "杭州萧山经开区市政园林有限公司",
                    new Offices("杭州市规划和自然资源局萧山分局", "萧山经开区经济发展局", "萧山经开区自然资源所",
                            "杭州市萧山区土地储备中心", "萧山经开区建设管理局", "萧经开", "萧土储", List.of(
                            new Evaluation(LocalDate.of(2021, 6, 10), "萧经开〔2021〕42号"),
                            new Evaluation(LocalDate.of(2022, 6, 16), "萧经开〔2022〕37号"),
                            new Evaluation(LocalDate.of(2023, 6, 9), "萧经开〔2023〕40号"))), List.of(
                    new BlockSpec("jiangnan-kejicheng", "江南科技城", "001001", Kind.ESTABLISHED, 120.290, 30.178,
                            6000, 22, 1.6, 9.0, 0.25, XS_TECH),
                    new BlockSpec("lvse-zhizao", "绿色智造产业新城", "002001", Kind.ESTABLISHED, 120.405, 30.262,
                            6500, 35, 1.7, 9.0, 0.3, XS_MAKING),
                    new BlockSpec("shibei", "市北区块", "003001", Kind.ESTABLISHED, 120.318, 30.238,
                            5000, 15, 1.4, 8.6, 0.25, XS_OLD))));

    /**
     * The renewal projects. Anji's follows the public reports of its 2023 有机更新 (36 enterprises, 136
     * households, more than 1,600 mu in five blocks by the end of 2025); the sample has it running late.
     * The Xiaoshan one is invented, smaller and younger.
     */
    static final List<ProjectSpec> PROJECTS = List.of(
            new ProjectSpec("anji", "anji-2023-renewal", "安吉经济开发区2023年有机更新项目",
                    LocalDate.of(2023, 1, 1), LocalDate.of(2025, 12, 31), 36, 136, 1600,
                    List.of("tangpu", "kangshan", "xiaoyuan-nanhuachong", "wanmu", "jiqingqiao"), 0.88, 3),
            new ProjectSpec("xiaoshan", "xiaoshan-shibei-2024", "萧山经济技术开发区市北区块低效工业用地有机更新项目",
                    LocalDate.of(2024, 3, 1), LocalDate.of(2026, 12, 31), 12, 0, 200,
                    List.of("shibei"), 0.55, 0));
}
