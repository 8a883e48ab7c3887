// Export the bank (current versions) in the import format, and the downloadable template.
// Export → import gives the same questions: every field has a column (ADR 022).
import { OPTION_KEYS, QUESTION_STATUS_LABELS, QUESTION_TYPE_LABELS, type QuestionContent, type QuestionStatus } from '#app/exams/bank/question-types.ts'
import { TOPIC_LABELS } from '#app/utils/topics.ts'
import { formatRegulation } from '#app/exams/bank/regulation-format.ts'
import { questionWhere, type QuestionFilter } from '#app/exams/bank/search.ts'
import { columnsToContent, VERSION_CONTENT_SELECT } from '#app/exams/bank/version-content.server.ts'
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db, DbOrTx } from '#app/utils/db-client.server.ts'
import { writeCsv, writeXlsx, type SheetColumn, type SpreadsheetFormat } from '#app/utils/xlsx.server.ts'
import { formatAnswer } from './answer-format.ts'
import { ACCEPTED_STATUS_TEXT, ACCEPTED_TOPIC_TEXT, ACCEPTED_TYPE_TEXT, BANK_COLUMNS, OPTION_COLUMNS, type BankColumn } from './columns.ts'

const WIDTHS: Partial<Record<BankColumn, number>> = { 题干: 60, 答案: 24, 解析: 40, 标签: 20, 法规依据: 40, 关联课程: 20, 关联问题: 20, 评分要点: 40 }

export const BANK_SHEET_COLUMNS: SheetColumn[] = BANK_COLUMNS.map((header) => ({
	header,
	width: WIDTHS[header] ?? ((OPTION_COLUMNS as readonly string[]).includes(header) ? 24 : 10),
	text: true,
}))

export function contentToRow(content: QuestionContent, status: QuestionStatus): string[] {
	const options = new Map(content.options.map((option) => [option.key, option.text]))
	const cells: Record<BankColumn, string> = {
		题型: QUESTION_TYPE_LABELS[content.type],
		专题: TOPIC_LABELS[content.topic],
		难度: String(content.difficulty),
		分值: String(content.points),
		题干: content.stem,
		...(Object.fromEntries(OPTION_KEYS.map((key, i) => [OPTION_COLUMNS[i], options.get(key) ?? ''])) as Record<(typeof OPTION_COLUMNS)[number], string>),
		答案: formatAnswer(content),
		解析: content.explanation,
		标签: content.tags.join('、'),
		法规依据: formatRegulation(content.regulation),
		关联课程: content.lessonRefs.join('、'),
		关联问题: content.problemRefs.join('、'),
		评分要点: content.rubric ?? '',
		状态: QUESTION_STATUS_LABELS[status],
	}
	return BANK_COLUMNS.map((column) => cells[column])
}

/** Every question the filter finds, current version and status, read a thousand at a time (every export format reads through this). */
export async function exportedQuestions(db: DbOrTx, filter: Omit<QuestionFilter, 'page' | 'pageSize'>, now = new Date()) {
	const questions: { content: QuestionContent; status: QuestionStatus }[] = []
	let cursor: string | undefined
	for (;;) {
		const page = await db.question.findMany({
			where: questionWhere(filter, now),
			orderBy: { id: 'asc' },
			take: 1000,
			...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
			select: { id: true, status: true, currentVersion: { select: VERSION_CONTENT_SELECT } },
		})
		for (const question of page) {
			if (question.currentVersion) questions.push({ content: columnsToContent(question.currentVersion), status: question.status as QuestionStatus })
		}
		if (page.length < 1000) return questions
		cursor = page[page.length - 1]!.id
	}
}

export async function exportBankRows(db: DbOrTx, filter: Omit<QuestionFilter, 'page' | 'pageSize'>, now = new Date()) {
	return (await exportedQuestions(db, filter, now)).map(({ content, status }) => contentToRow(content, status))
}

export type ExportFile = { body: Buffer; fileName: string; contentType: string }

const CONTENT_TYPES: Record<SpreadsheetFormat, string> = {
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	csv: 'text/csv; charset=utf-8',
}

async function sheetFile(rows: string[][], format: SpreadsheetFormat, baseName: string, extraSheets: Parameters<typeof writeXlsx>[0] = []): Promise<ExportFile> {
	const body =
		format === 'xlsx'
			? await writeXlsx([{ name: '题目', columns: BANK_SHEET_COLUMNS, rows }, ...extraSheets])
			: Buffer.from(writeCsv([...BANK_COLUMNS], rows), 'utf8')
	return { body, fileName: `${baseName}.${format}`, contentType: CONTENT_TYPES[format] }
}

function exportFileName(now: Date) {
	return `题库导出-${now.toISOString().slice(0, 10)}`
}

