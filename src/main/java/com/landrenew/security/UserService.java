package com.landrenew.security;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.landrenew.enterprise.CreditCode;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.ConflictException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.NotFoundException;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users: sign-in lookups for Spring Security, and the admin's changes (each one in the audit trail). */
@Service
public class UserService implements UserDetailsService {

    /** A new or changed user as the admin API takes it; on a change, a null field keeps its value. */
    public record UserRequest(String username, String displayName, String role, String enterpriseCreditCode,
            Boolean enabled, String password) {
    }

    public record PasswordChange(String currentPassword, String newPassword) {
    }

    static final int MIN_PASSWORD_LENGTH = 10;
    /** bcrypt reads no more than 72 bytes of a password; Spring's encoder refuses a longer one with an exception. */
    static final int MAX_PASSWORD_BYTES = 72;
    /** What a username may be (app_user's check, V8). */
    private static final String USERNAME = "[a-z0-9][a-z0-9._-]{2,39}";

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final Actor actor;
    private final SignInThrottle throttle;
    private final SignInEvents events;
    private final AccountCache accounts;

    UserService(UserRepository users, PasswordEncoder passwords, Actor actor, SignInThrottle throttle, SignInEvents events,
            AccountCache accounts) {
        this.users = users;
        this.accounts = accounts;
        this.passwords = passwords;
        this.actor = actor;
        this.throttle = throttle;
        this.events = events;
    }

    /**
     * Signs in on every request of an HTTP Basic client (a GIS client asks for dozens of tiles a second),
     * so accounts are kept a short while ({@link AccountCache}); this service's changes drop them on every node once committed.
     */
    @Override
    public UserDetails loadUserByUsername(String username) {
        if (username == null || !username.matches(USERNAME)) {
            // no such user can exist (and a NUL byte would not even reach the store): a plain failed sign-in
            throw new UsernameNotFoundException("not a username");
        }
        UserRepository.Account account = accounts.get(username);
        if (account == null) {
            account = users.forSignIn(username).orElseThrow(() -> new UsernameNotFoundException(username));
            accounts.put(username, account);
        }
        return account.signedIn();
    }

    /** After this transaction commits, the user signs in with what it wrote, on every node. */
    private void forgetAccountAfterCommit(String username) {
        accounts.forgetAfterCommit(username);
    }

    List<UserRepository.UserView> all() {
        return users.all();
    }

    Optional<UserRepository.UserView> one(String username) {
        return users.byUsername(username);
    }

    UserRepository.EnterpriseRef enterprise(int id) {
        return users.enterprise(id);
    }

    @Transactional
    public UserRepository.UserView create(UserRequest request) {
        if (request == null) {
            throw new BadRequestException("需要 JSON 对象，含用户名 username、显示名 displayName、角色 role 和密码 password。A JSON object with"
                    + " username, displayName, role and password is required.");
        }
        String username = required("username", request.username());
        if (!username.matches(USERNAME)) {
            throw new BadRequestException("用户名须为 3 到 40 个 a-z、0-9、'.'、'_' 或 '-'，以字母或数字开头，收到 '" + Excerpt.of(username)
                    + "'。username must be 3 to 40 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit,"
                    + " got '" + Excerpt.of(username) + "'.");
        }
        Role role = role(request.role());
        Integer enterprise = enterprise(role, request.enterpriseCreditCode());
        String displayName = displayName(request.displayName() == null ? username : request.displayName());
        String password = password(username, request.password());
        actor.attributeWritesToCurrentUser();
        if (users.exists(username)) {
            throw new ConflictException("用户 '" + username + "' 已存在。A user named '" + username + "' exists already.", java.util.Map.of());
        }
        forgetAccountAfterCommit(username);
        users.insert(username, displayName, role, enterprise, passwords.encode(password));
        return users.byUsername(username).orElseThrow();
    }

    @Transactional
    public UserRepository.UserView change(String username, UserRequest request) {
        UserRepository.UserView now = users.byUsername(username)
                .orElseThrow(() -> noUser(username));
        if (request == null) {
            throw new BadRequestException("需要 JSON 对象，含要修改的字段：displayName、role、enterpriseCreditCode、enabled、password。A JSON object"
                    + " with the fields to change is required: displayName, role, enterpriseCreditCode, enabled, password.");
        }
        if (request.username() != null && !request.username().equals(username)) {
            throw new BadRequestException("用户名不能修改；请新建用户。A username cannot be changed; create a new user instead.");
        }
        Role role = request.role() == null ? Role.byCode(now.role()).orElseThrow() : role(request.role());
        String creditCode = request.enterpriseCreditCode() != null ? request.enterpriseCreditCode()
                : role == Role.ENTERPRISE ? now.enterpriseCreditCode() : null;
        Integer enterprise = enterprise(role, creditCode);
        String displayName = request.displayName() == null ? now.displayName() : displayName(request.displayName());
        boolean enabled = request.enabled() == null ? now.enabled() : request.enabled();
        actor.attributeWritesToCurrentUser();
        boolean staysAdmin = role == Role.ADMIN && enabled;
        if (now.role().equals(Role.ADMIN.code()) && !staysAdmin && users.otherEnabledAdmins(username) == 0) {
            throw new ConflictException("'" + username + "' 是最后一个启用的管理员；请先设立另一位管理员。'" + username
                    + "' is the last enabled admin; make another admin first.",
                    java.util.Map.of());
        }
        forgetAccountAfterCommit(username);
        users.update(username, displayName, role, enterprise, enabled);
        if (request.password() != null) {
            users.setPassword(username, passwords.encode(password(username, request.password())));
        }
        return users.byUsername(username).orElseThrow();
    }

