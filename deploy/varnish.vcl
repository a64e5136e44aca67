# Varnish in front of Scholia: caches what the app marks shareable
# (Cache-Control: public, s-maxage=...) for anonymous readers, and drops a URL
# on PURGE, which the app sends on every publish through
# wagtail.contrib.frontend_cache (SCHOLIA_FRONTEND_CACHE_URL; README,
# "Performance"). PURGE is accepted from this host only.
#
# docker-compose runs Varnish in the app container's network namespace: it
# answers on :8000 (where the front server sends requests) and passes misses
# to gunicorn on 127.0.0.1:8001, and the app's PURGEs come from 127.0.0.1.
# One value is site-specific; .ci/production_stage rewrites it: the backend
# port ("8001").
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "8001";
}

acl purgers {
    "localhost";
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "PURGE not allowed"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Editors (a session cookie) and the pages the app never caches.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=" || req.url ~ "^/(admin|share|documents)/") {
        return (pass);
    }
    # Anonymous readers get the same page whatever other cookies they send.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hash {
    # One site: the URL alone names a page, so a purge sent with the public
    # origin's Host drops the copy requested under any host name.
    hash_data(req.url);
    return (lookup);
}

sub vcl_backend_response {
    # A response that sets a cookie belongs to one reader.
    if (beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
