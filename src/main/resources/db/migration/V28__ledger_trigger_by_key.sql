-- The ledger's trigger (parcel_event_applies, V25) runs once per event, also for the 20,000 first events of an import,
-- all in one statement. Its lookups are by key (the parcel, the parcel's last event), but its plans are cached:
-- while the ledger's statistics say it is empty (a fresh install's first import, or after autovacuum has emptied
-- it) the cached plan scans the whole of parcel_event for each event, which grows with every event the statement
-- adds, and 20,000 events took 12.6 s instead of 1.6 s in the import bench. Planned without sequential scans, each
-- lookup goes through its index whatever the statistics say.
alter function parcel_event_applies() set enable_seqscan = off;
