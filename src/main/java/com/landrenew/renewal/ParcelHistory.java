package com.landrenew.renewal;

import java.util.List;

/** A parcel's ledger with the state it is in and the states it may move to next. */
record ParcelHistory(String zone, String code, String state, List<String> allowedNextStates, List<LedgerEvent> events) {
}
