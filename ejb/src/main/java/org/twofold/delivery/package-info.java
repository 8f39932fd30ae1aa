/**
 * How Twofold reaches phones: one interface per channel ({@link org.twofold.delivery.SmsGateway},
 * {@link org.twofold.delivery.VoiceGateway}, {@link org.twofold.delivery.PushGateway}) and the
 * embedded default behind all three, the {@link org.twofold.delivery.SimulatedCarrier}, whose
 * "deliveries" land in virtual phones that a person or a test answers.
 */
package org.twofold.delivery;
