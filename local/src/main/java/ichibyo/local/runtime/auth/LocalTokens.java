package ichibyo.local.runtime.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import ichibyo.core.family.access.Caller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

/**
 * The local stand-in for the identity provider and for the HTTP API's JWT authorizer: it issues
 * tokens for local test users and verifies them as API Gateway does (signature with the issuer's key,
 * {@code iss}, {@code aud}, {@code exp}, {@code nbf}), with nimbus-jose-jwt doing all the cryptography.
 *
 * <p>One RS256 key (the algorithm Cognito signs with) per data directory, in
 * {@code DATA/auth/signing-key.json} (a private JWK, readable by its owner only), made on first use:
 * a token printed by {@code ichibyo-local token} stays valid across restarts of {@code up}. A runtime
 * without a data directory has a key in memory only.
 */
public final class LocalTokens {
    /** The {@code iss} of every local token (the issuer an authorizer is configured with). */
    public static final String ISSUER = "ichibyo-local";
    /** The {@code aud} of every local token (the audience, as a Cognito app client's id). */
    public static final String AUDIENCE = "ichibyo";
    /** As a Cognito ID token's default. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    /** The longest lifetime a local token may be issued with. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(30);
    /** Where the key is, under the data directory. */
    public static final Path KEY_FILE = Path.of("auth", "signing-key.json");
    private static final JWSAlgorithm ALGORITHM = JWSAlgorithm.RS256;

    private final RSAKey key;
    private final RSASSASigner signer;
    private final DefaultJWTProcessor<SecurityContext> processor;

    private LocalTokens(RSAKey key) {
        this.key = key;
        try {
            this.signer = new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("the local signing key cannot sign", e);
        }
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHM, new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()))));
        // exp and nbf are checked with the processor's default skew of 60 s, as an authorizer allows some.
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(AUDIENCE, new JWTClaimsSet.Builder().issuer(ISSUER).build(),
                Set.of("sub", "iat", "exp")));
    }

    /** A key of its own, kept nowhere: for a runtime without a data directory. */
    public static LocalTokens inMemory() {
        return new LocalTokens(generate());
    }

    /** The key of the data directory {@code data}, made and kept there when there is none yet. */
    public static LocalTokens of(Path data) {
        Path file = data.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return new LocalTokens(RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the local signing key " + file, e);
        } catch (ParseException e) {
            throw new IllegalStateException("the local signing key " + file + " is not an RSA JWK (delete it to make a new one): "
                    + e.getMessage(), e);
        }
    }

    /** Written whole beside it, then linked into place: a racing start reads one complete key, never half of one. */
    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "signing-key", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, generate().toJSONString(), StandardCharsets.UTF_8);
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException e) {
            // another process made it first: use theirs
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(ALGORITHM).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make an RSA signing key", e);
        }
    }

    /** A token for {@code userId}, valid from now for {@link #DEFAULT_LIFETIME}. */
    public String issue(String userId) {
        return issue(userId, Instant.now(), DEFAULT_LIFETIME);
    }

    /**
     * A token for {@code userId} (its {@code sub}), issued at {@code issuedAt} and expiring
     * {@code lifetime} later (a past time makes an expired token, for tests).
     */
    public String issue(String userId, Instant issuedAt, Duration lifetime) {
        new Caller(userId); // the same rules as a verified subject
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("a token's lifetime must be more than 0 and at most " + MAX_LIFETIME + ", not " + lifetime);
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience(AUDIENCE).subject(userId)
                .issueTime(Date.from(issuedAt)).notBeforeTime(Date.from(issuedAt)).expirationTime(Date.from(issuedAt.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("token_use", "id") // as Cognito's ID tokens say
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(ALGORITHM).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /**
     * The claims of {@code token} when it is one of this key's, for this audience, and in its lifetime.
     *
     * @throws InvalidTokenException saying why not
     */
    public JWTClaimsSet verify(String token) {
        try {
            return processor.process(token, null);
        } catch (ParseException e) {
            throw new InvalidTokenException("the token is not a JWT");
        } catch (BadJOSEException e) {
            throw new InvalidTokenException(e.getMessage());
        } catch (JOSEException e) {
            throw new InvalidTokenException("the token cannot be verified: " + e.getMessage());
        }
    }
}
