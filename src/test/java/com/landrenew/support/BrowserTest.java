package com.landrenew.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A {@link LandRenewTest} that drives a {@link Browser}, tagged {@value #TAG} so that a developer can run
 * the rest alone: {@code mvn test -DexcludedGroups=browser}. {@code mvn verify} (CI) runs every test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@LandRenewTest
@Tag(BrowserTest.TAG)
public @interface BrowserTest {

    String TAG = "browser";
}
