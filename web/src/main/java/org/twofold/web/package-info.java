/**
 * The pages (Jakarta Faces) and the health endpoint. Backing beans are thin: they turn form input
 * into domain calls and verdicts into page state and messages from {@code Messages.properties}.
 */
package org.twofold.web;
