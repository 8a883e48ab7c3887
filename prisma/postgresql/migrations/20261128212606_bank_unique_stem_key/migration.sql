-- DropIndex
DROP INDEX "Question_stemKey_idx";

-- CreateIndex
CREATE UNIQUE INDEX "Question_stemKey_key" ON "Question"("stemKey");
