package com.landrenew.security;

import java.util.Arrays;
import java.util.Optional;

/** What a user may do; V8__users.sql describes each role. Stored lower case, granted as ROLE_PLANNER etc. */
public enum Role {
    PLANNER, ENTERPRISE, AUDITOR, ADMIN;

    /** The name stored in app_user.role and used in the API. */
    public String code() {
        return name().toLowerCase();
    }

    static Optional<Role> byCode(String code) {
        return Arrays.stream(values()).filter(role -> role.code().equals(code)).findFirst();
    }

    /** Planners, auditors and admins see every parcel and figure; enterprises and visitors do not. */
    public boolean isStaff() {
        return this != ENTERPRISE;
    }
}
