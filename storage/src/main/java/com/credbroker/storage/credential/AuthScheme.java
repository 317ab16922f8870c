package com.credbroker.storage.credential;

public enum AuthScheme {
    OAUTH2, OAUTH1, API_KEY, BASIC, BEARER_TOKEN, NO_AUTH
}
