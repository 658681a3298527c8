package io.prodsupport.check;

/** One fact about the site: passed or not, said in one line an administrator can act on. */
public record CheckLine(boolean ok, String text) {

    static CheckLine pass(String text) {
        return new CheckLine(true, text);
    }

    static CheckLine fail(String text) {
        return new CheckLine(false, text);
    }

    @Override
    public String toString() {
        return (ok ? "✓ " : "✗ ") + text;
    }
}
