/**
 * How Twofold reaches phones: one interface per channel ({@link org.twofold.delivery.SmsGateway},
 * {@link org.twofold.delivery.VoiceGateway}, {@link org.twofold.delivery.PushGateway}), the HTTP
 * carrier, and the {@link org.twofold.delivery.SimulatedCarrier}, whose "deliveries" land in virtual
 * phones that a person or a test answers. {@link org.twofold.delivery.CarrierChoice} decides from
 * the settings which run (the simulator only with the demo or {@code TWOFOLD_SIMULATOR=true}) and so
 * which {@link org.twofold.delivery.Channels} exist; {@link org.twofold.delivery.PhoneAccess} who may
 * open the virtual phones.
 */
package org.twofold.delivery;
