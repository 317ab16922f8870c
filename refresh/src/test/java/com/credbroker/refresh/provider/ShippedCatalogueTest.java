package com.credbroker.refresh.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every template shipped in the jar ({@code providers/*.json}) validates, and the catalogue covers issue 17's list. */
class ShippedCatalogueTest {
    private static final List<String> REQUIRED = List.of("google-drive", "gmail", "google-calendar", "microsoft",
            "github", "github-app", "gitlab", "gitlab-self-hosted", "slack", "slack-user", "jira", "confluence",
            "salesforce", "salesforce-sandbox", "hubspot", "notion", "linear", "dropbox", "box", "zoom", "asana",
            "figma", "discord", "spotify", "x", "linkedin", "shopify", "zendesk", "xero", "quickbooks", "okta", "auth0",
            "airtable", "calendly", "intercom", "monday", "pipedrive", "reddit", "twitch", "bitbucket", "strava",
            "openai", "anthropic", "stripe", "twilio", "sendgrid", "mailchimp");

    @Test
    void everyShippedTemplateValidatesWithoutAProblem() {
        assertThatCode(ShippedCatalogueTest::shipped).doesNotThrowAnyException();
    }

    @Test
    void theCatalogueHasAtLeastFortyEntriesIncludingEveryOneTheIssueNames() {
        ProviderCatalogue catalogue = shipped();

        assertThat(catalogue.size()).isGreaterThanOrEqualTo(40);
        assertThat(catalogue.all()).extracting(ProviderTemplate::name).containsAll(REQUIRED);
    }

    private static ProviderCatalogue shipped() {
        return ProviderCatalogue.load(ShippedCatalogueTest.class.getClassLoader(), ProviderCatalogue.SHIPPED,
                Optional.empty(), false);
    }
}
