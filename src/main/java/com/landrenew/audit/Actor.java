package com.landrenew.audit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Names who makes the writes of the current transaction, for the audit trail the database keeps
 * (V7__audit_trail.sql reads {@code landrenew.actor}). Call it first in each write transaction; the
 * setting ends with the transaction. Until there are logged-in users this is the best name each write
 * path has (a transition's actor, an import's file); a blank name is recorded as {@link #ANONYMOUS}.
 */
@Component
public class Actor {

    public static final String ANONYMOUS = "anonymous";

    private final JdbcClient jdbc;

    Actor(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void is(String who) {
        set("landrenew.actor", who == null || who.isBlank() ? ANONYMOUS : who.strip());
    }

    /**
     * For the sample loader only: the sample is the starting state, not changes, so the trail skips the
     * writes of this transaction. No request reaches this (a name given as actor cannot switch it off).
     */
    public void isSampleLoader() {
        set("landrenew.actor", "sample loader");
        set("landrenew.audit", "off");
    }

    private void set(String setting, String value) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            // Outside a transaction the setting would apply to one statement only and the write go unnamed.
            throw new IllegalStateException("the actor is named inside the write transaction");
        }
        jdbc.sql("select set_config(:setting, :value, true)").param("setting", setting).param("value", value)
                .query(String.class).single();
    }
}
