package com.promisevalidator.commitment.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.promisevalidator.commitment.model.CommitRequest;
import com.promisevalidator.common.FieldError;
import com.promisevalidator.common.Limits;
import com.promisevalidator.common.Minutes;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.service.ValidationService;

/**
 * Reads the body of POST /api/v1/promises, in one of its three forms:
 * <ul>
 * <li>{@code {"decisionId"}}: commit what that validation answered;</li>
 * <li>the quote body validate takes, whose {@code promisedBy} (delivery) or {@code promisedMinutes} (service, at its
 * {@code startAt}, or without one at the first free start, as validate judged them) is the chosen promise: required,
 * since a CRM commits the promise it quoted, never one the customer was not shown (to take the recommended one,
 * commit its decisionId);</li>
 * <li>the older wrapper {@code {"quote", "site", "promisedBy" | "startAt", "promisedMinutes"}}, kept for
 * existing clients (without a promise it commits the recommended one).</li>
 * </ul>
 * A body with a {@code decisionId} or {@code quote} member is the wrapper form; any other object is a quote.
 * Bad input is a 400 naming the field, before anything is claimed or booked.
 */
@Singleton
public class CommitRequestReader {

    private final ObjectMapper json;
    private final ObjectMapper canonical;
    private final ValidationService validation;

    public CommitRequestReader(ObjectMapper json, ValidationService validation) {
        this.json = json;
        this.canonical = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        this.validation = validation;
    }

    /** The commit asked for, well-formed; malformed JSON surfaces as Jackson's exception (a 400 naming the field). */
    public CommitRequest read(String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) throw ProblemException.badRequest("body", "a JSON body is required");
        JsonNode tree = json.readTree(body);
        if (tree == null || tree.isNull() || tree.isMissingNode()) throw ProblemException.badRequest("body", "a JSON body is required");
        if (tree.isObject() && tree.isEmpty()) {
            throw ProblemException.badRequest("decisionId", "give a decisionId, or the quote body validate takes with the chosen "
                    + "promisedBy (a delivery) or startAt and promisedMinutes (a service)");
        }
        CommitRequest req;
        if (isQuote(tree)) {
            QuoteRequest quote = json.treeToValue(tree, QuoteRequest.class);
            checkQuoteShape(quote);
            req = new CommitRequest(null, quote, null, null, null, null);
        } else {
            req = json.treeToValue(tree, CommitRequest.class);
            checkWrapperShape(req);
        }
        return req;
    }

    /** The quote form: any JSON object that is not the wrapper (an array or a scalar fails as a CommitRequest would). */
    private static boolean isQuote(JsonNode tree) {
        return tree.isObject() && !tree.has("decisionId") && !tree.has("quote");
    }

    private void checkQuoteShape(QuoteRequest q) {
        List<FieldError> errors = new ArrayList<>(validation.fieldErrors(q, ""));
        String how = "is required to commit a quote: it is the promise made to the customer (to commit the recommended "
                + "promise, validate the quote and commit its decisionId)";
        if (q != null && q.isDelivery() && q.promisedBy() == null) errors.add(new FieldError("promisedBy", how));
        // a service's promise is its minutes; without a start they are booked at the first free start, as validate judged them
        if (q != null && q.isService() && q.promisedMinutes() == null) errors.add(new FieldError("promisedMinutes", how));
        if (!errors.isEmpty()) throw ProblemException.badRequest("The commit has " + errors.size() + " invalid field(s)", errors);
    }

    private void checkWrapperShape(CommitRequest req) {
        List<FieldError> errors = new ArrayList<>();
        if (req.decisionId() == null && req.quote() == null) {
            errors.add(new FieldError("decisionId", "either decisionId or quote is required"));
        }
        if (req.decisionId() != null && req.quote() != null) {
            errors.add(new FieldError("quote", "give either decisionId or quote, not both"));
        }
        if (req.promisedMinutes() != null && !Minutes.promisable(req.promisedMinutes(), Limits.MAX_PROMISED_MINUTES)) {
            errors.add(new FieldError("promisedMinutes", Minutes.notPromisable(Limits.MAX_PROMISED_MINUTES)));
        }
        Limits.text(errors, "decisionId", req.decisionId(), Limits.ID);
        Limits.text(errors, "site", req.site(), Limits.CODE);
        if (!Limits.dateInRange(req.promisedBy())) errors.add(new FieldError("promisedBy", Limits.dateRangeMessage()));
        if (req.startAt() != null && !Limits.dateInRange(req.startAt().toLocalDate())) errors.add(new FieldError("startAt", Limits.dateRangeMessage()));
        if (req.quote() != null) {
            errors.addAll(validation.fieldErrors(req.quote(), "quote."));
            // the wrapper's promise must be of the quote's type, else it would be dropped without a word
            if (req.quote().isService() && req.promisedBy() != null) errors.add(ValidationService.notPartOf("promisedBy", "SERVICE"));
            if (req.quote().isDelivery() && req.startAt() != null) errors.add(ValidationService.notPartOf("startAt", "DELIVERY"));
            if (req.quote().isDelivery() && req.promisedMinutes() != null) errors.add(ValidationService.notPartOf("promisedMinutes", "DELIVERY"));
        }
        if (!errors.isEmpty()) throw ProblemException.badRequest("The commit has " + errors.size() + " invalid field(s)", errors);
    }

    /** The body's fingerprint for idempotency: the same JSON in any key order or spacing has the same one. */
    public String fingerprint(String body) {
        try {
            // in NFC: a body whose codes are spelt decomposed is the same commit (Codes)
            String normal = com.promisevalidator.common.Codes.nfc(canonical.writeValueAsString(canonical.readValue(body, Object.class)));
            byte[] d = MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
