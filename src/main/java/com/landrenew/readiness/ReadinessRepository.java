package com.landrenew.readiness;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Parcels' readiness facts (parcel_readiness) and the day each parcel is ready (ready_date in SQL). */
@Repository
class ReadinessRepository {

    /** Every kind of fact, with what the parcel has recorded of it (not recorded: not required). */
    private static final String READINESS_AS_JSON = """
            select json_build_object(
                     'zone', z.code, 'code', p.code, 'state', p.state,
                     'ready', is_ready(p.id), 'readyDate', ready_date(p.id),
                     'facts', (select json_agg(json_build_object(
                                  'fact', k.code, 'nameZh', k.name_zh, 'nameEn', k.name_en,
                                  'recorded', r.fact is not null, 'required', coalesce(r.required, false),
                                  'doneOn', r.done_on, 'expectedOn', r.expected_on) order by k.ordinal)
                               from readiness_fact_kind k
                               left join parcel_readiness r on r.fact = k.code and r.parcel_id = p.id))::text
            from parcel_all p join zone z on z.id = p.zone_id
            where p.id = :id
            """;

    private final JdbcClient jdbc;

    ReadinessRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The facts of the parcel ParcelLookup found. */
    String readinessAsJson(long parcel) {
        return jdbc.sql(READINESS_AS_JSON).param("id", parcel).query(String.class).single();
    }

    List<String> factKinds() {
        return jdbc.sql("select code from readiness_fact_kind order by ordinal").query(String.class).list();
    }

    /**
     * Facts no longer listed are deleted, changed ones updated in place and unchanged ones left alone, so
     * that the audit trail shows each fact's before and after rather than a delete and an insert of all.
     */
    void replace(long parcel, List<ReadinessUpdate.Fact> facts) {
        jdbc.sql("delete from parcel_readiness where parcel_id = :parcel and fact <> all(cast(:facts as text[]))")
                .param("parcel", parcel)
                .param("facts", facts.stream().map(ReadinessUpdate.Fact::fact).toArray(String[]::new)).update();
        for (ReadinessUpdate.Fact fact : facts) {
            jdbc.sql("""
                    insert into parcel_readiness (parcel_id, fact, required, done_on, expected_on)
                    values (:parcel, :fact, :required, :done, :expected)
                    on conflict (parcel_id, fact) do update
                    set required = excluded.required, done_on = excluded.done_on, expected_on = excluded.expected_on,
                        recorded_at = now()
                    where (parcel_readiness.required, parcel_readiness.done_on, parcel_readiness.expected_on)
                          is distinct from (excluded.required, excluded.done_on, excluded.expected_on)""")
                    .param("parcel", parcel).param("fact", fact.fact()).param("required", fact.required() != Boolean.FALSE)
                    .param("done", fact.doneOn()).param("expected", fact.expectedOn()).update();
        }
    }
}
