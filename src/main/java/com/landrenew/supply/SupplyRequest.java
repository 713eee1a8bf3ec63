package com.landrenew.supply;

import java.time.LocalDate;

/** Supplying a batch: the day it took effect (default today) and the contract number. */
record SupplyRequest(LocalDate suppliedOn, String documentNo) {
}
