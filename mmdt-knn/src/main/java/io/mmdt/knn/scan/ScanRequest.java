package io.mmdt.knn.scan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scan request as the client sent it: the sample's digests and mmdt hash, computed on
 * the client so that no file content reaches the service.
 *
 * <p>Values are kept as received and are not validated here, so that a reply can echo
 * even an invalid request. {@link ScanService#submit(ScanRequest)} validates them.
 * {@code data} is an optional extension object that the service accepts and ignores.
 *
 * @param md5 the MD5 of the sample as 32 hex digits, or null if the client sent none
 * @param sha1 the SHA-1 of the sample as 40 hex digits, or null if the client sent none
 * @param fileName the sample's file name, for the client's own bookkeeping, or null
 * @param mmdt the mmdt hash of the sample in text form ({@code IIIIIIII:MMMM…}), or null
 * @param data the extension object as nested maps, lists and JSON scalars, copied into
 *     unmodifiable collections. It is never null because a null argument becomes an empty map.
 */
public record ScanRequest(String md5, String sha1, String fileName, String mmdt, Map<String, Object> data) {

    public ScanRequest {
        data = data == null ? Map.of() : copyMap(data);
    }

    /** Creates a request without the extension object. */
    public ScanRequest(String md5, String sha1, String fileName, String mmdt) {
        this(md5, sha1, fileName, mmdt, Map.of());
    }

    private static Map<String, Object> copyMap(Map<?, ?> map) {
        // LinkedHashMap because JSON objects may hold null values, which Map.copyOf rejects.
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            copy.put(String.valueOf(entry.getKey()), copyValue(entry.getValue()));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return copyMap(map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(copyValue(element));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
