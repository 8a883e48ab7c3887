-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RankingSetting" (
    "seasonId" TEXT NOT NULL PRIMARY KEY,
    "minUnitSize" INTEGER NOT NULL DEFAULT 5,
    "roundWeights" TEXT NOT NULL DEFAULT '{}',
    "memberDrillDown" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_RankingSetting" ("minUnitSize", "seasonId", "updatedAt") SELECT "minUnitSize", "seasonId", "updatedAt" FROM "RankingSetting";
DROP TABLE "RankingSetting";
ALTER TABLE "new_RankingSetting" RENAME TO "RankingSetting";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
