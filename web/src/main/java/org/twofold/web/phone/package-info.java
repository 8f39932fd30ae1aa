/** {@code /phone}: the simulated carrier's virtual phones, live, for trying every factor without a phone. */
package org.twofold.web.phone;
