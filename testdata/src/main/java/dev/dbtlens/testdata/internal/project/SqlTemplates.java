package dev.dbtlens.testdata.internal.project;

import java.util.List;
import java.util.Locale;

/** Renders raw (jinja) and compiled SQL for models, snapshots, tests and unit tests. */
public final class SqlTemplates {
    static final String DATABASE = "analytics";
    static final String TARGET_SCHEMA = "prod";
    public static final String RAW_DATABASE = "raw";

    private SqlTemplates() {
    }

    // ---------------------------------------------------------------- relations

    public static String schemaOf(Resource r) {
        if (r instanceof Model m) {
            return TARGET_SCHEMA + "_" + m.schemaSuffix();
        }
        if (r instanceof Seed) {
            return TARGET_SCHEMA + "_seeds";
        }
        if (r instanceof Snapshot) {
            return TARGET_SCHEMA + "_snapshots";
        }
        if (r instanceof SourceTable s) {
            return s.sourceName;
        }
        return TARGET_SCHEMA + "_dbt_test__audit";
    }

    public static String databaseOf(Resource r) {
        return r instanceof SourceTable ? RAW_DATABASE : DATABASE;
    }

    public static String aliasOf(Resource r) {
        if (r instanceof Model m) {
            return m.alias();
        }
        if (r instanceof DataTest t) {
            return t.alias;
        }
        return r.name;
    }

    public static String relationName(Resource r) {
        return databaseOf(r) + "." + schemaOf(r) + "." + aliasOf(r);
    }

    // ---------------------------------------------------------------- models

    /** The model's SQL file at the given revision (0 = original). */
    public static String modelRaw(Model m, int revision, boolean breaking) {
        if (m.layer == Model.Layer.STAGING) {
            return stagingRaw(m, revision);
        }
        if (m.layer == Model.Layer.PACKAGE) {
            return packageRaw(m);
        }
        return transformRaw(m, revision, breaking, false);
    }

    /** Compiled SQL: jinja resolved, ephemeral parents injected as CTEs. */
    public static String modelCompiled(Model m, int revision, boolean breaking) {
        if (m.layer == Model.Layer.STAGING) {
            return compileStaging(stagingRaw(m, revision), m);
        }
        if (m.layer == Model.Layer.PACKAGE) {
            return compilePackage(m);
        }
        String body = transformRaw(m, revision, breaking, true);
        Model eph = ephemeralParent(m);
        if (eph == null) {
            return body;
        }
        return "with " + ephemeralCte(eph) + ",\n" + body.substring("with\n".length());
    }

    public static Model ephemeralParent(Model m) {
        for (Resource r : m.parents) {
            if (r instanceof Model p && p.ephemeral()) {
                return p;
            }
        }
        return null;
    }

    public static String ephemeralCte(Model eph) {
        return "__dbt__cte__" + eph.name + " as (\n" + transformRaw(eph, 0, false, true) + "\n)";
    }

    private static String stagingRaw(Model m, int revision) {
        SourceTable src = (SourceTable) m.parents[0];
        StringBuilder sb = new StringBuilder("with\n\nsource as (\n\n    select * from {{ source('")
                .append(src.sourceName).append("', '").append(src.name).append("') }}\n\n),\n\nrenamed as (\n\n    select\n");
        List<Column> cols = m.columns;
        for (int i = 0; i < cols.size(); i++) {
            Column c = cols.get(i);
            String expr;
            if (i == 0) {
                expr = "id as " + c.name();
            } else if (c.name().equals("amount")) {
                expr = "{{ cents_to_dollars('amount') }} as amount";
            } else if (c.name().equals("loaded_at")) {
                expr = src.system.loadedAtField() + " as loaded_at";
            } else {
                expr = c.name();
            }
            sb.append("        ").append(expr).append(i + 1 < cols.size() ? ",\n" : "\n");
        }
        sb.append("\n    from source\n");
        for (int i = 1; i < m.parents.length; i++) {
            // a planted extra parent (PlantedViolation.STAGING_DEPENDS_ON_STAGING)
            sb.append("    where exists (select 1 from {{ ref('").append(m.parents[i].name).append("') }})\n");
        }
        if (revision > 0) {
            sb.append("    -- revision ").append(revision).append(": drop rows deleted upstream\n");
        }
        return sb.append("\n)\n\nselect * from renamed").toString();
    }

    private static String compileStaging(String raw, Model m) {
        SourceTable src = (SourceTable) m.parents[0];
        for (int i = 1; i < m.parents.length; i++) {
            raw = raw.replace("{{ ref('" + m.parents[i].name + "') }}", relationName(m.parents[i]));
        }
        return raw.replace("{{ source('" + src.sourceName + "', '" + src.name + "') }}", relationName(src))
                .replace("{{ cents_to_dollars('amount') }}", "(amount / 100)::numeric(16, 2)");
    }

