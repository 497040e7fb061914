-- Every change to who may read what (keys, principals, organisations, licences, grants) is
-- announced on the channel access_changed, so each server process drops its cached
-- principals and licences at once (src/access/access-cache.ts).
CREATE OR REPLACE FUNCTION access_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('access_changed', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER api_keys_access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON api_keys FOR EACH STATEMENT EXECUTE FUNCTION access_changed_notify();
--> statement-breakpoint
CREATE TRIGGER principals_access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON principals FOR EACH STATEMENT EXECUTE FUNCTION access_changed_notify();
--> statement-breakpoint
CREATE TRIGGER organisations_access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisations FOR EACH STATEMENT EXECUTE FUNCTION access_changed_notify();
--> statement-breakpoint
CREATE TRIGGER licences_access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON licences FOR EACH STATEMENT EXECUTE FUNCTION access_changed_notify();
--> statement-breakpoint
CREATE TRIGGER grants_access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON grants FOR EACH STATEMENT EXECUTE FUNCTION access_changed_notify();
