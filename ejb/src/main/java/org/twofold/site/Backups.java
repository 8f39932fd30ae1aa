package org.twofold.site;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;

/**
 * Online backups of the embedded Derby database: {@code SYSCS_UTIL.SYSCS_BACKUP_DATABASE} copies a
 * transactionally consistent database while Twofold keeps serving (writers wait only while Derby
 * copies its pages). Each backup is a new directory {@code twofold-backup-<UTC time>} laid out as a
 * data directory — {@code db/} and, when the data key is the file in the data directory, {@code
 * keys/twofold.key} (the database's secrets cannot be read without it) — so restoring is: stop
 * Twofold, and start it with {@code TWOFOLD_DATA_DIR} pointing at a copy of that directory. Another
 * database (PostgreSQL) is backed up with its own tools.
 */
@Stateless
public class Backups {
    private static final Logger LOG = Logger.getLogger(Backups.class.getName());
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Resource(lookup = "java:app/jdbc/twofold")
    private DataSource dataSource;

    @EJB
    private AuditTrail audit;

    @Inject
    private Clock clock;

    /**
     * Backs the database (and the data key file) up into a new directory under {@code directory},
     * which is created if missing; returns the new directory's absolute path. Runs outside any
     * transaction: Derby refuses a backup inside one that has written.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Path backup(Actor actor, String directory) {
        Settings settings = Settings.current();
        if (!settings.embeddedDerby()) {
            throw refused(actor, "not_embedded_derby", "Only the embedded Derby database is backed up by Twofold; back up "
                    + "your database server with its own tools (e.g. pg_dump).");
        }
        if (directory == null || directory.isBlank()) {
            throw refused(actor, "no_directory", "Give the directory to back up into.");
        }
        Path target = Path.of(directory.trim()).toAbsolutePath().normalize()
                .resolve("twofold-backup-" + STAMP.format(clock.instant().atOffset(ZoneOffset.UTC)));
        if (Files.exists(target)) {
            throw refused(actor, "exists", target + " already exists; try again in a second.");
        }
        try {
            Files.createDirectories(target);
            try (Connection c = dataSource.getConnection(); CallableStatement call = c.prepareCall("CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")) {
                call.setString(1, target.toString());
                call.execute();
            }
            Path key = settings.dataDir().resolve("keys").resolve("twofold.key");
            boolean keyCopied = settings.find(Settings.SECRET_KEY).isEmpty() && Files.exists(key);
            if (keyCopied) {
                Files.createDirectories(target.resolve("keys"));
                Files.copy(key, target.resolve("keys").resolve("twofold.key"), StandardCopyOption.COPY_ATTRIBUTES);
            }
            audit.recordCall(actor, null, AuditAction.DATABASE_BACKUP, "to " + target + (keyCopied ? " with the data key" : " (data key from TWOFOLD_SECRET_KEY, not copied)"));
            return target;
        } catch (SQLException | IOException e) {
            LOG.log(Level.WARNING, "Backup to " + target + " failed", e);
            throw refused(actor, "backup_failed", "Backup to " + target + " failed: " + e.getMessage());
        }
    }

    private TwofoldException refused(Actor actor, String reason, String message) {
        audit.recordRefusal(actor, null, AuditAction.DATABASE_BACKUP, reason, message);
        return new TwofoldException(ErrorCode.BACKUP_FAILED, message);
    }
}
