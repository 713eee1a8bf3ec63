package com.landrenew.parcel;

/** A life-cycle state as the legend shows it; {@code ordinal} orders the renewal path. */
record LifeCycleState(String code, int ordinal, String nameZh, String nameEn, String colour) {
}
