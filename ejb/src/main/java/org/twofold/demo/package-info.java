/**
 * Sample data for trying Twofold ({@code TWOFOLD_DEMO=true}): created on an empty database only,
 * through the same services administrators use.
 */
package org.twofold.demo;