    private static String packageRaw(Model m) {
        return switch (m.name) {
            case "util_date_spine" -> "{{ config(materialized='table') }}\n\nwith days as (\n\n    {{ shop_utils.date_spine("
                    + "'day', \"to_date('2015-01-01')\", \"to_date('2031-01-01')\") }}\n\n)\n\nselect\n"
                    + "    date_day,\n    date_trunc('week', date_day) as week_start,\n"
                    + "    date_trunc('month', date_day) as month_start,\n    quarter(date_day) as quarter,\n"
                    + "    year(date_day) as year,\n    dayofweekiso(date_day) in (6, 7) as is_weekend\nfrom days";
            case "util_countries" -> "select\n    country_code,\n    country_name,\n    region,\n"
                    + "    region = 'EU' as is_eu,\n    case region when 'EU' then 'EUR' when 'UK' then 'GBP' else 'USD' end"
                    + " as currency\nfrom {{ ref('country_codes') }}";
            default -> "select\n    date_day,\n    year(date_day) as fiscal_year,\n    quarter(date_day) as fiscal_quarter,\n"
                    + "    {{ shop_utils.get_fiscal_period('date_day') }} as fiscal_period,\n"
                    + "    weekiso(date_day) as fiscal_week\nfrom {{ ref('util_date_spine') }}";
        };
    }

    private static String compilePackage(Model m) {
        String prefix = DATABASE + "." + TARGET_SCHEMA + "_utils.";
        return packageRaw(m)
                .replace("{{ config(materialized='table') }}\n\n", "")
                .replace("{{ shop_utils.date_spine('day', \"to_date('2015-01-01')\", \"to_date('2031-01-01')\") }}",
                        "select dateadd(day, seq4(), to_date('2015-01-01')) as date_day\n"
                                + "    from table(generator(rowcount => 5844))")
                .replace("{{ ref('country_codes') }}", DATABASE + "." + TARGET_SCHEMA + "_seeds.country_codes")
                .replace("{{ shop_utils.get_fiscal_period('date_day') }}", "mod(month(date_day) - 2 + 12, 12) + 1")
                .replace("{{ ref('util_date_spine') }}", prefix + "util_date_spine");
    }

    private static String cteName(Resource r) {
        return r instanceof Model m ? m.alias() : r.name;
    }

    static String refCall(Model child, Resource parent) {
        if (parent instanceof Model p) {
            if (!p.packageName.equals(child.packageName)) {
                return "{{ ref('" + p.packageName + "', '" + p.name + "') }}";
            }
            if (child.pinnedParent == p) {
                return "{{ ref('" + p.name + "', v=" + p.version + ") }}";
            }
            return "{{ ref('" + p.name + "') }}";
        }
        if (parent instanceof Snapshot || parent instanceof Seed) {
            return "{{ ref('" + parent.name + "') }}";
        }
        SourceTable s = (SourceTable) parent;
        return "{{ source('" + s.sourceName + "', '" + s.name + "') }}";
    }

    /** Parents a ref to a versioned model resolves to: unpinned refs go to the latest version. */
    private static String compiledRef(Model child, Resource parent) {
        if (parent instanceof Model p && p.ephemeral()) {
            return "__dbt__cte__" + p.name;
        }
        return relationName(parent);
    }

