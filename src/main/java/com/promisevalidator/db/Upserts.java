package com.promisevalidator.db;

/** "Add these amounts to the row, creating it if needed", in each database's own dialect. */
public final class Upserts {
    private Upserts() {
    }

    /**
     * @param keys     key columns, with their SQL types in {@code keyTypes} (H2 needs typed parameters)
     * @param adds     columns whose values are added, with their types in {@code addTypes}
     * @return an upsert taking the key values, then the amounts, as parameters
     */
    public static String addTo(DbKind kind, String table, String[] keys, String[] keyTypes, String[] adds, String[] addTypes) {
        String cols = String.join(", ", keys) + ", " + String.join(", ", adds);
        if (kind == DbKind.POSTGRESQL) {
            StringBuilder set = new StringBuilder();
            for (String a : adds) set.append(set.length() == 0 ? "" : ", ").append(a).append(" = ").append(table).append('.').append(a)
                    .append(" + excluded.").append(a);
            return "insert into " + table + " (" + cols + ") values (" + "?, ".repeat(keys.length + adds.length - 1) + "?) "
                    + "on conflict (" + String.join(", ", keys) + ") do update set " + set;
        }
        StringBuilder values = new StringBuilder();
        StringBuilder on = new StringBuilder();
        StringBuilder set = new StringBuilder();
        StringBuilder ins = new StringBuilder();
        for (int i = 0; i < keys.length; i++) {
            values.append(values.length() == 0 ? "" : ", ").append("cast(? as ").append(keyTypes[i]).append(')');
            on.append(on.length() == 0 ? "" : " and ").append("t.").append(keys[i]).append(" = s.").append(keys[i]);
            ins.append(ins.length() == 0 ? "" : ", ").append("s.").append(keys[i]);
        }
        for (int i = 0; i < adds.length; i++) {
            values.append(", cast(? as ").append(addTypes[i]).append(')');
            set.append(set.length() == 0 ? "" : ", ").append(adds[i]).append(" = t.").append(adds[i]).append(" + s.").append(adds[i]);
            ins.append(", s.").append(adds[i]);
        }
        return "merge into " + table + " t using (values (" + values + ")) s(" + cols + ") on " + on
                + " when matched then update set " + set + " when not matched then insert (" + cols + ") values (" + ins + ")";
    }
}
