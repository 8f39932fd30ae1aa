package org.twofold.integration;

/** Whether an integration may call the SOAP API. */
public enum IntegrationStatus {
    ENABLED,
    DISABLED
}