    private static String transformRaw(Model m, int revision, boolean breaking, boolean compiled) {
        StringBuilder sb = new StringBuilder();
        if (m.incremental() && !compiled) {
            sb.append("{{\n    config(\n        materialized='incremental',\n");
            if (m.microbatch) {
                sb.append("        incremental_strategy='microbatch',\n        event_time='created_at',\n")
                        .append("        batch_size='day',\n        begin='2025-12-29'\n");
            } else {
                sb.append("        unique_key='").append(m.pk()).append("'\n");
            }
            sb.append("    )\n}}\n\n");
        }
        sb.append("with\n");
        for (Resource p : m.parents) {
            sb.append('\n').append(cteName(p)).append(" as (\n\n    select * from ")
                    .append(compiled ? compiledRef(m, p) : refCall(m, p)).append("\n\n),\n");
        }
        String first = cteName(m.parents[0]);
        sb.append("\nfinal as (\n\n    select\n");
        for (int i = 0; i < m.columns.size(); i++) {
            Column c = m.columns.get(i);
            sb.append("        ").append(selectExpr(m, c, i, first, compiled)).append(",\n");
        }
        if (breaking && revision == 1) {
            sb.append("        ").append(first).append(".discount_amount,\n");
        } else if (breaking && revision >= 2 && m.plantedLineage) {
            sb.append("        coalesce(").append(first).append('.').append(outputs(m.parents[0]).get(0))
                    .append(", 0) as discount_amount,\n");
        } else if (breaking && revision >= 2) {
            sb.append("        coalesce(").append(first).append(".discount_total, 0) as discount_amount,\n");
        }
        sb.append("        current_timestamp() as _loaded_at\n\n    from ").append(first).append('\n');
        for (int i = 1; i < m.parents.length; i++) {
            Resource p = m.parents[i];
            if (m.plantedLineage) {
                String key = plantedJoinKey(m, p);
                sb.append("    left join ").append(cteName(p)).append("\n        on ")
                        .append(key == null ? "1 = 1" : first + '.' + key + " = " + cteName(p) + '.' + key).append('\n');
                continue;
            }
            String key = joinKey(m, p);
            sb.append("    left join ").append(cteName(p)).append("\n        on ").append(first).append('.').append(key)
                    .append(" = ").append(cteName(p)).append('.').append(key).append('\n');
        }
        if (revision > 0 && !breaking) {
            sb.append("    -- revision ").append(revision).append(": exclude internal test accounts\n");
        }
        sb.append("\n)\n\nselect * from final");
        if (m.incremental() && !m.microbatch && m.plantedLineage) {
            sb.append(compiled ? "\n\nwhere _loaded_at > (select max(_loaded_at) from " + relationName(m) + ")"
                    : "\n\n{% if is_incremental() %}\nwhere _loaded_at > (select max(_loaded_at) from {{ this }})\n{% endif %}");
        } else if (m.incremental() && !m.microbatch) {
            sb.append(compiled ? "\n\nwhere updated_at > (select max(updated_at) from " + relationName(m) + ")"
                    : "\n\n{% if is_incremental() %}\nwhere updated_at > (select max(updated_at) from {{ this }})\n{% endif %}");
        }
        return sb.toString();
    }

    private static String selectExpr(Model m, Column c, int index, String first, boolean compiled) {
        if (m.plantedLineage) {
            PlantedSource s = plantedSource(m, c.name(), index);
            String ref = cteName(s.parent()) + "." + s.column();
            if (s.transformed()) {
                return (compiled ? "md5(cast(coalesce(cast(" + ref + " as varchar), '') as varchar))"
                        : "{{ shop_utils.surrogate_key(['" + ref + "']) }}") + " as " + c.name();
            }
            return s.column().equals(c.name()) ? ref : ref + " as " + c.name();
        }
        if (index == 0 && m.layer == Model.Layer.FACT && !m.microbatch) {
            String call = "{{ shop_utils.surrogate_key(['" + first + "." + c.name() + "']) }}";
            String expr = compiled ? "md5(cast(coalesce(cast(" + first + "." + c.name() + " as varchar), '') as varchar))"
                    : call;
            return expr + " as " + c.name();
        }
        for (int i = 1; i < m.parents.length; i++) {
            if (m.parents[i] instanceof Model p && p.entity.pk().equals(c.name())) {
                return cteName(p) + "." + c.name();
            }
        }
        return first + "." + c.name();
    }

    /** Where a column of a model with planted lineage comes from: one column of one parent. */
    public record PlantedSource(Resource parent, String column, boolean transformed) {}

    /**
     * The parent column a transform model's column is planted from: a later parent whose key it is, else the first
     * parent's column of that name, else any parent's, else the first parent's first column (renamed). A fact's
     * surrogate key is a transformation of it.
     */
    public static PlantedSource plantedSource(Model m, String column, int index) {
        boolean transformed = index == 0 && m.layer == Model.Layer.FACT && !m.microbatch;
        for (int i = 1; i < m.parents.length; i++) {
            if (m.parents[i] instanceof Model p && p.entity.pk().equals(column) && outputs(p).contains(column)) {
                return new PlantedSource(p, column, transformed);
            }
        }
        if (outputs(m.parents[0]).contains(column)) {
            return new PlantedSource(m.parents[0], column, transformed);
        }
        for (int i = 1; i < m.parents.length; i++) {
            if (outputs(m.parents[i]).contains(column)) {
                return new PlantedSource(m.parents[i], column, transformed);
            }
        }
        return new PlantedSource(m.parents[0], outputs(m.parents[0]).get(0), transformed);
    }

    /** The declared columns a resource's relation has (its SQL selects them, its catalog entry lists them). */
    public static List<String> outputs(Resource r) {
        List<Column> cols = r instanceof Model m ? m.columns : r instanceof Seed s ? s.columns
                : r instanceof Snapshot s ? s.columns : ((SourceTable) r).columns;
        return cols.stream().map(Column::name).toList();
    }

    private static String plantedJoinKey(Model m, Resource parent) {
        List<String> left = outputs(m.parents[0]);
        List<String> right = outputs(parent);
        if (parent instanceof Model p && left.contains(p.entity.pk()) && right.contains(p.entity.pk())) {
            return p.entity.pk();
        }
        for (String c : left) {
            if (right.contains(c)) {
                return c;
            }
        }
        return null;
    }

