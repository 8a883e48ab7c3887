-- AlterTable
ALTER TABLE "Round" ADD COLUMN     "marksRelease" TEXT NOT NULL DEFAULT 'after_close',
ADD COLUMN     "scoreRelease" TEXT NOT NULL DEFAULT 'after_close';
