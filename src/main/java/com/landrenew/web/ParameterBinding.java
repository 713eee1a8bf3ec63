package com.landrenew.web;

import org.springframework.beans.PropertyAccessException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.DefaultBindingErrorProcessor;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Query parameters bound to a record (a controller method's plain record parameter, e.g. TallyParams) fail
 * as {@code @RequestParam}s do: a value that does not convert, such as {@code asOf=yesterday}, is thrown
 * at once as the TypeMismatchException that ApiErrors answers with a 400 naming the parameter. Spring would
 * otherwise collect it and answer a bare "Invalid request content.".
 */
@ControllerAdvice
class ParameterBinding {

    private static final DefaultBindingErrorProcessor FAIL_AT_ONCE = new DefaultBindingErrorProcessor() {
        @Override
        public void processPropertyAccessException(PropertyAccessException e, BindingResult bindingResult) {
            throw e;
        }
    };

    @InitBinder
    void failAtOnce(WebDataBinder binder) {
        binder.setBindingErrorProcessor(FAIL_AT_ONCE);
    }
}
