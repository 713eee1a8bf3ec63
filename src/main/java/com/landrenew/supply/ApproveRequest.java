package com.landrenew.supply;

/** Approving a draft plan: who approves it. */
record ApproveRequest(String actor) {
}
