-- AlterTable
ALTER TABLE "CourseAssignment" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'course',
ADD COLUMN     "lessonId" TEXT,
ADD COLUMN     "pairingId" TEXT,
ADD COLUMN     "questionCount" INTEGER,
ADD COLUMN     "topic" TEXT,
ALTER COLUMN "courseId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "Pairing" (
    "id" TEXT NOT NULL,
    "mentorId" TEXT NOT NULL,
    "apprenticeId" TEXT NOT NULL,
    "activeApprenticeId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "startsOn" TIMESTAMP(3) NOT NULL,
    "endsOn" TIMESTAMP(3) NOT NULL,
    "businessGoals" TEXT NOT NULL DEFAULT '',
    "partyGoals" TEXT NOT NULL DEFAULT '',
    "endedAt" TIMESTAMP(3),
    "endReason" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Pairing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MentorCheckIn" (
    "id" TEXT NOT NULL,
    "pairingId" TEXT NOT NULL,
    "heldOn" TIMESTAMP(3) NOT NULL,
    "month" TEXT NOT NULL,
    "topics" TEXT NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "nextSteps" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MentorCheckIn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprenticeReflection" (
    "id" TEXT NOT NULL,
    "pairingId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApprenticeReflection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectLogEntry" (
    "id" TEXT NOT NULL,
    "pairingId" TEXT NOT NULL,
    "apprenticeId" TEXT NOT NULL,
    "projectName" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3),
    "role" TEXT NOT NULL,
    "work" TEXT NOT NULL,
    "learned" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProjectLogEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectComment" (
    "id" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProjectComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TermEvaluation" (
    "pairingId" TEXT NOT NULL,
    "businessRating" INTEGER NOT NULL,
    "businessComment" TEXT NOT NULL DEFAULT '',
    "partyRating" INTEGER NOT NULL,
    "partyComment" TEXT NOT NULL DEFAULT '',
    "comments" TEXT NOT NULL,
    "signedById" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),
    "apprenticeNote" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "TermEvaluation_pkey" PRIMARY KEY ("pairingId")
);

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

-- CreateIndex
CREATE INDEX "CourseAssignment_lessonId_idx" ON "CourseAssignment"("lessonId");

-- CreateIndex
CREATE INDEX "CourseAssignment_pairingId_idx" ON "CourseAssignment"("pairingId");

-- CreateIndex
CREATE INDEX "CourseAssignment_userId_createdAt_idx" ON "CourseAssignment"("userId", "createdAt");

-- AddForeignKey
ALTER TABLE "CourseAssignment" ADD CONSTRAINT "CourseAssignment_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CourseAssignment" ADD CONSTRAINT "CourseAssignment_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "Pairing"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentorCheckIn" ADD CONSTRAINT "MentorCheckIn_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "Pairing"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprenticeReflection" ADD CONSTRAINT "ApprenticeReflection_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "Pairing"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectLogEntry" ADD CONSTRAINT "ProjectLogEntry_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "Pairing"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectComment" ADD CONSTRAINT "ProjectComment_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "ProjectLogEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TermEvaluation" ADD CONSTRAINT "TermEvaluation_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "Pairing"("id") ON DELETE CASCADE ON UPDATE CASCADE;
