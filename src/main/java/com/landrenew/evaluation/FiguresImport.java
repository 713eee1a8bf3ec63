package com.landrenew.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.landrenew.enterprise.CreditCode;
import com.landrenew.security.Actor;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.RejectedException;

import com.fasterxml.jackson.annotation.JsonIgnore;
import tools.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A year's figures as the economy bureau sends them (Chinese headers, one row per enterprise), checked row
 * by row: known credit code, once in the file, numbers present where required, not negative, within
 * bounds. All or nothing: any problem is a 422 with the report and nothing is written; a dry run writes
 * nothing either. Written figures replace the enterprise's for the year, and every zone with a scheme
 * for that year is evaluated again.
 */
@Service
class FiguresImport {

    /** A column: its key, the header names it goes by (a header matches when it starts with one), whether required. */
    enum Column {
        CREDIT_CODE(true, "统一社会信用代码", "信用代码"),
        NAME(false, "企业名称", "名称"),
        TAX(true, "税收", "税收实际贡献", "实缴税金"),
        VALUE_ADDED(true, "增加值", "工业增加值"),
        ENERGY(true, "综合能耗", "能耗"),
        EMISSION(false, "排放当量", "主要污染物排放当量", "排放"),
        EMPLOYEES(false, "从业人员", "年平均职工人数", "职工人数"),
        RD(false, "研发经费", "研发经费支出", "R&D"),
        REVENUE(false, "营业收入", "主营业务收入"),
        DECLARED_MU(false, "用地面积", "申报用地面积"),
        SCALE(false, "规上/规下", "规模", "规上规下"),
        INCIDENT(false, "重大事故", "重大安全环境事故", "安全环保事故"),
        HIGH_TECH(false, "上市高新", "高新技术企业", "高新");

        final boolean required;
        final List<String> names;

        Column(boolean required, String... names) {
            this.required = required;
            this.names = List.of(names);
        }
    }

    private static final BigDecimal MAX_WAN = new BigDecimal("1000000000");   // 万元, tce, t: 10^9
    private static final BigDecimal MAX_MU = new BigDecimal("1000000");
    private static final int MAX_EMPLOYEES = 10_000_000;
    private static final int MAX_REPORTED_ROWS = 1000;

    private static final String KNOWN = """
            select credit_code, id from enterprise where credit_code = any(cast(:codes as text[]))
            """;

    /** The checked rows, a JSON array of them per statement (a year of a province is 100,000 rows). */
    private static final String WRITE = """
            insert into enterprise_evaluation (enterprise_id, year, land_mu, tax_wan, output_wan, energy_tce,
                   emission_t, employees, rd_wan, revenue_wan, scale, major_incident, high_tech, grade)
            select f.enterprise, :year, f.declared, f.tax, f.va, f.energy, f.emission, f.employees, f.rd, f.revenue,
                   f.scale, f.incident, f."highTech", null
            from json_to_recordset(cast(:rows as json)) as f (enterprise int, declared numeric, tax numeric, va numeric,
                 energy numeric, emission numeric, employees int, rd numeric, revenue numeric, scale text,
                 incident boolean, "highTech" boolean)
            on conflict (enterprise_id, year) do update set land_mu = excluded.land_mu, tax_wan = excluded.tax_wan,
                output_wan = excluded.output_wan, energy_tce = excluded.energy_tce, emission_t = excluded.emission_t,
                employees = excluded.employees, rd_wan = excluded.rd_wan, revenue_wan = excluded.revenue_wan,
                scale = excluded.scale, major_incident = excluded.major_incident, high_tech = excluded.high_tech,
                grade = null
            """;

    /** What the import found: rows read, written, each row with a problem (the first 1,000), the zones evaluated again. */
    record Report(String file, int year, boolean dryRun, int rows, int imported, int rejected, List<RowReport> problems,
            List<EvaluationService.Summary> evaluated) {
    }

    /** One row: its line in the file (from 1, the header counted), its credit code, what is wrong. */
    record RowReport(int line, String creditCode, List<String> problems) {
    }

    record Figures(@JsonIgnore int line, int enterprise, BigDecimal declared, BigDecimal tax, BigDecimal va, BigDecimal energy,
            BigDecimal emission, Integer employees, BigDecimal rd, BigDecimal revenue, String scale, boolean incident,
            boolean highTech) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Actor actor;
    private final EvaluationService evaluations;

    FiguresImport(JdbcClient jdbc, ObjectMapper json, Actor actor, EvaluationService evaluations) {
        this.jdbc = jdbc;
        this.json = json;
        this.actor = actor;
        this.evaluations = evaluations;
    }

