package io.prodsupport.jirasim;

/**
 * A workflow status with its status category. Category ids, keys, names and colours are Jira's fixed ones
 * (2 new "To Do" blue-gray, 4 indeterminate "In Progress" yellow, 3 done "Done" green).
 */
public record SimStatus(String id, String name, String categoryKey) {

    public String categoryId() {
        return switch (categoryKey) {
            case "new" -> "2";
            case "indeterminate" -> "4";
            case "done" -> "3";
            default -> throw new IllegalStateException(categoryKey);
        };
    }

    public String categoryName() {
        return switch (categoryKey) {
            case "new" -> "To Do";
            case "indeterminate" -> "In Progress";
            default -> "Done";
        };
    }

    public String categoryColor() {
        return switch (categoryKey) {
            case "new" -> "blue-gray";
            case "indeterminate" -> "yellow";
            default -> "green";
        };
    }
}
