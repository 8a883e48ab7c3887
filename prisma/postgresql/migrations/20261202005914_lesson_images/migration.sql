-- CreateTable
CREATE TABLE "LessonImage" (
    "sha256" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "bytes" BYTEA,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "byteLength" INTEGER NOT NULL,
    "storage" TEXT NOT NULL DEFAULT 'db',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LessonImage_pkey" PRIMARY KEY ("sha256")
);
