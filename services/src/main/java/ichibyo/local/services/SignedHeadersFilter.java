package ichibyo.local.services;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses a SigV4 request (Authorization header or presigned URL) that carries an {@code x-amz-*} header
 * it did not sign, as S3 does ({@code 403 AccessDenied}, "There were headers present in the request which
 * were not signed"): S3Proxy checks the signature over the signed headers only, so without this a presigned
 * PUT could add, say, {@code x-amz-acl} or {@code x-amz-meta-*} of the sender's choosing.
 */
final class SignedHeadersFilter implements Filter {

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        Set<String> signed = signedHeaders(request);
        if (signed != null) {
            List<String> unsigned = new ArrayList<>();
            for (String name : Collections.list(request.getHeaderNames())) {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.startsWith("x-amz-") && !signed.contains(lower)) {
                    unsigned.add(lower);
                }
            }
            if (!unsigned.isEmpty()) {
                refuse((HttpServletResponse) res, String.join(",", new TreeSet<>(unsigned)));
                return;
            }
        }
        chain.doFilter(req, res);
    }

    /** The SignedHeaders of a SigV4 request, lower case; null for a request that is not SigV4-signed. */
    static Set<String> signedHeaders(HttpServletRequest request) {
        String list = query(request, "X-Amz-SignedHeaders");
        String algorithm = query(request, "X-Amz-Algorithm");
        if (list == null || !"AWS4-HMAC-SHA256".equals(algorithm)) {
            list = null;
            String authorization = request.getHeader("Authorization");
            if (authorization != null && authorization.startsWith("AWS4-HMAC-SHA256")) {
                for (String part : authorization.substring("AWS4-HMAC-SHA256".length()).split(",")) {
                    String p = part.strip();
                    if (p.startsWith("SignedHeaders=")) {
                        list = p.substring("SignedHeaders=".length());
                    }
                }
                if (list == null) {
                    list = ""; // malformed: S3Proxy refuses it; here it signs nothing
                }
            }
        }
        if (list == null) {
            return null;
        }
        Set<String> signed = new TreeSet<>();
        for (String h : list.split(";")) {
            if (!h.isBlank()) {
                signed.add(h.strip().toLowerCase(Locale.ROOT));
            }
        }
        return signed;
    }

    /** A query parameter, decoded; from the query string only (getParameter could read a form body). */
    private static String query(HttpServletRequest request, String name) {
        String q = request.getQueryString();
        if (q == null) {
            return null;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void refuse(HttpServletResponse response, String headers) throws IOException {
        response.setStatus(403);
        response.setContentType("application/xml");
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
                + "<Message>There were headers present in the request which were not signed</Message>"
                + "<HeadersNotSigned>" + headers.replace("&", "&amp;").replace("<", "&lt;") + "</HeadersNotSigned></Error>")
                .getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
