package org.twofold.web.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /app} and {@code /app/}: to the approval app's page, {@code /app/index.html} (the pages'
 * welcome file is the login's {@code index.xhtml}, which Faces would answer here). A browser keeps
 * the address's fragment (an enrollment code) across the redirect.
 */
@WebServlet({"/app", "/app/"})
public class AppEntry extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendRedirect(request.getContextPath() + "/app/index.html");
    }
}
