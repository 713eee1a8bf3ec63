package com.landrenew.interest;

import java.util.List;
import java.util.Map;

import com.landrenew.enterprise.CreditCode;
import com.landrenew.parcel.ParcelLookup;
import com.landrenew.security.Actor;
import com.landrenew.security.Role;
import com.landrenew.security.Viewer;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.ForbiddenException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers enterprises' interest in parcels after checking every field, and lists it for planners.
 * An enterprise user registers as its own enterprise only (name and credit code from its account);
 * planners may register for any company, e.g. one that called in.
 */
@Service
class InterestService {

    static final int MAX_NAME = 200;
    static final int MAX_CONTACT = 200;
    static final int MAX_NEED = 2000;

    /** What a parcel's interests answer holds. */
    record ParcelInterests(String zone, String code, List<Interest> interests) {
    }

    private final InterestRepository interests;
    private final Actor actor;
    private final ParcelLookup lookup;

    InterestService(InterestRepository interests, Actor actor, ParcelLookup lookup) {
        this.interests = interests;
        this.actor = actor;
        this.lookup = lookup;
    }

    @Transactional
    Interest register(String zone, String code, InterestRequest request) {
        InterestRequest valid = validate(asOwnEnterprise(request, Viewer.current()));
        actor.attributeWritesToCurrentUser();
        return interests.insert(lookup.current(zone, code).id(), valid);
    }

    @Transactional(readOnly = true)
    ParcelInterests list(String zone, String code) {
        return new ParcelInterests(zone, code, interests.ofParcel(lookup.current(zone, code).id()));
    }

    /**
     * For an enterprise user, the request with its account's enterprise name and credit code (which it may
     * leave out); naming another enterprise is a 403, not silently corrected, so the client learns of it.
     */
    private InterestRequest asOwnEnterprise(InterestRequest request, Viewer viewer) {
        if (request == null || viewer.role() != Role.ENTERPRISE) {
            return request;
        }
        InterestRepository.Enterprise own = interests.enterprise(viewer.enterpriseId());
        mustBeOwn("enterpriseName", request.enterpriseName(), own.name());
        mustBeOwn("creditCode", request.creditCode(), own.creditCode());
        return new InterestRequest(own.name(), own.creditCode(), request.contact(), request.need());
    }

    private static void mustBeOwn(String field, String given, String own) {
        if (given != null && !given.isBlank() && !given.strip().equals(own)) {
            throw new ForbiddenException("企业用户只能以本企业名义登记意向：账户的 " + field + " 为「" + own + "」，请求中为「"
                    + Excerpt.of(given.strip(), 60) + "」。An enterprise user registers interest as its own enterprise only: "
                    + field + " is '" + own + "' for this account, the request gave '" + Excerpt.of(given.strip(), 60) + "'.");
        }
    }

    private static final Map<String, String> FIELD_NAMES = Map.of("enterpriseName", "企业名称", "creditCode",
            "统一社会信用代码", "contact", "联系方式", "need", "用地需求");

    /** The request with its texts trimmed, or a 400 naming the first field that is wrong. */
    private static InterestRequest validate(InterestRequest request) {
        if (request == null) {
            throw new BadRequestException("需要 JSON 请求体，含企业名称 enterpriseName、统一社会信用代码 creditCode、联系方式 contact 和用地需求 need。"
                    + "A JSON body with enterpriseName, creditCode, contact and need is required.");
        }
        String name = text("enterpriseName", request.enterpriseName(), MAX_NAME);
        String creditCode = required("creditCode", request.creditCode());
        String problem = CreditCode.problemWith(creditCode);
        if (problem != null) {
            throw new BadRequestException("统一社会信用代码 creditCode：" + problem);
        }
        String contact = text("contact", request.contact(), MAX_CONTACT);
        String need = text("need", request.need(), MAX_NEED);
        return new InterestRequest(name, creditCode, contact, need);
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException("缺少" + FIELD_NAMES.getOrDefault(field, "") + " " + field + "。" + field + " is required.");
        }
        return value.strip();
    }

    private static String text(String field, String value, int maxLength) {
        String text = required(field, value);
        if (text.length() > maxLength) {
            throw new BadRequestException(FIELD_NAMES.getOrDefault(field, "") + " " + field + " 最多 " + maxLength + " 个字符，收到 "
                    + text.length() + " 个。" + field + " must be at most " + maxLength + " characters, got " + text.length() + ".");
        }
        return text;
    }
}
