/**
 * Push through standard Web Push to the Twofold approval app, an installable web app served by
 * Twofold (no app store): messages encrypted to the browser's push subscription (RFC 8291,
 * {@link org.twofold.webpush.Aes128Gcm}) and sent with VAPID (RFC 8292, {@link org.twofold.webpush.Vapid})
 * to its push service (RFC 8030, {@link org.twofold.webpush.PushService}) by the
 * {@link org.twofold.webpush.WebPushCarrier}; enrollment with a one-time code
 * ({@link org.twofold.webpush.ApprovalApps}); and the app's answers, signed by a key that never
 * leaves the phone ({@link org.twofold.webpush.AppAnswer}), checked before they act
 * ({@link org.twofold.webpush.AppAnswers}, behind the authentication facade).
 */
package org.twofold.webpush;
