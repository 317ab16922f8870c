package com.credbroker.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Binds {@link ConfigTable}'s rows to the record tree: {@link BrokerConfig} and its slices (the components
 * of {@link BrokerConfig} that are records). Builds the tree through each record's canonical constructor,
 * matching components to keys by name, and reads a key's value back out of a built tree. Stateless.
 */
final class RecordTree {
    private static final Map<Class<?>, Class<?>> BOXES = Map.of(int.class, Integer.class, long.class, Long.class,
            boolean.class, Boolean.class);

    private RecordTree() {
    }

    /**
     * Fails when a row names no component of the tree, a component has no row (or two), or a row's kind of
     * value does not have the component's type.
     */
    static void verify(List<ConfigKey<?>> keys) {
        Map<String, ConfigKey<?>> byComponent = new HashMap<>();
        for (ConfigKey<?> key : keys) {
            if (byComponent.put(id(key.slice(), key.component()), key) != null) {
                throw new IllegalStateException(key + ": another key already fills " + id(key.slice(), key.component()));
            }
        }
        List<String> mismatches = new ArrayList<>();
        for (Class<?> record : records()) {
            for (RecordComponent component : record.getRecordComponents()) {
                if (isSlice(component)) {
                    continue;
                }
                ConfigKey<?> key = byComponent.remove(id(record, component.getName()));
                if (key == null) {
                    mismatches.add(id(record, component.getName()) + " is filled by no key of ConfigTable");
                } else if (!boxed(component.getType()).equals(key.type().javaType())) {
                    mismatches.add(key + " is a " + key.type().javaType().getSimpleName() + ", but "
                            + id(record, component.getName()) + " is a " + component.getType().getSimpleName());
                }
            }
        }
        byComponent.forEach((component, key) -> mismatches.add(key + " names " + component + ", which does not exist"));
        if (!mismatches.isEmpty()) {
            throw new IllegalStateException("ConfigTable does not match the records: " + mismatches);
        }
    }

    /** The tree, each key's value taken from {@code values}. */
    static BrokerConfig build(Function<ConfigKey<?>, Object> values) {
        return (BrokerConfig) construct(BrokerConfig.class, index(), values);
    }

    /** The value {@code key} has in {@code config}. */
    @SuppressWarnings("unchecked")
    static <T> T read(BrokerConfig config, ConfigKey<T> key) {
        Object owner = config;
        if (key.slice() != BrokerConfig.class) {
            owner = accessorValue(config, sliceComponent(key.slice()));
        }
        return (T) accessorValue(owner, component(key.slice(), key.component()));
    }

    /** The value {@code key} has in {@code slice}, a record of the type {@code key} fills. */
    static Object readComponent(Record slice, ConfigKey<?> key) {
        return accessorValue(slice, component(key.slice(), key.component()));
    }

    private static Object construct(Class<?> record, Map<String, ConfigKey<?>> index,
            Function<ConfigKey<?>, Object> values) {
        RecordComponent[] components = record.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = isSlice(components[i]) ? construct(components[i].getType(), index, values)
                    : values.apply(index.get(id(record, components[i].getName())));
        }
        try {
            Constructor<?> canonical = record.getDeclaredConstructor(types);
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("cannot build " + record.getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot build " + record.getSimpleName() + " from ConfigTable", e);
        }
    }

    private static Map<String, ConfigKey<?>> index() {
        Map<String, ConfigKey<?>> index = new HashMap<>();
        ConfigTable.all().forEach(key -> index.put(id(key.slice(), key.component()), key));
        return index;
    }

    private static List<Class<?>> records() {
        List<Class<?>> records = new ArrayList<>();
        records.add(BrokerConfig.class);
        for (RecordComponent component : BrokerConfig.class.getRecordComponents()) {
            if (isSlice(component)) {
                records.add(component.getType());
            }
        }
        return records;
    }

    private static boolean isSlice(RecordComponent component) {
        return component.getType().isRecord() && component.getDeclaringRecord() == BrokerConfig.class;
    }

    private static RecordComponent sliceComponent(Class<?> slice) {
        for (RecordComponent component : BrokerConfig.class.getRecordComponents()) {
            if (component.getType() == slice) {
                return component;
            }
        }
        throw new IllegalArgumentException(slice.getSimpleName() + " is not a slice of BrokerConfig");
    }

    private static RecordComponent component(Class<?> record, String name) {
        for (RecordComponent component : record.getRecordComponents()) {
            if (component.getName().equals(name)) {
                return component;
            }
        }
        throw new IllegalArgumentException(id(record, name) + " does not exist");
    }

    private static Object accessorValue(Object owner, RecordComponent component) {
        try {
            return component.getAccessor().invoke(owner);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }

    private static Class<?> boxed(Class<?> type) {
        return BOXES.getOrDefault(type, type);
    }

    private static String id(Class<?> record, String component) {
        return record.getSimpleName() + "." + component;
    }
}
