/**
 * The login at {@code /}: username and password, then "Choose an authentication method" (push,
 * call, texted or app passcodes, a security key), for a person or for a web application that sent
 * them through the hosted prompt; every decision through the one authentication facade.
 */
package org.twofold.web.login;
