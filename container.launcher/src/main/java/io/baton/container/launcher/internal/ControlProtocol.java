package io.baton.container.launcher.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The control channel's protocol, version 2: both ends prove they know the home's token without ever
 * sending it, so a listener on a stale port learns nothing and a client that is not the owner gets
 * nothing read past its first line.
 *
 * <pre>
 * client: BATON-CTL 2 &lt;client nonce&gt;\n
 * server: BATON-CTL 2 &lt;server nonce&gt; &lt;HMAC(token, "server" cn sn)&gt;\n     (the client checks it, or sends nothing more)
 * client: &lt;HMAC(token, "client" cn sn)&gt; &lt;script length&gt;\n                (the server checks it before reading any script)
 * client: &lt;script, exactly that many UTF-8 bytes&gt;&lt;HMAC(token, "script" cn sn script)&gt;\n
 * server: &lt;status&gt;\n&lt;output&gt;[&lt;error&gt;]                                  (0 ok, 1 a command failed, 2 refused)
 * </pre>
 *
 * Nonces are 32 random bytes in hex; the labels keep one proof from standing in for another; the
 * script's MAC keeps a relay from changing the commands. Lines are bounded ({@value #MAX_LINE} bytes)
 * and so is the script ({@value #MAX_SCRIPT_BYTES} bytes): a longer request is refused, never cut.
 */
public final class ControlProtocol {
    public static final String GREETING = "BATON-CTL 2";
    public static final int MAX_LINE = 512;
    public static final int MAX_SCRIPT_BYTES = 1 << 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ControlProtocol() {
    }

    public static String nonce() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }

    /** @param role {@code server} or {@code client} */
    public static String proof(byte[] token, String role, String clientNonce, String serverNonce) {
        return hmac(token, (role + " " + clientNonce + " " + serverNonce).getBytes(StandardCharsets.US_ASCII), null);
    }

    public static String scriptMac(byte[] token, String clientNonce, String serverNonce, byte[] script) {
        return hmac(token, ("script " + clientNonce + " " + serverNonce + " ").getBytes(StandardCharsets.US_ASCII), script);
    }

    /** Compares in constant time. */
    public static boolean same(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Reads one line (without its {@code \n}).
     *
     * @throws IOException if the stream ends first or the line is longer than {@code max} bytes
     */
    public static String readLine(InputStream in, int max) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection ended inside a line");
            }
            if (line.size() >= max) {
                throw new IOException("a line longer than " + max + " bytes");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private static String hmac(byte[] token, byte[] first, byte[] second) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token, "HmacSHA256"));
            mac.update(first);
            if (second != null) {
                mac.update(second);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
