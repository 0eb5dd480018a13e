package awslab.jshell;

import awslab.api.UserException;

/**
 * What Java input the compiler is given at all. javac recurses once per operator and per level of
 * brackets: 20,000 terms take ten seconds and a deep stack, and far more overflow it. Nobody types
 * that; it comes from a runaway paste or a generator, and is refused at once with the limits.
 *
 * <pre>
 * JavaLimits.check(source);   // UserException err.java.toocomplex beyond the limits
 * </pre>
 */
final class JavaLimits {
    /** Operators in one input (a run of operator characters counts once): about a second to compile. */
    static final int MAX_OPERATORS = 5_000;
    /** Levels of ( [ { one inside another. */
    static final int MAX_DEPTH = 500;

    private JavaLimits() {}

    static void check(String source) {
        int operators = 0;
        int depth = 0;
        int deepest = 0;
        boolean inOperator = false;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            int skipTo = skipLiteralOrComment(source, i);
            if (skipTo > i) {
                i = skipTo - 1;
                inOperator = false;
                continue;
            }
            boolean operator = "+-*/%&|^<>?:=!~".indexOf(c) >= 0;
            if (operator && !inOperator) {
                operators++;
            }
            inOperator = operator;
            if (c == '(' || c == '[' || c == '{') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == ')' || c == ']' || c == '}') {
                depth = Math.max(0, depth - 1);
            }
        }
        if (operators > MAX_OPERATORS || deepest > MAX_DEPTH) {
            throw tooComplex();
        }
    }

    static UserException tooComplex() {
        return new UserException("err.java.toocomplex", MAX_OPERATORS, MAX_DEPTH);
    }

    /** Where the string, character, text block or comment starting at {@code i} ends; {@code i} if none starts there. */
    private static int skipLiteralOrComment(String source, int i) {
        if (source.startsWith("\"\"\"", i)) {
            int end = source.indexOf("\"\"\"", i + 3);
            return end < 0 ? source.length() : end + 3;
        }
        char c = source.charAt(i);
        if (c == '"' || c == '\'') {
            int j = i + 1;
            while (j < source.length() && source.charAt(j) != c && source.charAt(j) != '\n') {
                j += source.charAt(j) == '\\' ? 2 : 1;
            }
            return Math.min(source.length(), j + 1);
        }
        if (source.startsWith("//", i)) {
            int end = source.indexOf('\n', i);
            return end < 0 ? source.length() : end;
        }
        if (source.startsWith("/*", i)) {
            int end = source.indexOf("*/", i + 2);
            return end < 0 ? source.length() : end + 2;
        }
        return i;
    }
}
