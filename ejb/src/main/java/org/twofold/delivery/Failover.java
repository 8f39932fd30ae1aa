package org.twofold.delivery;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;

/**
 * Texts and calls through the configured gateways in order: a delivery failure is recorded and the
 * delivery retried once on the next gateway; if that fails too, the request is refused
 * ({@code DELIVERY_FAILED}) so the person can choose another method.
 */
public final class Failover implements SmsGateway, VoiceGateway {
    /** A gateway with the name it is configured by. */
    public record Named(String name, Object gateway) {
    }

    private final List<Named> gateways;
    private final BiConsumer<String, RuntimeException> failures;

    /** @param failures told each failure: the gateway's name and the exception (never containing the message body) */
    public Failover(List<Named> gateways, BiConsumer<String, RuntimeException> failures) {
        if (gateways.isEmpty()) {
            throw new IllegalArgumentException("no gateway configured");
        }
        this.gateways = List.copyOf(gateways);
        this.failures = failures;
    }

    @Override
    public void text(Recipient to, String message) {
        deliver(SmsGateway.class, g -> g.text(to, message));
    }

    @Override
    public void call(Recipient to, String txid, String announcement) {
        deliver(VoiceGateway.class, g -> g.call(to, txid, announcement));
    }

    private <G> void deliver(Class<G> channel, Consumer<G> send) {
        int attempts = 0;
        for (Named n : gateways) {
            if (!channel.isInstance(n.gateway())) {
                continue;
            }
            if (attempts == 2) {
                break; // the first, and one retry on the next
            }
            attempts++;
            try {
                send.accept(channel.cast(n.gateway()));
                return;
            } catch (DeliveryException e) {
                failures.accept(n.name(), e);
            }
        }
        throw new TwofoldException(ErrorCode.DELIVERY_FAILED);
    }
}
