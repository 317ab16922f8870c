package com.credbroker.storage.credential;

public enum CredentialStatus {
    ACTIVE, EXPIRED, INITIATED
}
