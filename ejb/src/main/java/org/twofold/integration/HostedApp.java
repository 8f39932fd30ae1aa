package org.twofold.integration;

import java.io.Serializable;

/**
 * An application protected by the hosted login prompt, as the prompt page sees it: its name (shown
 * to the user), integration key and registered return URL. Never its secret.
 */
public final class HostedApp implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final String key;
    private final String returnUrl;

    public HostedApp(String name, String key, String returnUrl) {
        this.name = name;
        this.key = key;
        this.returnUrl = returnUrl;
    }

    public String getName() {
        return name;
    }

    public String getKey() {
        return key;
    }

    public String getReturnUrl() {
        return returnUrl;
    }
}
