package com.landrenew.security;

import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** A user as Spring Security holds them after sign-in: name and hash, plus role and enterprise. */
final class SignedInUser extends User {

    private final String displayName;
    private final Role role;
    private final Integer enterpriseId;

    SignedInUser(String username, String passwordHash, boolean enabled, String displayName, Role role,
            Integer enterpriseId) {
        super(username, passwordHash, enabled, true, true, true,
                List.of(new SimpleGrantedAuthority("ROLE_" + role.name())));
        this.displayName = displayName;
        this.role = role;
        this.enterpriseId = enterpriseId;
    }

    Viewer viewer() {
        return new Viewer(getUsername(), displayName, role, enterpriseId);
    }
}
