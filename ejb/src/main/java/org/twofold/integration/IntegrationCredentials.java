package org.twofold.integration;

/** A new integration's key and secret: the secret is shown this once and never again. */
public record IntegrationCredentials(String name, String integrationKey, String secret) {
}
