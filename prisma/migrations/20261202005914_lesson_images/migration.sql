-- CreateTable
CREATE TABLE "LessonImage" (
    "sha256" TEXT NOT NULL PRIMARY KEY,
    "mime" TEXT NOT NULL,
    "bytes" BLOB,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "byteLength" INTEGER NOT NULL,
    "storage" TEXT NOT NULL DEFAULT 'db',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