    @Transactional
    Report run(String fileName, byte[] bytes, int year, boolean dryRun) {
        Years.check(year);
        List<List<String>> rows = FiguresFile.read(fileName, bytes);
        int headerAt = headerRow(rows);
        Map<Column, Integer> columns = columns(rows.get(headerAt));
        List<List<String>> data = rows.subList(headerAt + 1, rows.size());
        if (data.isEmpty()) {
            throw new BadRequestException("文件中没有数据行。The file has no rows of figures.");
        }
        if (data.size() > FiguresFile.MAX_ROWS) {
            throw new BadRequestException("行数过多（最多 " + FiguresFile.MAX_ROWS + " 行）。Too many rows (at most "
                    + FiguresFile.MAX_ROWS + ").");
        }
        Map<String, Integer> known = known(data, columns.get(Column.CREDIT_CODE));

        List<RowReport> problems = new ArrayList<>();
        List<Figures> figures = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int rejected = 0;
        for (int i = 0; i < data.size(); i++) {
            int line = headerAt + i + 2;
            RowCheck row = new RowCheck(data.get(i), columns);
            String code = row.text(Column.CREDIT_CODE);
            if (code.isEmpty()) {
                row.problem("缺少统一社会信用代码。The credit code is missing.");
            } else if (!CreditCode.isValid(code)) {
                row.problem("统一社会信用代码 " + Excerpt.of(code) + " 无效（" + CreditCode.problemWith(code) + "）。The credit code '"
                        + Excerpt.of(code) + "' is not valid: " + CreditCode.problemWith(code) + ".");
            } else if (!known.containsKey(code)) {
                row.problem("未登记的企业：" + code + "。No enterprise with credit code " + code + " is registered.");
            } else if (!seen.add(code)) {
                row.problem("企业 " + code + " 在文件中出现多次。Enterprise " + code + " is in the file more than once.");
            }
            Figures f = new Figures(line, known.getOrDefault(code, 0),
                    row.number(Column.DECLARED_MU, "用地面积(申报)", "declared land", MAX_MU),
                    row.number(Column.TAX, "税收", "tax", MAX_WAN), row.number(Column.VALUE_ADDED, "增加值", "value added", MAX_WAN),
                    row.number(Column.ENERGY, "综合能耗", "energy use", MAX_WAN),
                    row.number(Column.EMISSION, "排放当量", "emissions", MAX_WAN), row.count(Column.EMPLOYEES),
                    row.number(Column.RD, "研发经费", "R&D spending", MAX_WAN),
                    row.number(Column.REVENUE, "营业收入", "revenue", MAX_WAN), row.scale(),
                    row.flag(Column.INCIDENT, "重大事故", "incident"), row.flag(Column.HIGH_TECH, "上市高新", "high-tech"));
            if (row.problems.isEmpty()) {
                figures.add(f);
            } else {
                rejected++;
                if (problems.size() < MAX_REPORTED_ROWS) {
                    problems.add(new RowReport(line, Excerpt.of(code), row.problems));
                }
            }
        }
        Report report = new Report(Excerpt.of(fileName), year, dryRun, data.size(), 0, rejected, problems, List.of());
        if (rejected > 0) {
            throw new RejectedException(rejected + " 行有问题，未导入任何数据。" + rejected + " of " + data.size()
                    + " rows have problems; nothing was imported.", Map.of("import", report));
        }
        if (dryRun) {
            return report;
        }
        actor.attributeWritesToCurrentUser();
        for (int from = 0; from < figures.size(); from += 5000) {
            jdbc.sql(WRITE).param("year", year)
                    .param("rows", json.writeValueAsString(figures.subList(from, Math.min(from + 5000, figures.size()))))
                    .update();
        }
        List<EvaluationService.Summary> evaluated = evaluations.evaluateYear(year).zones();
        return new Report(Excerpt.of(fileName), year, false, data.size(), figures.size(), 0, List.of(), evaluated);
    }

    /** The header is the first of the first five rows that names the credit code (a title row may come before it). */
    private static int headerRow(List<List<String>> rows) {
        for (int i = 0; i < Math.min(5, rows.size()); i++) {
            if (rows.get(i).stream().anyMatch(c -> normalized(c).startsWith("统一社会信用代码"))) {
                return i;
            }
        }
        throw new BadRequestException("找不到表头：前 5 行中没有“统一社会信用代码”列。No header: none of the first 5 rows "
                + "has a column 统一社会信用代码 (credit code).");
    }

