package dev.dbtlens.testdata.internal.project;

import java.util.ArrayList;
import java.util.List;

/**
 * The macros of the synthetic project: a realistic set from dbt's global project and the Snowflake adapter,
 * the installed {@code shop_utils} package and the root project. The bodies are written for this generator;
 * they look like dbt macros but are not copies of dbt's.
 */
final class MacroCatalog {

    private static final String DBT = "dbt";
    private static final String SNOWFLAKE = "dbt_snowflake";

    private final List<Macro> out = new ArrayList<>();

    private MacroCatalog() {
    }

    static List<Macro> macros() {
        MacroCatalog c = new MacroCatalog();
        c.dbtCore();
        c.snowflake();
        c.utils();
        c.root();
        return c.out;
    }

    private void dbtCore() {
        dispatch(DBT, "macros/adapters/schema.sql", "create_schema", "relation");
        dispatch(DBT, "macros/adapters/schema.sql", "drop_schema", "relation");
        dispatch(DBT, "macros/adapters/relation.sql", "drop_relation", "relation");
        dispatch(DBT, "macros/adapters/columns.sql", "get_columns_in_relation", "relation");
        dispatch(DBT, "macros/adapters/columns.sql", "alter_column_type", "relation", "column_name", "new_column_type");
        dispatch(DBT, "macros/adapters/metadata.sql", "get_catalog", "information_schema", "schemas");
        dispatch(DBT, "macros/adapters/metadata.sql", "list_relations_without_caching", "schema_relation");
        dispatch(DBT, "macros/adapters/freshness.sql", "collect_freshness", "source", "loaded_at_field", "filter");
        dispatch(DBT, "macros/adapters/timestamps.sql", "current_timestamp");
        dispatch(DBT, "macros/materializations/models/incremental/merge.sql", "get_merge_sql", "target", "source",
                "unique_key", "dest_columns", "incremental_predicates=none");
        dispatch(DBT, "macros/materializations/models/incremental/strategies.sql", "get_incremental_microbatch_sql",
                "arg_dict");
        dispatch(DBT, "macros/relations/table/create.sql", "create_table_as", "temporary", "relation",
                "compiled_code", "language='sql'");
        dispatch(DBT, "macros/relations/view/create.sql", "create_view_as", "relation", "sql");
        dispatch(DBT, "macros/materializations/snapshots/helpers.sql", "snapshot_merge_sql", "target", "source",
                "insert_cols");
        dispatch(DBT, "macros/materializations/tests/helpers.sql", "get_test_sql", "main_sql", "fail_calc",
                "warn_if", "error_if", "limit");
        for (String util : List.of("dateadd|datepart|interval|from_date_or_timestamp",
                "datediff|first_date|second_date|datepart", "hash|field")) {
            String[] parts = util.split("\\|");
            String[] args = new String[parts.length - 1];
            System.arraycopy(parts, 1, args, 0, args.length);
            dispatch(DBT, "macros/utils/" + parts[0] + ".sql", parts[0], args);
        }
        genericTest("unique", "select\n    {{ column_name }} as unique_field,\n    count(*) as n_records\n\n"
                + "from {{ model }}\nwhere {{ column_name }} is not null\ngroup by {{ column_name }}\nhaving count(*) > 1",
                "model", "column_name");
        genericTest("not_null", "{% set column_list = '*' if should_store_failures() else column_name %}\n\n"
                + "select {{ column_list }}\nfrom {{ model }}\nwhere {{ column_name }} is null",
                "model", "column_name");
        genericTest("accepted_values", "with all_values as (\n    select {{ column_name }} as value_field, count(*) as n_records\n"
                + "    from {{ model }}\n    group by {{ column_name }}\n)\n\nselect *\nfrom all_values\n"
                + "where value_field not in (\n    {% for value in values -%}\n        {% if quote %}'{{ value }}'"
                + "{% else %}{{ value }}{% endif %}{%- if not loop.last -%},{%- endif %}\n    {%- endfor %}\n)",
                "model", "column_name", "values", "quote=True");
        genericTest("relationships", "with child as (\n    select {{ column_name }} as from_field\n    from {{ model }}\n"
                + "    where {{ column_name }} is not null\n),\n\nparent as (\n    select {{ field }} as to_field\n"
                + "    from {{ to }}\n)\n\nselect from_field\nfrom child\nleft join parent\n"
                + "    on child.from_field = parent.to_field\nwhere parent.to_field is null",
                "model", "column_name", "to", "field");
        dispatch(DBT, "macros/materializations/tests/where_subquery.sql", "get_where_subquery", "relation");
        for (String kind : List.of("schema", "alias", "database")) {
            dispatch(DBT, "macros/get_custom_name/get_custom_" + kind + ".sql", "generate_" + kind + "_name",
                    "custom_" + kind + "_name=none", "node=none");
        }
        single(DBT, "macros/materializations/configs.sql", "should_full_refresh",
                "{% macro should_full_refresh() %}\n  {% set config_full_refresh = config.get('full_refresh') %}\n"
                        + "  {% if config_full_refresh is none %}\n    {% set config_full_refresh = flags.FULL_REFRESH %}\n"
                        + "  {% endif %}\n  {% do return(config_full_refresh) %}\n{% endmacro %}");
        single(DBT, "macros/materializations/configs.sql", "should_store_failures",
                "{% macro should_store_failures() %}\n  {% set config_store_failures = config.get('store_failures') %}\n"
                        + "  {% if config_store_failures is none %}\n    {% set config_store_failures = flags.STORE_FAILURES %}\n"
                        + "  {% endif %}\n  {% do return(config_store_failures) %}\n{% endmacro %}");
        single(DBT, "macros/materializations/models/incremental/is_incremental.sql", "is_incremental",
                "{% macro is_incremental() %}\n    {% if not execute %}\n        {{ return(False) }}\n    {% else %}\n"
                        + "        {% set relation = adapter.get_relation(this.database, this.schema, this.table) %}\n"
                        + "        {{ return(relation is not none and relation.type == 'table'\n"
                        + "                  and model.config.materialized == 'incremental' and not should_full_refresh()) }}\n"
                        + "    {% endif %}\n{% endmacro %}", "macro.dbt.should_full_refresh");
        single(DBT, "macros/materializations/hooks.sql", "run_hooks",
                "{% macro run_hooks(hooks, inside_transaction=True) %}\n  {% for hook in hooks | selectattr('transaction', 'equalto', inside_transaction) %}\n"
                        + "    {% call statement(auto_begin=inside_transaction) %}\n      {{ hook.get('sql') }}\n    {% endcall %}\n"
                        + "  {% endfor %}\n{% endmacro %}", "macro.dbt.statement");
        single(DBT, "macros/etc/statement.sql", "statement",
                "{% macro statement(name=None, fetch_result=False, auto_begin=True, language='sql') -%}\n"
                        + "  {%- if execute: -%}\n    {%- set compiled_code = caller() -%}\n"
                        + "    {%- set res, table = adapter.execute(compiled_code, auto_begin=auto_begin, fetch=fetch_result) -%}\n"
                        + "    {%- if name is not none -%}\n      {{ store_result(name, response=res, agate_table=table) }}\n"
                        + "    {%- endif -%}\n  {%- endif -%}\n{%- endmacro %}");
        single(DBT, "macros/etc/statement.sql", "run_query",
                "{% macro run_query(sql) %}\n  {% call statement(\"run_query_statement\", fetch_result=true, auto_begin=false) %}\n"
                        + "    {{ sql }}\n  {% endcall %}\n\n  {% do return(load_result(\"run_query_statement\").table) %}\n{% endmacro %}",
                "macro.dbt.statement");
        for (String m : List.of("table", "view", "incremental", "seed", "snapshot", "test", "unit")) {
            materialization(DBT, "macros/materializations/" + m + ".sql", m, "default");
        }
    }

