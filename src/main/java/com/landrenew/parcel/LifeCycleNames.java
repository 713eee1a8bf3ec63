package com.landrenew.parcel;

import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The Chinese names of the life-cycle states (收储, not "stored") for messages people read. The states
 * are reference data fixed by the migrations, so they are read once.
 */
@Component
public class LifeCycleNames {

    private final JdbcClient jdbc;
    private volatile Map<String, String> names;

    LifeCycleNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** 收储 for "stored"; an unknown code as it is. */
    public String zh(String state) {
        if (names == null) {
            names = jdbc.sql("select code, name_zh from life_cycle_state").query((rs, i) -> Map.entry(
                    rs.getString("code"), rs.getString("name_zh"))).list().stream()
                    .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        }
        return names.getOrDefault(state, state);
    }
}
