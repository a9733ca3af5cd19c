package io.mmdt.knn.store;

/**
 * Python pickle opcodes, as defined by CPython's {@code Lib/pickletools.py}: the values the
 * reader and writer use, and the names of all of them for error messages.
 */
final class PickleOpcodes {

    static final int MARK = '(';
    static final int STOP = '.';
    static final int BINUNICODE = 'X';
    static final int EMPTY_LIST = ']';
    static final int APPEND = 'a';
    static final int APPENDS = 'e';
    static final int BINGET = 'h';
    static final int LONG_BINGET = 'j';
    static final int BINPUT = 'q';
    static final int LONG_BINPUT = 'r';
    static final int PROTO = 0x80;
    static final int SHORT_BINUNICODE = 0x8c;
    static final int BINUNICODE8 = 0x8d;
    static final int MEMOIZE = 0x94;
    static final int FRAME = 0x95;

    private static final String[] NAMES = new String[256];

    static {
        String table = "( MARK . STOP 0 POP 1 POP_MARK 2 DUP F FLOAT I INT J BININT K BININT1 L LONG M BININT2 N NONE "
                + "P PERSID Q BINPERSID R REDUCE S STRING T BINSTRING U SHORT_BINSTRING V UNICODE X BINUNICODE "
                + "a APPEND b BUILD c GLOBAL d DICT } EMPTY_DICT e APPENDS g GET h BINGET i INST j LONG_BINGET "
                + "l LIST ] EMPTY_LIST o OBJ p PUT q BINPUT r LONG_BINPUT s SETITEM t TUPLE ) EMPTY_TUPLE "
                + "u SETITEMS G BINFLOAT B BINBYTES C SHORT_BINBYTES";
        String[] parts = table.split(" ");
        for (int i = 0; i < parts.length; i += 2) {
            NAMES[parts[i].charAt(0)] = parts[i + 1];
        }
        String[] protocol2AndLater = {
            "PROTO", "NEWOBJ", "EXT1", "EXT2", "EXT4", "TUPLE1", "TUPLE2", "TUPLE3", "NEWTRUE", "NEWFALSE",
            "LONG1", "LONG4", "SHORT_BINUNICODE", "BINUNICODE8", "BINBYTES8",
            "EMPTY_SET", "ADDITEMS", "FROZENSET", "NEWOBJ_EX", "STACK_GLOBAL", "MEMOIZE", "FRAME",
            "BYTEARRAY8", "NEXT_BUFFER", "READONLY_BUFFER"
        };
        for (int i = 0; i < protocol2AndLater.length; i++) {
            NAMES[0x80 + i] = protocol2AndLater[i];
        }
    }

    private PickleOpcodes() {
    }

    /** Returns the opcode's name and value, such as {@code GLOBAL (0x63)}, or {@code unknown (0xff)}. */
    static String name(int opcode) {
        String name = NAMES[opcode & 0xFF];
        return String.format("%s (0x%02x)", name != null ? name : "unknown", opcode & 0xFF);
    }
}
