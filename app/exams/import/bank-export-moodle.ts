// The bank (current versions, the list's filters) as Moodle XML or GIFT (ADR 027). Like the
// spreadsheet export it carries every answer key, so who took one is recorded.
import type { QuestionContent } from '#app/exams/bank/question-types.ts'
import type { QuestionFilter } from '#app/exams/bank/search.ts'
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db, DbOrTx } from '#app/utils/db-client.server.ts'
import { exportedQuestions, type ExportFile } from './bank-export.ts'
import { toGift, toMoodleXml } from './moodle-export.ts'

export const MOODLE_EXPORT_FORMATS = ['moodle_xml', 'gift'] as const
export type MoodleExportFormat = (typeof MOODLE_EXPORT_FORMATS)[number]

export async function exportBankContents(db: DbOrTx, filter: Omit<QuestionFilter, 'page' | 'pageSize'>, now = new Date()): Promise<QuestionContent[]> {
	return (await exportedQuestions(db, filter, now)).map(({ content }) => content)
}

export function moodleExportFile(contents: QuestionContent[], format: MoodleExportFormat, now = new Date()): ExportFile & { skipped: number } {
	const baseName = `题库导出-${now.toISOString().slice(0, 10)}`
	if (format === 'moodle_xml') return { body: Buffer.from(toMoodleXml(contents), 'utf8'), fileName: `${baseName}.xml`, contentType: 'application/xml; charset=utf-8', skipped: 0 }
	const gift = toGift(contents)
	return { body: Buffer.from(gift.text, 'utf8'), fileName: `${baseName}.gift.txt`, contentType: 'text/plain; charset=utf-8', skipped: gift.skipped }
}

export async function exportBankMoodleForPerson(
	db: Db,
	{ actorId, filter, format }: { actorId: string; filter: Omit<QuestionFilter, 'page' | 'pageSize'>; format: MoodleExportFormat },
	now = new Date(),
) {
	const contents = await exportBankContents(db, filter, now)
	const file = moodleExportFile(contents, format, now)
	const label = format === 'moodle_xml' ? 'Moodle XML' : 'GIFT'
	await auditedTransaction(db, (tx) =>
		writeAuditLog(tx, {
			actorId,
			action: 'bank.export',
			targetType: 'QuestionBank',
			summary: `导出题库 ${contents.length - file.skipped} 道题（含答案），格式 ${label}${file.skipped ? `，${file.skipped} 道多空填空题 GIFT 无法表示，未导出` : ''}`,
			after: { filter, format, rows: contents.length - file.skipped, skipped: file.skipped },
		}),
	)
	return file
}
