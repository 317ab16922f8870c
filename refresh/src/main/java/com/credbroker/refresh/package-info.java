/**
 * OAuth client work with the Nimbus SDK (refresh, code exchange) and Quartz scheduling. Empty until
 * the token refresh issue; the module exists now so that the dependency direction
 * {@code broker -> refresh -> storage -> config} is fixed from the start.
 */
package com.credbroker.refresh;
