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

    /** The role as people call it: 规划人员 for planners. */
    public String nameZh() {
        return switch (this) {
            case PLANNER -> "规划人员";
            case ENTERPRISE -> "企业用户";
            case AUDITOR -> "审计人员";
            case ADMIN -> "管理员";
        };
    }

    static Optional<Role> byCode(String code) {
        return Arrays.stream(values()).filter(role -> role.code().equals(code)).findFirst();
    }

    /** Planners, auditors and admins see every parcel and figure; enterprises and visitors do not. */
    public boolean isStaff() {
        return this != ENTERPRISE;
    }
}
