package com.promisevalidator.webhooks.model;

/** What a subscription can be told: a promise's status changes, and (for ops) a new active rules version. */
public enum WebhookEventType {
    AT_RISK, KEPT, BROKEN, CANCELLED, RULES_VERSION
}
