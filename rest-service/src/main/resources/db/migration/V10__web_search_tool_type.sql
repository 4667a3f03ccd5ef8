-- The web_search tool type (docs/assistant.md, "Web search"). The allowed types are read from the
-- constraint as it stands and web_search added to them, so a type another migration allowed is
-- kept whatever the order the migrations were written in.
DO $$
DECLARE
    definition TEXT;
BEGIN
    SELECT pg_get_constraintdef(oid) INTO definition
    FROM pg_constraint
    WHERE conrelid = 'tools'::regclass AND conname = 'tools_type_check';
    IF definition IS NULL THEN
        RAISE EXCEPTION 'tools_type_check is missing';
    END IF;
    IF position('''web_search''' IN definition) = 0 THEN
        -- CHECK ((type = ANY (ARRAY['time'::text, ...]))) -> the same list with web_search first
        definition := replace(definition, 'ARRAY[', 'ARRAY[''web_search''::text, ');
        ALTER TABLE tools DROP CONSTRAINT tools_type_check;
        EXECUTE 'ALTER TABLE tools ADD CONSTRAINT tools_type_check ' || definition;
    END IF;
END
$$;
