package com.promisevalidator.webhooks.model;

/**
 * What a subscription can be told: a promise's status changes, and (for ops) a new active rules version. RECOVERED: an
 * AT_RISK promise back to OPEN (sent only to subscriptions that name it, so older subscribers see nothing new).
 */
public enum WebhookEventType {
    AT_RISK, KEPT, BROKEN, CANCELLED, RULES_VERSION, RECOVERED
}