    Optional<java.time.Instant> signInLockedUntil(String username) {
        return throttle.lockedUntil(username);
    }

    /** The admin lifts a user's sign-in lockout; the trail records it (with the admin's address). */
    void unlock(String username, String address) {
        if (!users.exists(username)) {
            throw noUser(username);
        }
        throttle.unlock(username);
        events.unlocked(username, address);
    }

    /**
     * A signed-in user's own password change, in two steps so that a wrong guess is counted even though the change
     * is refused. First checkOwnPassword: while the username or the address is locked out the change is refused
     * (429) unchecked, and a wrong current password counts as a failed sign-in (and is in the trail), so a session
     * left open cannot be used to guess the password faster than the sign-in form allows. Then setOwnPassword.
     */
    void checkOwnPassword(String username, String address, PasswordChange change) {
        throttle.refusal(username, address).ifPresent(wait -> {
            throw new SignInRefused(wait);
        });
        if (change == null || change.currentPassword() == null
                || !passwords.matches(change.currentPassword(), users.currentHash(username))) {
            events.failed(username, address, throttle.failed(username, address));
            throw new BadRequestException("当前密码 currentPassword 不对。currentPassword is wrong.");
        }
    }

    /** The second step of a user's own password change, once checkOwnPassword has passed. */
    @Transactional
    public void setOwnPassword(String username, PasswordChange change) {
        String password = password(username, change.newPassword());
        actor.attributeWritesToCurrentUser();
        forgetAccountAfterCommit(username);
        users.setPassword(username, passwords.encode(password));
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException("缺少 " + field + "。" + field + " is required.");
        }
        return value.strip();
    }

    private static Role role(String code) {
        return Role.byCode(required("role", code)).orElseThrow(() -> new BadRequestException("角色 role 须为 "
                + Arrays.stream(Role.values()).map(r -> r.code() + "（" + r.nameZh() + "）").collect(Collectors.joining("、"))
                + " 之一，收到 '" + Excerpt.of(code) + "'。role must be one of "
                + Arrays.stream(Role.values()).map(Role::code).collect(Collectors.joining(", ")) + ", got '" + Excerpt.of(code) + "'."));
    }

    private Integer enterprise(Role role, String creditCode) {
        if (role != Role.ENTERPRISE) {
            if (creditCode != null && !creditCode.isBlank()) {
                throw new BadRequestException("只有企业用户才有统一社会信用代码 enterpriseCreditCode，" + role.nameZh() + "没有。enterpriseCreditCode"
                        + " is only for enterprise users, not " + role.code() + ".");
            }
            return null;
        }
        String code = required("enterpriseCreditCode", creditCode);
        String problem = CreditCode.problemWith(code);
        if (problem != null) {
            throw new BadRequestException("统一社会信用代码 enterpriseCreditCode：" + problem);
        }
        return users.enterpriseId(code)
                .orElseThrow(() -> new BadRequestException("enterpriseCreditCode：没有统一社会信用代码为 " + code
                        + " 的企业。enterpriseCreditCode: no enterprise with credit code " + code + "."));
    }

    private static String displayName(String value) {
        String name = required("displayName", value);
        if (name.length() > 80) {
            throw new BadRequestException("显示名 displayName 最多 80 个字符。displayName must be at most 80 characters.");
        }
        return name;
    }

    private static String password(String username, String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new BadRequestException("密码至少 " + MIN_PASSWORD_LENGTH + " 个字符。password must have at least " + MIN_PASSWORD_LENGTH
                    + " characters.");
        }
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PASSWORD_BYTES) {
            throw new BadRequestException("密码过长：UTF-8 编码后 " + bytes + " 字节，上限 " + MAX_PASSWORD_BYTES
                    + " 字节（bcrypt 的限制）。The password is too long: " + bytes + " bytes in UTF-8, at most "
                    + MAX_PASSWORD_BYTES + " (bcrypt's limit).");
        }
        if (password.toLowerCase().contains(username.toLowerCase())) {
            throw new BadRequestException("密码不能包含用户名。password must not contain the username.");
        }
        return password;
    }

    static NotFoundException noUser(String username) {
        return new NotFoundException("没有用户 '" + Excerpt.of(username) + "'。No user '" + Excerpt.of(username) + "'.");
    }
}
