package org.twofold.admin;

import java.beans.ConstructorProperties;

/**
 * A new RADIUS client as consoles see it (open data): what to type into the NAS — its name, the
 * address or block its packets must come from, its mode, and the shared secret shown only this once.
 */
public final class NewRadiusClient {
    private final String name;
    private final String addressOrCidr;
    private final String mode;
    private final String sharedSecret;

    @ConstructorProperties({"name", "addressOrCidr", "mode", "sharedSecret"})
    public NewRadiusClient(String name, String addressOrCidr, String mode, String sharedSecret) {
        this.name = name;
        this.addressOrCidr = addressOrCidr;
        this.mode = mode;
        this.sharedSecret = sharedSecret;
    }

    public String getName() {
        return name;
    }

    public String getAddressOrCidr() {
        return addressOrCidr;
    }

    public String getMode() {
        return mode;
    }

    public String getSharedSecret() {
        return sharedSecret;
    }
}
