package com.landrenew.web;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The answer while the database is away (stopped, restarting, unreachable): 503 with Retry-After, so
 * clients and balancers wait and try again, instead of a 500 or, for a sign-in, "wrong password". The
 * pool gives up after its connection timeout (landrenew.database.connection-timeout), and recovers by
 * itself when the database is back.
 */
public final class DatabaseUnavailable {

    public static final String DETAIL = "数据库暂时不可用，请稍后重试。The database is unavailable for now; retry later.";
    /** Seconds a client should wait: about one check of the private server's watchdog and its restart. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {
    }

    public static ProblemDetail problem() {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, DETAIL);
    }

    /**
     * Whether {@code e} or one of its causes says no connection could be had or kept: the pool's timeout
     * (SQLTransientConnectionException, as Spring's CannotGetJdbcConnectionException or
     * CannotCreateTransactionException), a refused or broken connection (SQLState class 08), or the
     * server shutting down or starting (57P01-57P03), which Spring reports as DataAccessResourceFailureException.
     */
    public static boolean causedBy(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessResourceException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                            && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
