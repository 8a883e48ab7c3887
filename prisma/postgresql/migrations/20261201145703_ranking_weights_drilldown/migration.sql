-- AlterTable
ALTER TABLE "RankingSetting" ADD COLUMN     "memberDrillDown" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "roundWeights" TEXT NOT NULL DEFAULT '{}';