    private void snowflake() {
        for (String name : List.of("create_table_as", "create_view_as", "get_columns_in_relation",
                "get_catalog", "get_merge_sql", "dateadd", "get_incremental_microbatch_sql", "collect_freshness")) {
            String sql = "{% macro snowflake__" + name + "(*args, **kwargs) -%}\n"
                    + "  {#-- Snowflake implementation of " + name + " --#}\n"
                    + "  {%- set sql = default__" + name + "(*args, **kwargs) -%}\n"
                    + "  {{ return(sql | replace('\"', '')) }}\n{%- endmacro %}";
            add(SNOWFLAKE, "macros/adapters.sql", "snowflake__" + name, sql, List.of("macro.dbt.default__" + name), "");
        }
        for (String m : List.of("table", "view", "incremental", "snapshot")) {
            materialization(SNOWFLAKE, "macros/materializations/" + m + ".sql", m, "snowflake");
        }
    }

    private void utils() {
        String u = ProjectBuilder.UTILS;
        dispatch(u, "macros/date_spine.sql", "date_spine", "datepart", "start_date", "end_date");
        dispatch(u, "macros/surrogate_key.sql", "surrogate_key", "field_list");
        single(u, "macros/safe_divide.sql", "safe_divide",
                "{% macro safe_divide(numerator, denominator) -%}\n    ({{ numerator }}) / nullif({{ denominator }}, 0)\n{%- endmacro %}");
        single(u, "macros/star_except.sql", "star_except",
                "{% macro star_except(relation, except=[]) -%}\n"
                        + "  {%- for col in adapter.get_columns_in_relation(relation) if col.name | lower not in except -%}\n"
                        + "    {{ col.quoted }}{{ ',' if not loop.last }}\n  {%- endfor -%}\n{%- endmacro %}",
                "macro.dbt.get_columns_in_relation");
        single(u, "macros/union_sources.sql", "union_sources",
                "{% macro union_sources(relations) -%}\n  {%- for relation in relations %}\n"
                        + "    select '{{ relation }}' as _source_relation, * from {{ relation }}\n"
                        + "    {% if not loop.last %}union all{% endif %}\n  {%- endfor %}\n{%- endmacro %}");
        single(u, "macros/generate_series.sql", "generate_series",
                "{% macro generate_series(upper_bound) -%}\n"
                        + "    select seq4() + 1 as generated_number from table(generator(rowcount => {{ upper_bound }}))\n"
                        + "{%- endmacro %}");
        single(u, "macros/fiscal.sql", "get_fiscal_period",
                "{% macro get_fiscal_period(date_column, start_month=2) -%}\n"
                        + "    mod(month({{ date_column }}) - {{ start_month }} + 12, 12) + 1\n{%- endmacro %}");
    }

