package dev.llmtwin.support;

import java.util.stream.Collectors;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.llmtwin.support.web.RequestTooLargeException;

/**
 * Problem details for every service whose detail says what was wrong: which parameter or
 * field broke which rule, or that the body is not readable JSON, instead of Spring's
 * generic "Validation failure".
 */
@ControllerAdvice
class TwinProblemDetailsHandler extends ResponseEntityExceptionHandler {

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String detail = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> "'" + result.getMethodParameter().getParameterName() + "' " + message(error)))
			.collect(Collectors.joining("; "));
		ex.getBody().setDetail(detail);
		return super.handleHandlerMethodValidationException(ex, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String detail = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> "'" + error.getField() + "' " + message(error))
			.collect(Collectors.joining("; "));
		ex.getBody().setDetail(detail);
		return super.handleMethodArgumentNotValid(ex, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof RequestTooLargeException tooLarge) {
				return tooLarge(tooLarge, request);
			}
		}
		ResponseEntity<Object> response = super.handleHttpMessageNotReadable(ex, headers, status, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem) {
			problem.setDetail("The request body is not valid JSON for this endpoint");
		}
		return response;
	}

	/** A body read by the handler itself (an upload) that passed the limit. */
	@ExceptionHandler(RequestTooLargeException.class)
	ResponseEntity<Object> tooLarge(RequestTooLargeException ex, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
		problem.setTitle("Request too large");
		return createResponseEntity(problem, new HttpHeaders(), HttpStatus.CONTENT_TOO_LARGE, request);
	}

	private static String message(MessageSourceResolvable error) {
		return (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is not valid";
	}

}
