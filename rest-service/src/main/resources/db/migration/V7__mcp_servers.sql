-- MCP servers the operator registered; a tool of type 'mcp' offers the allowed tools of one.
CREATE TABLE mcp_servers (
    id             UUID PRIMARY KEY,
    name           TEXT        NOT NULL,
    transport      TEXT        NOT NULL CHECK (transport IN ('streamable_http', 'sse', 'stdio')),
    url            TEXT,
    -- header name -> value, sent with every HTTP request (e.g. an API key)
    headers        JSONB       NOT NULL DEFAULT '{}',
    command        TEXT,
    args           TEXT[]      NOT NULL DEFAULT '{}',
    allowed_tools  TEXT[]      NOT NULL DEFAULT '{}',
    send_identity  BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT mcp_servers_name_key UNIQUE (name),
    CONSTRAINT mcp_servers_endpoint_check
        CHECK ((transport = 'stdio') = (command IS NOT NULL) AND (transport = 'stdio') = (url IS NULL))
);

-- a server still named by a tool cannot be deleted (409 from the API)
ALTER TABLE tools ADD COLUMN mcp_server_id UUID REFERENCES mcp_servers (id) ON DELETE RESTRICT;
ALTER TABLE tools ADD CONSTRAINT tools_mcp_server_check
    CHECK ((type = 'mcp') = (mcp_server_id IS NOT NULL));
CREATE INDEX tools_mcp_server_idx ON tools (mcp_server_id);

ALTER TABLE tools DROP CONSTRAINT tools_type_check;
ALTER TABLE tools ADD CONSTRAINT tools_type_check CHECK (type IN ('time', 'reminder_create',
    'reminder_list', 'reminder_delete', 'calendar_list', 'calendar_create', 'weather',
    'sub_assistant', 'memory_save', 'memory_search', 'memory_forget', 'mcp'));
