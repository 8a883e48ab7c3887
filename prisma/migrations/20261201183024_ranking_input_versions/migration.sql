-- CreateTable
CREATE TABLE "RankingInputVersion" (
    "scope" TEXT NOT NULL PRIMARY KEY,
    "version" BIGINT NOT NULL
);

-- Triggers (ADR 072): a closed paper or the directory changed, so a cached ranking input is stale.
-- A new row starts at a random version, and later changes add one. Open papers are never read by a
-- ranking, so starting a paper and saving answers touch nothing here.
CREATE TRIGGER "ranking_input_attempt_insert" AFTER INSERT ON "Attempt" WHEN NEW."status" <> 'open'
BEGIN
    INSERT INTO "RankingInputVersion" ("scope", "version") VALUES ('round:' || NEW."roundId" || ':' || (unicode(substr(NEW."userId", -1)) % 8), abs(random() % 1000000000000))
        ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "ranking_input_attempt_update" AFTER UPDATE OF "roundId", "userId", "status", "startedAt", "finishedAt", "score", "gradingStatus" ON "Attempt"
    WHEN OLD."status" <> 'open' OR NEW."status" <> 'open'
BEGIN
    INSERT INTO "RankingInputVersion" ("scope", "version") VALUES ('round:' || OLD."roundId" || ':' || (unicode(substr(OLD."userId", -1)) % 8), abs(random() % 1000000000000))
        ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
    INSERT INTO "RankingInputVersion" ("scope", "version") VALUES ('round:' || NEW."roundId" || ':' || (unicode(substr(NEW."userId", -1)) % 8), abs(random() % 1000000000000))
        ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "ranking_input_attempt_delete" AFTER DELETE ON "Attempt" WHEN OLD."status" <> 'open'
BEGIN
    INSERT INTO "RankingInputVersion" ("scope", "version") VALUES ('round:' || OLD."roundId" || ':' || (unicode(substr(OLD."userId", -1)) % 8), abs(random() % 1000000000000))
        ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "ranking_input_user_insert" AFTER INSERT ON "User"
BEGIN
    INSERT INTO "RankingInputVersion" ("scope", "version") VALUES ('directory', abs(random() % 1000000000000)) ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "ranking_input_user_update" AFTER UPDATE OF "id", "name", "username", "unitId", "active" ON "User"
BEGIN
    INSERT INTO "RankingInputVersion" ("scope", "version") VALUES ('directory', abs(random() % 1000000000000)) ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "ranking_input_user_delete" AFTER DELETE ON "User"
BEGIN
    INSERT INTO "RankingInputVersion" ("scope", "version") VALUES ('directory', abs(random() % 1000000000000)) ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "ranking_input_role_insert" AFTER INSERT ON "UserRole"
BEGIN
    INSERT INTO "RankingInputVersion" ("scope", "version") VALUES ('directory', abs(random() % 1000000000000)) ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "ranking_input_role_update" AFTER UPDATE ON "UserRole"
BEGIN
    INSERT INTO "RankingInputVersion" ("scope", "version") VALUES ('directory', abs(random() % 1000000000000)) ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "ranking_input_role_delete" AFTER DELETE ON "UserRole"
BEGIN
    INSERT INTO "RankingInputVersion" ("scope", "version") VALUES ('directory', abs(random() % 1000000000000)) ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;
