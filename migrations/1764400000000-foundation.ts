import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Identity (organizations, users, sessions, service tokens) and the append-only audit log. */
export class Foundation1764400000000 implements MigrationInterface {
  name = 'Foundation1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('CITY', 'PESO')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        municipality_code char(6) UNIQUE,
        jurisdiction_codes char(6)[] NOT NULL DEFAULT '{}',
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organization_kind_shape CHECK (
          (kind = 'CITY' AND municipality_code IS NOT NULL)
          OR (kind = 'PESO' AND municipality_code IS NULL AND cardinality(jurisdiction_codes) > 0)
        )
      )`);
    await db.query(`CREATE UNIQUE INDEX organization_name_kind ON organization (kind, lower(name))`);
    await db.query(`CREATE INDEX organization_jurisdiction ON organization USING gin (jurisdiction_codes)`);

    await db.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organization (id),
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
        password_hash text NOT NULL,
        roles text[] NOT NULL CHECK (
          cardinality(roles) > 0
          AND roles <@ ARRAY['ADMIN', 'CITY_CASEWORKER', 'SCHOOL_OFFICER', 'PESO_COUNSELOR', 'REPORT_VIEWER']
        ),
        active boolean NOT NULL DEFAULT true,
        last_login_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX app_user_email ON app_user (lower(email))`);
    await db.query(`CREATE INDEX app_user_org ON app_user (org_id)`);

    await db.query(`
      CREATE TABLE user_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        ip inet,
        user_agent text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await db.query(`CREATE INDEX user_session_user ON user_session (user_id) WHERE revoked_at IS NULL`);
    await db.query(`CREATE INDEX user_session_expires ON user_session (expires_at)`);

    await db.query(`
      CREATE TABLE service_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organization (id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        token_hash bytea NOT NULL UNIQUE,
        roles text[] NOT NULL CHECK (
          cardinality(roles) > 0
          AND roles <@ ARRAY['ADMIN', 'CITY_CASEWORKER', 'SCHOOL_OFFICER', 'PESO_COUNSELOR', 'REPORT_VIEWER']
        ),
        created_by_user_id uuid REFERENCES app_user (id),
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX service_token_org ON service_token (org_id)`);

    await db.query(`
      CREATE TABLE audit_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_user_id uuid,
        actor_service_token_id uuid,
        actor_org_id uuid,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text,
        resident_id uuid,
        purpose text,
        diff jsonb,
        request_id text,
        ip inet
      )`);
    await db.query(`CREATE INDEX audit_event_at ON audit_event (at DESC, id DESC)`);
    await db.query(`CREATE INDEX audit_event_entity ON audit_event (entity, entity_id, at DESC)`);
    await db.query(`CREATE INDEX audit_event_actor ON audit_event (actor_user_id, at DESC)`);
    await db.query(`CREATE INDEX audit_event_org ON audit_event (actor_org_id, at DESC)`);
    await db.query(
      `CREATE INDEX audit_event_resident ON audit_event (resident_id, at DESC) WHERE resident_id IS NOT NULL`,
    );

    // Append-only, even for a superuser connection (GRANTs do not bind superusers; triggers do).
    await db.query(`
      CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await db.query(`
      CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only()`);
    await db.query(`
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only()`);
    await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_event`);
    await db.query(`DROP FUNCTION audit_event_is_append_only`);
    await db.query(`DROP TABLE service_token`);
    await db.query(`DROP TABLE user_session`);
    await db.query(`DROP TABLE app_user`);
    await db.query(`DROP TABLE organization`);
  }
}
