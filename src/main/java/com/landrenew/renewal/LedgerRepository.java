package com.landrenew.renewal;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The append-only parcel ledger. The database trigger on parcel_event is the last word on legality. */
@Repository
class LedgerRepository {

    private static final String EVENTS_OF_PARCEL = """
            select e.id, e.from_state, e.to_state, e.effective_date, e.recorded_at, e.actor, e.reason, e.document_no,
                   en.name as enterprise_name, en.credit_code as enterprise_credit_code, e.households
            from parcel_event e
            left join enterprise en on en.id = e.enterprise_id
            where e.parcel_id = :parcel
            order by e.effective_date, e.id
            """;

    private static final String INSERT_EVENT = """
            insert into parcel_event (parcel_id, from_state, to_state, effective_date, actor, reason, document_no,
                                      enterprise_id, households)
            select p.id, p.state, :to, :effective, :actor, :reason, :document,
                   -- the holder leaves with the move into a freed state; the ledger keeps who it was
                   case when t.freed and not f.freed then p.enterprise_id end,
                   :households
            from parcel p
            join life_cycle_state f on f.code = p.state
            join life_cycle_state t on t.code = :to
            where p.id = :parcel
            returning id
            """;

    private final JdbcClient jdbc;

    LedgerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<String> allowedNextStates(String state) {
        return jdbc.sql("""
                select t.to_state from life_cycle_transition t join life_cycle_state s on s.code = t.to_state
                where t.from_state = :state order by s.ordinal""")
                .param("state", state).query(String.class).list();
    }

    boolean isState(String code) {
        return jdbc.sql("select exists (select 1 from life_cycle_state where code = :code)")
                .param("code", code).query(Boolean.class).single();
    }

    Optional<java.time.LocalDate> lastEffectiveDate(long parcel) {
        return jdbc.sql("select max(effective_date) from parcel_event where parcel_id = :parcel")
                .param("parcel", parcel).query(java.time.LocalDate.class).optional();
    }

    long append(long parcel, TransitionRequest request, String actor) {
        return jdbc.sql(INSERT_EVENT).param("parcel", parcel).param("to", request.to())
                .param("effective", request.effectiveDate()).param("actor", actor)
                .param("reason", request.reason().strip()).param("document", request.documentNo())
                .param("households", request.households() == null ? 0 : request.households())
                .query(Long.class).single();
    }

    List<LedgerEvent> events(long parcel) {
        return jdbc.sql(EVENTS_OF_PARCEL).param("parcel", parcel).query(LedgerEvent.class).list();
    }
}