    private void root() {
        String r = ProjectBuilder.ROOT;
        single(r, "macros/cents_to_dollars.sql", "cents_to_dollars",
                "{% macro cents_to_dollars(column_name, scale=2) -%}\n"
                        + "    ({{ column_name }} / 100)::numeric(16, {{ scale }})\n{%- endmacro %}");
        single(r, "macros/generate_schema_name.sql", "generate_schema_name",
                "{% macro generate_schema_name(custom_schema_name, node) -%}\n"
                        + "    {%- set default_schema = target.schema -%}\n"
                        + "    {%- if custom_schema_name is none -%}\n        {{ default_schema }}\n"
                        + "    {%- else -%}\n        {{ default_schema }}_{{ custom_schema_name | trim }}\n"
                        + "    {%- endif -%}\n{%- endmacro %}");
        single(r, "macros/grant_select.sql", "grant_select",
                "{% macro grant_select(role='reporter') %}\n"
                        + "    {% do run_query('grant select on ' ~ this ~ ' to role ' ~ role) %}\n{% endmacro %}",
                "macro.dbt.run_query");
        single(r, "macros/limit_in_dev.sql", "limit_in_dev",
                "{% macro limit_in_dev(rows=1000) -%}\n"
                        + "    {% if target.name == 'dev' %}limit {{ rows }}{% endif %}\n{%- endmacro %}");
        single(r, "macros/log_run_results.sql", "log_run_results",
                "{% macro log_run_results(results) %}\n  {% for res in results %}\n"
                        + "    {{ log(res.node.unique_id ~ ' ' ~ res.status ~ ' ' ~ res.execution_time, info=True) }}\n"
                        + "  {% endfor %}\n{% endmacro %}");
    }

