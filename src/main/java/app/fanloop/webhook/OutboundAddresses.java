package app.fanloop.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where a webhook may be sent: http(s) URLs whose host resolves only to public addresses. Asked when an endpoint is
 * saved and again before every call, on the address the call then connects to (so a name that later resolves to an
 * internal address — DNS rebinding — is refused at sending). Private, loopback, link-local, unique-local, multicast,
 * unspecified, shared (carrier-grade NAT) and reserved addresses are refused unless
 * {@code fanloop.webhooks.allow-private-addresses} is true.
 */
@ApplicationScoped
public class OutboundAddresses {

    /** Why a URL or address is refused; the code is a FieldErrors-style key. */
    public static final class Refused extends Exception {
        public final String code;

        Refused(String code, String detail) {
            super(detail, null, false, false);
            this.code = code;
        }
    }

    /** A URL checked for sending: where to connect (the address checked) and what to ask for. */
    public record Target(URI uri, String host, int port, boolean tls, InetAddress address) {
        public String pathAndQuery() {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        }
    }

    private final WebhookConfig config;

    OutboundAddresses(WebhookConfig config) {
        this.config = config;
    }

    /** The URL's form alone: absolute http(s), a host, no user name or password, no fragment. */
    public static URI parse(String url) throws Refused {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            throw new Refused("url_invalid", e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("url_scheme", "only http and https");
        }
        if (uri.getHost() == null || uri.getHost().isBlank() || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new Refused("url_invalid", "a host, no user info, no fragment");
        }
        return uri;
    }

    /** Resolves the URL's host and picks the address to connect to, refusing any internal one. */
    public Target resolve(String url) throws Refused {
        URI uri = parse(url);
        boolean tls = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new Refused("url_unresolved", "unknown host " + host);
        }
        if (!config.allowPrivateAddresses()) {
            // Every address the name has must be public: a name with one internal address is an internal name.
            for (InetAddress address : addresses) {
                if (isInternal(address)) {
                    throw new Refused("url_private", host + " resolves to " + address.getHostAddress()
                            + ", which is not a public address");
                }
            }
        }
        return new Target(uri, uri.getHost(), port, tls, addresses[0]);
    }

    /** An address a webhook must not reach: anything but a public unicast address. */
    public static boolean isInternal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return internalV4(b);
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // fc00::/7 unique local
            }
            if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return true; // fec0::/10 (old site-local)
            }
            boolean firstTenZero = true;
            for (int i = 0; i < 10; i++) {
                firstTenZero &= b[i] == 0;
            }
            byte[] v4 = { b[12], b[13], b[14], b[15] };
            if (firstTenZero && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
                return internalV4(v4); // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible)
            }
            if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                return internalV4(v4); // 64:ff9b::/96, NAT64
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return internalV4(new byte[] { b[2], b[3], b[4], b[5] }); // 2002::/16, 6to4
            }
        }
        return false;
    }

    private static boolean internalV4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 // 0.0.0.0/8 "this network"
                || first == 10 || first == 127
                || (first == 100 && (second & 0xc0) == 64) // 100.64.0.0/10 shared (carrier-grade NAT)
                || (first == 169 && second == 254) // link-local, cloud metadata
                || (first == 172 && (second & 0xf0) == 16)
                || (first == 192 && second == 168)
                || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
                || (first == 198 && (second & 0xfe) == 18) // 198.18.0.0/15 benchmarking
                || first >= 224; // multicast, reserved, broadcast
    }
}
