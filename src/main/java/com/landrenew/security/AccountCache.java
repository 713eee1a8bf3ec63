package com.landrenew.security;

import java.time.Duration;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.landrenew.database.NoticeHandler;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The accounts this node signed in with lately, kept 30 s (an HTTP Basic client signs in on every request).
 * A change of a user drops the account here once committed, and on every other node at the same moment: the
 * username is announced with NOTIFY on {@link #CHANNEL} inside the changing transaction (PostgreSQL delivers
 * it when, and only if, it commits), and each node's listener hands it to {@link #heard}. A node that may have
 * missed notices drops every account ({@link #missed}).
 */
@Component
class AccountCache implements NoticeHandler {

    static final String CHANNEL = "landrenew_accounts";

    private final Cache<String, UserRepository.Account> accounts = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(30)).maximumSize(10_000).build();
    private final JdbcClient jdbc;

    AccountCache(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    UserRepository.Account get(String username) {
        return accounts.getIfPresent(username);
    }

    void put(String username, UserRepository.Account account) {
        accounts.put(username, account);
    }

    /**
     * Inside the transaction that changes the user: every node signs in with what it wrote once it commits
     * (not before: a sign-in in between would keep the old row).
     */
    void forgetAfterCommit(String username) {
        accounts.invalidate(username);
        jdbc.sql("select pg_notify(:channel, :username)").param("channel", CHANNEL).param("username", username)
                .query((rs, i) -> 1).list();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    accounts.invalidate(username);
                }
            });
        }
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public void heard(List<String> payloads) {
        accounts.invalidateAll(payloads);
    }

    @Override
    public void missed() {
        accounts.invalidateAll();
    }
}