    private void dispatch(String pkg, String path, String name, String... args) {
        String signature = String.join(", ", args);
        StringBuilder call = new StringBuilder();
        for (String a : args) {
            if (call.length() > 0) {
                call.append(", ");
            }
            call.append(a.contains("=") ? a.substring(0, a.indexOf('=')) : a);
        }
        String namespace = DBT.equals(pkg) ? "'dbt'" : "'" + pkg + "'";
        add(pkg, path, name, "{% macro " + name + "(" + signature + ") -%}\n  {{ return(adapter.dispatch('" + name
                + "', " + namespace + ")(" + call + ")) }}\n{%- endmacro %}",
                List.of("macro." + pkg + ".default__" + name), "");
        add(pkg, path, "default__" + name, "{% macro default__" + name + "(" + signature + ") -%}\n"
                + "  {% call statement('" + name + "', fetch_result=True) -%}\n"
                + "    select {{ " + (args.length == 0 ? "none" : call.toString().split(", ")[0]) + " }}\n"
                + "  {%- endcall %}\n  {{ return(load_result('" + name + "').table) }}\n{%- endmacro %}",
                List.of("macro.dbt.statement"), "");
    }

    private void genericTest(String test, String body, String... args) {
        String signature = String.join(", ", args);
        add(DBT, "tests/generic/builtin.sql", "test_" + test, "{% test " + test + "(" + signature + ") %}\n"
                + "    {% set macro = adapter.dispatch('test_" + test + "', 'dbt') %}\n    {{ macro(" + signature
                .replace("=True", "=quote") + ") }}\n{% endtest %}", List.of("macro.dbt.default__test_" + test), "");
        add(DBT, "macros/generic_test_sql/" + test + ".sql", "default__test_" + test, "{% macro default__test_" + test
                + "(" + signature + ") %}\n\n" + body + "\n\n{% endmacro %}",
                "not_null".equals(test) ? List.of("macro.dbt.should_store_failures") : List.of(), "");
    }

    private void materialization(String pkg, String path, String kind, String adapter) {
        String name = "materialization_" + kind + "_" + adapter;
        String sql = "{% materialization " + kind + ", " + ("default".equals(adapter) ? "default" : "adapter='" + adapter + "'")
                + " %}\n  {%- set target_relation = this.incorporate(type='" + ("view".equals(kind) ? "view" : "table")
                + "') -%}\n  {{ run_hooks(pre_hooks, inside_transaction=False) }}\n"
                + "  {% call statement('main') -%}\n    {{ get_create_table_as_sql(False, target_relation, sql) }}\n"
                + "  {%- endcall %}\n  {{ run_hooks(post_hooks, inside_transaction=False) }}\n"
                + "  {{ return({'relations': [target_relation]}) }}\n{% endmaterialization %}";
        add(pkg, path, name, sql, List.of("macro.dbt.run_hooks", "macro.dbt.statement"), "");
    }

    private void single(String pkg, String path, String name, String sql, String... dependsOn) {
        add(pkg, path, name, sql, List.of(dependsOn), "");
    }

    private void add(String pkg, String path, String name, String sql, List<String> dependsOn, String description) {
        out.add(new Macro(pkg, name, path, sql, dependsOn, description));
    }
}
