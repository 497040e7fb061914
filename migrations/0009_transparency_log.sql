CREATE TABLE "access_log_tree_nodes" (
	"level" smallint NOT NULL,
	"idx" bigint NOT NULL,
	"hash" "bytea" NOT NULL,
	CONSTRAINT "access_log_tree_nodes_level_idx_pk" PRIMARY KEY("level","idx")
);
--> statement-breakpoint
CREATE TABLE "checkpoint_cosignatures" (
	"tree_size" bigint NOT NULL,
	"witness" text NOT NULL,
	"line" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "checkpoint_cosignatures_tree_size_witness_pk" PRIMARY KEY("tree_size","witness")
);
--> statement-breakpoint
CREATE TABLE "transparency_checkpoints" (
	"tree_size" bigint PRIMARY KEY NOT NULL,
	"root_hash" text NOT NULL,
	"note" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
-- The tree, its checkpoints and their cosignatures are append-only, like the access log
-- they prove: the database refuses changes and removals whoever asks.
CREATE TRIGGER "access_log_tree_nodes_append_only" BEFORE UPDATE OR DELETE ON "access_log_tree_nodes"
FOR EACH ROW EXECUTE FUNCTION "access_log_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "access_log_tree_nodes_no_truncate" BEFORE TRUNCATE ON "access_log_tree_nodes"
FOR EACH STATEMENT EXECUTE FUNCTION "access_log_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "transparency_checkpoints_append_only" BEFORE UPDATE OR DELETE ON "transparency_checkpoints"
FOR EACH ROW EXECUTE FUNCTION "access_log_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "transparency_checkpoints_no_truncate" BEFORE TRUNCATE ON "transparency_checkpoints"
FOR EACH STATEMENT EXECUTE FUNCTION "access_log_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "checkpoint_cosignatures_append_only" BEFORE UPDATE OR DELETE ON "checkpoint_cosignatures"
FOR EACH ROW EXECUTE FUNCTION "access_log_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "checkpoint_cosignatures_no_truncate" BEFORE TRUNCATE ON "checkpoint_cosignatures"
FOR EACH STATEMENT EXECUTE FUNCTION "access_log_refuse_change"();