    private static String joinKey(Model m, Resource parent) {
        if (parent instanceof Model p && m.hasColumn(p.entity.pk())) {
            return p.entity.pk();
        }
        if (parent instanceof Model p && p.layer == Model.Layer.PACKAGE) {
            return "date_day";
        }
        return m.pk();
    }

    // ---------------------------------------------------------------- snapshots and tests

    public static String snapshotRaw(Snapshot s) {
        return "select * from {{ source('" + s.source.sourceName + "', '" + s.source.name + "') }}";
    }

    public static String snapshotCompiled(Snapshot s) {
        return "select * from " + relationName(s.source);
    }

    public static String testCompiled(DataTest t) {
        if (!t.generic()) {
            String sql = t.rawSql;
            for (Resource p : t.parents) {
                sql = sql.replace("{{ ref('" + p.name + "') }}", relationName(p));
            }
            return sql;
        }
        String rel = relationName(t.target);
        String col = t.columnName;
        return switch (t.testName) {
            case "unique" -> "\n    \n    \n\nselect\n    " + col + " as unique_field,\n    count(*) as n_records\n\nfrom "
                    + rel + "\nwhere " + col + " is not null\ngroup by " + col + "\nhaving count(*) > 1\n\n\n";
            case "not_null" -> "\n    \n    \n\n\n\nselect " + col + "\nfrom " + rel + "\nwhere " + col + " is null\n\n\n";
            case "accepted_values" -> "\n    \n    \n\nwith all_values as (\n\n    select\n        " + col
                    + " as value_field,\n        count(*) as n_records\n\n    from " + rel + "\n    group by " + col
                    + "\n\n)\n\nselect *\nfrom all_values\nwhere value_field not in (\n    '"
                    + String.join("','", t.acceptedValues) + "'\n)\n\n\n";
            default -> "\n    \n    \n\nwith child as (\n    select " + col + " as from_field\n    from " + rel
                    + "\n    where " + col + " is not null\n),\n\nparent as (\n    select " + t.toField
                    + " as to_field\n    from " + relationName(t.toModel) + "\n)\n\nselect\n    from_field\n\n"
                    + "from child\nleft join parent\n    on child.from_field = parent.to_field\n\n"
                    + "where parent.to_field is null\n\n\n";
        };
    }

    public static String unitTestCompiled(UnitTest u) {
        Model m = u.model;
        String cols = m.columns.get(0).name() + ", " + m.columns.get(1).name();
        StringBuilder given = new StringBuilder();
        for (Resource p : m.parents) {
            given.append("    ").append(cteName(p)).append(" as (\n        select cast(1 as NUMBER) as ")
                    .append(m.pk()).append("\n        union all\n        select cast(2 as NUMBER) as ")
                    .append(m.pk()).append("\n    ),\n");
        }
        return "-- Build actual result given inputs\nwith dbt_internal_unit_test_actual as (\n  select\n    " + cols
                + ", 'actual' as \"actual_or_expected\"\n  from (\n    with\n" + given
                + "    final as (select * from " + cteName(m.parents[0]) + ")\n    select * from final\n"
                + "  ) _dbt_internal_unit_test_actual\n),\n-- Build expected result\n"
                + "dbt_internal_unit_test_expected as (\n  select\n    " + cols
                + ", 'expected' as \"actual_or_expected\"\n  from (\n    select cast(1 as NUMBER) as " + m.pk()
                + "\n    union all\n    select cast(2 as NUMBER) as " + m.pk()
                + "\n  ) _dbt_internal_unit_test_expected\n)\n-- Union actual and expected results\n"
                + "select * from dbt_internal_unit_test_actual\nunion all\nselect * from dbt_internal_unit_test_expected";
    }

    /** Snowflake's error for the broken revision of the breaking model. */
    public static String breakingError(Model m) {
        String first = cteName(m.parents[0]).toUpperCase(Locale.ROOT);
        return "Database Error in model " + m.name + " (models/" + m.sqlPath() + ")\n"
                + "  000904 (42000): SQL compilation error: error line " + (8 + 4 * m.parents.length + m.columns.size())
                + " at position 8\n  invalid identifier '" + first + ".DISCOUNT_AMOUNT'\n"
                + "  compiled code at target/run/" + m.packageName + "/models/" + m.sqlPath();
    }

    /** A transient warehouse error, used for random failures in long histories. */
    public static String transientError(Model m) {
        return "Database Error in model " + m.name + " (models/" + m.sqlPath() + ")\n"
                + "  000630 (57014): Statement reached its statement or warehouse timeout of 3600 second(s) and was"
                + " canceled.\n  compiled code at target/run/" + m.packageName + "/models/" + m.sqlPath();
    }
}
