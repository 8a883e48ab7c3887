-- CreateTable
CREATE TABLE "RankingSetting" (
    "seasonId" TEXT NOT NULL PRIMARY KEY,
    "minUnitSize" INTEGER NOT NULL DEFAULT 5,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RankingSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scope" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,
    "seasonId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "publishedById" TEXT NOT NULL,
    "publishedByName" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "RankingSnapshot_seasonId_publishedAt_idx" ON "RankingSnapshot"("seasonId", "publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "RankingSnapshot_scope_scopeId_version_key" ON "RankingSnapshot"("scope", "scopeId", "version");
