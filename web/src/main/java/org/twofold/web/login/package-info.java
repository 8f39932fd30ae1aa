/** The login at {@code /}: username and password, then "Choose an authentication method". */
package org.twofold.web.login;
