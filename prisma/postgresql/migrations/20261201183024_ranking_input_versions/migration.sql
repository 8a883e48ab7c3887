-- CreateTable
CREATE TABLE "RankingInputVersion" (
    "scope" TEXT NOT NULL,
    "version" BIGINT NOT NULL,

    CONSTRAINT "RankingInputVersion_pkey" PRIMARY KEY ("scope")
);

-- Triggers (ADR 072): a closed paper or the directory changed, so a cached ranking input is stale.
-- A new row starts at a random version, and later changes add one. Open papers are never read by a
-- ranking, so starting a paper and saving answers touch nothing here.
CREATE FUNCTION "ranking_input_bump"(input_scope TEXT) RETURNS VOID LANGUAGE SQL AS $$
    INSERT INTO "RankingInputVersion" ("scope", "version") VALUES (input_scope, floor(random() * 1000000000000)::BIGINT)
        ON CONFLICT ("scope") DO UPDATE SET "version" = "RankingInputVersion"."version" + 1;
$$;

CREATE FUNCTION "ranking_input_attempt"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD."status" <> 'open' OR TG_OP = 'UPDATE' AND NEW."status" <> 'open' THEN
        PERFORM "ranking_input_bump"('round:' || OLD."roundId" || ':' || (ascii(right(OLD."userId", 1)) % 8));
    END IF;
    IF TG_OP <> 'DELETE' AND NEW."status" <> 'open' THEN
        PERFORM "ranking_input_bump"('round:' || NEW."roundId" || ':' || (ascii(right(NEW."userId", 1)) % 8));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER "ranking_input_attempt_insert" AFTER INSERT ON "Attempt" FOR EACH ROW EXECUTE FUNCTION "ranking_input_attempt"();
CREATE TRIGGER "ranking_input_attempt_update" AFTER UPDATE OF "roundId", "userId", "status", "startedAt", "finishedAt", "score", "gradingStatus" ON "Attempt"
    FOR EACH ROW EXECUTE FUNCTION "ranking_input_attempt"();
CREATE TRIGGER "ranking_input_attempt_delete" AFTER DELETE ON "Attempt" FOR EACH ROW EXECUTE FUNCTION "ranking_input_attempt"();

CREATE FUNCTION "ranking_input_directory"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "ranking_input_bump"('directory');
    RETURN NULL;
END $$;

CREATE TRIGGER "ranking_input_user_insert" AFTER INSERT ON "User" FOR EACH ROW EXECUTE FUNCTION "ranking_input_directory"();
CREATE TRIGGER "ranking_input_user_update" AFTER UPDATE OF "id", "name", "username", "unitId", "active" ON "User" FOR EACH ROW EXECUTE FUNCTION "ranking_input_directory"();
CREATE TRIGGER "ranking_input_user_delete" AFTER DELETE ON "User" FOR EACH ROW EXECUTE FUNCTION "ranking_input_directory"();
CREATE TRIGGER "ranking_input_role_insert" AFTER INSERT ON "UserRole" FOR EACH ROW EXECUTE FUNCTION "ranking_input_directory"();
CREATE TRIGGER "ranking_input_role_update" AFTER UPDATE ON "UserRole" FOR EACH ROW EXECUTE FUNCTION "ranking_input_directory"();
CREATE TRIGGER "ranking_input_role_delete" AFTER DELETE ON "UserRole" FOR EACH ROW EXECUTE FUNCTION "ranking_input_directory"();
