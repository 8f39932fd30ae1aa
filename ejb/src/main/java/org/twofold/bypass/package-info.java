/**
 * Getting in without a phone: self-service bypass codes after an identity proof (seed page "No
 * Duo Mobile", "Temporary"), and temporary passcodes the help desk issues ("Permanent": "We can
 * issue you a temporary passcode so you can access your account and add another device").
 */
package org.twofold.bypass;
