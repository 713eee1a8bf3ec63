package com.landrenew.finder;

/** An emission standard a zone may require on a parcel; a lower ordinal is stricter. */
record EmissionStandard(String code, int ordinal, String nameZh, String nameEn) {
}
