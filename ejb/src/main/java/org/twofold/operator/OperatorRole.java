package org.twofold.operator;

/** What an operator may do: the help desk rescues users; an administrator may do everything. */
public enum OperatorRole {
    HELPDESK,
    ADMIN;

    public boolean includes(OperatorRole other) {
        return this == ADMIN || this == other;
    }
}
