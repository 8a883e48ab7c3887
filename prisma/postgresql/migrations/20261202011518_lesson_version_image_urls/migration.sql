-- AlterTable
ALTER TABLE "LessonVersion" ADD COLUMN     "imageUrls" TEXT NOT NULL DEFAULT '{}';
