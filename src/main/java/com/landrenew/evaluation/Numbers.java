package com.landrenew.evaluation;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reading nullable numeric columns (the JDBC driver gives no Double for numeric). */
final class Numbers {

    private Numbers() {
    }

    static Double nullable(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? null : value.doubleValue();
    }
}