    private static Map<Column, Integer> columns(List<String> header) {
        Map<Column, Integer> found = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String name = normalized(header.get(c));
            for (Column column : Column.values()) {
                if (!found.containsKey(column) && column.names.stream().anyMatch(name::startsWith)) {
                    found.put(column, c);
                    break;
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (Column column : Column.values()) {
            if (column.required && !found.containsKey(column)) {
                missing.add(column.names.get(0));
            }
        }
        if (!missing.isEmpty()) {
            throw new BadRequestException("缺少列：" + String.join("、", missing) + "。Missing columns: "
                    + String.join(", ", missing) + ".");
        }
        return found;
    }

    /** Full-width brackets and spaces as a spreadsheet may have them; 亩均 prefixes are not ours. */
    private static String normalized(String header) {
        return header.replace('（', '(').replace('）', ')').replace(" ", "").replace("\u3000", "");
    }

    private Map<String, Integer> known(List<List<String>> data, int codeColumn) {
        List<String> codes = data.stream().map(r -> codeColumn < r.size() ? r.get(codeColumn) : "")
                .filter(CreditCode::isValid).distinct().toList();
        Map<String, Integer> known = new HashMap<>();
        jdbc.sql(KNOWN).param("codes", codes.toArray(String[]::new))
                .query(rs -> {
                    known.put(rs.getString("credit_code"), rs.getInt("id"));
                });
        return known;
    }

    /** One row's cells by column, and what is wrong with them. */
    private static final class RowCheck {

        final List<String> cells;
        final Map<Column, Integer> columns;
        final List<String> problems = new ArrayList<>();

        RowCheck(List<String> cells, Map<Column, Integer> columns) {
            this.cells = cells;
            this.columns = columns;
        }

        void problem(String problem) {
            problems.add(problem);
        }

        String text(Column column) {
            Integer at = columns.get(column);
            return at == null || at >= cells.size() ? "" : cells.get(at).strip();
        }

        /** A number of 万元, tce, t or mu: required ones present, none negative or over max; 2 decimals kept. */
        BigDecimal number(Column column, String zh, String en, BigDecimal max) {
            String s = text(column).replace(",", "");
            if (s.isEmpty()) {
                if (column.required) {
                    problem("缺少" + zh + "。" + capitalized(en) + " is missing.");
                }
                return null;
            }
            BigDecimal value;
            try {
                value = new BigDecimal(s);
            } catch (NumberFormatException e) {
                problem(zh + "不是数字：" + Excerpt.of(s) + "。" + capitalized(en) + " is not a number: '" + Excerpt.of(s) + "'.");
                return null;
            }
            if (value.signum() < 0) {
                problem(zh + "为负数：" + value.toPlainString() + "。" + capitalized(en) + " is negative: " + value.toPlainString() + ".");
                return null;
            }
            if (value.compareTo(max) > 0) {
                problem(zh + "超出上限 " + max.toPlainString() + "：" + Excerpt.of(s) + "。" + capitalized(en) + " is over the bound of "
                        + max.toPlainString() + ": " + Excerpt.of(s) + ".");
                return null;
            }
            return value.setScale(2, RoundingMode.HALF_UP);
        }

        Integer count(Column column) {
            BigDecimal n = number(column, "从业人员", "employees", new BigDecimal(MAX_EMPLOYEES));
            if (n == null) {
                return null;
            }
            if (n.stripTrailingZeros().scale() > 0) {
                problem("从业人员须为整数：" + n.toPlainString() + "。Employees must be a whole number: " + n.toPlainString() + ".");
                return null;
            }
            return n.intValue();
        }

        String scale() {
            String s = text(Column.SCALE);
            return switch (s) {
                case "" -> null;
                case "规上", "规模以上", "上" -> "above";
                case "规下", "规模以下", "下" -> "below";
                default -> {
                    problem("规上/规下须为“规上”或“规下”：" + Excerpt.of(s) + "。The scale must be 规上 or 规下, not '"
                            + Excerpt.of(s) + "'.");
                    yield null;
                }
            };
        }

        boolean flag(Column column, String zh, String en) {
            String s = text(column);
            return switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "", "否", "无", "n", "no", "0", "false" -> false;
                case "是", "有", "y", "yes", "1", "true" -> true;
                default -> {
                    problem(zh + "须为“是”或“否”：" + Excerpt.of(s) + "。" + capitalized(en) + " must be 是 or 否, not '"
                            + Excerpt.of(s) + "'.");
                    yield false;
                }
            };
        }

        private static String capitalized(String s) {
            return Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }
    }
}
