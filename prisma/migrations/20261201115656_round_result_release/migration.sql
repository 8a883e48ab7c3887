-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Round" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "seasonId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "opensAt" DATETIME NOT NULL,
    "closesAt" DATETIME NOT NULL,
    "timeLimitMinutes" INTEGER NOT NULL,
    "attemptsAllowed" INTEGER NOT NULL DEFAULT 1,
    "shuffleQuestions" BOOLEAN NOT NULL DEFAULT true,
    "shuffleOptions" BOOLEAN NOT NULL DEFAULT true,
    "multipleChoicePolicy" TEXT NOT NULL DEFAULT 'all_or_nothing',
    "partialCreditRatio" REAL NOT NULL DEFAULT 0.5,
    "fillBlankOrderInsensitive" BOOLEAN NOT NULL DEFAULT false,
    "instructions" TEXT NOT NULL DEFAULT '',
    "reviewOpensAt" DATETIME,
    "scoreRelease" TEXT NOT NULL DEFAULT 'after_close',
    "marksRelease" TEXT NOT NULL DEFAULT 'after_close',
    "secondMarkerEnabled" BOOLEAN NOT NULL DEFAULT false,
    "discrepancyThreshold" REAL,
    "publishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Round_seasonId_fkey" FOREIGN KEY ("seasonId") REFERENCES "Season" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Round" ("attemptsAllowed", "closesAt", "createdAt", "discrepancyThreshold", "fillBlankOrderInsensitive", "id", "instructions", "multipleChoicePolicy", "opensAt", "partialCreditRatio", "position", "publishedAt", "reviewOpensAt", "seasonId", "secondMarkerEnabled", "shuffleOptions", "shuffleQuestions", "status", "timeLimitMinutes", "title", "topic", "updatedAt") SELECT "attemptsAllowed", "closesAt", "createdAt", "discrepancyThreshold", "fillBlankOrderInsensitive", "id", "instructions", "multipleChoicePolicy", "opensAt", "partialCreditRatio", "position", "publishedAt", "reviewOpensAt", "seasonId", "secondMarkerEnabled", "shuffleOptions", "shuffleQuestions", "status", "timeLimitMinutes", "title", "topic", "updatedAt" FROM "Round";
DROP TABLE "Round";
ALTER TABLE "new_Round" RENAME TO "Round";
CREATE INDEX "Round_status_opensAt_idx" ON "Round"("status", "opensAt");
CREATE UNIQUE INDEX "Round_seasonId_position_key" ON "Round"("seasonId", "position");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
