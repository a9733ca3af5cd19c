package io.mmdt.knn.store;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Python pickle (protocol 2 to 5) whose value is a list of {@code str}, and nothing
 * else. This is not an unpickler. It accepts only the opcodes that such a pickle needs and
 * rejects every other opcode before acting on it, so no class is looked up and nothing runs.
 *
 * <p>Accepted opcodes: PROTO, FRAME, EMPTY_LIST, MARK, BINUNICODE, SHORT_BINUNICODE,
 * BINUNICODE8, MEMOIZE, BINPUT, LONG_BINPUT, BINGET, LONG_BINGET, APPEND, APPENDS and STOP.
 * Memory stays proportional to the input, because every length is checked against the bytes
 * that remain before anything is allocated.
 */
final class PickleStringListReader {

    private static final Object MARK_OBJECT = new Object();

    private final byte[] data;
    private int position;
    private final Deque<Object> stack = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();

    private PickleStringListReader(byte[] data) {
        this.data = data;
    }

    /**
     * Reads the list of strings that {@code pickle} holds.
     *
     * @throws IllegalArgumentException if {@code pickle} is not a pickle of a list of str, with
     *     the offending opcode and its byte offset in the message
     */
    static List<String> read(byte[] pickle) {
        return new PickleStringListReader(pickle).run();
    }

    private List<String> run() {
        while (position < data.length) {
            int offset = position;
            int opcode = data[position++] & 0xFF;
            switch (opcode) {
                case PickleOpcodes.PROTO -> {
                    int version = u8(offset);
                    if (version < 2 || version > 5) {
                        throw invalid(offset, "pickle protocol " + version + " is not supported, only 2 to 5");
                    }
                }
                case PickleOpcodes.FRAME -> length(8, offset);
                case PickleOpcodes.EMPTY_LIST -> stack.push(new ArrayList<String>());
                case PickleOpcodes.MARK -> stack.push(MARK_OBJECT);
                case PickleOpcodes.SHORT_BINUNICODE -> stack.push(string(length(1, offset), offset));
                case PickleOpcodes.BINUNICODE -> stack.push(string(length(4, offset), offset));
                case PickleOpcodes.BINUNICODE8 -> stack.push(string(length(8, offset), offset));
                case PickleOpcodes.MEMOIZE -> memo.put((long) memo.size(), top(offset));
                case PickleOpcodes.BINPUT -> memo.put(unsigned(1, offset), top(offset));
                case PickleOpcodes.LONG_BINPUT -> memo.put(unsigned(4, offset), top(offset));
                case PickleOpcodes.BINGET -> stack.push(memoGet(unsigned(1, offset), offset));
                case PickleOpcodes.LONG_BINGET -> stack.push(memoGet(unsigned(4, offset), offset));
                case PickleOpcodes.APPEND -> append(offset);
                case PickleOpcodes.APPENDS -> appends(offset);
                case PickleOpcodes.STOP -> {
                    return stop(offset);
                }
                default -> throw invalid(offset, "opcode " + PickleOpcodes.name(opcode)
                        + " is not allowed, because only a list of str is read");
            }
        }
        throw invalid(position, "pickle ends without STOP; the data is truncated");
    }

    private List<String> stop(int offset) {
        if (position != data.length) {
            throw invalid(offset, (data.length - position) + " bytes follow STOP");
        }
        if (stack.size() != 1 || !(stack.peek() instanceof List)) {
            throw invalid(offset, "STOP must leave exactly one list on the stack");
        }
        @SuppressWarnings("unchecked")
        List<String> result = (List<String>) stack.pop();
        return result;
    }

    private void append(int offset) {
        Object value = pop(offset);
        listOnTop(offset).add(asString(value, offset));
    }

    private void appends(int offset) {
        List<String> items = new ArrayList<>();
        while (true) {
            Object value = pop(offset);
            if (value == MARK_OBJECT) {
                break;
            }
            items.add(asString(value, offset));
        }
        List<String> list = listOnTop(offset);
        for (int i = items.size() - 1; i >= 0; i--) {
            list.add(items.get(i));
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> listOnTop(int offset) {
        Object top = stack.peek();
        if (!(top instanceof List)) {
            throw invalid(offset, "APPEND needs a list below the items");
        }
        return (List<String>) top;
    }

    private String asString(Object value, int offset) {
        if (!(value instanceof String)) {
            throw invalid(offset, "list item is not a str");
        }
        return (String) value;
    }

    private Object pop(int offset) {
        if (stack.isEmpty()) {
            throw invalid(offset, "stack underflow");
        }
        return stack.pop();
    }

    private Object top(int offset) {
        Object top = stack.peek();
        if (top == null || top == MARK_OBJECT) {
            throw invalid(offset, "nothing to store in the memo");
        }
        return top;
    }

    private Object memoGet(long key, int offset) {
        Object value = memo.get(key);
        if (value == null) {
            throw invalid(offset, "memo key " + key + " is not defined");
        }
        return value;
    }

    /** Reads an unsigned little-endian argument of {@code bytes} bytes. */
    private long unsigned(int bytes, int offset) {
        if (data.length - position < bytes) {
            throw invalid(offset, "argument is truncated");
        }
        long value = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            value = (value << 8) | (data[position + i] & 0xFF);
        }
        position += bytes;
        return value;
    }

    private int u8(int offset) {
        return (int) unsigned(1, offset);
    }

    /** Reads a length argument and checks it against the bytes that remain. */
    private int length(int bytes, int offset) {
        long length = unsigned(bytes, offset);
        if (length < 0 || length > data.length - position) {
            throw invalid(offset, "length " + Long.toUnsignedString(length) + " exceeds the "
                    + (data.length - position) + " bytes left");
        }
        return (int) length;
    }

    private String string(int length, int offset) {
        try {
            String value = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, position, length))
                    .toString();
            position += length;
            return value;
        } catch (CharacterCodingException e) {
            throw invalid(offset, "str is not valid UTF-8");
        }
    }

    private static IllegalArgumentException invalid(int offset, String problem) {
        return new IllegalArgumentException("pickle offset " + offset + ": " + problem);
    }
}
