-- CreateTable
CREATE TABLE "RankingSetting" (
    "seasonId" TEXT NOT NULL,
    "minUnitSize" INTEGER NOT NULL DEFAULT 5,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RankingSetting_pkey" PRIMARY KEY ("seasonId")
);

-- CreateTable
CREATE TABLE "RankingSnapshot" (
    "id" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,
    "seasonId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "publishedById" TEXT NOT NULL,
    "publishedByName" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RankingSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RankingSnapshot_seasonId_publishedAt_idx" ON "RankingSnapshot"("seasonId", "publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "RankingSnapshot_scope_scopeId_version_key" ON "RankingSnapshot"("scope", "scopeId", "version");
