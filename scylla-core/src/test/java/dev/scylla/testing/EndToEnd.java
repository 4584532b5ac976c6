package dev.scylla.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * An end-to-end test: it drives real programs (the real agent CLIs, child JVMs of {@code scylla},
 * the simulator through processes, a browser) and takes seconds to minutes. These run in Failsafe's
 * {@code integration-test} phase of {@code ./mvnw verify}; {@code ./mvnw test} leaves them out.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("e2e")
public @interface EndToEnd {}
