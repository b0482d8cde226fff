package com.promisevalidator.rules.model;

/** One file of a rule set: its name (e.g. stock.drl, parameters.yaml, messages.properties) and its text. */
public record RuleFile(String name, String content) {

    /** An editor's UTF-8 byte-order mark is not part of the text (the DRL parser would stop at it, unseen). */
    public RuleFile {
        if (content != null && content.startsWith("\uFEFF")) content = content.substring(1);
    }

    /** Files a rule set is made of: rules (*.drl) and the data beside them (*.yaml, *.properties). */
    public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.\\-]*\\.(drl|yaml|properties)";

    @org.eclipse.microprofile.openapi.annotations.media.Schema(hidden = true) // not a field: a client sending "drl" is refused
    public boolean isDrl() {
        return name != null && name.endsWith(".drl");
    }

    /**
     * Problems of a candidate's files beyond a missing name or content (each caller reports those): a name given twice
     * (the last would silently win) and content that is not text (a NUL, half a surrogate pair), as {@code files[i]} fields.
     */
    public static void requestProblems(java.util.List<com.promisevalidator.common.FieldError> errors, java.util.List<RuleFile> files) {
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            RuleFile f = files.get(i);
            if (f == null || f.name() == null || f.content() == null) continue;
            Integer first = seen.putIfAbsent(f.name(), i);
            if (first != null) {
                errors.add(new com.promisevalidator.common.FieldError("files[" + i + "].name",
                        "'" + f.name() + "' is given twice (also files[" + first + "]): send each file once"));
            }
            String notText = com.promisevalidator.common.Limits.textProblem(f.content(), Integer.MAX_VALUE);
            if (notText != null) errors.add(new com.promisevalidator.common.FieldError("files[" + i + "].content", notText));
        }
    }

    /**
     * Whether the service, reading a rules directory, leaves a file of this name out without a word: hidden files and
     * files not named as rule set files are (a README, notes); a misspelt rule file (.yml, a space in the name) is not,
     * it refuses the set. A scenario file's name is judged by its own part ("tests/x.yaml").
     */
    public static boolean leftOutOfTheSet(String name) {
        if (name == null) return false;
        String own = name.substring(name.lastIndexOf('/') + 1);
        return own.startsWith(".") || !own.toLowerCase(java.util.Locale.ROOT).matches(".*\\.(drl|yaml|yml|properties)");
    }

    /** Whether a file of this name belongs to a rule set (a rules directory may hold other files, e.g. a README). */
    public static boolean belongs(String name) {
        return name != null && name.matches(NAME_PATTERN);
    }
}
