package com.landrenew.security;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Names who makes the writes of the current transaction, for the audit trail the database keeps
 * (V7__audit_trail.sql reads {@code landrenew.actor}). Call it first in each write transaction; the
 * setting ends with the transaction. The name is the signed-in user's: requests cannot name anyone else.
 */
@Component
public class Actor {

    /** Who writes outside a request (start-up jobs); every request that writes is signed in. */
    public static final String SYSTEM = "system";

    /** Who a failed sign-in's record names: nobody is signed in (the row holds the username typed). */
    public static final String SIGN_IN = "sign-in";

    private final JdbcClient jdbc;

    Actor(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Names the signed-in user as the writer of this transaction. */
    public void attributeWritesToCurrentUser() {
        set("landrenew.actor", name());
    }

    /** The signed-in user's name, as the trail and the ledger record who did something. */
    public String name() {
        String username = Viewer.current().username();
        return username == null ? SYSTEM : username;
    }

    /** Names a failed sign-in attempt as the writer of this transaction (its records, security/SignInEvents). */
    public void attributeWritesToSignIn() {
        set("landrenew.actor", SIGN_IN);
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
