package com.landrenew.supply;

import java.time.LocalDate;

/** Supplying a batch: who records it, the day it took effect (default today) and the contract number. */
record SupplyRequest(String actor, LocalDate suppliedOn, String documentNo) {
}
