-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_LessonVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "lessonId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "estimatedMinutes" INTEGER NOT NULL,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "regulations" TEXT NOT NULL DEFAULT '[]',
    "source" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "bodyHash" TEXT NOT NULL,
    "imageUrls" TEXT NOT NULL DEFAULT '{}',
    "problemCodes" TEXT NOT NULL DEFAULT '[]',
    "revision" INTEGER NOT NULL DEFAULT 1,
    "restoredFromVersion" INTEGER,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "publishedAt" DATETIME,
    "publishedById" TEXT,
    CONSTRAINT "LessonVersion_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_LessonVersion" ("bodyHash", "contentHash", "createdAt", "createdById", "estimatedMinutes", "id", "lessonId", "problemCodes", "publishedAt", "publishedById", "regulations", "restoredFromVersion", "revision", "source", "summary", "tags", "title", "updatedAt", "version") SELECT "bodyHash", "contentHash", "createdAt", "createdById", "estimatedMinutes", "id", "lessonId", "problemCodes", "publishedAt", "publishedById", "regulations", "restoredFromVersion", "revision", "source", "summary", "tags", "title", "updatedAt", "version" FROM "LessonVersion";
DROP TABLE "LessonVersion";
ALTER TABLE "new_LessonVersion" RENAME TO "LessonVersion";
CREATE INDEX "LessonVersion_lessonId_publishedAt_idx" ON "LessonVersion"("lessonId", "publishedAt");
CREATE UNIQUE INDEX "LessonVersion_lessonId_version_key" ON "LessonVersion"("lessonId", "version");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
