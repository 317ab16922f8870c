package com.credbroker.broker;

public final class Main {
    public static void main(String[] args) {
    }
}
