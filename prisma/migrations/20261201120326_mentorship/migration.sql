-- CreateTable
CREATE TABLE "Pairing" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "mentorId" TEXT NOT NULL,
    "apprenticeId" TEXT NOT NULL,
    "activeApprenticeId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "startsOn" DATETIME NOT NULL,
    "endsOn" DATETIME NOT NULL,
    "businessGoals" TEXT NOT NULL DEFAULT '',
    "partyGoals" TEXT NOT NULL DEFAULT '',
    "endedAt" DATETIME,
    "endReason" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "MentorCheckIn" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pairingId" TEXT NOT NULL,
    "heldOn" DATETIME NOT NULL,
    "month" TEXT NOT NULL,
    "topics" TEXT NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "nextSteps" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MentorCheckIn_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "Pairing" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApprenticeReflection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pairingId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ApprenticeReflection_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "Pairing" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProjectLogEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pairingId" TEXT NOT NULL,
    "apprenticeId" TEXT NOT NULL,
    "projectName" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "periodStart" DATETIME NOT NULL,
    "periodEnd" DATETIME,
    "role" TEXT NOT NULL,
    "work" TEXT NOT NULL,
    "learned" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProjectLogEntry_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "Pairing" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProjectComment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "entryId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProjectComment_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "ProjectLogEntry" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TermEvaluation" (
    "pairingId" TEXT NOT NULL PRIMARY KEY,
    "businessRating" INTEGER NOT NULL,
    "businessComment" TEXT NOT NULL DEFAULT '',
    "partyRating" INTEGER NOT NULL,
    "partyComment" TEXT NOT NULL DEFAULT '',
    "comments" TEXT NOT NULL,
    "signedById" TEXT NOT NULL,
    "signedAt" DATETIME NOT NULL,
    "acknowledgedAt" DATETIME,
    "apprenticeNote" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "TermEvaluation_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "Pairing" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CourseAssignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'course',
    "courseId" TEXT,
    "lessonId" TEXT,
    "topic" TEXT,
    "questionCount" INTEGER,
    "pairingId" TEXT,
    "assignedById" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "dueAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CourseAssignment_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CourseAssignment_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CourseAssignment_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "Pairing" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_CourseAssignment" ("assignedById", "courseId", "createdAt", "dueAt", "id", "note", "userId") SELECT "assignedById", "courseId", "createdAt", "dueAt", "id", "note", "userId" FROM "CourseAssignment";
DROP TABLE "CourseAssignment";
ALTER TABLE "new_CourseAssignment" RENAME TO "CourseAssignment";
CREATE INDEX "CourseAssignment_courseId_idx" ON "CourseAssignment"("courseId");
CREATE INDEX "CourseAssignment_lessonId_idx" ON "CourseAssignment"("lessonId");
CREATE INDEX "CourseAssignment_pairingId_idx" ON "CourseAssignment"("pairingId");
CREATE INDEX "CourseAssignment_userId_createdAt_idx" ON "CourseAssignment"("userId", "createdAt");
CREATE UNIQUE INDEX "CourseAssignment_userId_courseId_key" ON "CourseAssignment"("userId", "courseId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Pairing_activeApprenticeId_key" ON "Pairing"("activeApprenticeId");

-- CreateIndex
CREATE INDEX "Pairing_mentorId_status_idx" ON "Pairing"("mentorId", "status");

-- CreateIndex
CREATE INDEX "Pairing_apprenticeId_startsOn_idx" ON "Pairing"("apprenticeId", "startsOn");

-- CreateIndex
CREATE INDEX "Pairing_status_idx" ON "Pairing"("status");

-- CreateIndex
CREATE INDEX "MentorCheckIn_pairingId_month_idx" ON "MentorCheckIn"("pairingId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "ApprenticeReflection_pairingId_month_key" ON "ApprenticeReflection"("pairingId", "month");

-- CreateIndex
CREATE INDEX "ProjectLogEntry_pairingId_periodStart_idx" ON "ProjectLogEntry"("pairingId", "periodStart");

-- CreateIndex
CREATE INDEX "ProjectLogEntry_apprenticeId_idx" ON "ProjectLogEntry"("apprenticeId");

-- CreateIndex
CREATE INDEX "ProjectComment_entryId_createdAt_idx" ON "ProjectComment"("entryId", "createdAt");
