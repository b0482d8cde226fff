package com.promisevalidator.common;

/** One problem with one input field; {@code field} is a JSON path such as {@code lines[0].quantity}. */
public record FieldError(String field, String message) {
}
