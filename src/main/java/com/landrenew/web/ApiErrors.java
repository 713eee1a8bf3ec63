package com.landrenew.web;

import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;

import org.springframework.beans.PropertyAccessException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.BindingResult;
import org.springframework.validation.DefaultBindingErrorProcessor;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error answer is an RFC 9457 problem detail whose {@code detail} names what is wrong: ours,
 * and Spring MVC's own (unknown path, wrong method, unreadable body, bad parameter).
 */
@RestControllerAdvice
class ApiErrors extends ResponseEntityExceptionHandler {

    /**
     * Query parameters bound to a record (a controller method's plain record parameter, e.g. TallyParams) fail
     * as {@code @RequestParam}s do: a value that does not convert, such as {@code asOf=yesterday}, is thrown at
     * once as the TypeMismatchException answered below (a 400 naming the parameter), instead of being collected
     * into Spring's bare "Invalid request content.".
     */
    private static final DefaultBindingErrorProcessor FAIL_AT_ONCE = new DefaultBindingErrorProcessor() {
        @Override
        public void processPropertyAccessException(PropertyAccessException e, BindingResult bindingResult) {
            throw e;
        }
    };

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiErrors.class);

    private final DataSize maxUploadSize;

    ApiErrors(@Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize maxUploadSize) {
        this.maxUploadSize = maxUploadSize;
    }

    @InitBinder
    void failAtOnce(WebDataBinder binder) {
        binder.setBindingErrorProcessor(FAIL_AT_ONCE);
    }

    @ExceptionHandler(BadRequestException.class)
    ProblemDetail badRequest(BadRequestException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        e.details().forEach(problem::setProperty);
        return ResponseEntity.status(e.status()).body(problem);
    }

    /** As much work of a kind under way as the server takes at once (ServerBusyException): 503, try again shortly. */
    @ExceptionHandler(ServerBusyException.class)
    ResponseEntity<ProblemDetail> serverBusy(ServerBusyException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()))
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
    }

    /** The database is away (see DatabaseUnavailable): 503, no stack trace, try again shortly. */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        log.warn("Database unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS))
                .body(DatabaseUnavailable.problem());
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "上传的文件超过 " + maxUploadSize.toMegabytes() + " MB 的上限。The upload is larger than the limit of "
                + maxUploadSize.toMegabytes() + " MB.", headers);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = "";
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException json && !json.getPath().isEmpty()) {
                field = json.getPath().stream().map(JacksonException.Reference::getPropertyName)
                        .collect(Collectors.joining("."));
                break;
            }
        }
        return problem(HttpStatus.BAD_REQUEST, (field.isEmpty() ? "请求体不是所需格式的 JSON。The request body is not valid JSON of the expected shape."
                : "请求体不是所需格式的 JSON（字段 " + field + "）。The request body is not valid JSON of the expected shape (field "
                        + field + ")."), headers);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        return problem(HttpStatus.BAD_REQUEST, "参数 " + name + " 的值无效：'" + Excerpt.of(String.valueOf(e.getValue())) + "'。Parameter " + name + " has an invalid value: '"
                + Excerpt.of(String.valueOf(e.getValue())) + "'.",
                headers);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "缺少参数 " + e.getParameterName() + "。Parameter " + e.getParameterName() + " is required.", headers);
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String detail, HttpHeaders headers) {
        return ResponseEntity.status(status).headers(headers).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
