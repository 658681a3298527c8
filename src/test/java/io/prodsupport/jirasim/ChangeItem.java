package io.prodsupport.jirasim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One changelog item ({@code toText} is the wire's "toString", a name records cannot use), as webhooks carry it: field (display name), fieldtype, fieldId, from/to ids and strings. */
record ChangeItem(String field, String fieldId, String from, String fromString, String to, String toText) {

    static ChangeItem text(String fieldId, String old, String now) {
        return new ChangeItem(fieldId, fieldId, null, old, null, now);
    }

    ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("field", field);
        n.put("fieldtype", "jira");
        n.put("fieldId", fieldId);
        n.put("from", from);
        n.put("fromString", fromString);
        n.put("to", to);
        n.put("toString", toText);
        return n;
    }
}
