package org.twofold.site;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Stores {@link Instant}s as SQL timestamps, portably (JPA 3.1 has no native Instant mapping).
 * The JDBC driver writes them as wall-clock time of the JVM's zone, so Twofold runs its JVM in UTC
 * ({@code -Duser.timezone=UTC}, as the run command and the tests do); in a zone with daylight saving
 * the repeated autumn hour would be ambiguous.
 */
@Converter(autoApply = true)
public class InstantConverter implements AttributeConverter<Instant, Timestamp> {

    @Override
    public Timestamp convertToDatabaseColumn(Instant value) {
        return value == null ? null : Timestamp.from(value);
    }

    @Override
    public Instant convertToEntityAttribute(Timestamp value) {
        return value == null ? null : value.toInstant();
    }
}
