package com.landrenew.parcel;

import java.util.List;

/** A land-use code of the 2020 classification with the GB 50137 codes that map onto it. */
record LandUse(String code, String parentCode, String nameZh, String nameEn, List<String> legacyCodes) {
}