export async function bankExportFile(db: DbOrTx, filter: Omit<QuestionFilter, 'page' | 'pageSize'>, format: SpreadsheetFormat, now = new Date()) {
	return sheetFile(await exportBankRows(db, filter, now), format, exportFileName(now))
}

/** An export carries every answer key, so who took one is recorded. */
export async function exportBankForPerson(
	db: Db,
	{ actorId, filter, format }: { actorId: string; filter: Omit<QuestionFilter, 'page' | 'pageSize'>; format: SpreadsheetFormat },
	now = new Date(),
) {
	const rows = await exportBankRows(db, filter, now)
	const file = await sheetFile(rows, format, exportFileName(now))
	await auditedTransaction(db, (tx) =>
		writeAuditLog(tx, {
			actorId,
			action: 'bank.export',
			targetType: 'QuestionBank',
			summary: `导出题库 ${rows.length} 道题（含答案），格式 ${format}`,
			after: { filter, format, rows: rows.length },
		}),
	)
	return file
}

/** One example per common type; the 【示例】 prefix keeps them apart from real questions. */
const TEMPLATE_EXAMPLES: string[][] = [
	['单选', '财政', '2', '1', '【示例】部门预算执行审计中，对“三公”经费支出的审计重点是（ ）。', '是否超预算、无预算支出', '是否编制了政府采购计划', '是否开设了基本账户', '是否取得了票据', '', '', '', '', 'A', '支出必须以经批准的预算为依据，未列入预算的不得支出。', '三公经费、预算执行', '《中华人民共和国预算法》第十三条（生效：2015-01-01）', '', '', '', '启用'],
	['多选', '经责', '3', '2', '【示例】经济责任审计中，领导干部应当承担领导责任的情形有（ ）。', '民主决策时在多数人同意的情况下决策不当造成损失', '疏于监管，未及时发现所辖范围内的违规问题', '授意下属人员违反有关规定', '直接违反有关法律法规', '', '', '', '', 'A,B', 'C、D属于直接责任情形。', '责任界定', '《党政主要领导干部和国有企事业单位主要领导人员经济责任审计规定》', '', '', '', '启用'],
	['判断', '固投', '1', '1', '【示例】EPC 项目实行总价包干，结算审计可以不审查设计变更。', '', '', '', '', '', '', '', '', '错', '设计变更直接影响工程造价，是结算审计的重点。', 'EPC', '', '', '', '', '启用'],
	['填空', '综合', '2', '2', '【示例】审计证据应当具有____和____。', '', '', '', '', '', '', '', '', '适当性；充分性', '同一空有多个可接受答案时用 | 分隔，如：3%|百分之三', '', '《中华人民共和国国家审计准则》（生效：2011-01-01）', '', '', '', '启用'],
	['简答', '财政', '3', '10', '【示例】简述预算执行审计中发现“以拨代支”问题后的审计处理思路。', '', '', '', '', '', '', '', '', '核实资金拨付与实际使用情况，定性为虚列支出，责令调整账目、按规定管理结转结余……', '', '以拨代支', '', '', '', '查实方法3分；定性及依据3分；处理意见和建议4分', '草稿'],
]

const TEMPLATE_NOTES: string[][] = [
	['题型', `必填：${ACCEPTED_TYPE_TEXT}`],
	['专题', `必填：${ACCEPTED_TOPIC_TEXT}`],
	['难度', '必填：1–5 的整数，1 最易'],
	['分值', '必填：大于 0，最多一位小数'],
	['题干', '必填。填空题用 ____ 或（ ）标出每个空'],
	['选项A … 选项H', '单选/多选题从 A 起连续填写，至少两项；其他题型留空'],
	['答案', '单选：B；多选：ACD 或 A,C,D（顺序不限，全角字母和逗号亦可）；判断：正确/错误、对/错、√/×、T/F；填空：各空用；分隔，同一空的多个答案用 | 分隔；简答/案例分析：参考答案'],
	['解析', '选填'],
	['标签', '选填，多个用、分隔'],
	['法规依据', '选填：《法规名称》条款（生效：2015-01-01；失效：2030-12-31），日期可省略；失效后题目标记为待复核'],
	['关联课程', '选填：课程或课时的标识，多个用、分隔'],
	['关联问题', '选填：共性问题清单条目的标识，多个用、分隔'],
	['评分要点', '选填，仅简答/案例分析题'],
	['状态', `选填：${ACCEPTED_STATUS_TEXT}；留空时按导入页面的选择`],
]

export async function bankTemplateFile(format: SpreadsheetFormat) {
	const notes = { name: '填写说明', columns: [{ header: '列', width: 16 }, { header: '说明', width: 100, text: true }], rows: TEMPLATE_NOTES }
	return sheetFile(TEMPLATE_EXAMPLES, format, '题库导入模板', [notes])
}
