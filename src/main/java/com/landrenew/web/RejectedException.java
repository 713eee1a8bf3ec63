package com.landrenew.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;

/** Well-formed input whose content fails validation (e.g. an import with bad features): answered with 422. */
public class RejectedException extends ProblemException {

    public RejectedException(String message, Map<String, Object> details) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, message, details);
    }

    /**
     * 422 for a shape that breaks the rules ({@code problems}, each "中文。English", as outline_problems and the zone
     * and block rules give them): the Chinese of every problem first, then the English; the problems as a member.
     */
    public static RejectedException problems(String subjectZh, String subjectEn, List<String> problems) {
        return new RejectedException(subjectZh + "不符合要求：" + problems.stream().map(RejectedException::chinese)
                .collect(Collectors.joining("；")) + "。" + Character.toUpperCase(subjectEn.charAt(0)) + subjectEn.substring(1)
                + " is refused: "
                + problems.stream().map(RejectedException::english).collect(Collectors.joining("; ")),
                Map.of("problems", problems));
    }

    private static String chinese(String problem) {
        int end = problem.indexOf('。');
        return end < 0 ? problem : problem.substring(0, end);
    }

    private static String english(String problem) {
        int end = problem.indexOf('。');
        return end < 0 ? problem : problem.substring(end + 1);
    }
}
