package com.landrenew.audit;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the audit trail the database writes; the application never writes it (its triggers do). */
@Repository
class AuditRepository {

    /**
     * key matches a row key (zone/code of a parcel, a plan's code, an enterprise's credit code, an id) or
     * the parcel a row belongs to, by zone/code or by code alone.
     */
    private static final String MATCHING = """
            from audit_log a
            where (cast(:table as text) is null or a.table_name = :table)
              and (cast(:key as text) is null or a.row_key = :key or a.parcel = :key
                   or split_part(a.parcel, '/', 2) = :key)
              and (cast(:actor as text) is null or strpos(lower(a.actor), lower(:actor)) > 0)
              and (cast(:from as date) is null or a.at >= cast(:from as date)::timestamp at time zone 'Asia/Shanghai')
              and (cast(:to as date) is null or a.at < (cast(:to as date) + 1)::timestamp at time zone 'Asia/Shanghai')
            """;

    private static final String PAGE = """
            with page as (
              select a.*,
                     (select coalesce(array_agg(k order by k), '{}')
                      from jsonb_object_keys(coalesce(a.after, a.before)) k
                      where a.before->k is distinct from a.after->k) as changed
            """ + MATCHING + """
              order by a.id desc
              limit :limit offset :offset)
            select json_build_object(
                     'numberMatched', (select count(*) %s),
                     'numberReturned', count(*),
                     'limit', cast(:limit as int), 'offset', cast(:offset as int),
                     'entries', coalesce(json_agg(json_build_object(
                         'id', id, 'at', to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"'),
                         'actor', actor, 'action', action, 'table', table_name, 'key', row_key, 'parcel', parcel,
                         'changed', changed, 'before', before, 'after', after) order by id desc), '[]'))::text
            from page
            """.formatted(MATCHING);

    /** The same rows as CSV, every cell quoted (RFC 4180), China time. */
    private static final String CSV = """
            with page as (
              select a.*,
                     (select string_agg(k, ' ' order by k)
                      from jsonb_object_keys(coalesce(a.after, a.before)) k
                      where a.before->k is distinct from a.after->k) as changed
            """ + MATCHING + """
              order by a.id desc
              limit :limit offset :offset)
            select coalesce(string_agg(concat_ws(',', id,
                        (select string_agg('"' || replace(coalesce(cell, ''), '"', '""') || '"', ',')
                         from unnest(array[to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS'), actor, action,
                                           coalesce((select t.title from audited_table t where t.name = table_name),
                                                    table_name),
                                           row_key, parcel, changed, before::text, after::text]) cell)),
                        E'\\r\\n' order by id desc) || E'\\r\\n', '')
            from page
            """;

    /** The tables the trail records: those with the audit trigger, from the database itself (V15). */
    private static final String TABLES = "select name, title from audited_table order by name";

    /** A table the trail records: its name in the trail, and its Chinese name (null when it has none). */
    record AuditedTable(String name, String title) {
    }

    private final JdbcClient jdbc;
    /** Read once: only a migration changes them. */
    private volatile List<AuditedTable> tables;

    AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<AuditedTable> tables() {
        List<AuditedTable> known = tables;
        if (known == null) {
            known = jdbc.sql(TABLES).query(AuditedTable.class).list();
            tables = known;
        }
        return known;
    }

    List<String> tableNames() {
        return tables().stream().map(AuditedTable::name).toList();
    }

    String page(AuditQuery q) {
        return bind(PAGE, q).query(String.class).single();
    }

    String csv(AuditQuery q) {
        return bind(CSV, q).query(String.class).single();
    }

    private JdbcClient.StatementSpec bind(String sql, AuditQuery q) {
        return jdbc.sql(sql).param("table", q.table()).param("key", q.key()).param("actor", q.actor())
                .param("from", q.from()).param("to", q.to()).param("limit", q.limit()).param("offset", q.offset());
    }
}
