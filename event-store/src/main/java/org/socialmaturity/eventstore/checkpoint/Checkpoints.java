package org.socialmaturity.eventstore.checkpoint;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

import jakarta.inject.Singleton;

import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.socialmaturity.contracts.access.SharedSecrets;
import org.socialmaturity.contracts.proof.Checkpoint;
import org.socialmaturity.contracts.proof.HashChain;
import org.socialmaturity.contracts.proof.SigningKey;
import org.socialmaturity.eventstore.AxonRuntime;
import org.socialmaturity.eventstore.AxonSettings;
import org.socialmaturity.eventstore.mongo.ChainCheck.ChainReport;
import org.socialmaturity.eventstore.mongo.GlobalSequenceEventStorageEngine.ChainHead;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;

import io.quarkus.runtime.LaunchMode;

/**
 * Signed checkpoints of the event store: the platform's statement, at a time, of the hash its chain had at an index.
 * Kept in the event database beside the commits ({@code checkpoints}) and handed to whoever asks (in dossiers, by the
 * integrity check); an auditor who keeps one can later prove any rewrite of the history before it, even one that
 * recomputed every hash, because the platform's key signed the old head.
 */
@Singleton
public class Checkpoints {

    private static final Logger LOG = Logger.getLogger(Checkpoints.class);
    static final String COLLECTION = "checkpoints";
    private static final String HEAD_INDEX = "headIndex";

    private final AxonRuntime axon;
    private final SigningKey key;
    private final MongoCollection<Document> checkpoints;

    Checkpoints(AxonRuntime axon, MongoClient mongo, AxonSettings axonSettings, CheckpointSettings settings) {
        this.axon = axon;
        this.key = signingKey(settings);
        this.checkpoints = mongo.getDatabase(axonSettings.eventDatabase()).getCollection(COLLECTION)
                .withWriteConcern(axon.storageEngine().writeConcern())
                .withReadConcern(axon.storageEngine().readConcern());
        checkpoints.createIndex(Indexes.ascending(HEAD_INDEX), new IndexOptions().name(HEAD_INDEX));
    }

    private static SigningKey signingKey(CheckpointSettings settings) {
        if (settings.signingKey().isPresent()) {
            String seed = settings.signingKey().get();
            SigningKey key = SigningKey.fromSeed(seed);
            if (LaunchMode.current() == LaunchMode.NORMAL && !developmentCredentialsAllowed()
                    && new String(Base64.getDecoder().decode(seed.trim()), StandardCharsets.ISO_8859_1)
                    .contains(SharedSecrets.DEVELOPMENT_MARK)) {
                throw new IllegalStateException("PLATFORM_CHECKPOINTS_SIGNING_KEY is a published development "
                        + "placeholder (it says " + SharedSecrets.DEVELOPMENT_MARK + "): anyone could sign checkpoints "
                        + "and dossiers with it. Set 32 random bytes in base64 (head -c32 /dev/urandom | base64)");
            }
            return key;
        }
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException("PLATFORM_CHECKPOINTS_SIGNING_KEY is not set: checkpoints cannot be "
                    + "signed. Set it to 32 random bytes in base64 (head -c32 /dev/urandom | base64), from a Secret");
        }
        SigningKey throwaway = SigningKey.throwaway();
        LOG.warnf("No checkpoint signing key configured: signing with a throwaway key %s that dies with this process",
                throwaway.keyId());
        return throwaway;
    }

    /** The local Kubernetes overlay alone allows its published placeholders (as for the other shared secrets). */
    private static boolean developmentCredentialsAllowed() {
        return ConfigProvider.getConfig().getOptionalValue("platform.development-credentials-allowed", Boolean.class)
                .orElse(false);
    }

    public SigningKey key() {
        return key;
    }

    /** Signs the store's current head, durably: a dossier or an operator asked for a checkpoint now. */
    public Checkpoint signHead() {
        ChainHead head = axon.storageEngine().chainHead();
        Checkpoint checkpoint = sign(head == null ? -1 : head.index(), head == null ? HashChain.GENESIS : head.hash());
        checkpoints.insertOne(toDocument(checkpoint));
        return checkpoint;
    }

    /** Signs the head when it moved since the last checkpoint (the scheduled signature). */
    public Optional<Checkpoint> signHeadIfMoved() {
        ChainHead head = axon.storageEngine().chainHead();
        if (head == null || head.hash() == null || latest().map(c -> c.headIndex() >= head.index()).orElse(false)) {
            return Optional.empty();
        }
        Checkpoint checkpoint = sign(head.index(), head.hash());
        checkpoints.insertOne(toDocument(checkpoint));
        return Optional.of(checkpoint);
    }

    /** The first checkpoint at or after {@code index}: the one a proof of a commit ending there leads to. */
    public Optional<Checkpoint> firstCovering(long index) {
        return Optional.ofNullable(checkpoints.find(Filters.gte(HEAD_INDEX, index)).sort(Sorts.ascending(HEAD_INDEX))
                .first()).map(Checkpoints::fromDocument);
    }

    /** The checkpoint a proof of events up to {@code index} leads to: the first covering it, signed now if none does. */
    public Checkpoint covering(long index) {
        return firstCovering(index).orElseGet(this::signHead);
    }

    public Optional<Checkpoint> latest() {
        return Optional.ofNullable(checkpoints.find(Filters.gte(HEAD_INDEX, -1L)).sort(Sorts.descending(HEAD_INDEX))
                .first()).map(Checkpoints::fromDocument);
    }

    /** Recomputes the whole chain and checks every kept checkpoint on the way (the operator's integrity check). */
    public ChainReport checkChain(LongConsumer progress) {
        List<Checkpoint> all = new ArrayList<>();
        checkpoints.find(Filters.gte(HEAD_INDEX, -1L)).sort(Sorts.ascending(HEAD_INDEX))
                .forEach(d -> all.add(fromDocument(d)));
        all.removeIf(c -> c.headIndex() < 0);
        return axon.storageEngine().checkChain(all, key.publicKey(), progress);
    }

    private Checkpoint sign(long headIndex, String headHash) {
        return Checkpoint.sign(key, headIndex, headHash, Instant.now());
    }

    private static Document toDocument(Checkpoint checkpoint) {
        return new Document(HEAD_INDEX, checkpoint.headIndex())
                .append("headHash", checkpoint.headHash())
                .append("signedAt", checkpoint.signedAt())
                .append("keyId", checkpoint.keyId())
                .append("signature", checkpoint.signature());
    }

    private static Checkpoint fromDocument(Document document) {
        return new Checkpoint(((Number) document.get(HEAD_INDEX)).longValue(), document.getString("headHash"),
                document.getString("signedAt"), document.getString("keyId"), document.getString("signature"));
    }
}
